// The `system.test-image` job: one sample image from a prompt and image settings, drawn by the
// account's AI provider, stored as a file and added to the account's image-testing gallery. The
// prompt and the saving are the domain's (domain/test-images.ts); the job reports progress.
import { type Database, newId } from '@igny8/db';
import { AiOutputError, defineJob, type FileStorage, fileKeyFor, type JobOutcome } from '@igny8/lib';
import type { z } from 'zod';
import type { AccountAiProviders } from '../domain/ai.js';
import {
  IMAGE_GENERATION,
  saveTestImage,
  sizeLabel,
  summarizeTestImage,
  TEST_IMAGE_JOB,
  type TestImageInput,
  testImageInputSchema,
  testImagePrompt,
  testImageSavedBy,
} from '../domain/test-images.js';
import type { TestImageRow } from '../store/test-images.js';

export interface TestImageJobDeps {
  database: Database;
  /** The account's provider from its AI settings, asked for as each job runs. */
  aiProviders: AccountAiProviders;
  files: FileStorage;
}

export interface TestImageResult {
  imageId: string;
}

const outcomeOf = (row: TestImageRow): JobOutcome<TestImageResult> => ({
  result: { imageId: row.id },
  summary: `${sizeLabel(row.size)} image generated`,
});

export function createTestImageJob(deps: TestImageJobDeps) {
  const { database, aiProviders, files } = deps;
  return defineJob<TestImageInput, TestImageResult, z.input<typeof testImageInputSchema>>({
    kind: TEST_IMAGE_JOB,
    inputSchema: testImageInputSchema,
    operation: IMAGE_GENERATION,
    units: () => 1,
    title: 'Image test',
    summarize: summarizeTestImage,
    // A person is watching the progress bar: the provider's SDK already retried a flaky answer
    // within the attempt, so one more attempt (which also covers a worker that died) is enough.
    retryLimit: 1,
    retryDelaySeconds: 2,
    // Three provider attempts of at most AI_TIMEOUT_MS (60 s) each, and the saving.
    expireInSeconds: 300,
    async handler(input, ctx): Promise<JobOutcome<TestImageResult>> {
      const { accountId, jobId } = ctx;
      await ctx.progress(2, 'INIT', 'Starting the image test');
      // An earlier attempt saved the image and stopped before the job was marked done.
      const saved = await database.tenant(accountId, (tx) => testImageSavedBy(tx, accountId, jobId));
      if (saved) return outcomeOf(saved);

      await ctx.progress(10, 'PREP', 'Preparing the prompt with your image prompt template');
      const { prompt, style } = await database.tenant(accountId, (tx) => testImagePrompt(tx, accountId, input));

      // The account's provider and image model; its default size and style were filled in when the job started.
      const { provider } = await aiProviders.aiProviderFor(accountId);
      await ctx.progress(20, 'AI_CALL', `Generating the ${sizeLabel(input.size)} image; this can take up to a minute`);
      const image = await provider.image({ prompt, size: input.size, ...(style ? { style } : {}), signal: ctx.signal });

      await ctx.progress(90, 'SAVE', 'Saving the image to your gallery');
      const id = newId();
      let fileKey: string;
      try {
        fileKey = fileKeyFor(id, image.mimeType);
      } catch {
        throw new AiOutputError(
          `The AI provider answered with a file of type ${image.mimeType}, not an image IGNY8 can show.`,
          false,
        );
      }
      await files.put(accountId, fileKey, image.data, image.mimeType);
      const row = await database.tenant(accountId, (tx) =>
        saveTestImage(tx, {
          accountId,
          id,
          jobId,
          prompt: input.prompt,
          size: input.size,
          style: input.style ?? null,
          fileKey,
          mimeType: image.mimeType,
          model: image.model,
          createdBy: ctx.userId,
        }),
      );
      // Another attempt of this job saved its image first: that one is the job's.
      if (row.id !== id) await files.delete(accountId, fileKey);
      return {
        ...outcomeOf(row),
        usage: { inputTokens: image.usage.inputTokens, outputTokens: image.usage.outputTokens, model: image.model },
      };
    },
  });
}
