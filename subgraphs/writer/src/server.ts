// Starts the writer subgraph: tasks, articles and their revisions, images, taxonomies, and the
// writing and image jobs.
import {
  createSystemDirectory,
  defineSubgraph,
  mountFileRoutes,
  type RunningSubgraph,
  type SubgraphStartOptions,
  subgraphFiles,
} from '@igny8/lib';
import { loadWriterConfig, type WriterConfig } from './config.js';
import type { WriterServices } from './domain/services.js';
import { createWriterJobs } from './jobs/index.js';
import { createPlannerDirectory } from './planner-client.js';
import { writerSchema } from './schema/index.js';
import { mountImageUploadRoute } from './upload-route.js';

export { loadWriterConfig, type WriterConfig, writerConfigSchema } from './config.js';
export { writerSchema };

export type WriterOptions = SubgraphStartOptions<WriterConfig>;
export type WriterServer = RunningSubgraph<WriterServices>;

export const startWriter = defineSubgraph({
  name: 'writer',
  schema: writerSchema,
  loadConfig: loadWriterConfig,
  async setup({ config, database, log, client, jobRuntime, serviceSecret }) {
    const system = createSystemDirectory(client('system'));
    const planner = createPlannerDirectory(client('planner'));
    const files = subgraphFiles('writer', config.DATA_DIR, serviceSecret);
    const jobs = jobRuntime(createWriterJobs({ database, system, planner, files }));
    const services: WriterServices = { database, log, system, planner, jobs, files };
    return {
      services,
      jobs,
      routes: (app, verify) => {
        mountImageUploadRoute(app, services, verify, log);
        mountFileRoutes(app, files.storage, files.urls);
      },
    };
  },
});
