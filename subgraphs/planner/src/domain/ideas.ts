// Content idea rules: an idea belongs to a site and sector and, usually, a cluster of that sector.
import type { Tx } from '@igny8/db';
import type { ContentType, IdeaOutlineSection, IdeaStatus } from '@igny8/db/planner';
import {
  BadUserInputError,
  type Caller,
  type EnumCount,
  enumCounts,
  type ListOrder,
  NotFoundError,
  type PageWindow,
  pageOf,
} from '@igny8/lib';
import * as clustersStore from '../store/clusters.js';
import type { IdeaFilter, IdeaOrderField, IdeaRow } from '../store/ideas.js';
import * as ideasStore from '../store/ideas.js';
import { inPlanner, placeOf, plannerWorkspace } from './access.js';
import { normalizeKeyword } from './keyword-csv.js';
import type { PlannerServices } from './services.js';
import type { Patch } from './validation.js';

export interface IdeaInput {
  title: string;
  description?: string | null;
  contentType?: ContentType | null;
  outline?: IdeaOutlineSection[] | null;
  targetKeywords?: string[] | null;
  estimatedWordCount?: number | null;
}

export type { IdeaFilter, IdeaOrderField, IdeaRow } from '../store/ideas.js';
export { IDEA_ORDER_FIELDS } from '../store/ideas.js';

/** An idea list's arguments: what it matches, its order (default: newest first) and its page. */
export interface IdeaListInput {
  filter: IdeaFilter;
  orderBy?: ListOrder<IdeaOrderField> | null | undefined;
  page: PageWindow;
}

export function listIdeas(s: PlannerServices, caller: Caller, { filter, orderBy, page }: IdeaListInput) {
  const accountId = caller.accountId;
  const order = { field: orderBy?.field ?? 'createdAt', descending: (orderBy?.direction ?? 'desc') === 'desc' };
  return inPlanner(s, caller, (tx) =>
    pageOf(
      page,
      () => ideasStore.countIdeas(tx, accountId, filter),
      (range) => ideasStore.listIdeas(tx, accountId, filter, order, range),
    ),
  );
}

async function ideaOf(tx: Tx, accountId: string, id: string): Promise<IdeaRow> {
  const row = await ideasStore.findIdea(tx, accountId, id);
  if (!row) throw new NotFoundError('Content idea', id);
  return row;
}

export function getIdea(s: PlannerServices, caller: Caller, id: string): Promise<IdeaRow> {
  return inPlanner(s, caller, (tx) => ideaOf(tx, caller.accountId, id));
}

const cleanKeywords = (list: readonly string[]) => [...new Set(list.map(normalizeKeyword).filter(Boolean))];

/** A cluster of the same site and sector, or BAD_USER_INPUT naming `clusterId`. */
async function assertClusterInPlace(
  tx: Tx,
  accountId: string,
  clusterId: string,
  place: { siteId: string; sectorId: string },
) {
  const cluster = await clustersStore.findCluster(tx, accountId, clusterId);
  if (!cluster) throw new NotFoundError('Cluster', clusterId);
  if (cluster.siteId !== place.siteId || cluster.sectorId !== place.sectorId) {
    throw BadUserInputError.field('clusterId', "is in another site or sector than the idea's");
  }
  return cluster;
}

/** Creates an idea by hand: in a cluster (its site and sector), or in a site and sector. */
export async function createIdea(
  s: PlannerServices,
  caller: Caller,
  target: { clusterId?: string | null; siteId?: string | null; sectorId?: string | null },
  input: IdeaInput,
): Promise<IdeaRow> {
  const accountId = caller.accountId;
  let place: { siteId: string; sectorId: string };
  if (target.clusterId) {
    const cluster = await inPlanner(s, caller, (tx) => clustersStore.findCluster(tx, accountId, target.clusterId!));
    if (!cluster) throw new NotFoundError('Cluster', target.clusterId);
    place = { siteId: cluster.siteId, sectorId: cluster.sectorId };
  } else if (target.siteId && target.sectorId) {
    place = placeOf(await plannerWorkspace(s, caller, { siteId: target.siteId, sectorId: target.sectorId }));
  } else {
    throw BadUserInputError.field('clusterId', 'is required unless a site and a sector are given');
  }
  return inPlanner(s, caller, async (tx) => {
    const [row] = await ideasStore.insertIdeas(tx, [
      {
        accountId,
        ...place,
        clusterId: target.clusterId ?? null,
        title: input.title,
        description: input.description ?? '',
        contentType: input.contentType ?? 'post',
        outline: input.outline ?? [],
        targetKeywords: cleanKeywords(input.targetKeywords ?? []),
        ...(input.estimatedWordCount ? { estimatedWordCount: input.estimatedWordCount } : {}),
        createdBy: caller.userId,
      },
    ]);
    return row!;
  });
}

