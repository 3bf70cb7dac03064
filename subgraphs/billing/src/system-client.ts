// The system subgraph, as billing calls it: service-only operations with a service token.
import type { ServiceClient } from '@igny8/lib';
import type { AccountCreditProfile, AccountPlans } from './domain/services.js';

const CREDIT_PROFILE = `query AccountCreditProfile($accountId: ID!) {
  accountCreditProfile(accountId: $accountId) { accountId planSlug planName includedCredits }
}`;

export function createAccountPlans(system: ServiceClient): AccountPlans {
  return {
    async creditProfile(accountId, requestId) {
      const data = await system.request<{ accountCreditProfile: AccountCreditProfile }>(
        CREDIT_PROFILE,
        { accountId },
        requestId,
      );
      return data.accountCreditProfile;
    },
  };
}
