// The `writer.generate-content` job: for each task, the account's Article writing prompt (from the
// Thinker's library) with the brief, one structured AI call (asked again once when the answer
// cannot be repaired), the article checked against every rule, and the article saved by the
// domain (domain/content-generation.ts) in a transaction per task. A task that fails is marked
// FAILED with its reason and costs nothing; the others go on; only written articles are charged.
import {
  type AccountAi,
  AiError,
  accountAi,
  DomainError,
  defineJob,
  fillPromptText,
  type JobOutcome,
} from '@igny8/lib';
import type { z } from 'zod';
import { type ArticleDraft, articleDraftSchema, offlineArticle, repairArticle } from '../domain/article/index.js';
import {
  briefOf,
  CONTENT_GENERATION_OPERATION,
  contentPromptMessage,
  contentPromptVariables,
  GENERATE_CONTENT_JOB,
  type GenerateContentInput,
  type GenerateContentResult,
  generateContentInputSchema,
  saveArticle,
  sha256,
} from '../domain/content-generation.js';
import type { WriterServices } from '../domain/services.js';
import * as tasksStore from '../store/tasks.js';

type Deps = Pick<WriterServices, 'database' | 'system' | 'planner'>;

/** Asked again once when an answer breaks a rule that cannot be repaired (too short, no FAQ…). */
const ATTEMPTS_PER_ARTICLE = 2;

/** Thrown for a written article that still breaks a rule: the task fails with these words. */
class ArticleRejectedError extends Error {}

