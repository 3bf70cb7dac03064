// Starts the planner subgraph: keywords, the seed library, clusters and content ideas, the
// clustering and idea jobs, and the CSV exports' files.
import {
  createSystemDirectory,
  defineSubgraph,
  mountFileRoutes,
  type RunningSubgraph,
  type SubgraphStartOptions,
  subgraphFiles,
} from '@igny8/lib';
import { loadPlannerConfig, type PlannerConfig } from './config.js';
import { syncSeedLibrary } from './domain/seeds.js';
import type { PlannerServices } from './domain/services.js';
import { mountKeywordImportRoute } from './import-route.js';
import { createPlannerJobs } from './jobs/index.js';
import { plannerSchema } from './schema/index.js';

export { loadPlannerConfig, type PlannerConfig, plannerConfigSchema } from './config.js';
export { KEYWORD_IMPORT_PATH } from './import-route.js';
export { plannerSchema };

export type PlannerOptions = SubgraphStartOptions<PlannerConfig>;
export type PlannerServer = RunningSubgraph<PlannerServices>;

export const startPlanner = defineSubgraph({
  name: 'planner',
  schema: plannerSchema,
  loadConfig: loadPlannerConfig,
  // The writer reads ideas and sets their status (service-only operations).
  acceptsServiceCalls: true,
  async setup({ config, database, log, client, jobRuntime, serviceSecret }) {
    const system = createSystemDirectory(client('system'));
    const jobs = jobRuntime(createPlannerJobs({ database, system }));
    const files = subgraphFiles('planner', config.DATA_DIR, serviceSecret);
    const services: PlannerServices = { database, log, system, jobs, files };
    await syncSeedLibrary(database);
    return {
      services,
      jobs,
      routes: (app, verify) => {
        mountKeywordImportRoute(app, services, verify, log);
        mountFileRoutes(app, files.storage, files.urls);
      },
    };
  },
});
