// Credit holds: what a queued or running job has set aside, one row per job.
import type { Tx } from '@igny8/db';
import { creditHolds } from '@igny8/db/billing';
import { and, eq, sql } from 'drizzle-orm';

export type CreditHoldRow = typeof creditHolds.$inferSelect;

/** Records the hold unless the job has one already; the new row, or undefined. */
export async function insertHoldIfAbsent(
  tx: Tx,
  values: typeof creditHolds.$inferInsert,
): Promise<CreditHoldRow | undefined> {
  const [row] = await tx
    .insert(creditHolds)
    .values(values)
    .onConflictDoNothing({ target: [creditHolds.accountId, creditHolds.jobId] })
    .returning();
  return row;
}

/** The job's hold, locked until the transaction ends: captures and releases of one job queue up. */
export async function lockHold(tx: Tx, accountId: string, jobId: string): Promise<CreditHoldRow | undefined> {
  const [row] = await tx
    .select()
    .from(creditHolds)
    .where(and(eq(creditHolds.accountId, accountId), eq(creditHolds.jobId, jobId)))
    .for('update');
  return row;
}

export async function findHold(tx: Tx, accountId: string, jobId: string): Promise<CreditHoldRow | undefined> {
  const [row] = await tx
    .select()
    .from(creditHolds)
    .where(and(eq(creditHolds.accountId, accountId), eq(creditHolds.jobId, jobId)));
  return row;
}

export async function settleHold(
  tx: Tx,
  accountId: string,
  jobId: string,
  outcome: { status: 'captured'; chargedCredits: number } | { status: 'released' },
): Promise<CreditHoldRow> {
  const [row] = await tx
    .update(creditHolds)
    .set({ ...outcome, settledAt: sql`now()` })
    .where(and(eq(creditHolds.accountId, accountId), eq(creditHolds.jobId, jobId)))
    .returning();
  return row!;
}