export function createGenerateContentJob(deps: Deps) {
  const { database, system, planner } = deps;
  return defineJob<GenerateContentInput, GenerateContentResult, z.input<typeof generateContentInputSchema>>({
    kind: GENERATE_CONTENT_JOB,
    inputSchema: generateContentInputSchema,
    operation: CONTENT_GENERATION_OPERATION,
    units: (input) => input.taskIds.reduce((sum, id) => sum + (input.units[id] ?? 0), 0),
    title: 'Generate content',
    summarize: (input) =>
      `${input.taskIds.length} article${input.taskIds.length === 1 ? '' : 's'}${input.placeName ? ` · ${input.placeName}` : ''}`,
    retryLimit: 1,
    retryDelaySeconds: 2,
    async handler(input, ctx): Promise<JobOutcome<GenerateContentResult>> {
      const { accountId, jobId } = ctx;
      const total = input.taskIds.length;
      await ctx.progress(2, 'INIT', `Writing ${total} article${total === 1 ? '' : 's'}`);
      const rows = await database.tenant(accountId, (tx) => tasksStore.findTasksByIds(tx, accountId, input.taskIds));
      const tasks = input.taskIds.map((id) => rows.find((row) => row.id === id)).filter((row) => row !== undefined);
      const contentIds: string[] = [];
      const failed: GenerateContentResult['failed'] = [];
      let written = 0;
      let lastError: unknown;
      const setups = new Map<string, Promise<AccountAi>>();
      const aiFor = (authorProfileId: string | null, strategyId: string | null) => {
        const key = `${authorProfileId}:${strategyId}`;
        if (!setups.has(key))
          setups.set(key, accountAi(system, accountId, { promptType: 'content', authorProfileId, strategyId }));
        return setups.get(key)!;
      };

      for (const [n, task] of tasks.entries()) {
        const span = 90 / total;
        const at = (share: number) => 5 + Math.round(span * (n + share));
        // Written by an earlier attempt of this job (or before it): counted, not written again.
        if (task.status === 'completed' && task.contentId) {
          contentIds.push(task.contentId);
          written += input.units[task.id] ?? 0;
          continue;
        }
        await ctx.progress(at(0), 'AI_CALL', `Writing “${task.title}” (${n + 1} of ${total})`);
        await database.tenant(accountId, (tx) =>
          tasksStore.updateTask(tx, accountId, task.id, { status: 'in_progress', error: null }),
        );
        try {
          const ai = await aiFor(task.authorProfileId, task.strategyId);
          const workspace = await system.workspace(accountId, { siteId: task.siteId, sectorId: task.sectorId });
          const brief = briefOf(task, workspace, ai.setup);
          const promptText = fillPromptText(ai.setup.promptText, contentPromptVariables(brief, workspace, ai.setup));
          let inputTokens = 0;
          let outputTokens = 0;
          let model = 'offline-chat';
          let result: ReturnType<typeof repairArticle> | undefined;
          let message = contentPromptMessage(promptText);
          for (let attempt = 1; attempt <= ATTEMPTS_PER_ARTICLE; attempt++) {
            const answer = await ai.provider.chatJson<ArticleDraft>({
              schema: articleDraftSchema,
              schemaName: 'Article',
              messages: [{ role: 'user', content: message }],
              signal: ctx.signal,
              offline: () => offlineArticle(brief, attempt - 1),
            });
            inputTokens += answer.usage.inputTokens;
            outputTokens += answer.usage.outputTokens;
            model = answer.model;
            result = repairArticle(brief, answer.value);
            if (!result.regenerate && result.violations.length === 0) break;
            message = contentPromptMessage(promptText, result.violations);
          }
          if (!result || result.violations.length > 0) {
            throw new ArticleRejectedError(
              `The AI's article broke the rules twice: ${result?.violations.map((v) => v.message).join(' ') ?? 'no answer'}`,
            );
          }
          await ctx.progress(at(0.85), 'SAVE', `Saving “${result.article.title}” (${n + 1} of ${total})`);
          const price = input.units[task.id] ?? 0;
          const content = await database.tenant(accountId, (tx) =>
            saveArticle(tx, task, result.article, {
              jobId,
              userId: ctx.userId,
              provenance: {
                provider: ai.offline ? 'offline' : ai.setup.provider,
                model,
                promptType: 'content',
                promptHash: sha256(message),
                promptVersion: ai.setup.promptVersion,
                inputs: {
                  taskId: task.id,
                  title: brief.title,
                  primaryKeyword: brief.primaryKeyword,
                  secondaryKeywords: brief.secondaryKeywords,
                  targetWords: brief.targetWords,
                  contentStructure: brief.contentStructure,
                  authorProfileId: task.authorProfileId,
                  strategyId: task.strategyId,
                  repairs: result.repairs,
                },
                inputTokens,
                outputTokens,
                credits: price,
                offline: ai.offline,
              },
            }),
          );
          contentIds.push(content.id);
          written += price;
          if (task.ideaId) await planner.markIdeas(accountId, [task.ideaId], 'completed');
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          lastError = error;
          // Failures the product expects say why; anything else is logged and named by reference.
          const expected =
            error instanceof ArticleRejectedError || error instanceof AiError || error instanceof DomainError;
          if (!expected) ctx.log.error({ err: error, taskId: task.id }, 'writing an article failed');
          const reason = expected ? error.message : `An unexpected error stopped it (ref ${jobId}).`;
          failed.push({ taskId: task.id, title: task.title, reason });
          await database.tenant(accountId, (tx) =>
            tasksStore.updateTask(tx, accountId, task.id, { status: 'failed', error: reason }),
          );
        }
        await ctx.progress(at(1), 'SAVE', `Wrote ${contentIds.length} of ${total}`);
      }
      // Nothing written: the job fails with the reason (and its hold is released), retried only when that may help.
      if (contentIds.length === 0 && lastError) throw lastError;
      const summary =
        `Wrote ${contentIds.length} of ${total} article${total === 1 ? '' : 's'}` +
        (failed.length
          ? `; ${failed.length} failed: ${failed.map((f) => `“${f.title}” (${f.reason})`).join('; ')}`
          : '');
      return { result: { contentIds, failed }, summary, units: written };
    },
  });
}
