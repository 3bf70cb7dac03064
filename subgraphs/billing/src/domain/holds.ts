// Credit holds, the job runtime's side of billing (DESIGN.md §6): reserve before a job is queued,
// capture on success, release on failure or cancel — each idempotent by job id.
import { ConflictError, InsufficientCreditsError, NotFoundError } from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import * as costsStore from '../store/costs.js';
import type { CreditHoldRow } from '../store/holds.js';
import * as holdsStore from '../store/holds.js';
import * as ledgerStore from '../store/ledger.js';
import * as usageStore from '../store/usage.js';
import { balanceOf, ensureCreditAccount } from './accounts.js';
import { creditsFor, unknownOperation } from './costs.js';
import type { BillingServices } from './services.js';

export type { CreditHoldRow } from '../store/holds.js';

export interface ReserveInput {
  accountId: string;
  jobId: string;
  operation: string;
  units: number;
  userId?: string | null | undefined;
  siteId?: string | null | undefined;
}

/**
 * Sets the job's price aside: one conditional UPDATE that succeeds only while that many credits
 * are available, so racing jobs can never overdraw. An operation that costs nothing still gets a
 * hold (of 0) so its capture can log the usage. The same job again returns the hold it has.
 */
export async function reserveCredits(s: BillingServices, input: ReserveInput, requestId?: string) {
  await ensureCreditAccount(s, input.accountId, requestId);
  return s.database.tenant(input.accountId, async (tx) => {
    const cost = await costsStore.findCost(tx, input.operation);
    if (!cost) throw unknownOperation(input.operation);
    const credits = creditsFor(cost, input.units);
    const hold = await holdsStore.insertHoldIfAbsent(tx, {
      accountId: input.accountId,
      jobId: input.jobId,
      operation: input.operation,
      credits,
      userId: input.userId ?? null,
      siteId: input.siteId ?? null,
    });
    if (!hold) return (await holdsStore.findHold(tx, input.accountId, input.jobId))!;
    if (credits > 0 && !(await accountsStore.reserveIfAvailable(tx, input.accountId, credits))) {
      // Throwing rolls the hold back with the rest of the transaction.
      const account = await accountsStore.findCreditAccount(tx, input.accountId);
      throw new InsufficientCreditsError(credits, account ? balanceOf(account).available : 0);
    }
    return hold;
  });
}

export interface CaptureInput {
  accountId: string;
  jobId: string;
  /** What to charge, at most the hold; the whole hold when absent. */
  credits?: number | null | undefined;
  inputTokens?: number | null | undefined;
  outputTokens?: number | null | undefined;
  model?: string | null | undefined;
  /** The ledger entry's text; the operation's name when absent. */
  description?: string | null | undefined;
}

const holdNotFound = (jobId: string) => new NotFoundError('Credit hold of job', jobId);

/**
 * Charges the job: the hold becomes captured, its credits leave `reserved`, the charge is drawn
 * from the plan pool first, then the bonus pool, and goes to the ledger and the usage log — all
 * in one transaction, under the hold's row lock, so a second capture finds it captured and
 * charges nothing.
 */
export async function captureCredits(s: BillingServices, input: CaptureInput): Promise<CreditHoldRow> {
  // Set when this charge takes the balance below the threshold: people are told after it commits.
  let lowBalance: number | null = null;
  const captured = await s.database.tenant(input.accountId, async (tx) => {
    const hold = await holdsStore.lockHold(tx, input.accountId, input.jobId);
    if (!hold) throw holdNotFound(input.jobId);
    if (hold.status === 'captured') return hold;
    if (hold.status === 'released') {
      throw new ConflictError(
        `The credits of job ${input.jobId} were released (the job failed or was cancelled): they cannot be captured.`,
      );
    }
    const charged = Math.min(input.credits ?? hold.credits, hold.credits);
    const account = await accountsStore.chargeHeld(tx, input.accountId, hold.credits, charged);
    const after = balanceOf(account).balance;
    if (after < s.lowCreditsThreshold && after + charged >= s.lowCreditsThreshold) lowBalance = after;
    const cost = await costsStore.findCost(tx, hold.operation);
    if (charged > 0) {
      await ledgerStore.appendTransaction(tx, {
        accountId: input.accountId,
        type: 'deduction',
        amount: -charged,
        balanceAfter: balanceOf(account).balance,
        description: input.description || cost?.displayName || hold.operation,
        referenceId: input.jobId,
        idempotencyKey: `capture:${input.jobId}`,
        metadata: { operation: hold.operation, heldCredits: hold.credits },
      });
    }
    await usageStore.insertUsageLog(tx, {
      accountId: input.accountId,
      operation: hold.operation,
      credits: charged,
      inputTokens: input.inputTokens ?? 0,
      outputTokens: input.outputTokens ?? 0,
      model: input.model || null,
      jobId: input.jobId,
      siteId: hold.siteId,
      metadata: hold.userId ? { userId: hold.userId } : {},
    });
    return holdsStore.settleHold(tx, input.accountId, input.jobId, { status: 'captured', chargedCredits: charged });
  });
  if (lowBalance !== null) {
    await s.notices.creditsLow({
      accountId: input.accountId,
      balance: lowBalance,
      threshold: s.lowCreditsThreshold,
      eventKey: input.jobId,
    });
  }
  return captured;
}

/**
 * Gives the held credits back; writes nothing to the ledger. Releasing again, or releasing a
 * captured hold, changes nothing and returns the hold as it is.
 */
export async function releaseCredits(
  s: BillingServices,
  input: { accountId: string; jobId: string },
): Promise<CreditHoldRow> {
  return s.database.tenant(input.accountId, async (tx) => {
    const hold = await holdsStore.lockHold(tx, input.accountId, input.jobId);
    if (!hold) throw holdNotFound(input.jobId);
    if (hold.status !== 'held') return hold;
    if (hold.credits > 0) await accountsStore.unreserve(tx, input.accountId, hold.credits);
    return holdsStore.settleHold(tx, input.accountId, input.jobId, { status: 'released' });
  });
}
