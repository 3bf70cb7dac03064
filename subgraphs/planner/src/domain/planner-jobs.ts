// Starting the planner's jobs: the request is checked here (module, sector, keywords, clusters,
// voice), so a person hears about a mistake before any credits are held.
import { BadUserInputError, type Caller, type JobRecord, NotFoundError } from '@igny8/lib';
import * as clustersStore from '../store/clusters.js';
import * as keywordsStore from '../store/keywords.js';
import { inPlanner, placeOf, plannerWorkspace } from './access.js';
import {
  CLUSTER_KEYWORDS_JOB,
  type ClusteringPreview,
  type ClusterKeywordsInput,
  clusteringFilter,
  clusteringPreviewOf,
} from './auto-cluster.js';
import { GENERATE_IDEAS_JOB } from './idea-generation.js';
import type { PlannerServices } from './services.js';

export interface ClusteringRequest {
  /** Absent: the site the sector belongs to (the original's clients send only the sector). */
  siteId: string | null;
  sectorId: string;
  keywordIds: string[] | null;
  granularity: ClusterKeywordsInput['granularity'] | null;
}

export async function startClustering(
  s: PlannerServices,
  caller: Caller,
  request: ClusteringRequest,
): Promise<JobRecord> {
  const workspace = await plannerWorkspace(s, caller, { siteId: request.siteId, sectorId: request.sectorId });
  const { siteId, sectorId } = placeOf(workspace);
  const accountId = caller.accountId;
  let keywordCount: number;
  if (request.keywordIds) {
    const rows = await s.database.tenant(accountId, (tx) =>
      keywordsStore.findKeywordsByIds(tx, accountId, request.keywordIds!),
    );
    const outside = rows.find((row) => row.siteId !== siteId || row.sectorId !== sectorId);
    if (outside)
      throw BadUserInputError.field('keywordIds', `"${outside.keyword}" is not a keyword of this site and sector`);
    if (rows.length < new Set(request.keywordIds).size) {
      const found = new Set(rows.map((row) => row.id));
      throw new NotFoundError('Keyword', request.keywordIds.find((id) => !found.has(id))!);
    }
    keywordCount = rows.length;
  } else {
    const count = await s.database.tenant(accountId, (tx) =>
      keywordsStore.countKeywords(tx, accountId, clusteringFilter({ siteId, sectorId, keywordIds: null })),
    );
    keywordCount = count;
    if (count === 0) {
      throw BadUserInputError.field(
        'keywordIds',
        'this sector has no unclustered keywords: import some, or pick keywords to re-cluster',
      );
    }
  }
  // For the jobs list and the credit transaction: "55 keywords · Paws & Claws Blog → Dogs".
  const placeName = `${workspace.site!.name} → ${workspace.sector!.name}`;
  return s.jobs.enqueue(
    caller,
    CLUSTER_KEYWORDS_JOB,
    { ...request, siteId, keywordCount, placeName },
    { requestId: caller.requestId },
  );
}

/** What auto-cluster would take and move, for the dialog to say before any credits are held. */
export async function previewClustering(
  s: PlannerServices,
  caller: Caller,
  request: Pick<ClusteringRequest, 'siteId' | 'sectorId' | 'keywordIds'>,
): Promise<ClusteringPreview> {
  const place = placeOf(await plannerWorkspace(s, caller, { siteId: request.siteId, sectorId: request.sectorId }));
  const accountId = caller.accountId;
  return s.database.tenant(accountId, (tx) =>
    clusteringPreviewOf(tx, accountId, { ...request, ...place, granularity: 'balanced' }),
  );
}

export interface IdeasRequest {
  clusterIds: string[];
  count: number | null;
  authorProfileId: string | null;
  strategyId: string | null;
}

export async function startIdeas(s: PlannerServices, caller: Caller, request: IdeasRequest): Promise<JobRecord> {
  const accountId = caller.accountId;
  await inPlanner(s, caller, async (tx) => {
    const found = await clustersStore.findClustersByIds(tx, accountId, request.clusterIds);
    const missing = request.clusterIds.find((id) => !found.some((row) => row.id === id));
    if (missing) throw new NotFoundError('Cluster', missing);
    const empty = found.find((row) => row.keywordsCount === 0);
    if (empty) throw BadUserInputError.field('clusterIds', `"${empty.name}" has no keywords to write ideas for`);
  });
  // Checks the author profile and strategy exist in the account (NOT_FOUND otherwise).
  if (request.authorProfileId || request.strategyId) {
    await s.system.aiSetup(accountId, { promptType: 'ideas', ...request }, caller.requestId);
  }
  return s.jobs.enqueue(caller, GENERATE_IDEAS_JOB, request, { requestId: caller.requestId });
}
