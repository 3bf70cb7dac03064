// The header bell: a member's notifications (list, unread count, mark read), and the service-only
// `notify` other subgraphs call when something happened (a job ended, credits ran low).
import type { NotificationSeverity } from '@igny8/db/system';
import { type Caller, NotFoundError, type PageWindow, pageOf } from '@igny8/lib';
import type { NotificationFilter, NotificationRow } from '../store/notifications.js';
import * as notificationsStore from '../store/notifications.js';
import type { SystemServices } from './services.js';

export type { NotificationFilter, NotificationRow } from '../store/notifications.js';

export function listNotifications(
  s: SystemServices,
  caller: Caller,
  input: { filter: NotificationFilter; page: PageWindow },
) {
  return s.database.tenant(caller.accountId, (tx) =>
    pageOf(
      input.page,
      () => notificationsStore.countNotifications(tx, caller.accountId, caller.userId, input.filter),
      (page) => notificationsStore.listNotifications(tx, caller.accountId, caller.userId, { ...input.filter, ...page }),
    ),
  );
}

export async function getNotification(s: SystemServices, caller: Caller, id: string): Promise<NotificationRow> {
  const row = await s.database.tenant(caller.accountId, (tx) =>
    notificationsStore.findNotification(tx, caller.accountId, caller.userId, id),
  );
  if (!row) throw new NotFoundError('Notification', id);
  return row;
}

export function countUnreadNotifications(s: SystemServices, caller: Caller): Promise<number> {
  return s.database.tenant(caller.accountId, (tx) =>
    notificationsStore.countNotifications(tx, caller.accountId, caller.userId, { unread: true }),
  );
}

/**
 * Marks the caller's notifications read: those ids, or all of them when `ids` is null. An id that
 * is not one of the caller's notifications (another member's, another account's, unknown) is
 * NotFound and nothing changes; one already read is fine. Answers how many were unread before.
 */
export function markNotificationsRead(
  s: SystemServices,
  caller: Caller,
  ids: readonly string[] | null,
): Promise<{ marked: number; unreadCount: number }> {
  return s.database.tenant(caller.accountId, async (tx) => {
    if (ids) {
      const wanted = [...new Set(ids)];
      const owned = new Set(await notificationsStore.findOwnedIds(tx, caller.accountId, caller.userId, wanted));
      const missing = wanted.find((id) => !owned.has(id));
      if (missing) throw new NotFoundError('Notification', missing);
    }
    const marked = await notificationsStore.markRead(tx, caller.accountId, caller.userId, ids);
    const unreadCount = await notificationsStore.countNotifications(tx, caller.accountId, caller.userId, {
      unread: true,
    });
    return { marked: marked.length, unreadCount };
  });
}

export interface NotifyInput {
  accountId: string;
  /** The member to tell; when absent, the account's owners and admins (who can act on billing). */
  userId?: string | null | undefined;
  kind: string;
  severity: NotificationSeverity;
  title: string;
  message?: string | null | undefined;
  link?: string | null | undefined;
  /** Names the event: the same event notifies a member once, however often it is sent. */
  sourceKey: string;
}

/** Records a notification for its members (service only); answers how many were new. */
export function notify(s: SystemServices, input: NotifyInput): Promise<number> {
  return s.database.tenant(input.accountId, async (tx) => {
    const recipients = await notificationsStore.findRecipients(
      tx,
      input.accountId,
      input.userId ? { userIds: [input.userId] } : { roles: ['owner', 'admin'] },
    );
    return notificationsStore.insertForMembers(tx, input.accountId, recipients, {
      kind: input.kind,
      severity: input.severity,
      title: input.title,
      message: input.message ?? '',
      link: input.link ?? null,
      sourceKey: input.sourceKey,
    });
  });
}
