// Reading the ledger and the usage log: the account's transactions, and usage per day/operation.
import type { CreditTransactionType } from '@igny8/db/billing';
import { BadUserInputError, type Caller, type PageWindow, pageOf } from '@igny8/lib';
import * as ledgerStore from '../store/ledger.js';
import type { UsageRow } from '../store/usage.js';
import * as usageStore from '../store/usage.js';
import { ensureCreditAccount } from './accounts.js';
import type { BillingServices } from './services.js';

export type { CreditTransactionRow } from '../store/ledger.js';
export type { UsageRow } from '../store/usage.js';

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

export interface UsageReport {
  from: Date;
  to: Date;
  rows: UsageRow[];
  totalCredits: number;
  totalCalls: number;
  totalInputTokens: number;
  totalOutputTokens: number;
}

/** The report's totals over its rows. */
export function summarizeUsage(range: { from: Date; to: Date }, rows: UsageRow[]): UsageReport {
  const sum = (pick: (row: UsageRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    ...range,
    rows,
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
  args: { from?: Date | null; to?: Date | null },
  now = new Date(),
): Promise<UsageReport> {
  const { accountId } = caller;
  const to = args.to ?? now;
  const from = args.from ?? new Date(to.getTime() - DEFAULT_USAGE_DAYS * DAY_MS);
  assertRange(from, to);
  if (to.getTime() - from.getTime() > MAX_USAGE_DAYS * DAY_MS) {
    throw BadUserInputError.field('from', `the range can span at most ${MAX_USAGE_DAYS} days`);
  }
  const rows = await s.database.tenant(accountId, (tx) =>
    usageStore.usageByDayAndOperation(tx, accountId, { from, to }),
  );
  return summarizeUsage({ from, to }, rows);
}
