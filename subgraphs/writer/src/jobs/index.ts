// The jobs the writer subgraph's workers run.
import type { JobDefinition } from '@igny8/lib';
import type { WriterServices } from '../domain/services.js';
import { createGenerateContentJob } from './generate-content.js';
import { createGenerateImagePromptsJob } from './generate-image-prompts.js';
import { createGenerateImagesJob } from './generate-images.js';

export function createWriterJobs(
  deps: Pick<WriterServices, 'database' | 'system' | 'planner' | 'files'>,
): JobDefinition[] {
  return [createGenerateContentJob(deps), createGenerateImagePromptsJob(deps), createGenerateImagesJob(deps)];
}
