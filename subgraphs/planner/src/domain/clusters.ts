// Cluster rules: names unique per sector, keywords only from the cluster's own sector, merges
// and splits that move keywords and ideas along, and numbers that always match the keywords.
import type { Tx } from '@igny8/db';
import type { ClusterContextType, ClusterStatus, KeywordIntent } from '@igny8/db/planner';
import {
  BadUserInputError,
  type Caller,
  ConflictError,
  conflictOnDuplicate,
  type EnumCount,
  enumCounts,
  type ListOrder,
  NotFoundError,
  type PageWindow,
  pageOf,
} from '@igny8/lib';
import type { ClusterFilter, ClusterOrderField, ClusterRow } from '../store/clusters.js';
import * as clustersStore from '../store/clusters.js';
import * as ideasStore from '../store/ideas.js';
import * as keywordsStore from '../store/keywords.js';
import { inPlanner, placeOf, plannerWorkspace } from './access.js';
import { moveKeywords } from './keywords.js';
import type { PlannerServices } from './services.js';
import type { Patch } from './validation.js';

export interface ClusterInput {
  name: string;
  description?: string | null;
  contextType?: ClusterContextType | null;
}

const nameTaken = (name: string) =>
  new ConflictError(`This sector already has a cluster named "${name}".`, { name: ['is already used in this sector'] });

const uniqueName = <T>(name: string, work: () => Promise<T>): Promise<T> =>
  conflictOnDuplicate(work, () => nameTaken(name));

/** `name`, or `name (2)`, `name (3)`… — the first not in `taken` (lower-cased); adds it to `taken`. */
export function freeName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${name} (${n})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export type { ClusterFilter, ClusterOrderField, ClusterRow } from '../store/clusters.js';
export { CLUSTER_ORDER_FIELDS } from '../store/clusters.js';

/** A cluster list's arguments: what it matches, its order (default: highest total volume first) and its page. */
export interface ClusterListInput {
  filter: ClusterFilter;
  orderBy?: ListOrder<ClusterOrderField> | null | undefined;
  page: PageWindow;
}

export function listClusters(s: PlannerServices, caller: Caller, { filter, orderBy, page }: ClusterListInput) {
  const accountId = caller.accountId;
  const order = { field: orderBy?.field ?? 'totalVolume', descending: (orderBy?.direction ?? 'desc') === 'desc' };
  return inPlanner(s, caller, (tx) =>
    pageOf(
      page,
      () => clustersStore.countClusters(tx, accountId, filter),
      (range) => clustersStore.listClusters(tx, accountId, filter, order, range),
    ),
  );
}

async function clusterOf(tx: Tx, accountId: string, id: string): Promise<ClusterRow> {
  const row = await clustersStore.findCluster(tx, accountId, id);
  if (!row) throw new NotFoundError('Cluster', id);
  return row;
}

export function getCluster(s: PlannerServices, caller: Caller, id: string): Promise<ClusterRow> {
  return inPlanner(s, caller, (tx) => clusterOf(tx, caller.accountId, id));
}

export function clustersByIds(s: PlannerServices, caller: Caller, ids: readonly string[]) {
  return inPlanner(s, caller, (tx) => clustersStore.findClustersByIds(tx, caller.accountId, ids));
}

export async function createCluster(
  s: PlannerServices,
  caller: Caller,
  place: { siteId: string; sectorId: string },
  input: ClusterInput & { keywordIds?: readonly string[] | null },
): Promise<ClusterRow> {
  const workspace = await plannerWorkspace(s, caller, place);
  const accountId = caller.accountId;
  return uniqueName(input.name, () =>
    s.database.tenant(accountId, async (tx) => {
      const [cluster] = await clustersStore.insertClusters(tx, [
        {
          accountId,
          ...placeOf(workspace),
          name: input.name,
          description: input.description ?? '',
          contextType: input.contextType ?? 'topic',
          createdBy: caller.userId,
        },
      ]);
      if (input.keywordIds?.length) {
        const rows = await keywordsStore.findKeywordsByIds(tx, accountId, input.keywordIds);
        await moveKeywords(tx, accountId, rows, cluster!.id);
      }
      return (await clustersStore.findCluster(tx, accountId, cluster!.id))!;
    }),
  );
}

export interface ClusterUpdate extends Patch<ClusterInput> {
  status?: ClusterStatus | null;
}

export function updateCluster(s: PlannerServices, caller: Caller, id: string, input: ClusterUpdate) {
  const accountId = caller.accountId;
  return uniqueName(input.name ?? '', () =>
    inPlanner(s, caller, async (tx) => {
      await clusterOf(tx, accountId, id);
      const changes: clustersStore.ClusterChanges = {};
      if (input.name != null) changes.name = input.name;
      if (input.description != null) changes.description = input.description;
      if (input.contextType) changes.contextType = input.contextType;
      if (input.status) changes.status = input.status;
      return (await clustersStore.updateCluster(tx, accountId, id, changes))!;
    }),
  );
}

