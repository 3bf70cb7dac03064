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

/** What the billing domain needs, built once per process by server.ts. */
export interface BillingServices {
  database: Database;
  log: Logger;
  plans: AccountPlans;
  /** Accounts whose credit row is known to exist in this process (rows are never deleted). */
  openedAccounts: Set<string>;
}
