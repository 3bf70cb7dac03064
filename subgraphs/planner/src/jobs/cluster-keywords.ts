// The `planner.cluster-keywords` job: groups a sector's keywords with the clustering algorithm
// (intent-aware, deterministic), asks the AI provider only to settle unsure intents and to name
// and describe the groups, and hands them to the domain (domain/auto-cluster.ts) to save.
import type { KeywordIntent } from '@igny8/db/planner';
import {
  AiOutputError,
  AiProviderError,
  type AiUsage,
  addUsage,
  defineJob,
  displayText,
  fillPromptText,
  type JobContext,
  type JobOutcome,
} from '@igny8/lib';
import { z } from 'zod';
import { type PlannerAi, plannerAi } from '../domain/ai.js';
import {
  CLUSTER_KEYWORDS_JOB,
  CLUSTERING_OPERATION,
  type ClusterKeywordsInput,
  type ClusterKeywordsResult,
  clusteringSavedBy,
  clusterKeywordsInputSchema,
  keywordsToCluster,
  type NamedGroup,
  offlineName,
  saveClustering,
  summarizeClustering,
} from '../domain/auto-cluster.js';
import { clusterKeywords, type KeywordGroup } from '../domain/clustering/index.js';
import { INTENTS, intentQuestion, LOW_CONFIDENCE } from '../domain/intent.js';
import type { PlannerServices } from '../domain/services.js';
import type { KeywordRow } from '../store/keywords.js';

type Deps = Pick<PlannerServices, 'database' | 'system'>;

const intentAnswerSchema = z.object({
  intents: z.array(z.object({ keyword: z.string(), intent: z.enum(INTENTS) })),
});

/** Asks a real provider for the intent of the keywords the rules were unsure about. */
async function settleUnsureIntents(
  ai: PlannerAi,
  rows: KeywordRow[],
  ctx: JobContext,
): Promise<{ changed: Map<string, KeywordIntent>; usage: AiUsage }> {
  const changed = new Map<string, KeywordIntent>();
  let usage: AiUsage = { inputTokens: 0, outputTokens: 0 };
  const unsure = rows.filter((row) => row.intentSource === 'rules' && row.intentConfidence < LOW_CONFIDENCE);
  for (let i = 0; i < unsure.length; i += 100) {
    const batch = unsure.slice(i, i + 100);
    const answer = await ai.provider.chatJson({
      schema: intentAnswerSchema,
      schemaName: 'KeywordIntents',
      signal: ctx.signal,
      messages: intentQuestion(batch.map((row) => row.keyword)),
    });
    usage = addUsage(usage, answer.usage);
    const byKeyword = new Map(answer.value.intents.map((item) => [item.keyword.trim().toLowerCase(), item.intent]));
    for (const row of batch) {
      const intent = byKeyword.get(row.keyword);
      if (intent) changed.set(row.id, intent);
    }
  }
  return { changed, usage };
}

/**
 * The provider's embeddings of the keywords, or why it has none to give (a server without an
 * embedding model refuses the request): the words alone then decide the groups, which is how the
 * offline path always works. Outages, limits and a refused key still fail the attempt.
 */
async function embeddingsOf(ai: PlannerAi, rows: readonly KeywordRow[], ctx: JobContext) {
  try {
    const embedded = await ai.provider.embed({ input: rows.map((row) => row.keyword), signal: ctx.signal });
    if (embedded.vectors.length !== rows.length) {
      throw new AiOutputError(
        `The AI provider returned ${embedded.vectors.length} embeddings for ${rows.length} keywords.`,
        false,
      );
    }
    return { vectors: new Map(rows.map((row, i) => [row.id, embedded.vectors[i]!])), usage: embedded.usage };
  } catch (error) {
    const unusable =
      error instanceof AiOutputError || (error instanceof AiProviderError && error.code === 'AI_REQUEST_REJECTED');
    if (!unusable) throw error;
    const fallback = `The AI provider gave no embeddings (${(error as Error).message}); grouping by the keywords' words`;
    ctx.log.warn({ err: error }, 'no embeddings from the provider: clustering by words alone');
    await ctx.progress(30, 'AI_CALL', fallback);
    return { fallback };
  }
}

const namesSchema = z.object({
  clusters: z.array(
    z.object({
      group: z.number().int(),
      name: displayText().min(1).max(120),
      description: z.string().trim().max(1_000).default(''),
    }),
  ),
});

const volumeOf = (row: KeywordRow) => row.volume ?? 0;

