// The `planner.generate-ideas` job: content ideas for each cluster from the account's Ideas
// prompt (structured JSON, validated), with a content type that fits the cluster's intent. Each
// cluster's ideas are saved in one transaction, so a retried job skips clusters already done.
import { CONTENT_TYPES, type ContentType, type KeywordIntent } from '@igny8/db/planner';
import { addUsage, type AiUsage, type ChatMessage, defineJob, fillPromptText, type JobOutcome } from '@igny8/lib';
import { z } from 'zod';
import { plannerAi } from '../domain/ai.js';
import { normalizeKeyword } from '../domain/keyword-csv.js';
import type { PlannerServices } from '../domain/services.js';
import * as clustersStore from '../store/clusters.js';
import type { ClusterRow } from '../store/clusters.js';
import * as ideasStore from '../store/ideas.js';
import * as keywordsStore from '../store/keywords.js';
import type { KeywordRow } from '../store/keywords.js';

export const GENERATE_IDEAS_JOB = 'planner.generate-ideas';
export const IDEA_GENERATION_OPERATION = 'idea_generation';
export const IDEAS_MAX_CLUSTERS = 50;
export const IDEAS_MAX_PER_CLUSTER = 10;
/** Keywords of a cluster shown to the model: the highest-volume ones. */
const PROMPT_KEYWORDS = 60;

const uuid = z.string().uuid('must be an id');

export const generateIdeasInputSchema = z.object({
  clusterIds: z
    .array(uuid)
    .min(1, 'must name at least one cluster')
    .max(IDEAS_MAX_CLUSTERS, `must name at most ${IDEAS_MAX_CLUSTERS} clusters`)
    .transform((ids) => [...new Set(ids)]),
  count: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(IDEAS_MAX_PER_CLUSTER, `must be at most ${IDEAS_MAX_PER_CLUSTER}`)
    .nullish()
    .transform((n) => n ?? null),
  authorProfileId: uuid.nullish().transform((id) => id ?? null),
  strategyId: uuid.nullish().transform((id) => id ?? null),
});
export type GenerateIdeasInput = z.output<typeof generateIdeasInputSchema>;

export interface GenerateIdeasResult {
  ideaIds: string[];
  clusterIds: string[];
}

const ideaSchema = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(2_000).default(''),
  content_type: z.enum(CONTENT_TYPES),
  primary_keywords: z.array(z.string()).default([]),
  covered_keywords: z.array(z.string()).default([]),
  outline: z
    .array(
      z.object({ heading: z.string().trim().min(1).max(200), points: z.array(z.string().trim().max(500)).default([]) }),
    )
    .max(20)
    .default([]),
  estimated_word_count: z.number().int().min(100).max(20_000).default(1_500),
});
const ideasAnswerSchema = z.object({
  ideas: z
    .array(ideaSchema)
    .min(1)
    .max(IDEAS_MAX_PER_CLUSTER * 2),
});
type IdeaAnswer = z.infer<typeof ideaSchema>;

/** The formats that fit each intent, best first (the model is told; offline ideas use them). */
export const CONTENT_TYPES_FOR_INTENT: Record<KeywordIntent, readonly ContentType[]> = {
  informational: ['how_to', 'guide', 'listicle', 'post'],
  commercial: ['comparison', 'review', 'listicle', 'guide'],
  transactional: ['product', 'page', 'comparison'],
  navigational: ['page', 'post'],
};

const titleCase = (text: string) => text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

const OFFLINE_TITLES: Record<ContentType, (topic: string) => string> = {
  how_to: (t) => `How to Get ${t} Right: A Step-by-Step Guide`,
  guide: (t) => `${t}: The Complete Guide`,
  listicle: (t) => `${t}: 10 Ideas Worth Knowing`,
  post: (t) => `${t}: What You Need to Know`,
  comparison: (t) => `${t} Compared: Which Option Fits You`,
  review: (t) => `${t}: An Honest Review`,
  product: (t) => `${t}: Prices, Options and How to Choose`,
  page: (t) => `${t}`,
};

/**
 * Ideas without a model: one per format that fits the intent, each aimed at the next keywords by
 * volume, with an outline from the cluster's other keywords. Plainly marked as drafted offline.
 */
