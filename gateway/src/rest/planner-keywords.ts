// /api/v1/planner/keywords/: the keyword table (list, CRUD), its bulk actions, auto-cluster,
// CSV export and filter options. The CSV import is planner-import.ts.
import { KEYWORD_INTENTS, KEYWORD_SOURCES, KEYWORD_STATUSES } from '@igny8/db/planner';
import type { Response, Router } from 'express';
import type { FileProxy } from '../files.js';
import { RestFailure, sendData } from './envelope.js';
import type { RestKeywordFragment } from './gql/graphql.js';
import {
  RestAddSeedKeywordsDocument,
  RestAssignKeywordsDocument,
  RestClusterKeywordsDocument,
  RestCreateKeywordDocument,
  RestDeleteKeywordsDocument,
  RestKeywordDocument,
  RestKeywordFilterOptionsDocument,
  RestKeywordSectorStatsDocument,
  RestKeywordsCsvDocument,
  RestKeywordsDocument,
  RestSetKeywordsStatusDocument,
  RestUpdateKeywordDocument,
} from './gql/graphql.js';
import { counted, idsOf } from './kit/params.js';
import { action, type Call, create, custom, get, list, mountRoutes, type RestCased, startJob } from './kit/routes.js';
import { type Collection, csvExport, deletes, type Facet, facetOptions } from './planner-routes.js';
import type { OperationRunner } from './runner.js';

const KEYWORDS: Collection = {
  path: '/planner/keywords/',
  singular: 'keyword',
  filterOf: (call: Call) => ({
    site_id: call.query.text('site_id'),
    sector_id: call.query.text('sector_id'),
    status: call.query.list('status'),
    intent: call.query.list('intent'),
    source: call.query.list('source'),
    cluster_id: call.query.text('cluster_id'),
    unclustered: call.query.bool('unclustered'),
    volume_min: call.query.int('volume_min'),
    volume_max: call.query.int('volume_max'),
    difficulty_min: call.query.int('difficulty_min'),
    difficulty_max: call.query.int('difficulty_max'),
    search: call.query.text('search'),
  }),
};
const ORDERING = {
  fields: ['keyword', 'volume', 'difficulty', 'cpc', 'intent', 'status', 'created_at', 'updated_at'],
};
const NOT_FOUND = 'Keyword not found.';
const FACETS = {
  status: { name: 'status', values: KEYWORD_STATUSES, allLabel: 'All statuses' },
  intent: { name: 'intent', values: KEYWORD_INTENTS, allLabel: 'All intents' },
  source: { name: 'source', values: KEYWORD_SOURCES, allLabel: 'All sources' },
} satisfies Record<string, Facet>;

/** REST shape: the cluster's name beside its id, as the original's `cluster_name`. */
const restKeyword = ({ cluster, ...keyword }: RestCased<RestKeywordFragment>) => ({
  ...keyword,
  clusterName: cluster?.name ?? null,
});

