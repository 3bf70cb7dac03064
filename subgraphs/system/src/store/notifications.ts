// The header bell's notifications: each row is one member's; every query names the member.
import type { Tx } from '@igny8/db';
import { notifications, type Role, users } from '@igny8/db/system';
import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NotificationFilter {
  unread?: boolean | undefined;
}

function mine(accountId: string, userId: string, filter: NotificationFilter = {}): SQL {
  const parts: SQL[] = [eq(notifications.accountId, accountId), eq(notifications.userId, userId)];
  if (filter.unread === true) parts.push(isNull(notifications.readAt));
  if (filter.unread === false) parts.push(sql`${notifications.readAt} is not null`);
  return and(...parts)!;
}

/** Newest first. */
export function listNotifications(
  tx: Tx,
  accountId: string,
  userId: string,
  q: NotificationFilter & { limit: number; offset: number },
): Promise<NotificationRow[]> {
  return tx
    .select()
    .from(notifications)
    .where(mine(accountId, userId, q))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit)
    .offset(q.offset);
}

export async function countNotifications(
  tx: Tx,
  accountId: string,
  userId: string,
  filter: NotificationFilter = {},
): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(mine(accountId, userId, filter));
  return row?.n ?? 0;
}

export async function findNotification(
  tx: Tx,
  accountId: string,
  userId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  const [row] = await tx
    .select()
    .from(notifications)
    .where(and(mine(accountId, userId), eq(notifications.id, id)));
  return row;
}

/** Marks the member's notifications read: those ids (all when absent); answers the ids it changed. */
export async function markRead(
  tx: Tx,
  accountId: string,
  userId: string,
  ids: readonly string[] | null,
): Promise<string[]> {
  const where = [mine(accountId, userId, { unread: true })];
  if (ids) where.push(inArray(notifications.id, [...ids]));
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(...where))
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

/** Of these ids, the ones that are the member's (read or not). */
export async function findOwnedIds(
  tx: Tx,
  accountId: string,
  userId: string,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(mine(accountId, userId), inArray(notifications.id, [...ids])));
  return rows.map((r) => r.id);
}

export type NotificationValues = Pick<
  typeof notifications.$inferInsert,
  'kind' | 'severity' | 'title' | 'message' | 'link' | 'sourceKey'
>;

/** The active members among these ids, or (ids absent) the active members with one of these roles. */
export async function findRecipients(
  tx: Tx,
  accountId: string,
  who: { userIds: readonly string[] } | { roles: readonly Role[] },
): Promise<string[]> {
  const pick = 'userIds' in who ? inArray(users.id, [...who.userIds]) : inArray(users.role, [...who.roles]);
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.status, 'active'), pick));
  return rows.map((r) => r.id);
}

/** One notification to each member; a member already notified of `sourceKey` is not notified again. */
export async function insertForMembers(
  tx: Tx,
  accountId: string,
  userIds: readonly string[],
  values: NotificationValues,
): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ ...values, accountId, userId })))
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return rows.length;
}
