import { defineSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@igny8/lib';
import { type BillingConfig, loadBillingConfig } from './config.js';
import { seedCreditCosts } from './domain/costs.js';
import type { BillingServices } from './domain/services.js';
import { billingSchema } from './schema/index.js';
import { createAccountPlans, createCreditNotices } from './system-client.js';

export { type BillingConfig, billingConfigSchema, loadBillingConfig } from './config.js';
export { DEFAULT_CREDIT_COSTS } from './domain/costs.js';
export { type LedgerMismatch, ledgerMismatches } from './store/ledger.js';
export { billingSchema };

export type BillingOptions = SubgraphStartOptions<BillingConfig>;
export type BillingServer = RunningSubgraph<BillingServices>;

export const startBilling = defineSubgraph({
  name: 'billing',
  schema: billingSchema,
  loadConfig: loadBillingConfig,
  // The job runtime of other subgraphs reserves, captures and releases credits here.
  acceptsServiceCalls: true,
  async setup({ config, database, log, client }) {
    const services: BillingServices = {
      database,
      log,
      plans: createAccountPlans(client('system')),
      notices: createCreditNotices(client('system'), log),
      lowCreditsThreshold: config.LOW_CREDITS_THRESHOLD,
      openedAccounts: new Set(),
    };
    await seedCreditCosts(services);
    return { services };
  },
});
