// An account's prompt overrides (the defaults live in domain/prompts-catalog.ts).
import type { Tx } from '@igny8/db';
import { promptOverrides } from '@igny8/db/system';
import { and, eq } from 'drizzle-orm';

export type PromptOverrideRow = typeof promptOverrides.$inferSelect;

export async function listPromptOverrides(tx: Tx, accountId: string): Promise<PromptOverrideRow[]> {
  return tx.select().from(promptOverrides).where(eq(promptOverrides.accountId, accountId));
}

export async function findPromptOverride(
  tx: Tx,
  accountId: string,
  promptType: string,
): Promise<PromptOverrideRow | undefined> {
  const [row] = await tx
    .select()
    .from(promptOverrides)
    .where(and(eq(promptOverrides.accountId, accountId), eq(promptOverrides.promptType, promptType)));
  return row;
}

/** Inserts or replaces the account's text for a prompt type. */
export async function upsertPromptOverride(
  tx: Tx,
  values: { accountId: string; promptType: string; text: string; updatedBy: string },
): Promise<PromptOverrideRow> {
  const [row] = await tx
    .insert(promptOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [promptOverrides.accountId, promptOverrides.promptType],
      set: { text: values.text, updatedBy: values.updatedBy, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

export async function deletePromptOverride(tx: Tx, accountId: string, promptType: string): Promise<void> {
  await tx
    .delete(promptOverrides)
    .where(and(eq(promptOverrides.accountId, accountId), eq(promptOverrides.promptType, promptType)));
}
