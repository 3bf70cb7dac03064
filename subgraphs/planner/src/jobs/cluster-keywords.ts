// The `planner.cluster-keywords` job: groups a sector's keywords with the clustering algorithm
// (intent-aware, deterministic), asks the AI provider only to settle unsure intents and to name
// and describe the groups, and saves the clusters in one transaction.
import type { KeywordIntent } from '@igny8/db/planner';
import {
  AiOutputError,
  AiProviderError,
  addUsage,
  type AiUsage,
  defineJob,
  fillPromptText,
  type JobContext,
  type JobOutcome,
} from '@igny8/lib';
import { z } from 'zod';
import { plannerAi, type PlannerAi } from '../domain/ai.js';
import { clusterKeywords, GRANULARITIES, type Granularity, type KeywordGroup } from '../domain/clustering/index.js';
import { freeName } from '../domain/clusters.js';
import { INTENTS, LOW_CONFIDENCE } from '../domain/intent.js';
import type { PlannerServices } from '../domain/services.js';
import * as clustersStore from '../store/clusters.js';
import * as ideasStore from '../store/ideas.js';
import * as keywordsStore from '../store/keywords.js';
import type { KeywordFilter, KeywordRow } from '../store/keywords.js';

export const CLUSTER_KEYWORDS_JOB = 'planner.cluster-keywords';
export const CLUSTERING_OPERATION = 'clustering';
/** Most keywords one clustering job takes. */
export const CLUSTER_MAX_KEYWORDS = 20_000;

export const clusterKeywordsInputSchema = z.object({
  siteId: z.string().uuid('must be an id'),
  sectorId: z.string().uuid('must be an id'),
  /** The keywords to cluster; absent: every unclustered keyword of the sector. */
  keywordIds: z
    .array(z.string().uuid('must be an id'))
    .min(1, 'must name at least one keyword')
    .max(CLUSTER_MAX_KEYWORDS, `must name at most ${CLUSTER_MAX_KEYWORDS.toLocaleString('en-US')} keywords`)
    .nullish()
    .transform((ids) => ids ?? null),
  granularity: z
    .enum(GRANULARITIES, { error: `must be one of ${GRANULARITIES.join(', ')}` })
    .nullish()
    .transform((g): Granularity => g ?? 'balanced'),
});
export type ClusterKeywordsInput = z.output<typeof clusterKeywordsInputSchema>;

export interface ClusterKeywordsResult {
  clusterIds: string[];
  keywords: number;
}

type Deps = Pick<PlannerServices, 'database' | 'system'>;

/** Which keywords a clustering job takes: the picked ones of the sector, or its unclustered new ones. */
export function clusteringFilter(
  input: Pick<ClusterKeywordsInput, 'siteId' | 'sectorId' | 'keywordIds'>,
): KeywordFilter {
  const place = { siteId: input.siteId, sectorId: input.sectorId };
  return input.keywordIds
    ? { ...place, ids: input.keywordIds, statuses: ['new', 'clustered', 'mapped'] }
    : { ...place, unclustered: true, statuses: ['new'] };
}

/** The keywords the job clusters (archived ones never). */
export function keywordsToCluster(deps: Deps, accountId: string, input: ClusterKeywordsInput): Promise<KeywordRow[]> {
  const filter = clusteringFilter(input);
  return deps.database.tenant(accountId, async (tx) => {
    const rows: KeywordRow[] = [];
    for (;;) {
      const page = await keywordsStore.keywordsAfter(tx, accountId, filter, rows.at(-1)?.id ?? null, 5_000);
      rows.push(...page);
      if (page.length < 5_000) return rows;
    }
  });
}

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
      messages: [
        {
          role: 'system',
          content:
            'You classify the search intent of keywords as informational, commercial, transactional or navigational. Answer with JSON only: {"intents": [{"keyword": "…", "intent": "…"}]}.',
        },
        { role: 'user', content: batch.map((row) => row.keyword).join('\n') },
      ],
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
 * The provider's embeddings of the keywords, or null when it has none to give (a server without
 * an embedding model refuses the request): the words alone then decide the groups, which is how
 * the offline path always works. Outages, limits and a refused key still fail the attempt.
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
    const reason = (error as Error).message;
    ctx.log.warn({ err: error }, 'no embeddings from the provider: clustering by words alone');
    await ctx.progress(
      30,
      'AI_CALL',
      `The AI provider gave no embeddings (${reason}); grouping by the keywords' words`,
    );
    return null;
  }
}

const namesSchema = z.object({
  clusters: z.array(
    z.object({
      group: z.number().int(),
      name: z.string().trim().min(1).max(120),
      description: z.string().trim().max(1_000).default(''),
    }),
  ),
});

interface NamedGroup extends KeywordGroup {
  name: string;
  description: string;
}

const volumeOf = (row: KeywordRow) => row.volume ?? 0;
const titleCase = (text: string) => text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

