// /api/v1/planner/keywords/: the keyword table (list, CRUD), its bulk actions, auto-cluster,
// CSV export and filter options. The CSV import is planner-import.ts.
import { KEYWORD_INTENTS, KEYWORD_SOURCES, KEYWORD_STATUSES } from '@igny8/db/planner';
import type { Request, Router } from 'express';
import { enumValue } from './case.js';
import { RestFailure, sendData } from './envelope.js';
import {
  boolParam,
  defined,
  enumListParam,
  facetOptions,
  IMPORT_REPORT,
  idsOf,
  intParam,
  orderingParam,
  orNotFound,
  picked,
  sendConnectionPage,
  STARTED_JOB,
  textParam,
} from './planner-params.js';
import { type CollectionRoutes, mountCsvExport, mountDeletes } from './planner-routes.js';
import { bodyOf, handle, type OperationRunner } from './runner.js';

const KEYWORD = `id keyword volume difficulty cpc intent intentConfidence intentSource status source country language
  siteId sectorId clusterId cluster { name } createdAt updatedAt`;
const ORDERING = ['keyword', 'volume', 'difficulty', 'cpc', 'intent', 'status', 'created_at', 'updated_at'] as const;
const CREATE_FIELDS = ['siteId', 'sectorId', 'keyword', 'volume', 'difficulty', 'cpc', 'intent', 'country', 'language'];
const UPDATE_FIELDS = ['keyword', 'volume', 'difficulty', 'cpc', 'intent', 'status', 'country', 'language'];
const ENUMS = ['intent', 'status'];

interface KeywordNode {
  cluster: { name: string } | null;
  [field: string]: unknown;
}

/** REST shape: the cluster's name beside its id, as the original's `cluster_name`. */
const restKeyword = ({ cluster, ...keyword }: KeywordNode) => ({ ...keyword, clusterName: cluster?.name ?? null });

/** The list's filters as a GraphQL KeywordFilter (export and filter_options take the same). */
function keywordFilterOf(req: Request): Record<string, unknown> {
  return defined({
    siteId: textParam(req, 'site_id'),
    sectorId: textParam(req, 'sector_id'),
    status: enumListParam(req, 'status'),
    intent: enumListParam(req, 'intent'),
    source: enumListParam(req, 'source'),
    clusterId: textParam(req, 'cluster_id'),
    unclustered: boolParam(req, 'unclustered'),
    volumeMin: intParam(req, 'volume_min'),
    volumeMax: intParam(req, 'volume_max'),
    difficultyMin: intParam(req, 'difficulty_min'),
    difficultyMax: intParam(req, 'difficulty_max'),
    search: textParam(req, 'search'),
  });
}

const KEYWORDS = '/planner/keywords/';

const KEYWORDS_ROUTES: CollectionRoutes = {
  path: KEYWORDS,
  singular: 'keyword',
  graphqlName: 'Keywords',
  csvQuery: 'keywordsCsv',
  filterType: 'KeywordFilter',
  filterOf: (req) => keywordFilterOf(req),
  csvName: 'keywords',
};

