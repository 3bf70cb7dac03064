// The header's bell: how many notifications are unread, and a panel with the newest ones — a job
// that finished or failed, credits running low — each marked read on its own or all at once.
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  MarkNotificationsReadDocument,
  type NotificationItemFragment,
  type NotificationSeverity,
  RecentNotificationsDocument,
  UnreadNotificationCountDocument,
} from '../gql/graphql';
import { useOnJobsChanged } from '../jobs/live';
import { Banner } from '../ui/Banner';
import { describeError } from '../ui/errors';
import { formatDateTime } from '../ui/format';
import { Badge, Loading } from '../ui/PageHeader';
import './notifications.css';

const RECENT = 10;
const TONE: Record<NotificationSeverity, 'neutral' | 'success' | 'warning' | 'danger'> = {
  INFO: 'neutral',
  SUCCESS: 'success',
  WARNING: 'warning',
  ERROR: 'danger',
};
const SEVERITY_LABEL: Record<NotificationSeverity, string> = {
  INFO: 'Info',
  SUCCESS: 'Done',
  WARNING: 'Warning',
  ERROR: 'Failed',
};
// After marking read, the badge and the list both change.
const REFRESH = { refetchQueries: [UnreadNotificationCountDocument, RecentNotificationsDocument] };

function NotificationRow({ item, onOpen }: { item: NotificationItemFragment; onOpen: () => void }) {
  const [markRead, { loading }] = useMutation(MarkNotificationsReadDocument, REFRESH);
  return (
    <li
      className={item.isRead ? 'notification-row' : 'notification-row notification-unread'}
      data-testid="notification"
      aria-label={`${item.title}${item.isRead ? '' : ' (unread)'}`}
    >
      <div className="notification-head">
        {item.link ? (
          <Link className="cell-title" to={item.link} onClick={onOpen}>
            {item.title}
          </Link>
        ) : (
          <strong>{item.title}</strong>
        )}
        <Badge tone={TONE[item.severity]}>{SEVERITY_LABEL[item.severity]}</Badge>
      </div>
      {item.message && <p className="notification-message">{item.message}</p>}
      <div className="notification-foot">
        <span className="muted">{formatDateTime(item.createdAt)}</span>
        {!item.isRead && (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={loading}
            aria-label={`Mark “${item.title}” read`}
            onClick={() => void markRead({ variables: { input: { ids: [item.id] } } })}
          >
            Mark read
          </button>
        )}
      </div>
    </li>
  );
}

function RecentNotifications({ onOpen }: { onOpen: () => void }) {
  const { data, error, loading } = useQuery(RecentNotificationsDocument, {
    variables: { first: RECENT },
    fetchPolicy: 'cache-and-network',
  });
  if (loading && !data) return <Loading label="Loading notifications…" />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const items = data.notifications.edges.map((edge) => edge.node);
  if (items.length === 0) {
    return <p className="empty">Nothing yet. Finished and failed jobs and low credits show up here.</p>;
  }
  return (
    <ul className="notification-list">
      {items.map((item) => (
        <NotificationRow key={item.id} item={item} onOpen={onOpen} />
      ))}
    </ul>
  );
}

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const bell = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { data, refetch } = useQuery(UnreadNotificationCountDocument);
  const [markAll, markingAll] = useMutation(MarkNotificationsReadDocument, REFRESH);
  // A job that ends notifies whoever started it.
  useOnJobsChanged(() => void refetch());
  const unread = data?.unreadNotificationCount ?? 0;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!bell.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="notification-bell" ref={bell}>
      <button
        ref={button}
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={() => setOpen((was) => !was)}
      >
        Notifications
        {unread > 0 && (
          <span className="notification-count" data-testid="unread-notifications">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <section className="notification-panel" id={panelId} aria-label="Notifications">
          <div className="notification-panel-head">
            <h2 className="notification-panel-title">Notifications</h2>
            {unread > 0 && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={markingAll.loading}
                onClick={() => void markAll({ variables: { input: { all: true } } })}
              >
                Mark all read
              </button>
            )}
          </div>
          {markingAll.error && <Banner tone="error">{describeError(markingAll.error, []).message}</Banner>}
          <RecentNotifications onOpen={() => setOpen(false)} />
        </section>
      )}
    </div>
  );
}
