import {
  createAccessTokenVerifier,
  createLogger,
  createServiceClient,
  openServiceDatabase,
  serviceCredentialsFor,
  type RunningServer,
  startSubgraph,
  type SubgraphStartOptions,
} from '@igny8/lib';
import { type BillingConfig, loadBillingConfig } from './config.js';
import { seedCreditCosts } from './domain/costs.js';
import type { BillingServices } from './domain/services.js';
import { billingSchema } from './schema/index.js';
import { createAccountPlans } from './system-client.js';

export { ledgerMismatches, type LedgerMismatch } from './store/ledger.js';
export { billingConfigSchema, type BillingConfig, loadBillingConfig } from './config.js';
export { DEFAULT_CREDIT_COSTS } from './domain/costs.js';
export { billingSchema };

export type BillingOptions = SubgraphStartOptions<BillingConfig>;

export interface BillingServer extends RunningServer {
  services: BillingServices;
}

export async function startBilling(options: BillingOptions = {}): Promise<BillingServer> {
  const config = options.config ?? loadBillingConfig();
  const log = options.log ?? createLogger('billing', config.LOG_LEVEL);
  const { database, release } = await openServiceDatabase(config, options.database);

  const systemUrl = options.systemUrl ?? config.SYSTEM_URL;
  const credentials = serviceCredentialsFor(config, 'billing');
  const services: BillingServices = {
    database,
    log,
    plans: createAccountPlans(
      createServiceClient({ url: systemUrl, target: 'system', credentials, log: log.child({ target: 'system' }) }),
    ),
    openedAccounts: new Set(),
  };
  await seedCreditCosts(services);

  const server = await startSubgraph({
    name: 'billing',
    schema: billingSchema,
    log,
    port: options.port ?? config.BILLING_PORT,
    host: config.BILLING_HOST,
    verify: createAccessTokenVerifier({
      jwks: options.jwks,
      systemUrl,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    // The job runtime of other subgraphs reserves, captures and releases credits here.
    serviceCredentials: credentials,
    extendContext: (base) => ({ ...base, billing: services }),
    health: () => database.ping(),
  });

  return {
    ...server,
    services,
    close: async () => {
      await server.close();
      await release();
    },
  };
}