export interface IdeaUpdate extends Patch<IdeaInput> {
  status?: IdeaStatus | null;
  /** Another cluster of the same sector; null takes the idea out of its cluster. */
  clusterId?: string | null;
}

export function updateIdea(s: PlannerServices, caller: Caller, id: string, input: IdeaUpdate): Promise<IdeaRow> {
  const accountId = caller.accountId;
  return inPlanner(s, caller, async (tx) => {
    const current = await ideaOf(tx, accountId, id);
    const changes: ideasStore.IdeaChanges = {};
    if (input.title != null) changes.title = input.title;
    if (input.description != null) changes.description = input.description;
    if (input.contentType) changes.contentType = input.contentType;
    if (input.outline) changes.outline = input.outline;
    if (input.targetKeywords) changes.targetKeywords = cleanKeywords(input.targetKeywords);
    if (input.estimatedWordCount) changes.estimatedWordCount = input.estimatedWordCount;
    if (input.status) changes.status = input.status;
    if (input.clusterId !== undefined) {
      if (input.clusterId) await assertClusterInPlace(tx, accountId, input.clusterId, current);
      changes.clusterId = input.clusterId;
    }
    return (await ideasStore.updateIdea(tx, accountId, id, changes))!;
  });
}

export function deleteIdeas(s: PlannerServices, caller: Caller, ids: readonly string[]): Promise<number> {
  return inPlanner(s, caller, async (tx) => (await ideasStore.deleteIdeas(tx, caller.accountId, ids)).length);
}

export function setIdeasStatus(s: PlannerServices, caller: Caller, ids: readonly string[], status: IdeaStatus) {
  return inPlanner(s, caller, (tx) => ideasStore.updateIdeas(tx, caller.accountId, ids, { status }));
}

export function ideasByIds(s: PlannerServices, caller: Caller, ids: readonly string[]): Promise<IdeaRow[]> {
  return inPlanner(s, caller, (tx) => ideasStore.findIdeasByIds(tx, caller.accountId, ids));
}

const NEWEST = { field: 'createdAt', descending: true } as const;

export function ideasOfCluster(s: PlannerServices, caller: Caller, clusterId: string): Promise<IdeaRow[]> {
  const accountId = caller.accountId;
  return s.database.tenant(accountId, (tx) =>
    ideasStore.listIdeas(tx, accountId, { clusterId }, NEWEST, { limit: 500, offset: 0 }),
  );
}

/** The ideas a generate-ideas job made (none for another account's job or another kind). */
export function ideasOfJob(s: PlannerServices, caller: Caller, jobId: string): Promise<IdeaRow[]> {
  const accountId = caller.accountId;
  return s.database.tenant(accountId, (tx) =>
    ideasStore.listIdeas(tx, accountId, { jobId }, NEWEST, { limit: 500, offset: 0 }),
  );
}

/** How many ideas each cluster has, in the order asked for. */
export async function ideaCountsOfClusters(
  s: PlannerServices,
  caller: Caller,
  clusterIds: readonly string[],
): Promise<number[]> {
  const accountId = caller.accountId;
  const counts = await s.database.tenant(accountId, (tx) => ideasStore.countIdeasByCluster(tx, accountId, clusterIds));
  return clusterIds.map((id) => counts.get(id) ?? 0);
}

/** What each status and content type counts among the matching ideas. */
export interface IdeaFacets {
  status: EnumCount<IdeaStatus>[];
  contentType: EnumCount<ContentType>[];
}

/** The idea list's filter options with their counts; each facet under the other filters only. */
export function ideaFacets(s: PlannerServices, caller: Caller, filter: IdeaFilter): Promise<IdeaFacets> {
  return inPlanner(s, caller, async (tx) => {
    const counts = await ideasStore.ideaFacetCounts(tx, caller.accountId, filter);
    return { status: enumCounts(counts.status), contentType: enumCounts(counts.contentType) };
  });
}

/**
 * Service only (the writer): an account's ideas by id, as they are now. Unknown ids and another
 * account's ids are absent from the answer.
 */
export function ideasForWriter(s: PlannerServices, accountId: string, ids: readonly string[]): Promise<IdeaRow[]> {
  return s.database.tenant(accountId, (tx) => ideasStore.findIdeasByIds(tx, accountId, ids));
}

/**
 * Service only (the writer): the planner owns an idea's status; the writer says when its ideas are
 * queued (a task exists), completed (an article exists) or new again (the task was deleted).
 * Answers the ideas changed.
 */
export async function markIdeasForWriter(
  s: PlannerServices,
  accountId: string,
  ids: readonly string[],
  status: IdeaStatus,
): Promise<IdeaRow[]> {
  if (ids.length === 0) return [];
  return s.database.tenant(accountId, (tx) => ideasStore.updateIdeas(tx, accountId, ids, { status }));
}
