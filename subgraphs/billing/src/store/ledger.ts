// The credit ledger: append-only (the application roles may only insert and read it).
import type { Tx } from '@igny8/db';
import { type CreditTransactionType, creditAccounts, creditTransactions } from '@igny8/db/billing';
import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';

export type CreditTransactionRow = typeof creditTransactions.$inferSelect;
export type NewCreditTransaction = typeof creditTransactions.$inferInsert;

/** Appends an entry unless its idempotency key was claimed before; the new row, or undefined. */
export async function appendTransaction(
  tx: Tx,
  values: NewCreditTransaction,
): Promise<CreditTransactionRow | undefined> {
  const [row] = await tx
    .insert(creditTransactions)
    .values(values)
    .onConflictDoNothing({ target: [creditTransactions.accountId, creditTransactions.idempotencyKey] })
    .returning();
  return row;
}

export async function findTransactionByKey(
  tx: Tx,
  accountId: string,
  idempotencyKey: string,
): Promise<CreditTransactionRow | undefined> {
  const [row] = await tx
    .select()
    .from(creditTransactions)
    .where(and(eq(creditTransactions.accountId, accountId), eq(creditTransactions.idempotencyKey, idempotencyKey)));
  return row;
}

export interface TransactionFilter {
  type?: CreditTransactionType | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function filterOf(accountId: string, filter: TransactionFilter): SQL | undefined {
  return and(
    eq(creditTransactions.accountId, accountId),
    filter.type ? eq(creditTransactions.type, filter.type) : undefined,
    filter.from ? gte(creditTransactions.createdAt, filter.from) : undefined,
    filter.to ? lt(creditTransactions.createdAt, filter.to) : undefined,
  );
}

/** Newest first. */
export async function listTransactions(
  tx: Tx,
  accountId: string,
  filter: TransactionFilter,
  page: { limit: number; offset: number },
): Promise<CreditTransactionRow[]> {
  return tx
    .select()
    .from(creditTransactions)
    .where(filterOf(accountId, filter))
    .orderBy(desc(creditTransactions.createdAt), desc(creditTransactions.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countTransactions(tx: Tx, accountId: string, filter: TransactionFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(creditTransactions).where(filterOf(accountId, filter));
  return row?.n ?? 0;
}

export interface LedgerMismatch {
  accountId: string;
  balance: number;
  ledgerSum: number;
}

/**
 * Accounts whose balance (plan + bonus) differs from the sum of their ledger — the invariant
 * every change keeps. Runs across accounts: call it inside `database.system()`.
 */
export async function ledgerMismatches(tx: Tx): Promise<LedgerMismatch[]> {
  const ledgerSum = sql<number>`coalesce(sum(${creditTransactions.amount}), 0)::integer`;
  const balance = sql<number>`(${creditAccounts.planCredits} + ${creditAccounts.bonusCredits})::integer`;
  return tx
    .select({ accountId: creditAccounts.accountId, balance, ledgerSum })
    .from(creditAccounts)
    .leftJoin(creditTransactions, eq(creditTransactions.accountId, creditAccounts.accountId))
    .groupBy(creditAccounts.accountId)
    .having(sql`${creditAccounts.planCredits} + ${creditAccounts.bonusCredits} <> ${ledgerSum}`);
}
