import {
  createAccessTokenVerifier,
  createBillingCreditHolds,
  createJobRuntime,
  createLogger,
  createServiceClient,
  openServiceDatabase,
  serviceCredentialsFor,
  type RunningServer,
  startSubgraph,
  type SubgraphStartOptions,
} from '@igny8/lib';
import type { AutomationServices } from './domain/services.js';
import { type AutomationConfig, loadAutomationConfig } from './config.js';
import { automationSchema } from './schema/index.js';

export { type AutomationConfig, automationConfigSchema, loadAutomationConfig } from './config.js';
export { automationSchema };

export type AutomationOptions = SubgraphStartOptions<AutomationConfig>;

export interface AutomationServer extends RunningServer {
  services: AutomationServices;
}

export async function startAutomation(options: AutomationOptions = {}): Promise<AutomationServer> {
  const config = options.config ?? loadAutomationConfig();
  const log = options.log ?? createLogger('automation', config.LOG_LEVEL);
  const { database, release } = await openServiceDatabase(config, options.database);

  const credentials = serviceCredentialsFor(config, 'automation');
  const holds = createBillingCreditHolds(
    createServiceClient({
      url: options.billingUrl ?? config.BILLING_URL,
      target: 'billing',
      credentials,
      log: log.child({ target: 'billing' }),
    }),
  );
  // No workers here: this runtime reads, and cancels jobs that any subgraph's workers run.
  const runtime = createJobRuntime({
    database,
    holds,
    log: log.child({ component: 'jobs' }),
    jobs: [],
    work: false,
    schema: config.JOB_QUEUE_SCHEMA,
  });
  await runtime.start();
  const services: AutomationServices = {
    database,
    log,
    jobs: runtime,
    cancelJob: (accountId, jobId) => runtime.cancel(accountId, jobId),
  };

  const systemUrl = options.systemUrl ?? config.SYSTEM_URL;
  const server = await startSubgraph({
    name: 'automation',
    schema: automationSchema,
    log,
    port: options.port ?? config.AUTOMATION_PORT,
    host: config.AUTOMATION_HOST,
    verify: createAccessTokenVerifier({
      jwks: options.jwks,
      systemUrl,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    serviceCredentials: credentials,
    extendContext: (base) => ({ ...base, automation: services }),
    health: () => database.ping(),
  });

  return {
    ...server,
    services,
    close: async () => {
      await server.close();
      await runtime.stop();
      await release();
    },
  };
}
