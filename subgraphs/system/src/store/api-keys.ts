// Account API keys: a public prefix to find the key, a hash of the secret to check it.
import type { Tx } from '@igny8/db';
import { apiKeys } from '@igny8/db/system';
import { publishRevocation } from '@igny8/lib';
import { and, count, desc, eq, isNull } from 'drizzle-orm';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertApiKey(tx: Tx, values: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [row] = await tx.insert(apiKeys).values(values).returning();
  return row!;
}

/** A page of the account's keys, revoked ones included, newest first. */
export async function listApiKeys(
  tx: Tx,
  accountId: string,
  page: { limit: number; offset: number },
): Promise<ApiKeyRow[]> {
  return tx
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.accountId, accountId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countApiKeys(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(apiKeys).where(eq(apiKeys.accountId, accountId));
  return row?.n ?? 0;
}

export async function findApiKey(tx: Tx, accountId: string, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.accountId, accountId), eq(apiKeys.id, id)));
  return row;
}

/** Cross-account lookup by prefix: only inside `system()`. */
export async function findApiKeyByPrefix(tx: Tx, prefix: string): Promise<ApiKeyRow | undefined> {
  const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
  return row;
}

export async function revokeApiKey(tx: Tx, accountId: string, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.accountId, accountId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  // A key is the session of the tokens exchanged for it: they stop at commit, not when they expire.
  if (row) await publishRevocation(tx, { userId: row.createdBy, sessionId: row.id });
  return row;
}

export async function revokeKeysCreatedBy(tx: Tx, accountId: string, userId: string): Promise<void> {
  const revoked = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.accountId, accountId), eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  for (const { id } of revoked) await publishRevocation(tx, { userId, sessionId: id });
}

export async function touchApiKey(tx: Tx, accountId: string, id: string): Promise<void> {
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.accountId, accountId), eq(apiKeys.id, id)));
}
