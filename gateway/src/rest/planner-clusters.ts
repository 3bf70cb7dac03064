// /api/v1/planner/clusters/: the cluster table (list, CRUD), bulk actions, merge and split,
// generate-ideas and CSV export.
import { CLUSTER_STATUSES, KEYWORD_INTENTS } from '@igny8/db/planner';
import type { Request, Router } from 'express';
import { enumValue } from './case.js';
import { RestFailure, sendData } from './envelope.js';
import {
  defined,
  enumListParam,
  facetOptions,
  idsOf,
  orderingParam,
  orNotFound,
  picked,
  sendConnectionPage,
  STARTED_JOB,
  textParam,
} from './planner-params.js';
import { type CollectionRoutes, mountCsvExport, mountDeletes } from './planner-routes.js';
import { bodyOf, handle, type OperationRunner } from './runner.js';

const CLUSTER = `id name description status contextType intent keywordsCount totalVolume avgDifficulty
  siteId sectorId createdAt updatedAt`;
const CLUSTER_DETAIL = `${CLUSTER} ideas { id title contentType status estimatedWordCount }`;
const ORDERING = [
  'name',
  'keywords_count',
  'total_volume',
  'avg_difficulty',
  'status',
  'created_at',
  'updated_at',
] as const;
const CREATE_FIELDS = ['siteId', 'sectorId', 'name', 'description', 'contextType', 'keywordIds'];
const UPDATE_FIELDS = ['name', 'description', 'contextType', 'status'];
const ENUMS = ['contextType', 'status'];

interface ClusterDetail {
  ideas: unknown[];
  [field: string]: unknown;
}

/** Detail shape: the cluster with its ideas and how many there are. */
const restClusterDetail = (cluster: ClusterDetail) => ({ ...cluster, ideasCount: cluster.ideas.length });

function clusterFilterOf(req: Request): Record<string, unknown> {
  return defined({
    siteId: textParam(req, 'site_id'),
    sectorId: textParam(req, 'sector_id'),
    status: enumListParam(req, 'status'),
    intent: enumListParam(req, 'intent'),
    search: textParam(req, 'search'),
  });
}

const CLUSTERS = '/planner/clusters/';

const CLUSTERS_ROUTES: CollectionRoutes = {
  path: CLUSTERS,
  singular: 'cluster',
  graphqlName: 'Clusters',
  csvQuery: 'clustersCsv',
  filterType: 'ClusterFilter',
  filterOf: (req) => clusterFilterOf(req),
  csvName: 'clusters',
};

