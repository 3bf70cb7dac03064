// The usage log: one row per charged AI job (credits, tokens, model), and its day/operation report.
import type { Tx } from '@igny8/db';
import { creditUsageLogs } from '@igny8/db/billing';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';

export type CreditUsageLogRow = typeof creditUsageLogs.$inferSelect;

/** Logs the usage unless the job has logged it before. */
export async function insertUsageLog(tx: Tx, values: typeof creditUsageLogs.$inferInsert): Promise<void> {
  await tx
    .insert(creditUsageLogs)
    .values(values)
    .onConflictDoNothing({ target: [creditUsageLogs.accountId, creditUsageLogs.jobId] });
}

export interface UsageRow {
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  operation: string;
  credits: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface SiteUsageRow {
  /** Null for work that was for no site (image tests, …). */
  siteId: string | null;
  credits: number;
  calls: number;
}

/** Usage in [from, to) summed per site, the most credits first. */
export async function usageBySite(tx: Tx, accountId: string, range: { from: Date; to: Date }): Promise<SiteUsageRow[]> {
  const credits = sql<number>`sum(${creditUsageLogs.credits})::integer`;
  return tx
    .select({ siteId: creditUsageLogs.siteId, credits, calls: sql<number>`count(*)::integer` })
    .from(creditUsageLogs)
    .where(
      and(
        eq(creditUsageLogs.accountId, accountId),
        gte(creditUsageLogs.createdAt, range.from),
        lt(creditUsageLogs.createdAt, range.to),
      ),
    )
    .groupBy(creditUsageLogs.siteId)
    .orderBy(sql`${credits} desc`, asc(creditUsageLogs.siteId));
}

/** Usage in [from, to) summed per UTC day and operation, oldest day first. */
export async function usageByDayAndOperation(
  tx: Tx,
  accountId: string,
  range: { from: Date; to: Date },
): Promise<UsageRow[]> {
  const day = sql<string>`to_char(${creditUsageLogs.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  return tx
    .select({
      day,
      operation: creditUsageLogs.operation,
      credits: sql<number>`sum(${creditUsageLogs.credits})::integer`,
      calls: sql<number>`count(*)::integer`,
      inputTokens: sql<number>`sum(${creditUsageLogs.inputTokens})::integer`,
      outputTokens: sql<number>`sum(${creditUsageLogs.outputTokens})::integer`,
    })
    .from(creditUsageLogs)
    .where(
      and(
        eq(creditUsageLogs.accountId, accountId),
        gte(creditUsageLogs.createdAt, range.from),
        lt(creditUsageLogs.createdAt, range.to),
      ),
    )
    .groupBy(day, creditUsageLogs.operation)
    .orderBy(asc(day), asc(creditUsageLogs.operation));
}