export function mountKeywordRoutes(router: Router, graph: OperationRunner, files: FileProxy): void {
  const path = KEYWORDS.path;

  mountRoutes(router, graph, [
    list({
      path,
      operation: RestKeywordsDocument,
      variables: (call) => ({ filter: KEYWORDS.filterOf(call), orderBy: call.query.ordering(ORDERING) }),
      item: restKeyword,
    }),
    create({
      path,
      operation: RestCreateKeywordDocument,
      variables: (call) => ({ input: call.body }),
      answer: (data) => restKeyword(data.createKeyword),
      message: 'Keyword created.',
    }),
    csvExport(KEYWORDS, RestKeywordsCsvDocument, files),
    // Per sector (of `?site_id=`, or of every site): counts by status and intent, volume, difficulty.
    get({
      path: `${path}sector_stats/`,
      operation: RestKeywordSectorStatsDocument,
      variables: ({ query }) => ({ siteId: query.text('site_id') }),
      answer: (data) =>
        data.keywordSectorStats.map(
          ({ site, sector, statusNew, statusClustered, statusMapped, statusArchived, ...stats }) => {
            const { informational, commercial, transactional, navigational, ...totals } = stats;
            return {
              ...totals,
              siteName: site.name,
              sectorName: sector.name,
              byStatus: { new: statusNew, clustered: statusClustered, mapped: statusMapped, archived: statusArchived },
              byIntent: { informational, commercial, transactional, navigational },
            };
          },
        ),
    }),
    custom({
      method: 'get',
      path: `${path}filter_options/`,
      async handle(call, res) {
        const filter = KEYWORDS.filterOf(call);
        const data = await call.run(RestKeywordFilterOptionsDocument, {
          filter,
          choices: { site_id: filter.site_id, sector_id: filter.sector_id },
        });
        const facets = data.keywordFacets;
        const clusters = data.clusters.edges.map((e) => ({ value: e.node.id, label: e.node.name }));
        sendData(res, {
          status: facetOptions(FACETS.status, facets.status),
          intent: facetOptions(FACETS.intent, facets.intent),
          source: facetOptions(FACETS.source, facets.source),
          clusters: [{ value: '', label: 'All clusters' }, ...clusters],
        });
      },
    }),
    ...deletes(KEYWORDS, RestDeleteKeywordsDocument),
    custom({
      method: 'post',
      // bulk_status/: the original's name for setting the status of many.
      path: [`${path}bulk_update/`, `${path}bulk_status/`],
      async handle(call, res) {
        const { body } = call;
        const ids = idsOf(body);
        if (body.status === undefined && body.cluster_id === undefined) {
          throw new RestFailure(400, 'Give status or cluster_id to set on the keywords.', {
            status: ['is required without cluster_id'],
          });
        }
        let updatedCount = 0;
        if (body.cluster_id !== undefined) {
          const data = await call.run(RestAssignKeywordsDocument, { input: { ids, cluster_id: body.cluster_id } });
          updatedCount = data.assignKeywordsToCluster.count;
        }
        if (body.status !== undefined) {
          const data = await call.run(RestSetKeywordsStatusDocument, { input: { ids, status: body.status } });
          updatedCount = data.setKeywordsStatus.count;
        }
        sendData(res, { updatedCount }, 200, `${counted(updatedCount, 'keyword')} updated.`);
      },
    }),
    action({
      path: `${path}bulk_add_from_seed/`,
      operation: RestAddSeedKeywordsDocument,
      variables: (call) => ({ input: call.body }),
      answer: (data) => data.addSeedKeywords,
      message: (report) => `${report.added} keywords added from the library.`,
    }),
    startJob({
      path: `${path}auto_cluster/`,
      operation: RestClusterKeywordsDocument,
      variables: ({ body }) => ({
        input: { ...body, ids: undefined, keyword_ids: body.ids === undefined ? undefined : idsOf(body) },
      }),
      restNames: { keywordIds: 'ids' },
      message: 'Clustering started.',
    }),
    get({
      path: `${path}:id/`,
      operation: RestKeywordDocument,
      variables: (call) => ({ id: call.params.id }),
      answer: (data) => data.keyword && restKeyword(data.keyword),
      notFound: NOT_FOUND,
    }),
    custom({
      method: 'update',
      path: `${path}:id/`,
      notFound: NOT_FOUND,
      restNames: { ids: 'id' },
      handle: updateKeyword,
    }),
  ]);
}

/** The original's keyword carries its cluster: moving it is part of an update there. */
async function updateKeyword(call: Call, res: Response): Promise<void> {
  const { body } = call;
  const id = call.params.id;
  if (body.cluster_id !== undefined) {
    await call.run(RestAssignKeywordsDocument, { input: { ids: [id], cluster_id: body.cluster_id } });
  }
  const data = await call.run(RestUpdateKeywordDocument, { input: { ...body, id } });
  sendData(res, restKeyword(data.updateKeyword));
}
