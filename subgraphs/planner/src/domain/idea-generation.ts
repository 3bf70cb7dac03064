// Idea generation's rules, apart from the AI call its job makes: the input, what the Ideas prompt
// is filled with (`ideasPromptVariables`), the ideas made offline, the rows an answer becomes
// (`planIdeas`, pure) and how a cluster's ideas are saved (`saveIdeas`, one transaction each, so a
// retried job skips the clusters already done).
import type { Tx } from '@igny8/db';
import { CONTENT_TYPES, type ContentType, type KeywordIntent } from '@igny8/db/planner';
import { displayText } from '@igny8/lib';
import { z } from 'zod';
import type { ClusterRow } from '../store/clusters.js';
import * as clustersStore from '../store/clusters.js';
import type { IdeaRow, NewIdea } from '../store/ideas.js';
import * as ideasStore from '../store/ideas.js';
import type { KeywordRow } from '../store/keywords.js';
import { normalizeKeyword } from './keyword-csv.js';
import type { AccountAiSetup, AccountWorkspace } from './services.js';

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
  title: displayText().min(3).max(200),
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
export const ideasAnswerSchema = z.object({
  ideas: z
    .array(ideaSchema)
    .min(1)
    .max(IDEAS_MAX_PER_CLUSTER * 2),
});
export type IdeaAnswer = z.infer<typeof ideaSchema>;

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

const volumeLine = (row: KeywordRow) =>
  `${row.keyword} | ${row.volume ?? 'unknown'} | ${row.difficulty ?? 'unknown'} | ${row.intent}`;

/** How many ideas a cluster gets when the person named no number: 3 to 5, by its size. */
export const ideaCountFor = (requested: number | null, keywords: number) =>
  requested ?? Math.min(5, Math.max(3, Math.ceil(keywords / 4)));

/** What the account's Ideas prompt is filled with for one cluster. */
export function ideasPromptVariables(
  cluster: ClusterRow,
  keywords: readonly KeywordRow[],
  workspace: AccountWorkspace,
  setup: Pick<AccountAiSetup, 'strategy' | 'authorProfile'>,
  count: number,
): Record<string, string> {
  const site = workspace.site!;
  const intent = cluster.intent ?? 'informational';
  return {
    site: site.domain ? `${site.name} (${site.domain})` : site.name,
    sector: workspace.sector!.name,
    language: site.language,
    strategy: setup.strategy,
    author_profile: setup.authorProfile,
    cluster: cluster.name,
    cluster_description: cluster.description,
    keywords: keywords.slice(0, PROMPT_KEYWORDS).map(volumeLine).join('\n'),
    ideas_count: String(count),
    intent,
    content_types: CONTENT_TYPES_FOR_INTENT[intent].join(', '),
  };
}

/** The idea rows a model's (or the offline) answer becomes for one cluster. */
export function planIdeas(
  cluster: ClusterRow,
  keywords: readonly Pick<KeywordRow, 'keyword'>[],
  ideas: readonly IdeaAnswer[],
  count: number,
  run: { jobId: string; userId: string | null; authorProfileId: string | null; strategyId: string | null },
): NewIdea[] {
  const known = new Set(keywords.map((row) => row.keyword));
  return ideas.slice(0, count).map((idea) => ({
    accountId: cluster.accountId,
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
    authorProfileId: run.authorProfileId,
    strategyId: run.strategyId,
    jobId: run.jobId,
    createdBy: run.userId,
  }));
}

/** The ideas an earlier attempt of this job saved for the cluster (empty when none). */
export function ideasSavedBy(tx: Tx, accountId: string, clusterId: string, jobId: string): Promise<IdeaRow[]> {
  return ideasStore.listIdeas(
    tx,
    accountId,
    { clusterId, jobId },
    { field: 'createdAt', descending: false },
    { limit: 100, offset: 0 },
  );
}

/** Saves a cluster's planned ideas and marks a new cluster as having ideas. */
export async function saveIdeas(tx: Tx, cluster: ClusterRow, rows: readonly NewIdea[]): Promise<IdeaRow[]> {
  const saved = await ideasStore.insertIdeas(tx, rows);
  if (cluster.status === 'new') {
    await clustersStore.setClustersStatus(tx, cluster.accountId, [cluster.id], 'ideas_generated');
  }
  return saved;
}
