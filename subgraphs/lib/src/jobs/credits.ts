// What the job runtime needs from billing: credit holds, idempotent by job id. Billing's
// service operations implement it (billing-holds.ts); the runtime only sees this interface.

export interface AiUsageRecord {
  inputTokens: number;
  outputTokens: number;
  model: string | null;
}

export interface CreditHolds {
  /**
   * Sets the job's cost aside (billing prices `units` of `operation`). Throws
   * InsufficientCreditsError when the account's available credits are too few; nothing is held
   * then. Reserving the same job again returns the existing hold.
   */
  reserve(input: {
    accountId: string;
    jobId: string;
    operation: string;
    units: number;
    userId?: string | null;
    siteId?: string | null;
  }): Promise<{ credits: number }>;
  /**
   * Charges the held credits (or fewer: `credits` ≤ the hold) and writes the deduction and the
   * usage log. A second capture of the same job charges nothing and returns the first result.
   */
  capture(input: {
    accountId: string;
    jobId: string;
    credits?: number;
    usage?: AiUsageRecord;
    description?: string;
  }): Promise<{ credits: number }>;
  /** Gives the held credits back; writes nothing to the ledger. Idempotent. */
  release(input: { accountId: string; jobId: string }): Promise<void>;
}