/** The offline provider's names: a group is named after its highest-volume keyword. */
function offlineName(group: KeywordGroup, byId: Map<string, KeywordRow>): { name: string; description: string } {
  const members = group.keywordIds.map((id) => byId.get(id)!);
  const top = members[0]!;
  const volume = members.reduce((sum, row) => sum + volumeOf(row), 0);
  return {
    name: titleCase(top.keyword).slice(0, 120),
    description: `${members.length} ${group.intent} keyword${members.length === 1 ? '' : 's'} around "${top.keyword}", ${volume.toLocaleString('en-US')} searches a month.`,
  };
}

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
    summarize: (input) =>
      input.keywordIds
        ? `${input.keywordIds.length.toLocaleString('en-US')} keyword${input.keywordIds.length === 1 ? '' : 's'} (${input.granularity})`
        : `All unclustered keywords of the sector (${input.granularity})`,
    retryLimit: 1,
    retryDelaySeconds: 2,
    async handler(input, ctx): Promise<JobOutcome<ClusterKeywordsResult>> {
      const { accountId, jobId } = ctx;
      await ctx.progress(2, 'INIT', 'Starting the clustering');
      // An earlier attempt saved its clusters and stopped before the job was marked done.
      const done = await database.tenant(accountId, (tx) => clustersStore.findClustersOfJob(tx, accountId, jobId));
      if (done.length > 0) {
        const keywords = done.reduce((sum, row) => sum + row.keywordsCount, 0);
        return {
          result: { clusterIds: done.map((row) => row.id), keywords },
          summary: summaryOf(keywords, done.length),
        };
      }

      await ctx.progress(5, 'PREP', 'Loading the keywords');
      const workspace = await system.workspace(accountId, { siteId: input.siteId, sectorId: input.sectorId });
      const rows = await keywordsToCluster(deps, accountId, input);
      if (rows.length === 0) {
        return { result: { clusterIds: [], keywords: 0 }, summary: 'No keywords to cluster', credits: 0 };
      }
      const ai = await plannerAi(system, accountId, { promptType: 'clustering' });
      let usage: AiUsage = { inputTokens: 0, outputTokens: 0 };

      let intents = new Map<string, KeywordIntent>();
      let embeddings: Map<string, number[]> | undefined;
      if (!ai.offline) {
        await ctx.progress(10, 'AI_CALL', 'Checking the intent of unclear keywords');
        const settled = await settleUnsureIntents(ai, rows, ctx);
        intents = settled.changed;
        usage = addUsage(usage, settled.usage);
        await ctx.progress(20, 'AI_CALL', `Reading the meaning of ${rows.length.toLocaleString('en-US')} keywords`);
        const embedded = await embeddingsOf(ai, rows, ctx);
        if (embedded) {
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
      const clusterIds = await database.tenant(accountId, async (tx) => {
        const taken = await clustersStore.clusterNamesOf(tx, accountId, input.siteId, input.sectorId);
        const created = await clustersStore.insertClusters(
          tx,
          named.named.map((group) => ({
            accountId,
            siteId: input.siteId,
            sectorId: input.sectorId,
            name: freeName(group.name, taken),
            description: group.description,
            intent: group.intent,
            jobId,
            createdBy: ctx.userId,
          })),
        );
        const previous = new Set(rows.flatMap((row) => (row.clusterId ? [row.clusterId] : [])));
        await keywordsStore.assignClusters(
          tx,
          accountId,
          named.named.flatMap((group, i) =>
            group.keywordIds.map((keywordId) => ({ keywordId, clusterId: created[i]!.id })),
          ),
        );
        await keywordsStore.setSettledIntents(tx, accountId, intents);
        await clustersStore.refreshClusterStats(tx, accountId, [...created.map((row) => row.id), ...previous]);
        // Clusters the keywords left, now empty and without ideas, are gone rather than kept as husks.
        const ideaCounts = await ideasStore.countIdeasByCluster(tx, accountId, [...previous]);
        const emptied = (await clustersStore.findClustersByIds(tx, accountId, [...previous])).filter(
          (row) => row.keywordsCount === 0 && !ideaCounts.get(row.id),
        );
        await clustersStore.deleteClusters(
          tx,
          accountId,
          emptied.map((row) => row.id),
        );
        return created.map((row) => row.id);
      });
      return {
        result: { clusterIds, keywords: rows.length },
        summary: summaryOf(rows.length, clusterIds.length),
        ...(ai.offline ? {} : { usage: { ...usage, model: ai.setup.chatModel ?? 'unknown' } }),
      };
    },
  });
}

const summaryOf = (keywords: number, clusters: number) =>
  `Clustered ${keywords.toLocaleString('en-US')} keyword${keywords === 1 ? '' : 's'} into ${clusters.toLocaleString('en-US')} cluster${clusters === 1 ? '' : 's'}`;
