// The jobs the writer subgraph's workers run.
import type { JobDefinition } from '@igny8/lib';
import type { WriterServices } from '../domain/services.js';
import { createGenerateContentJob } from './generate-content.js';

export function createWriterJobs(
  deps: Pick<WriterServices, 'database' | 'system' | 'planner' | 'files'>,
): JobDefinition[] {
  return [createGenerateContentJob(deps)];
}
