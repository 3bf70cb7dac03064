// The jobs the planner subgraph's workers run.
import type { JobDefinition } from '@igny8/lib';
import type { PlannerServices } from '../domain/services.js';
import { createClusterKeywordsJob } from './cluster-keywords.js';
import { createGenerateIdeasJob } from './generate-ideas.js';

export function createPlannerJobs(deps: Pick<PlannerServices, 'database' | 'system'>): JobDefinition[] {
  return [createClusterKeywordsJob(deps), createGenerateIdeasJob(deps)];
}
