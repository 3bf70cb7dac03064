// The `writer.generate-images` job: each image's prompt rendered by the account's image model
// (the offline provider draws a real PNG), stored once per content hash, and the article's
// in-article images placed after their H2s. An image that fails is FAILED with its reason and
// costs nothing; the others go on.
import { AiError, accountAi, DomainError, defineJob, type JobOutcome } from '@igny8/lib';
import type { z } from 'zod';
import {
  GENERATE_IMAGES_JOB,
  type GenerateImagesInput,
  type GenerateImagesResult,
  generateImagesInputSchema,
  IMAGE_GENERATION_OPERATION,
  IMAGE_SIZES,
  imageModelPrompt,
} from '../domain/image-generation.js';
import { imageFacts } from '../domain/image-upload.js';
import { removeUnusedFiles, saveImageFile } from '../domain/images.js';
import type { WriterServices } from '../domain/services.js';
import * as contentsStore from '../store/contents.js';
import * as imagesStore from '../store/images.js';

type Deps = Pick<WriterServices, 'database' | 'system' | 'files'>;

export function createGenerateImagesJob({ database, system, files }: Deps) {
  return defineJob<GenerateImagesInput, GenerateImagesResult, z.input<typeof generateImagesInputSchema>>({
    kind: GENERATE_IMAGES_JOB,
    inputSchema: generateImagesInputSchema,
    operation: IMAGE_GENERATION_OPERATION,
    units: (input) => input.imageIds.length,
    title: 'Generate images',
    summarize: (input) =>
      `${input.imageIds.length} image${input.imageIds.length === 1 ? '' : 's'}${input.placeName ? ` · ${input.placeName}` : ''}`,
    retryLimit: 1,
    retryDelaySeconds: 2,
    async handler(input, ctx): Promise<JobOutcome<GenerateImagesResult>> {
      const { accountId } = ctx;
      const total = input.imageIds.length;
      await ctx.progress(2, 'INIT', `Rendering ${total} image${total === 1 ? '' : 's'}`);
      const { rows, titles } = await database.tenant(accountId, async (tx) => {
        const found = await imagesStore.findImagesByIds(tx, accountId, input.imageIds);
        const contents = await contentsStore.findContentsByIds(tx, accountId, [
          ...new Set(found.map((row) => row.contentId)),
        ]);
        return { rows: found, titles: new Map(contents.map((c) => [c.id, c.title])) };
      });
      const ai = await accountAi(system, accountId, { promptType: 'image' });
      const imageIds: string[] = [];
      const failed: GenerateImagesResult['failed'] = [];
      let lastError: unknown;
      for (const [n, row] of rows.entries()) {
        await ctx.progress(5 + Math.round((90 * n) / total), 'AI_CALL', `Rendering image ${n + 1} of ${total}`);
        try {
          const image = await ai.provider.image({
            ...imageModelPrompt(ai.setup.promptText, row, titles.get(row.contentId) ?? '', ai.setup.imageStyle ?? null),
            size: IMAGE_SIZES[row.kind],
            offlineFormat: 'png',
            signal: ctx.signal,
          });
          const facts = await imageFacts(image.data);
          const { replaced } = await database.tenant(accountId, (tx) =>
            saveImageFile({ files }, tx, row, {
              ...facts,
              provider: ai.offline ? 'offline' : ai.setup.provider,
              model: image.model,
            }),
          );
          await removeUnusedFiles({ database, files }, accountId, replaced);
          imageIds.push(row.id);
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          lastError = error;
          const known = error instanceof AiError || error instanceof DomainError;
          if (!known) ctx.log.error({ err: error, imageId: row.id }, 'rendering an image failed');
          const reason = known ? (error as Error).message : `An unexpected error stopped it (ref ${ctx.jobId}).`;
          failed.push({ imageId: row.id, reason });
          await database.tenant(accountId, (tx) =>
            imagesStore.updateImage(tx, accountId, row.id, { status: 'failed', error: reason }),
          );
        }
      }
      if (imageIds.length === 0 && lastError) throw lastError;
      const summary =
        `Rendered ${imageIds.length} of ${total} image${total === 1 ? '' : 's'}` +
        (failed.length ? `; ${failed.length} failed: ${failed.map((f) => f.reason).join('; ')}` : '');
      return { result: { imageIds, failed }, summary, units: imageIds.length };
    },
  });
}
