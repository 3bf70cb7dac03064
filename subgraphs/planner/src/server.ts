// Starts the planner subgraph: keywords, the seed library, clusters and content ideas, and the
// clustering and idea jobs.
import {
  createAccessTokenVerifier,
  createBillingCreditHolds,
  createJobRuntime,
  createLogger,
  createServiceClient,
  openServiceDatabase,
  type RunningServer,
  type SubgraphStartOptions,
  serviceCredentialsFor,
  startSubgraph,
  withJobWorkers,
} from '@igny8/lib';
import { loadPlannerConfig, type PlannerConfig } from './config.js';
import { syncSeedLibrary } from './domain/seeds.js';
import type { PlannerServices } from './domain/services.js';
import { mountKeywordImportRoute } from './import-route.js';
import { createPlannerJobs } from './jobs/index.js';
import { plannerSchema } from './schema/index.js';
import { createSystemDirectory } from './system-client.js';

export { KEYWORD_IMPORT_PATH } from './import-route.js';
export { loadPlannerConfig, plannerConfigSchema, type PlannerConfig } from './config.js';
export { plannerSchema };

export type PlannerOptions = SubgraphStartOptions<PlannerConfig>;

export interface PlannerServer extends RunningServer {
  services: PlannerServices;
}

export async function startPlanner(options: PlannerOptions = {}): Promise<PlannerServer> {
  const config = options.config ?? loadPlannerConfig();
  const log = options.log ?? createLogger('planner', config.LOG_LEVEL);
  const { database, release } = await openServiceDatabase(config, options.database);

  const systemUrl = options.systemUrl ?? config.SYSTEM_URL;
  const credentials = serviceCredentialsFor(config, 'planner');
  const client = (target: string, url: string | (() => string)) =>
    createServiceClient({ url, target, credentials, log: log.child({ target }) });
  const system = createSystemDirectory(client('system', systemUrl));
  const jobs = createJobRuntime({
    database,
    url: config.DATABASE_URL,
    holds: createBillingCreditHolds(client('billing', options.billingUrl ?? config.BILLING_URL)),
    log,
    jobs: createPlannerJobs({ database, system }),
    schema: config.JOB_QUEUE_SCHEMA,
  });
  const services: PlannerServices = { database, log, system, jobs };

  await syncSeedLibrary(database);

  const verify = createAccessTokenVerifier({
    jwks: options.jwks,
    systemUrl,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const server = await startSubgraph({
    name: 'planner',
    schema: plannerSchema,
    log,
    port: options.port ?? config.PLANNER_PORT,
    host: config.PLANNER_HOST,
    verify,
    extendContext: (base) => ({ ...base, planner: services }),
    health: () => database.ping(),
    routes: (app) => mountKeywordImportRoute(app, services, verify, log),
  });

  return { ...(await withJobWorkers(server, jobs, release)), services };
}