export function mountClusterRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    CLUSTERS,
    handle(async (req, res) => {
      await sendConnectionPage(req, res, graph, {
        query: `query Clusters($filter: ClusterFilter, $orderBy: ClusterOrder, $first: Int, $after: String) {
          clusters(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
            totalCount edges { node { ${CLUSTER} } } } }`,
        field: 'clusters',
        variables: { filter: clusterFilterOf(req), orderBy: orderingParam(req, ORDERING) },
      });
    }),
  );

  router.post(
    CLUSTERS,
    handle(async (req, res) => {
      const data = await graph.run<{ createCluster: ClusterDetail }>(
        req,
        `mutation CreateCluster($input: CreateClusterInput!) { createCluster(input: $input) { ${CLUSTER_DETAIL} } }`,
        { input: picked(bodyOf(req), CREATE_FIELDS, ENUMS) },
      );
      sendData(res, restClusterDetail(data.createCluster), 201, 'Cluster created.');
    }),
  );

  mountCsvExport(router, graph, CLUSTERS_ROUTES);

  router.get(
    `${CLUSTERS}filter_options/`,
    handle(async (req, res) => {
      const { options } = await facetOptions(
        req,
        graph,
        { field: 'clusters', filterType: 'ClusterFilter' },
        clusterFilterOf(req),
        [
          { name: 'status', filterField: 'status', values: CLUSTER_STATUSES, allLabel: 'All statuses' },
          { name: 'intent', filterField: 'intent', values: KEYWORD_INTENTS, allLabel: 'All intents' },
        ],
      );
      sendData(res, options);
    }),
  );

  mountDeletes(router, graph, CLUSTERS_ROUTES);

  router.post(
    `${CLUSTERS}bulk_update/`,
    handle(async (req, res) => {
      const body = bodyOf(req);
      const ids = idsOf(body);
      if (body.status === undefined) throw new RestFailure(400, 'status is required.', { status: ['is required'] });
      const data = await graph.run<{ setClustersStatus: unknown[] }>(
        req,
        'mutation SetClustersStatus($input: SetClustersStatusInput!) { setClustersStatus(input: $input) { id } }',
        { input: { ids, status: enumValue(body.status) } },
      );
      const updatedCount = data.setClustersStatus.length;
      sendData(res, { updatedCount }, 200, `${updatedCount} cluster${updatedCount === 1 ? '' : 's'} updated.`);
    }),
  );

  router.post(
    `${CLUSTERS}merge/`,
    handle(async (req, res) => {
      const body = bodyOf(req);
      const data = await graph.run<{ mergeClusters: ClusterDetail }>(
        req,
        `mutation MergeClusters($input: MergeClustersInput!) { mergeClusters(input: $input) { ${CLUSTER_DETAIL} } }`,
        { input: { targetId: body.target_id, clusterIds: idsOf(body) } },
        { clusterIds: 'ids' },
      );
      sendData(res, restClusterDetail(data.mergeClusters), 200, 'Clusters merged.');
    }),
  );

  router.post(
    `${CLUSTERS}generate_ideas/`,
    handle(async (req, res) => {
      const body = bodyOf(req);
      const data = await graph.run<{ generateIdeas: unknown }>(
        req,
        `mutation GenerateIdeas($input: GenerateIdeasInput!) { generateIdeas(input: $input) { ${STARTED_JOB} } }`,
        { input: { ...picked(body, ['count', 'authorProfileId', 'strategyId']), clusterIds: idsOf(body) } },
        { clusterIds: 'ids' },
      );
      // Accepted: the ideas are written in the background; GET /automation/jobs/<id>/ follows it.
      sendData(res, data.generateIdeas, 202, 'Idea generation started.');
    }),
  );

  router.post(
    `${CLUSTERS}:id/split/`,
    handle(async (req, res) => {
      const body = bodyOf(req);
      const data = await orNotFound('Cluster', () =>
        graph.run<{ splitCluster: ClusterDetail }>(
          req,
          `mutation SplitCluster($input: SplitClusterInput!) { splitCluster(input: $input) { ${CLUSTER_DETAIL} } }`,
          {
            input: {
              ...picked(body, ['name', 'description', 'contextType'], ENUMS),
              id: req.params.id,
              keywordIds: idsOf(body),
            },
          },
          { keywordIds: 'ids' },
        ),
      );
      // The keywords moved into a new cluster: that cluster is what was created.
      sendData(res, restClusterDetail(data.splitCluster), 201, 'Cluster split.');
    }),
  );

  router.get(
    `${CLUSTERS}:id/`,
    handle(async (req, res) => {
      const data = await orNotFound('Cluster', () =>
        graph.run<{ cluster: ClusterDetail }>(
          req,
          `query Cluster($id: ID!) { cluster(id: $id) { ${CLUSTER_DETAIL} } }`,
          {
            id: req.params.id,
          },
        ),
      );
      sendData(res, restClusterDetail(data.cluster));
    }),
  );

  const updateCluster = handle(async (req, res) => {
    const data = await orNotFound('Cluster', () =>
      graph.run<{ updateCluster: ClusterDetail }>(
        req,
        `mutation UpdateCluster($input: UpdateClusterInput!) { updateCluster(input: $input) { ${CLUSTER_DETAIL} } }`,
        { input: { ...picked(bodyOf(req), UPDATE_FIELDS, ENUMS), id: req.params.id } },
      ),
    );
    sendData(res, restClusterDetail(data.updateCluster));
  });
  router.put(`${CLUSTERS}:id/`, updateCluster);
  router.patch(`${CLUSTERS}:id/`, updateCluster);
}
