// Credit accounts: opened lazily with the plan's credits, read as balances, adjusted by the
// platform operator.
import { BadUserInputError, type Caller, ForbiddenError } from '@igny8/lib';
import type { CreditAccountRow } from '../store/accounts.js';
import * as accountsStore from '../store/accounts.js';
import type { CreditTransactionRow } from '../store/ledger.js';
import * as ledgerStore from '../store/ledger.js';
import type { BillingServices } from './services.js';

export interface CreditBalance {
  accountId: string;
  planCredits: number;
  bonusCredits: number;
  /** Held by queued or running jobs. */
  reserved: number;
  /** planCredits + bonusCredits: what the ledger sums to. */
  balance: number;
  /** balance − reserved: what a new job can use. */
  available: number;
}

export function balanceOf(row: CreditAccountRow): CreditBalance {
  const balance = row.planCredits + row.bonusCredits;
  return {
    accountId: row.accountId,
    planCredits: row.planCredits,
    bonusCredits: row.bonusCredits,
    reserved: row.reserved,
    balance,
    available: balance - row.reserved,
  };
}

/** Past this many remembered accounts the memory starts over (a re-check costs one SELECT). */
const OPENED_MEMORY = 100_000;

/**
 * Opens the account's credits the first time billing touches it: the plan's included credits,
 * with a 'subscription' entry in the ledger. Safe when requests race: only the transaction that
 * inserts the row writes the entry (and its idempotency key could be claimed only once anyway).
 */
export async function ensureCreditAccount(s: BillingServices, accountId: string, requestId?: string): Promise<void> {
  if (s.openedAccounts.has(accountId)) return;
  const exists = await s.database.tenant(accountId, (tx) => accountsStore.findCreditAccount(tx, accountId));
  if (!exists) {
    const profile = await s.plans.creditProfile(accountId, requestId);
    await s.database.tenant(accountId, async (tx) => {
      if (!(await accountsStore.insertCreditAccountIfAbsent(tx, accountId, profile.includedCredits))) return;
      await ledgerStore.appendTransaction(tx, {
        accountId,
        type: 'subscription',
        amount: profile.includedCredits,
        balanceAfter: profile.includedCredits,
        description: `Opening credits of the ${profile.planName} plan`,
        idempotencyKey: `opening:${accountId}`,
        metadata: { planSlug: profile.planSlug },
      });
    });
  }
  if (s.openedAccounts.size >= OPENED_MEMORY) s.openedAccounts.clear();
  s.openedAccounts.add(accountId);
}

/** The credits of the caller's account, or of the account named (its members and the platform operator). */
/** The caller's own account's credits; the platform operator may read any account's. */
export const mayReadCredits = (caller: Caller | null, accountId: string) =>
  !!caller && (caller.accountId === accountId || caller.role === 'developer');

export async function getCreditBalance(s: BillingServices, caller: Caller, accountId = caller.accountId) {
  if (!mayReadCredits(caller, accountId))
    throw new ForbiddenError("Only the account's own members can see its credits.");
  await ensureCreditAccount(s, accountId, caller.requestId);
  const row = await s.database.tenant(accountId, (tx) => accountsStore.findCreditAccount(tx, accountId));
  return balanceOf(row!);
}

/**
 * Platform operator: adds credits (to the bonus pool: they never expire and survive the plan's
 * renewal) or removes them (from the bonus pool first, so taking back a grant undoes exactly
 * it, then the plan pool). A removal never takes held credits and never goes below zero: it is
 * refused, saying how many are available.
 */
export async function adjustCredits(
  s: BillingServices,
  caller: Caller,
  input: { accountId: string; amount: number; reason: string },
): Promise<CreditTransactionRow> {
  await ensureCreditAccount(s, input.accountId, caller.requestId);
  return s.database.tenant(input.accountId, async (tx) => {
    let account: CreditAccountRow | undefined;
    if (input.amount > 0) {
      account = await accountsStore.addBonus(tx, input.accountId, input.amount);
    } else {
      account = await accountsStore.removeIfAvailable(tx, input.accountId, -input.amount);
      if (!account) {
        const current = balanceOf((await accountsStore.findCreditAccount(tx, input.accountId))!);
        const held = current.reserved ? ` (${current.reserved} more are held by running jobs)` : '';
        throw BadUserInputError.field(
          'amount',
          `cannot remove ${-input.amount} credits: the account has ${current.available} available${held}`,
        );
      }
    }
    const entry = await ledgerStore.appendTransaction(tx, {
      accountId: input.accountId,
      type: 'adjustment',
      amount: input.amount,
      balanceAfter: balanceOf(account).balance,
      description: input.reason,
      createdBy: caller.userId,
      metadata: { reason: input.reason },
    });
    return entry!;
  });
}
