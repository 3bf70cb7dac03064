// Members of an account. Emails are unique across the platform, compared case-insensitively.
import type { Tx } from '@igny8/db';
import { type Role, users } from '@igny8/db/system';
import { publishRevocation, REMOVED_VERSION } from '@igny8/lib';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;

export async function insertUser(tx: Tx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row!;
}

/** Cross-account lookup by email: only inside `system()` (login, registration, password reset). */
export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function findUserByInviteHash(tx: Tx, tokenHash: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.inviteTokenHash, tokenHash));
  return row;
}

export async function findUser(tx: Tx, accountId: string, userId: string): Promise<UserRow | undefined> {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)));
  return row;
}

export async function findUsersByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.id, [...ids])));
}

/** A page of the account's members, invited ones included, oldest first. */
export async function listMembers(
  tx: Tx,
  accountId: string,
  page: { limit: number; offset: number },
): Promise<UserRow[]> {
  return tx
    .select()
    .from(users)
    .where(eq(users.accountId, accountId))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countMembers(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(users).where(eq(users.accountId, accountId));
  return row?.n ?? 0;
}

/** Members that count against the plan's user limit: active and invited. */
export async function countSeats(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.accountId, accountId), ne(users.status, 'disabled')));
  return row?.n ?? 0;
}

export async function countOwners(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, 'owner'), eq(users.status, 'active')));
  return row?.n ?? 0;
}

/** Locks the account's owner rows so two concurrent demotions cannot both pass the last-owner check. */
export async function lockOwners(tx: Tx, accountId: string): Promise<void> {
  await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, 'owner')))
    .for('update');
}

export type UserChanges = Partial<
  Pick<
    UserRow,
    | 'role'
    | 'status'
    | 'passwordHash'
    | 'firstName'
    | 'lastName'
    | 'username'
    | 'preferences'
    | 'lastLoginAt'
    | 'inviteTokenHash'
  >
>;

/** Changes that end the member's access tokens: they were signed for the old role, status or password. */
const REVOKING_CHANGES = ['role', 'status', 'passwordHash'] as const;

/**
 * Updates a member. A change of role, status or password raises their token version and says so
 * on the revocation channel (at commit): tokens signed before stop working in every process.
 */
export async function updateUser(tx: Tx, accountId: string, userId: string, changes: UserChanges): Promise<UserRow> {
  const revokes = REVOKING_CHANGES.some((field) => changes[field] !== undefined);
  const [row] = await tx
    .update(users)
    .set(revokes ? { ...changes, tokenVersion: sql`${users.tokenVersion} + 1` } : changes)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .returning();
  if (revokes && row) await announceTokenVersion(tx, row);
  return row!;
}

/** Signs the member out everywhere: every access token signed before stops working. */
export async function bumpTokenVersion(tx: Tx, accountId: string, userId: string): Promise<UserRow | undefined> {
  const [row] = await tx
    .update(users)
    .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .returning();
  if (row) await announceTokenVersion(tx, row);
  return row;
}

const announceTokenVersion = (tx: Tx, row: UserRow) =>
  publishRevocation(tx, { userId: row.id, version: row.tokenVersion, active: row.status === 'active' });

export async function deleteUser(tx: Tx, accountId: string, userId: string): Promise<void> {
  await tx.delete(users).where(and(eq(users.accountId, accountId), eq(users.id, userId)));
  await publishRevocation(tx, { userId, version: REMOVED_VERSION, active: false });
}

export type { Role };
