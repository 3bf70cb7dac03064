// The `writer.generate-image-prompts` job: for each article, the account's Image prompt (from the
// Thinker's library) with the article, one structured AI call (the offline art director works
// from its H2s), and the featured and in-article prompts saved as PENDING images. An article that
// fails costs nothing; the others go on.
import { AiError, accountAi, DomainError, defineJob, fillPromptText, type JobOutcome } from '@igny8/lib';
import type { z } from 'zod';
import {
  GENERATE_IMAGE_PROMPTS_JOB,
  type GenerateImagePromptsInput,
  type GenerateImagePromptsResult,
  generateImagePromptsInputSchema,
  IMAGE_PROMPT_OPERATION,
  type ImagePromptsAnswer,
  imagePromptsAnswerSchema,
  imagePromptVariables,
  offlineImagePrompts,
  promptsOf,
} from '../domain/image-generation.js';
import type { WriterServices } from '../domain/services.js';
import * as contentsStore from '../store/contents.js';
import * as imagesStore from '../store/images.js';

type Deps = Pick<WriterServices, 'database' | 'system'>;

export function createGenerateImagePromptsJob({ database, system }: Deps) {
  return defineJob<
    GenerateImagePromptsInput,
    GenerateImagePromptsResult,
    z.input<typeof generateImagePromptsInputSchema>
  >({
    kind: GENERATE_IMAGE_PROMPTS_JOB,
    inputSchema: generateImagePromptsInputSchema,
    operation: IMAGE_PROMPT_OPERATION,
    units: (input) => input.contentIds.length,
    title: 'Generate image prompts',
    summarize: (input) =>
      `${input.contentIds.length} article${input.contentIds.length === 1 ? '' : 's'}${input.placeName ? ` · ${input.placeName}` : ''}`,
    retryLimit: 1,
    retryDelaySeconds: 2,
    async handler(input, ctx): Promise<JobOutcome<GenerateImagePromptsResult>> {
      const { accountId } = ctx;
      const total = input.contentIds.length;
      await ctx.progress(2, 'INIT', `Choosing images for ${total} article${total === 1 ? '' : 's'}`);
      const contents = await database.tenant(accountId, (tx) =>
        contentsStore.findContentsByIds(tx, accountId, input.contentIds),
      );
      const ai = await accountAi(system, accountId, { promptType: 'image_prompt' });
      const imageIds: string[] = [];
      const failed: GenerateImagePromptsResult['failed'] = [];
      let done = 0;
      let lastError: unknown;
      for (const [n, content] of contents.entries()) {
        await ctx.progress(
          5 + Math.round((90 * n) / total),
          'AI_CALL',
          `Reading “${content.title}” (${n + 1} of ${total})`,
        );
        try {
          const message = fillPromptText(
            ai.setup.promptText,
            imagePromptVariables(content, input.inArticleCount, ai.setup.imageStyle ?? null),
          );
          const answer = await ai.provider.chatJson<ImagePromptsAnswer>({
            schema: imagePromptsAnswerSchema,
            schemaName: 'ImagePrompts',
            messages: [{ role: 'user', content: message }],
            signal: ctx.signal,
            offline: () => offlineImagePrompts(content, input.inArticleCount),
          });
          const rows = await database.tenant(accountId, (tx) =>
            imagesStore.replacePrompts(
              tx,
              accountId,
              content.id,
              promptsOf(answer.value, content.html, input.inArticleCount),
            ),
          );
          imageIds.push(...rows.map((row) => row.id));
          done++;
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          lastError = error;
          const known = error instanceof AiError || error instanceof DomainError;
          if (!known) ctx.log.error({ err: error, contentId: content.id }, 'drawing image prompts failed');
          failed.push({
            contentId: content.id,
            title: content.title,
            reason: known ? (error as Error).message : `An unexpected error stopped it (ref ${ctx.jobId}).`,
          });
        }
      }
      if (done === 0 && lastError) throw lastError;
      const summary =
        `Chose ${imageIds.length} image${imageIds.length === 1 ? '' : 's'} for ${done} of ${total} article${total === 1 ? '' : 's'}` +
        (failed.length
          ? `; ${failed.length} failed: ${failed.map((f) => `“${f.title}” (${f.reason})`).join('; ')}`
          : '');
      return { result: { imageIds, failed }, summary, units: done };
    },
  });
}
