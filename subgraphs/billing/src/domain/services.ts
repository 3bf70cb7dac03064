import type { Database } from '@igny8/db';
import type { Logger } from '@igny8/lib';
import type { AccountCreditProfileQuery } from '../gql/graphql.js';

/** An account's plan as the system subgraph knows it. */
/** An account's plan as the system subgraph answers it (typed by codegen from operations/system.graphql). */
export type AccountCreditProfile = AccountCreditProfileQuery['accountCreditProfile'];

/** Where billing learns an account's plan (the system subgraph, over a service call). */
export interface AccountPlans {
  creditProfile(accountId: string, requestId?: string): Promise<AccountCreditProfile>;
}

/** Where billing tells people about their credits (the system subgraph's notifications). */
export interface CreditNotices {
  /** The balance fell below the threshold; never throws (a lost notice must not undo a charge). */
  creditsLow(input: { accountId: string; balance: number; threshold: number; eventKey: string }): Promise<void>;
}

/** What the billing domain needs, built once per process by server.ts. */
export interface BillingServices {
  database: Database;
  log: Logger;
  plans: AccountPlans;
  notices: CreditNotices;
  /** A charge that takes the balance below this many credits sends `notices.creditsLow`. */
  lowCreditsThreshold: number;
  /** Accounts whose credit row is known to exist in this process (rows are never deleted). */
  openedAccounts: Set<string>;
}
