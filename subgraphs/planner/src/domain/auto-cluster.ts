// Auto-clustering's rules, apart from the AI calls its job makes: which keywords a run takes, what
// it will move, the clusters it makes (`planClustering`, pure) and how they are saved in one
// transaction (`saveClustering`).
//
// The re-clustering rule: keywords that already sit in clusters move to the new ones. A cluster a
// run empties is removed, unless it has ideas: then it stays, with its true numbers (0 keywords)
// and a description saying why it is empty. A new cluster reuses a name whose cluster is gone; it
// is suffixed ("… (2)") only when a cluster that stays has that name.
import type { Tx } from '@igny8/db';
import type { KeywordIntent } from '@igny8/db/planner';
import { z } from 'zod';
import * as clustersStore from '../store/clusters.js';
import * as ideasStore from '../store/ideas.js';
import type { KeywordFilter, KeywordRow } from '../store/keywords.js';
import * as keywordsStore from '../store/keywords.js';
import { GRANULARITIES, type Granularity, type KeywordGroup } from './clustering/index.js';
import { freeName } from './clusters.js';
import type { PlannerServices } from './services.js';

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
  /** For people reading the job and its charge: how many keywords it takes, and where ("Blog → Dogs"). */
  keywordCount: z.number().int().min(0).nullish(),
  placeName: z.string().max(500).nullish(),
});
export type ClusterKeywordsInput = z.output<typeof clusterKeywordsInputSchema>;

/** The job's line in the jobs list and on its credit transaction: "55 keywords · Paws & Claws Blog → Dogs". */
export function summarizeClustering(input: ClusterKeywordsInput): string {
  const count = input.keywordCount ?? input.keywordIds?.length;
  const what =
    count === undefined
      ? 'All unclustered keywords of the sector'
      : `${count.toLocaleString('en-US')} keyword${count === 1 ? '' : 's'}`;
  return [what, input.placeName].filter(Boolean).join(' · ');
}

export interface ClusterKeywordsResult {
  clusterIds: string[];
  keywords: number;
}

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
export function keywordsToCluster(
  s: Pick<PlannerServices, 'database'>,
  accountId: string,
  input: ClusterKeywordsInput,
): Promise<KeywordRow[]> {
  const filter = clusteringFilter(input);
  return s.database.tenant(accountId, async (tx) => {
    const rows: KeywordRow[] = [];
    for (;;) {
      const page = await keywordsStore.keywordsAfter(tx, accountId, filter, rows.at(-1)?.id ?? null, 5_000);
      rows.push(...page);
      if (page.length < 5_000) return rows;
    }
  });
}

/** What a run would take and move, told before its credits are held. */
export interface ClusteringPreview {
  keywords: number;
  /** How many of them sit in a cluster now: they will move to the run's clusters. */
  inClusters: number;
}

export function clusteringPreviewOf(
  tx: Tx,
  accountId: string,
  input: ClusterKeywordsInput,
): Promise<ClusteringPreview> {
  const filter = clusteringFilter(input);
  return Promise.all([
    keywordsStore.countKeywords(tx, accountId, filter),
    input.keywordIds ? keywordsStore.countKeywords(tx, accountId, { ...filter, clustered: true }) : 0,
  ]).then(([keywords, inClusters]) => ({ keywords, inClusters }));
}

/** A group the algorithm found, named (by the AI, or offline). */
export interface NamedGroup extends KeywordGroup {
  name: string;
  description: string;
}

const volumeOf = (row: Pick<KeywordRow, 'volume'>) => row.volume ?? 0;
/** "How to train a puppy", as a person titles a page: the first letter up, the rest as the keyword has it. */
const sentenceCase = (text: string) => text.replace(/\p{L}/u, (c) => c.toUpperCase());

/** A name without a model: after the group's highest-volume keyword (the first), in sentence case. */
export function offlineName(
  group: KeywordGroup,
  byId: ReadonlyMap<string, Pick<KeywordRow, 'keyword' | 'volume'>>,
): { name: string; description: string } {
  const members = group.keywordIds.map((id) => byId.get(id)!);
  const top = members[0]!;
  const volume = members.reduce((sum, row) => sum + volumeOf(row), 0);
  return {
    name: sentenceCase(top.keyword).slice(0, 120),
    description: `${members.length} ${group.intent} keyword${members.length === 1 ? '' : 's'} around "${top.keyword}", ${volume.toLocaleString('en-US')} searches a month.`,
  };
}

/** A cluster of the sector as the plan sees it. */
export interface SectorCluster {
  id: string;
  name: string;
  keywordsCount: number;
  ideas: number;
}

export interface ClusteringPlan {
  /** The clusters to make, with their final names, in the groups' order. */
  create: { name: string; description: string; intent: KeywordIntent; keywordIds: string[] }[];
  /** Clusters the run empties that have no ideas. */
  remove: string[];
  /** Clusters the run empties that keep their ideas, with the description they get. */
  keep: { id: string; description: string }[];
}