export function offlineIdeas(cluster: ClusterRow, keywords: readonly KeywordRow[], count: number): IdeaAnswer[] {
  const types = CONTENT_TYPES_FOR_INTENT[cluster.intent ?? 'informational'];
  const ideas: IdeaAnswer[] = [];
  for (let i = 0; i < count; i += 1) {
    const primary = keywords[i % Math.max(1, keywords.length)]?.keyword ?? cluster.name.toLowerCase();
    const covered = keywords
      .filter((row) => row.keyword !== primary)
      .slice(i * 3, i * 3 + 3)
      .map((row) => row.keyword);
    const contentType = types[i % types.length]!;
    const topic = titleCase(primary);
    ideas.push({
      title: `${OFFLINE_TITLES[contentType](topic)}${i >= types.length ? ` (${Math.floor(i / types.length) + 1})` : ''}`,
      description: `Drafted offline from the cluster's keywords: a ${contentType.replace('_', '-')} on "${primary}" for the ${cluster.name} cluster. Configure an AI provider for written ideas.`,
      content_type: contentType,
      primary_keywords: [primary],
      covered_keywords: covered,
      outline: [primary, ...covered].map((keyword) => ({
        heading: titleCase(keyword),
        points: [`What searchers of "${keyword}" want to know`],
      })),
      estimated_word_count: 1_200 + 100 * covered.length,
    });
  }
  return ideas;
}

type Deps = Pick<PlannerServices, 'database' | 'system'>;

const volumeLine = (row: KeywordRow) =>
  `${row.keyword} | ${row.volume ?? 'unknown'} | ${row.difficulty ?? 'unknown'} | ${row.intent}`;

export function createGenerateIdeasJob(deps: Deps) {
  const { database, system } = deps;
  return defineJob<GenerateIdeasInput, GenerateIdeasResult, z.input<typeof generateIdeasInputSchema>>({
    kind: GENERATE_IDEAS_JOB,
    inputSchema: generateIdeasInputSchema,
    operation: IDEA_GENERATION_OPERATION,
    units: (input) => input.clusterIds.length,
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
        const already = await database.tenant(accountId, (tx) =>
          ideasStore.listIdeas(
            tx,
            accountId,
            { clusterId: cluster.id, jobId },
            { field: 'createdAt', descending: false },
            { limit: 100, offset: 0 },
          ),
        );
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
        const shown = keywords.slice(0, PROMPT_KEYWORDS);
        const count = input.count ?? Math.min(5, Math.max(3, Math.ceil(keywords.length / 4)));
        const workspace = await system.workspace(accountId, { siteId: cluster.siteId, sectorId: cluster.sectorId });
        const site = workspace.site!;
        const intent = cluster.intent ?? 'informational';
        const prompt = fillPromptText(ai.setup.promptText, {
          site: site.domain ? `${site.name} (${site.domain})` : site.name,
          sector: workspace.sector!.name,
          language: site.language,
          strategy: ai.setup.strategy,
          author_profile: ai.setup.authorProfile,
          cluster: cluster.name,
          cluster_description: cluster.description,
          keywords: shown.map(volumeLine).join('\n'),
          ideas_count: String(count),
        });
        const messages: ChatMessage[] = [
          { role: 'user', content: prompt },
          {
            role: 'user',
            content: `The cluster's dominant intent is ${intent}: prefer the content types ${CONTENT_TYPES_FOR_INTENT[intent].join(', ')}. Propose exactly ${count} ideas.`,
          },
        ];
        const answer = await ai.provider.chatJson({
          schema: ideasAnswerSchema,
          schemaName: 'ContentIdeas',
          messages,
          signal: ctx.signal,
          offline: () => ({ ideas: offlineIdeas(cluster, keywords, count) }),
        });
        usage = addUsage(usage, answer.usage);
        const known = new Set(keywords.map((row) => row.keyword));
        await ctx.progress(10 + Math.round(span * (n + 0.8)), 'SAVE', `Saving the ideas for "${cluster.name}"`);
        const saved = await database.tenant(accountId, async (tx) => {
          const rows = await ideasStore.insertIdeas(
            tx,
            answer.value.ideas.slice(0, count).map((idea) => ({
              accountId,
              siteId: cluster.siteId,
              sectorId: cluster.sectorId,
              clusterId: cluster.id,
              title: idea.title,
              description: idea.description,
              contentType: idea.content_type,
              outline: idea.outline.map((section) => ({ heading: section.heading, points: section.points })),
              // The cluster's own keywords first (as the model named them), then any others it added.
              targetKeywords: [
                ...new Set([...idea.primary_keywords, ...idea.covered_keywords].map(normalizeKeyword).filter(Boolean)),
              ].sort((a, b) => Number(known.has(b)) - Number(known.has(a))),
              estimatedWordCount: idea.estimated_word_count,
              authorProfileId: input.authorProfileId,
              strategyId: input.strategyId,
              jobId,
              createdBy: ctx.userId,
            })),
          );
          if (cluster.status === 'new')
            await clustersStore.setClustersStatus(tx, accountId, [cluster.id], 'ideas_generated');
          return rows;
        });
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
