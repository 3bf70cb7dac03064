// The outbox: mails the platform kept instead of sending (no SMTP server is configured), so a
// developer can read them and follow their links.
import { useQuery } from '@apollo/client/react';
import { AdminOutboxDocument, type AdminOutboxQuery } from '../../gql/graphql';
import { Banner } from '../../ui/Banner';
import { describeError } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import './AdminOutbox.css';

/** The outbox lists at most this many (the API's limit): the newest first. */
const NEWEST = 50;

function OutboxMailCard({ mail }: { mail: AdminOutboxQuery['outboxMails'][number] }) {
  return (
    <article data-testid="outbox-mail" aria-label={mail.subject}>
      <Card
        title={mail.subject}
        description={
          <>
            To {mail.to} · {formatDateTime(mail.createdAt)} · <Badge>{mail.kind}</Badge>
          </>
        }
      >
        <ul className="outbox-links">
          {mail.links.map((link) => (
            <li key={link.name}>
              <a href={link.url}>{link.name}</a>
            </li>
          ))}
        </ul>
        <details>
          <summary>Text part</summary>
          <pre className="outbox-text">{mail.text}</pre>
        </details>
        <details>
          <summary>HTML part</summary>
          {/* Sandboxed without scripts: the mail renders, nothing in it runs. */}
          <iframe title={`HTML part of ${mail.subject}`} sandbox="" srcDoc={mail.html} className="outbox-html" />
        </details>
      </Card>
    </article>
  );
}

export function AdminOutboxPage() {
  const { data, error, loading } = useQuery(AdminOutboxDocument, {
    variables: { first: NEWEST },
    fetchPolicy: 'cache-and-network',
  });
  if (loading && !data) return <Loading />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  return (
    <div className="page page-narrow">
      <PageHeader
        title="Outbox"
        description={`Mail kept in DATA_DIR/outbox because no SMTP server is configured (SMTP_URL or SMTP_HOST), newest first; the latest ${NEWEST}.`}
      />
      {data.outboxMails.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">The outbox is empty</p>
          <p className="muted">Nothing was kept: no mail was sent yet, or an SMTP server delivers it.</p>
        </div>
      ) : (
        <div className="site-list">
          {data.outboxMails.map((mail) => (
            <OutboxMailCard key={mail.id} mail={mail} />
          ))}
        </div>
      )}
    </div>
  );
}
