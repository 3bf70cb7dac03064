// The `planner.generate-ideas` job: for each cluster, the account's Ideas prompt (from the
// Thinker's library) filled by the domain, one structured AI call, and the ideas saved by the
// domain (domain/idea-generation.ts) in a transaction per cluster.
import { type AiUsage, addUsage, defineJob, fillPromptText, type JobOutcome } from '@igny8/lib';
import type { z } from 'zod';
import { plannerAi } from '../domain/ai.js';
import {
  GENERATE_IDEAS_JOB,
  type GenerateIdeasInput,
  type GenerateIdeasResult,
  generateIdeasInputSchema,
  IDEA_GENERATION_OPERATION,
  ideaCountFor,
  ideasAnswerSchema,
  ideasPromptVariables,
  ideasSavedBy,
  offlineIdeas,
  planIdeas,
  saveIdeas,
} from '../domain/idea-generation.js';
import type { PlannerServices } from '../domain/services.js';
import * as clustersStore from '../store/clusters.js';
import * as keywordsStore from '../store/keywords.js';

type Deps = Pick<PlannerServices, 'database' | 'system'>;

export function createGenerateIdeasJob(deps: Deps) {
  const { database, system } = deps;
  return defineJob<GenerateIdeasInput, GenerateIdeasResult, z.input<typeof generateIdeasInputSchema>>({
    kind: GENERATE_IDEAS_JOB,
    inputSchema: generateIdeasInputSchema,
    operation: IDEA_GENERATION_OPERATION,
    units: (input) => input.clusterIds.length,
    title: 'Generate ideas',
    summarize: (input) =>
      `${input.count ?? 'A few'} idea${input.count === 1 ? '' : 's'} for ${input.clusterIds.length} cluster${input.clusterIds.length === 1 ? '' : 's'}`,
    retryLimit: 1,
    retryDelaySeconds: 2,
    async handler(input, ctx): Promise<JobOutcome<GenerateIdeasResult>> {
      const { accountId, jobId } = ctx;
      await ctx.progress(2, 'INIT', 'Starting idea generation');
      const clusters = await database.tenant(accountId, (tx) =>
        clustersStore.findClustersByIds(tx, accountId, input.clusterIds),
      );
      await ctx.progress(8, 'PREP', 'Reading your Ideas prompt and settings');
      const ai = await plannerAi(system, accountId, {
        promptType: 'ideas',
        authorProfileId: input.authorProfileId,
        strategyId: input.strategyId,
      });
      let usage: AiUsage = { inputTokens: 0, outputTokens: 0 };
      const ideaIds: string[] = [];

      for (const [n, cluster] of clusters.entries()) {
        const span = 80 / clusters.length;
        const already = await database.tenant(accountId, (tx) => ideasSavedBy(tx, accountId, cluster.id, jobId));
        if (already.length > 0) {
          ideaIds.push(...already.map((row) => row.id));
          continue;
        }
        await ctx.progress(
          10 + Math.round(span * n),
          'AI_CALL',
          `Writing ideas for "${cluster.name}" (${n + 1} of ${clusters.length})`,
        );
        const keywords = await database.tenant(accountId, (tx) =>
          keywordsStore.findKeywordsOfClusters(tx, accountId, [cluster.id]),
        );
        const count = ideaCountFor(input.count, keywords.length);
        const workspace = await system.workspace(accountId, { siteId: cluster.siteId, sectorId: cluster.sectorId });
        const answer = await ai.provider.chatJson({
          schema: ideasAnswerSchema,
          schemaName: 'ContentIdeas',
          messages: [
            {
              role: 'user',
              content: fillPromptText(
                ai.setup.promptText,
                ideasPromptVariables(cluster, keywords, workspace, ai.setup, count),
              ),
            },
          ],
          signal: ctx.signal,
          offline: () => ({ ideas: offlineIdeas(cluster, keywords, count) }),
        });
        usage = addUsage(usage, answer.usage);
        await ctx.progress(10 + Math.round(span * (n + 0.8)), 'SAVE', `Saving the ideas for "${cluster.name}"`);
        const rows = planIdeas(cluster, keywords, answer.value.ideas, count, {
          jobId,
          userId: ctx.userId,
          authorProfileId: input.authorProfileId,
          strategyId: input.strategyId,
        });
        const saved = await database.tenant(accountId, (tx) => saveIdeas(tx, cluster, rows));
        ideaIds.push(...saved.map((row) => row.id));
      }
      return {
        result: { ideaIds, clusterIds: clusters.map((row) => row.id) },
        summary: `${ideaIds.length} idea${ideaIds.length === 1 ? '' : 's'} for ${clusters.length} cluster${clusters.length === 1 ? '' : 's'}`,
        ...(ai.offline ? {} : { usage: { ...usage, model: ai.setup.chatModel ?? 'unknown' } }),
      };
    },
  });
}
