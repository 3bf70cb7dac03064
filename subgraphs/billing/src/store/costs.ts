// What each AI operation costs: a global, admin-editable table (the tenant role may only read it).
import type { Tx } from '@igny8/db';
import { creditCostConfigs } from '@igny8/db/billing';
import { asc, eq, sql } from 'drizzle-orm';

export type CreditCostRow = typeof creditCostConfigs.$inferSelect;

/** Inserts the costs that are missing; existing rows (an admin's edits) stay as they are. */
export async function insertMissingCosts(tx: Tx, rows: (typeof creditCostConfigs.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(creditCostConfigs).values(rows).onConflictDoNothing({ target: creditCostConfigs.operation });
}

export async function listCosts(tx: Tx): Promise<CreditCostRow[]> {
  return tx.select().from(creditCostConfigs).orderBy(asc(creditCostConfigs.operation));
}

export async function findCost(tx: Tx, operation: string): Promise<CreditCostRow | undefined> {
  const [row] = await tx.select().from(creditCostConfigs).where(eq(creditCostConfigs.operation, operation));
  return row;
}

export type CostChanges = Partial<Pick<CreditCostRow, 'credits' | 'displayName' | 'isActive'>>;

export async function updateCost(
  tx: Tx,
  operation: string,
  changes: CostChanges,
  updatedBy: string,
): Promise<CreditCostRow | undefined> {
  const [row] = await tx
    .update(creditCostConfigs)
    .set({ ...changes, updatedBy, updatedAt: sql`now()` })
    .where(eq(creditCostConfigs.operation, operation))
    .returning();
  return row;
}