/**
 * The clusters a run makes and what becomes of the clusters its keywords leave. `moving` is the
 * run's keywords with the cluster each sits in now; `sector` every cluster of the sector.
 */
export function planClustering(
  groups: readonly NamedGroup[],
  moving: readonly { id: string; clusterId: string | null }[],
  sector: readonly SectorCluster[],
): ClusteringPlan {
  const leaving = new Map<string, number>();
  for (const keyword of moving) {
    if (keyword.clusterId) leaving.set(keyword.clusterId, (leaving.get(keyword.clusterId) ?? 0) + 1);
  }
  const emptied = sector.filter(
    (cluster) => leaving.has(cluster.id) && cluster.keywordsCount <= leaving.get(cluster.id)!,
  );
  const remove = emptied.filter((cluster) => cluster.ideas === 0);
  const keep = emptied.filter((cluster) => cluster.ideas > 0);
  const gone = new Set(remove.map((cluster) => cluster.id));
  const taken = new Set(sector.filter((cluster) => !gone.has(cluster.id)).map((cluster) => cluster.name.toLowerCase()));
  return {
    create: groups.map((group) => ({
      name: freeName(group.name, taken),
      description: group.description,
      intent: group.intent,
      keywordIds: group.keywordIds,
    })),
    remove: remove.map((cluster) => cluster.id),
    keep: keep.map((cluster) => ({
      id: cluster.id,
      description: `Its keywords moved to other clusters when they were auto-clustered again; kept for its ${cluster.ideas.toLocaleString('en-US')} idea${cluster.ideas === 1 ? '' : 's'}.`,
    })),
  };
}

/** The clusters an earlier attempt of this job saved (it stopped before the job was marked done). */
export async function clusteringSavedBy(
  tx: Tx,
  accountId: string,
  jobId: string,
): Promise<ClusterKeywordsResult | null> {
  const done = await clustersStore.findClustersOfJob(tx, accountId, jobId);
  if (done.length === 0) return null;
  return { clusterIds: done.map((row) => row.id), keywords: done.reduce((sum, row) => sum + row.keywordsCount, 0) };
}

/**
 * Saves a run (in the caller's transaction): plans against the sector's clusters as they are now,
 * makes the new clusters, moves the keywords, records the intents the AI settled, and removes or
 * marks the clusters the keywords left. Returns the new clusters' ids.
 */
export async function saveClustering(
  tx: Tx,
  accountId: string,
  run: { siteId: string; sectorId: string; jobId: string; userId: string | null },
  groups: readonly NamedGroup[],
  moving: readonly KeywordRow[],
  intents: ReadonlyMap<string, KeywordIntent>,
): Promise<string[]> {
  const place = { siteId: run.siteId, sectorId: run.sectorId };
  const sector: SectorCluster[] = [];
  for (;;) {
    const page = await clustersStore.clustersAfter(tx, accountId, place, sector.at(-1)?.id ?? null, 5_000);
    const ideas = await ideasStore.countIdeasByCluster(
      tx,
      accountId,
      page.map((row) => row.id),
    );
    sector.push(
      ...page.map((row) => ({
        id: row.id,
        name: row.name,
        keywordsCount: row.keywordsCount,
        ideas: ideas.get(row.id) ?? 0,
      })),
    );
    if (page.length < 5_000) break;
  }
  const plan = planClustering(groups, moving, sector);
  // The clusters to remove go first: their keywords are all moving, and their names may be reused.
  await keywordsStore.releaseClusterKeywords(tx, accountId, plan.remove);
  await clustersStore.deleteClusters(tx, accountId, plan.remove);
  const created = await clustersStore.insertClusters(
    tx,
    plan.create.map((cluster) => ({
      accountId,
      ...place,
      name: cluster.name,
      description: cluster.description,
      intent: cluster.intent,
      jobId: run.jobId,
      createdBy: run.userId,
    })),
  );
  await keywordsStore.assignClusters(
    tx,
    accountId,
    plan.create.flatMap((cluster, i) =>
      cluster.keywordIds.map((keywordId) => ({ keywordId, clusterId: created[i]!.id })),
    ),
  );
  await keywordsStore.setSettledIntents(tx, accountId, intents);
  for (const kept of plan.keep)
    await clustersStore.updateCluster(tx, accountId, kept.id, { description: kept.description });
  const removed = new Set(plan.remove);
  const left = moving.flatMap((row) => (row.clusterId && !removed.has(row.clusterId) ? [row.clusterId] : []));
  await clustersStore.refreshClusterStats(tx, accountId, [...created.map((row) => row.id), ...left]);
  return created.map((row) => row.id);
}
