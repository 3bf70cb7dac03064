// The system subgraph, as billing calls it: service-only operations with a service token, typed
// from operations/system.graphql (checked against the supergraph by codegen).
import type { ServiceClient } from '@igny8/lib';
import type { AccountPlans } from './domain/services.js';
import { AccountCreditProfileDocument } from './gql/graphql.js';

export function createAccountPlans(system: ServiceClient): AccountPlans {
  return {
    async creditProfile(accountId, requestId) {
      const { accountCreditProfile } = await system.query(AccountCreditProfileDocument, { accountId }, requestId);
      return accountCreditProfile;
    },
  };
}
