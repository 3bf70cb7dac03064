// Refresh-token families and password-reset tokens (only hashes are stored), and the state that
// decides whether an access token still stands.
import type { Tx } from '@igny8/db';
import { apiKeys, passwordResets, refreshTokens, users } from '@igny8/db/system';
import { publishRevocation, REMOVED_VERSION, type TokenState } from '@igny8/lib';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type PasswordResetRow = typeof passwordResets.$inferSelect;

export async function insertRefreshToken(tx: Tx, values: typeof refreshTokens.$inferInsert): Promise<void> {
  await tx.insert(refreshTokens).values(values);
}

/** Cross-account lookup by hash: only inside `system()`. Locks the row against a racing rotation. */
export async function findRefreshTokenForUpdate(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).for('update');
  return row;
}

export async function markRefreshTokenUsed(tx: Tx, accountId: string, id: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(refreshTokens.accountId, accountId), eq(refreshTokens.id, id)));
}

/** Ends a sign-in: its refresh tokens, and (at commit) the access tokens issued in it (`sid`). */
export async function revokeFamily(tx: Tx, accountId: string, userId: string, familyId: string): Promise<void> {
  await publishRevocation(tx, { userId, sessionId: familyId });
  await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.accountId, accountId),
        eq(refreshTokens.familyId, familyId),
        isNull(refreshTokens.revokedAt),
      ),
    );
}

/**
 * Revokes every refresh token of the user. Their access tokens stop with the token version, which
 * `updateUser` raises with the password and `bumpTokenVersion` for a sign-out everywhere.
 */
export async function revokeUserSessions(tx: Tx, accountId: string, userId: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(refreshTokens.accountId, accountId), eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)),
    );
}

export async function insertPasswordReset(tx: Tx, values: typeof passwordResets.$inferInsert): Promise<void> {
  await tx.insert(passwordResets).values(values);
}

/** Cross-account lookup by hash: only inside `system()`. */
export async function findPasswordResetForUpdate(tx: Tx, tokenHash: string): Promise<PasswordResetRow | undefined> {
  const [row] = await tx.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).for('update');
  return row;
}

export async function markPasswordResetUsed(tx: Tx, accountId: string, id: string): Promise<void> {
  await tx
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.accountId, accountId), eq(passwordResets.id, id)));
}

/**
 * Whether an access token of `userId` in session `sessionId` (a refresh-token family, or an API
 * key when `apiKey`) still stands: one statement. A removed member gets REMOVED_VERSION.
 */
export async function findTokenState(
  tx: Tx,
  accountId: string,
  userId: string,
  sessionId: string,
  apiKey: boolean,
): Promise<TokenState> {
  const sessionLive = apiKey
    ? sql<boolean>`exists (${tx
        .select({ one: sql`1` })
        .from(apiKeys)
        .where(
          and(
            eq(apiKeys.accountId, accountId),
            eq(apiKeys.id, sessionId),
            isNull(apiKeys.revokedAt),
            or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
          ),
        )})`
    : sql<boolean>`exists (${tx
        .select({ one: sql`1` })
        .from(refreshTokens)
        .where(
          and(
            eq(refreshTokens.accountId, accountId),
            eq(refreshTokens.familyId, sessionId),
            isNull(refreshTokens.revokedAt),
          ),
        )})`;
  const [row] = await tx
    .select({ version: users.tokenVersion, status: users.status, sessionLive })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)));
  if (!row) return { version: REMOVED_VERSION, active: false, sessionLive: false };
  return { version: row.version, active: row.status === 'active', sessionLive: row.sessionLive };
}