/** Deletes clusters: their keywords go back to `new` (kept), their ideas stay without a cluster. */
export function deleteClusters(s: PlannerServices, caller: Caller, ids: readonly string[]): Promise<number> {
  const accountId = caller.accountId;
  return inPlanner(s, caller, async (tx) => {
    await keywordsStore.releaseClusterKeywords(tx, accountId, ids);
    await ideasStore.moveClusterIdeas(tx, accountId, ids, null);
    const deleted = await clustersStore.deleteClusters(tx, accountId, ids);
    return deleted.length;
  });
}

export function setClustersStatus(s: PlannerServices, caller: Caller, ids: readonly string[], status: ClusterStatus) {
  return inPlanner(s, caller, (tx) => clustersStore.setClustersStatus(tx, caller.accountId, ids, status));
}

/**
 * Merges clusters into `targetId`: their keywords and ideas move to it and they are deleted. All
 * must be in the target's site and sector.
 */
export function mergeClusters(
  s: PlannerServices,
  caller: Caller,
  targetId: string,
  sourceIds: readonly string[],
): Promise<ClusterRow> {
  const accountId = caller.accountId;
  return inPlanner(s, caller, async (tx) => {
    const target = await clusterOf(tx, accountId, targetId);
    const others = sourceIds.filter((id) => id !== targetId);
    if (others.length === 0)
      throw BadUserInputError.field('clusterIds', 'must name at least one cluster besides the target');
    const sources = await clustersStore.findClustersByIds(tx, accountId, others);
    const missing = others.find((id) => !sources.some((row) => row.id === id));
    if (missing) throw new NotFoundError('Cluster', missing);
    const foreign = sources.find((row) => row.siteId !== target.siteId || row.sectorId !== target.sectorId);
    if (foreign) {
      throw BadUserInputError.field(
        'clusterIds',
        `"${foreign.name}" is in another site or sector than "${target.name}"`,
      );
    }
    const moving = await keywordsStore.findKeywordsOfClusters(tx, accountId, others);
    await moveKeywords(tx, accountId, moving, targetId);
    await ideasStore.moveClusterIdeas(tx, accountId, others, targetId);
    await clustersStore.deleteClusters(tx, accountId, others);
    return clusterOf(tx, accountId, targetId);
  });
}

/** Moves some of a cluster's keywords into a new cluster of the same sector. */
export function splitCluster(
  s: PlannerServices,
  caller: Caller,
  id: string,
  keywordIds: readonly string[],
  input: ClusterInput,
): Promise<ClusterRow> {
  const accountId = caller.accountId;
  return uniqueName(input.name, () =>
    inPlanner(s, caller, async (tx) => {
      const source = await clusterOf(tx, accountId, id);
      const rows = await keywordsStore.findKeywordsByIds(tx, accountId, keywordIds);
      const outside = rows.find((row) => row.clusterId !== id);
      if (outside || rows.length !== new Set(keywordIds).size) {
        throw BadUserInputError.field(
          'keywordIds',
          outside ? `"${outside.keyword}" is not in "${source.name}"` : `must all be keywords of "${source.name}"`,
        );
      }
      if (rows.length >= source.keywordsCount) {
        throw BadUserInputError.field(
          'keywordIds',
          'must leave at least one keyword in the cluster (rename it instead)',
        );
      }
      const [created] = await clustersStore.insertClusters(tx, [
        {
          accountId,
          siteId: source.siteId,
          sectorId: source.sectorId,
          name: input.name,
          description: input.description ?? '',
          contextType: input.contextType ?? source.contextType,
          createdBy: caller.userId,
        },
      ]);
      await moveKeywords(tx, accountId, rows, created!.id);
      return clusterOf(tx, accountId, created!.id);
    }),
  );
}

/** The clusters a clustering job made (none for another account's job or another kind). */
export function clustersOfJob(s: PlannerServices, caller: Caller, jobId: string): Promise<ClusterRow[]> {
  return s.database.tenant(caller.accountId, (tx) => clustersStore.findClustersOfJob(tx, caller.accountId, jobId));
}

/** What each status and intent counts among the matching clusters (a cluster with no intent yet is in no intent). */
export interface ClusterFacets {
  status: EnumCount<ClusterStatus>[];
  intent: EnumCount<KeywordIntent>[];
}

/** The cluster list's filter options with their counts; each facet under the other filters only. */
export function clusterFacets(s: PlannerServices, caller: Caller, filter: ClusterFilter): Promise<ClusterFacets> {
  return inPlanner(s, caller, async (tx) => {
    const counts = await clustersStore.clusterFacetCounts(tx, caller.accountId, filter);
    return { status: enumCounts(counts.status), intent: enumCounts(counts.intent) };
  });
}