export function mountKeywordRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    KEYWORDS,
    handle(async (req, res) => {
      await sendConnectionPage(
        req,
        res,
        graph,
        {
          query: `query Keywords($filter: KeywordFilter, $orderBy: KeywordOrder, $first: Int, $after: String) {
            keywords(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
              totalCount edges { node { ${KEYWORD} } } } }`,
          field: 'keywords',
          variables: { filter: keywordFilterOf(req), orderBy: orderingParam(req, ORDERING) },
        },
        restKeyword,
      );
    }),
  );

  router.post(
    KEYWORDS,
    handle(async (req, res) => {
      const data = await graph.run<{ createKeyword: KeywordNode }>(
        req,
        `mutation CreateKeyword($input: CreateKeywordInput!) { createKeyword(input: $input) { ${KEYWORD} } }`,
        { input: picked(bodyOf(req), CREATE_FIELDS, ENUMS) },
      );
      sendData(res, restKeyword(data.createKeyword), 201, 'Keyword created.');
    }),
  );

  mountCsvExport(router, graph, KEYWORDS_ROUTES);

  router.get(
    `${KEYWORDS}filter_options/`,
    handle(async (req, res) => {
      const filter = keywordFilterOf(req);
      const place = defined({ siteId: filter.siteId, sectorId: filter.sectorId });
      const { options, data } = await facetOptions(
        req,
        graph,
        { field: 'keywords', filterType: 'KeywordFilter' },
        filter,
        [
          { name: 'status', filterField: 'status', values: KEYWORD_STATUSES, allLabel: 'All statuses' },
          { name: 'intent', filterField: 'intent', values: KEYWORD_INTENTS, allLabel: 'All intents' },
          { name: 'source', filterField: 'source', values: KEYWORD_SOURCES, allLabel: 'All sources' },
        ],
        {
          declarations: '$clusterFilter: ClusterFilter',
          // The dropdown's first 100 clusters by name: a sector with more is searched instead.
          selection:
            'clusters(filter: $clusterFilter, first: 100, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }',
          variables: { clusterFilter: place },
        },
      );
      const clusters = (data.clusters as { edges: { node: { id: string; name: string } }[] }).edges.map((e) => ({
        value: e.node.id,
        label: e.node.name,
      }));
      sendData(res, { ...options, clusters: [{ value: '', label: 'All clusters' }, ...clusters] });
    }),
  );

  mountDeletes(router, graph, KEYWORDS_ROUTES);

  router.post(
    `${KEYWORDS}bulk_update/`,
    handle(async (req, res) => {
      const body = bodyOf(req);
      const ids = idsOf(body);
      if (body.status === undefined && body.cluster_id === undefined) {
        throw new RestFailure(400, 'Give status or cluster_id to set on the keywords.', {
          status: ['is required without cluster_id'],
        });
      }
      let updatedCount = 0;
      if (body.cluster_id !== undefined) {
        const data = await graph.run<{ assignKeywordsToCluster: { count: number } }>(
          req,
          `mutation AssignKeywords($input: AssignKeywordsToClusterInput!) {
            assignKeywordsToCluster(input: $input) { count } }`,
          { input: { ids, clusterId: body.cluster_id } },
        );
        updatedCount = data.assignKeywordsToCluster.count;
      }
      if (body.status !== undefined) {
        const data = await graph.run<{ setKeywordsStatus: { count: number } }>(
          req,
          'mutation SetKeywordsStatus($input: SetKeywordsStatusInput!) { setKeywordsStatus(input: $input) { count } }',
          { input: { ids, status: enumValue(body.status) } },
        );
        updatedCount = data.setKeywordsStatus.count;
      }
      sendData(res, { updatedCount }, 200, `${updatedCount} keyword${updatedCount === 1 ? '' : 's'} updated.`);
    }),
  );

  router.post(
    `${KEYWORDS}bulk_add_from_seed/`,
    handle(async (req, res) => {
      const input = picked(bodyOf(req), ['siteId', 'sectorId', 'seedKeywordIds', 'intent', 'volumeMin']);
      if (Array.isArray(input.intent)) input.intent = input.intent.map(enumValue);
      const data = await graph.run<{ addSeedKeywords: { added: number } }>(
        req,
        `mutation AddSeedKeywords($input: AddSeedKeywordsInput!) { addSeedKeywords(input: $input) { ${IMPORT_REPORT} } }`,
        { input },
      );
      sendData(res, data.addSeedKeywords, 200, `${data.addSeedKeywords.added} keywords added from the library.`);
    }),
  );

  router.post(
    `${KEYWORDS}auto_cluster/`,
    handle(async (req, res) => {
      const body = bodyOf(req);
      const input = picked(body, ['siteId', 'sectorId', 'granularity'], ['granularity']);
      if (body.ids !== undefined) input.keywordIds = idsOf(body);
      const data = await graph.run<{ clusterKeywords: unknown }>(
        req,
        `mutation ClusterKeywords($input: ClusterKeywordsInput!) { clusterKeywords(input: $input) { ${STARTED_JOB} } }`,
        { input },
        { keywordIds: 'ids' },
      );
      // Accepted: the clusters are made in the background; GET /automation/jobs/<id>/ follows it.
      sendData(res, data.clusterKeywords, 202, 'Clustering started.');
    }),
  );

  router.get(
    `${KEYWORDS}:id/`,
    handle(async (req, res) => {
      const data = await orNotFound('Keyword', () =>
        graph.run<{ keyword: KeywordNode }>(req, `query Keyword($id: ID!) { keyword(id: $id) { ${KEYWORD} } }`, {
          id: req.params.id,
        }),
      );
      sendData(res, restKeyword(data.keyword));
    }),
  );

  const updateKeyword = handle(async (req, res) => {
    const body = bodyOf(req);
    const id = String(req.params.id);
    // The original's keyword carries its cluster: moving it is part of an update there.
    if (body.cluster_id !== undefined) {
      await orNotFound('Keyword', () =>
        graph.run(
          req,
          `mutation AssignKeywords($input: AssignKeywordsToClusterInput!) {
            assignKeywordsToCluster(input: $input) { count } }`,
          { input: { ids: [id], clusterId: body.cluster_id } },
        ),
      );
    }
    const data = await orNotFound('Keyword', () =>
      graph.run<{ updateKeyword: KeywordNode }>(
        req,
        `mutation UpdateKeyword($input: UpdateKeywordInput!) { updateKeyword(input: $input) { ${KEYWORD} } }`,
        { input: { ...picked(body, UPDATE_FIELDS, ENUMS), id } },
      ),
    );
    sendData(res, restKeyword(data.updateKeyword));
  });
  router.put(`${KEYWORDS}:id/`, updateKeyword);
  router.patch(`${KEYWORDS}:id/`, updateKeyword);
}
