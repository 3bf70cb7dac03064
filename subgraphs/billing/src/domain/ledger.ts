// Reading the ledger and the usage log: the account's transactions, and usage per day/operation.
import type { CreditTransactionType } from '@igny8/db/billing';
import { BadUserInputError, type Caller, type PageWindow, pageOf } from '@igny8/lib';
import * as ledgerStore from '../store/ledger.js';
import type { SiteUsageRow, UsageRow } from '../store/usage.js';
import * as usageStore from '../store/usage.js';
import { ensureCreditAccount } from './accounts.js';
import type { BillingServices } from './services.js';

export type { CreditTransactionRow } from '../store/ledger.js';
export type { SiteUsageRow, UsageRow } from '../store/usage.js';

const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_USAGE_DAYS = 30;
export const MAX_USAGE_DAYS = 366;

function assertRange(from: Date | null | undefined, to: Date | null | undefined): void {
  if (from && to && from.getTime() >= to.getTime()) {
    throw BadUserInputError.field('from', 'must be before to (now, when to is not given)');
  }
}

export async function listCreditTransactions(
  s: BillingServices,
  caller: Caller,
  input: { type?: CreditTransactionType | null; from?: Date | null; to?: Date | null; page: PageWindow },
) {
  const { accountId } = caller;
  assertRange(input.from, input.to);
  await ensureCreditAccount(s, accountId, caller.requestId);
  const filter = { type: input.type ?? undefined, from: input.from ?? undefined, to: input.to ?? undefined };
  return s.database.tenant(accountId, (tx) =>
    pageOf(
      input.page,
      () => ledgerStore.countTransactions(tx, accountId, filter),
      (page) => ledgerStore.listTransactions(tx, accountId, filter, page),
    ),
  );
}

export interface UsageTotal {
  credits: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageReport {
  from: Date;
  to: Date;
  rows: UsageRow[];
  /** Every UTC day of the range, oldest first, days without usage as zeros (a chart's points). */
  byDay: (UsageTotal & { day: string })[];
  /** Per operation, the most credits first. */
  byOperation: (UsageTotal & { operation: string })[];
  bySite: SiteUsageRow[];
  totalCredits: number;
  totalCalls: number;
  totalInputTokens: number;
  totalOutputTokens: number;
}

const ZERO: UsageTotal = { credits: 0, calls: 0, inputTokens: 0, outputTokens: 0 };
const plus = (a: UsageTotal, b: UsageTotal): UsageTotal => ({
  credits: a.credits + b.credits,
  calls: a.calls + b.calls,
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
});

/** The UTC days (YYYY-MM-DD) that [from, to) touches, oldest first. */
function daysOf(range: { from: Date; to: Date }): string[] {
  const days: string[] = [];
  const day = new Date(Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth(), range.from.getUTCDate()));
  for (; day < range.to; day.setUTCDate(day.getUTCDate() + 1)) days.push(day.toISOString().slice(0, 10));
  return days;
}

/** The report's totals, days and operations over its rows (day × operation), and its sites. */
export function summarizeUsage(
  range: { from: Date; to: Date },
  rows: UsageRow[],
  bySite: SiteUsageRow[] = [],
): UsageReport {
  const sum = (pick: (row: UsageRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const days = new Map(daysOf(range).map((day) => [day, ZERO]));
  const operations = new Map<string, UsageTotal>();
  for (const row of rows) {
    days.set(row.day, plus(days.get(row.day) ?? ZERO, row));
    operations.set(row.operation, plus(operations.get(row.operation) ?? ZERO, row));
  }
  return {
    ...range,
    rows,
    byDay: [...days].map(([day, total]) => ({ day, ...total })),
    byOperation: [...operations]
      .map(([operation, total]) => ({ operation, ...total }))
      .sort((a, b) => b.credits - a.credits || a.operation.localeCompare(b.operation)),
    bySite,
    totalCredits: sum((r) => r.credits),
    totalCalls: sum((r) => r.calls),
    totalInputTokens: sum((r) => r.inputTokens),
    totalOutputTokens: sum((r) => r.outputTokens),
  };
}

/** Usage in [from, to) per UTC day and operation; the last 30 days by default, a year at most. */
export async function getCreditUsage(
  s: BillingServices,
  caller: Caller,
  args: { from?: Date | null; to?: Date | null; days?: number | null },
  now = new Date(),
): Promise<UsageReport> {
  const { accountId } = caller;
  if (args.days != null && args.from != null) {
    throw BadUserInputError.field('days', 'give days or from, not both');
  }
  const to = args.to ?? now;
  const from = args.from ?? new Date(to.getTime() - (args.days ?? DEFAULT_USAGE_DAYS) * DAY_MS);
  assertRange(from, to);
  if (to.getTime() - from.getTime() > MAX_USAGE_DAYS * DAY_MS) {
    throw BadUserInputError.field('from', `the range can span at most ${MAX_USAGE_DAYS} days`);
  }
  const [rows, sites] = await s.database.tenant(accountId, async (tx) => [
    await usageStore.usageByDayAndOperation(tx, accountId, { from, to }),
    await usageStore.usageBySite(tx, accountId, { from, to }),
  ]);
  return summarizeUsage({ from, to }, rows, sites);
}
