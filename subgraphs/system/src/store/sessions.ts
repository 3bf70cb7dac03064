// Refresh-token families and password-reset tokens; only hashes are stored.
import type { Tx } from '@igny8/db';
import { passwordResets, refreshTokens } from '@igny8/db/system';
import { and, eq, isNull } from 'drizzle-orm';

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

export async function revokeFamily(tx: Tx, accountId: string, familyId: string): Promise<void> {
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
