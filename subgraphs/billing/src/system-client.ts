// The system subgraph, as billing calls it: service-only operations with a service token, typed
// from operations/system.graphql (checked against the supergraph by codegen).
import type { Logger, ServiceClient } from '@igny8/lib';
import type { AccountPlans, CreditNotices } from './domain/services.js';
import { AccountCreditProfileDocument, type NotificationSeverity, NotifyDocument } from './gql/graphql.js';

export function createAccountPlans(system: ServiceClient): AccountPlans {
  return {
    async creditProfile(accountId, requestId) {
      const { accountCreditProfile } = await system.query(AccountCreditProfileDocument, { accountId }, requestId);
      return accountCreditProfile;
    },
  };
}

export function createCreditNotices(system: ServiceClient, log: Logger): CreditNotices {
  return {
    async creditsLow({ accountId, balance, threshold, eventKey }) {
      const input = {
        accountId,
        kind: 'credits_low',
        severity: 'WARNING' as NotificationSeverity,
        title: 'Credits are running low',
        message: `${balance.toLocaleString('en')} credits left (below ${threshold.toLocaleString('en')}). AI work stops when they run out: buy credits to keep going.`,
        link: '/account/purchase-credits',
        sourceKey: `credits_low:${eventKey}`,
      };
      try {
        await system.query(NotifyDocument, { input });
      } catch (error) {
        log.warn({ err: error, accountId }, 'could not notify low credits');
      }
    },
  };
}