async function nameGroups(
  ai: PlannerAi,
  groups: KeywordGroup[],
  byId: Map<string, KeywordRow>,
  context: { site: string; sector: string; language: string },
  ctx: JobContext,
): Promise<{ named: NamedGroup[]; usage: AiUsage }> {
  let usage: AiUsage = { inputTokens: 0, outputTokens: 0 };
  if (ai.offline) return { named: groups.map((group) => ({ ...group, ...offlineName(group, byId) })), usage };
  const named: NamedGroup[] = [];
  const batchSize = 25;
  for (let i = 0; i < groups.length; i += batchSize) {
    const batch = groups.slice(i, i + batchSize);
    const keywordGroups = batch
      .map((group, n) => {
        const lines = group.keywordIds
          .slice(0, 30)
          .map((id) => byId.get(id)!)
          .map((row) => `  - ${row.keyword} (${volumeOf(row)}, ${row.intent})`);
        return `Group ${n + 1}:\n${lines.join('\n')}`;
      })
      .join('\n\n');
    const answer = await ai.provider.chatJson({
      schema: namesSchema,
      schemaName: 'ClusterNames',
      signal: ctx.signal,
      messages: [
        { role: 'user', content: fillPromptText(ai.setup.promptText, { ...context, keyword_groups: keywordGroups }) },
      ],
    });
    usage = addUsage(usage, answer.usage);
    const byGroup = new Map(answer.value.clusters.map((item) => [item.group, item]));
    batch.forEach((group, n) => {
      const answered = byGroup.get(n + 1);
      named.push({
        ...group,
        ...(answered ? { name: answered.name, description: answered.description } : offlineName(group, byId)),
      });
    });
    await ctx.progress(
      60 + Math.round((25 * Math.min(groups.length, i + batchSize)) / groups.length),
      'AI_CALL',
      `Named ${Math.min(groups.length, i + batchSize)} of ${groups.length} clusters`,
    );
  }
  return { named, usage };
}

export function createClusterKeywordsJob(deps: Deps) {
  const { database, system } = deps;
  return defineJob<ClusterKeywordsInput, ClusterKeywordsResult, z.input<typeof clusterKeywordsInputSchema>>({
    kind: CLUSTER_KEYWORDS_JOB,
    inputSchema: clusterKeywordsInputSchema,
    operation: CLUSTERING_OPERATION,
    units: () => 1,
    siteOf: (input) => input.siteId,
    title: 'Auto-cluster',
    summarize: summarizeClustering,
    retryLimit: 1,
    retryDelaySeconds: 2,
    async handler(input, ctx): Promise<JobOutcome<ClusterKeywordsResult>> {
      const { accountId, jobId } = ctx;
      await ctx.progress(2, 'INIT', 'Starting the clustering');
      // An earlier attempt saved its clusters and stopped before the job was marked done.
      const saved = await database.tenant(accountId, (tx) => clusteringSavedBy(tx, accountId, jobId));
      if (saved) return { result: saved, summary: summaryOf(saved.keywords, saved.clusterIds.length) };

      await ctx.progress(5, 'PREP', 'Loading the keywords');
      const workspace = await system.workspace(accountId, { siteId: input.siteId, sectorId: input.sectorId });
      const rows = await keywordsToCluster(deps, accountId, input);
      if (rows.length === 0) {
        return { result: { clusterIds: [], keywords: 0 }, summary: 'No keywords to cluster', units: 0 };
      }
      const ai = await plannerAi(system, accountId, { promptType: 'clustering' });
      let usage: AiUsage = { inputTokens: 0, outputTokens: 0 };

      let intents = new Map<string, KeywordIntent>();
      let embeddings: Map<string, number[]> | undefined;
      // Said again when the job ends: whoever looks later (or subscribed late) learns why too.
      let fallback: string | undefined;
      if (!ai.offline) {
        await ctx.progress(10, 'AI_CALL', 'Checking the intent of unclear keywords');
        const settled = await settleUnsureIntents(ai, rows, ctx);
        intents = settled.changed;
        usage = addUsage(usage, settled.usage);
        await ctx.progress(20, 'AI_CALL', `Reading the meaning of ${rows.length.toLocaleString('en-US')} keywords`);
        const embedded = await embeddingsOf(ai, rows, ctx);
        if ('fallback' in embedded) fallback = embedded.fallback;
        else {
          usage = addUsage(usage, embedded.usage);
          embeddings = embedded.vectors;
        }
      }

      await ctx.progress(40, 'AI_CALL', `Grouping ${rows.length.toLocaleString('en-US')} keywords`);
      const groups = clusterKeywords(
        rows.map((row) => ({
          id: row.id,
          keyword: row.keyword,
          volume: volumeOf(row),
          intent: intents.get(row.id) ?? row.intent,
        })),
        { granularity: input.granularity, ...(embeddings ? { embeddings } : {}) },
      );
      await ctx.progress(60, 'AI_CALL', `Naming ${groups.length.toLocaleString('en-US')} clusters`);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const site = workspace.site!;
      const named = await nameGroups(
        ai,
        groups,
        byId,
        {
          site: site.domain ? `${site.name} (${site.domain})` : site.name,
          sector: workspace.sector!.name,
          language: site.language,
        },
        ctx,
      );
      usage = addUsage(usage, named.usage);

      await ctx.progress(90, 'SAVE', `Saving ${groups.length.toLocaleString('en-US')} clusters`);
      const clusterIds = await database.tenant(accountId, (tx) =>
        saveClustering(
          tx,
          accountId,
          { siteId: input.siteId, sectorId: input.sectorId, jobId, userId: ctx.userId },
          named.named,
          rows,
          intents,
        ),
      );
      return {
        result: { clusterIds, keywords: rows.length },
        summary: [summaryOf(rows.length, clusterIds.length), fallback].filter(Boolean).join('. '),
        ...(ai.offline ? {} : { usage: { ...usage, model: ai.setup.chatModel ?? 'unknown' } }),
      };
    },
  });
}

const summaryOf = (keywords: number, clusters: number) =>
  `Clustered ${keywords.toLocaleString('en-US')} keyword${keywords === 1 ? '' : 's'} into ${clusters.toLocaleString('en-US')} cluster${clusters === 1 ? '' : 's'}`;
