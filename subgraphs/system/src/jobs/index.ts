// The jobs the system subgraph's workers run.
import type { JobDefinition } from '@igny8/lib';
import { createTestImageJob, type TestImageJobDeps } from './test-image.js';

export function createSystemJobs(deps: TestImageJobDeps): JobDefinition[] {
  return [createTestImageJob(deps)];
}
