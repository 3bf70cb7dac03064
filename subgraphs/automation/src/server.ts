import { defineSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@igny8/lib';
import { type AutomationConfig, loadAutomationConfig } from './config.js';
import type { AutomationServices } from './domain/services.js';
import { automationSchema } from './schema/index.js';

export { type AutomationConfig, automationConfigSchema, loadAutomationConfig } from './config.js';
export { automationSchema };

export type AutomationOptions = SubgraphStartOptions<AutomationConfig>;
export type AutomationServer = RunningSubgraph<AutomationServices>;

export const startAutomation = defineSubgraph({
  name: 'automation',
  schema: automationSchema,
  loadConfig: loadAutomationConfig,
  acceptsServiceCalls: true,
  async setup({ database, log, jobRuntime }) {
    // No workers here: this runtime reads, and cancels jobs that any subgraph's workers run.
    const runtime = jobRuntime([], { work: false });
    const services: AutomationServices = {
      database,
      log,
      jobs: runtime,
      cancelJob: (accountId, jobId) => runtime.cancel(accountId, jobId),
    };
    return { services, jobs: runtime };
  },
});
