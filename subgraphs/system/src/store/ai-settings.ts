// An account's AI settings (one row per account; none means the platform default).
import type { Tx } from '@igny8/db';
import { aiSettings } from '@igny8/db/system';
import { eq } from 'drizzle-orm';

export type AiSettingsRow = typeof aiSettings.$inferSelect;
export type AiSettingsValues = Omit<typeof aiSettings.$inferInsert, 'updatedAt'>;

export async function findAiSettings(tx: Tx, accountId: string): Promise<AiSettingsRow | undefined> {
  const [row] = await tx.select().from(aiSettings).where(eq(aiSettings.accountId, accountId));
  return row;
}

/** Writes the whole row: the domain merged the change into what was stored. */
export async function saveAiSettings(tx: Tx, values: AiSettingsValues): Promise<AiSettingsRow> {
  const { accountId: _accountId, ...changes } = values;
  const [row] = await tx
    .insert(aiSettings)
    .values(values)
    .onConflictDoUpdate({ target: aiSettings.accountId, set: { ...changes, updatedAt: new Date() } })
    .returning();
  return row!;
}
