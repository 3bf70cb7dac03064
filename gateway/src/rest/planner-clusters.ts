// /api/v1/planner/clusters/: the cluster table (list, CRUD), bulk actions, merge and split,
// generate-ideas and CSV export.
import { CLUSTER_STATUSES, KEYWORD_INTENTS } from '@igny8/db/planner';
import type { Router } from 'express';
import type { FileProxy } from '../files.js';
import { sendData } from './envelope.js';
import {
  type RestClusterDetailFragment,
  RestClusterDocument,
  RestClusterFilterOptionsDocument,
  RestClustersCsvDocument,
  RestClustersDocument,
  RestCreateClusterDocument,
  RestDeleteClustersDocument,
  RestGenerateIdeasDocument,
  RestMergeClustersDocument,
  RestSetClustersStatusDocument,
  RestSplitClusterDocument,
  RestUpdateClusterDocument,
} from './gql/graphql.js';
import { counted, idsOf, requiredField } from './kit/params.js';
import {
  action,
  type Call,
  create,
  custom,
  get,
  list,
  mountRoutes,
  type RestCased,
  startJob,
  update,
} from './kit/routes.js';
import { type Collection, csvExport, deletes, type Facet, facetOptions } from './planner-routes.js';
import type { OperationRunner } from './runner.js';

const CLUSTERS: Collection = {
  path: '/planner/clusters/',
  singular: 'cluster',
  filterOf: (call: Call) => ({
    site_id: call.query.text('site_id'),
    sector_id: call.query.text('sector_id'),
    status: call.query.list('status'),
    intent: call.query.list('intent'),
    search: call.query.text('search'),
  }),
};
const ORDERING = {
  fields: ['name', 'keywords_count', 'total_volume', 'avg_difficulty', 'status', 'created_at', 'updated_at'],
};
const NOT_FOUND = 'Cluster not found.';
const FACETS = {
  status: { name: 'status', values: CLUSTER_STATUSES, allLabel: 'All statuses' },
  intent: { name: 'intent', values: KEYWORD_INTENTS, allLabel: 'All intents' },
} satisfies Record<string, Facet>;

/** Detail shape: the cluster with its ideas and how many there are. */
const restClusterDetail = (cluster: RestCased<RestClusterDetailFragment>) => ({
  ...cluster,
  ideasCount: cluster.ideas.length,
});

export function mountClusterRoutes(router: Router, graph: OperationRunner, files: FileProxy): void {
  const path = CLUSTERS.path;

  mountRoutes(router, graph, [
    list({
      path,
      operation: RestClustersDocument,
      variables: (call) => ({ filter: CLUSTERS.filterOf(call), orderBy: call.query.ordering(ORDERING) }),
    }),
    create({
      path,
      operation: RestCreateClusterDocument,
      variables: (call) => ({ input: call.body }),
      answer: (data) => restClusterDetail(data.createCluster),
      message: 'Cluster created.',
    }),
    csvExport(CLUSTERS, RestClustersCsvDocument, files),
    custom({
      method: 'get',
      path: `${path}filter_options/`,
      async handle(call, res) {
        const { clusterFacets: facets } = await call.run(RestClusterFilterOptionsDocument, {
          filter: CLUSTERS.filterOf(call),
        });
        sendData(res, {
          status: facetOptions(FACETS.status, facets.status),
          intent: facetOptions(FACETS.intent, facets.intent),
        });
      },
    }),
    ...deletes(CLUSTERS, RestDeleteClustersDocument),
    action({
      path: `${path}bulk_update/`,
      operation: RestSetClustersStatusDocument,
      variables: ({ body }) => ({ input: { ids: idsOf(body), status: requiredField(body, 'status') } }),
      answer: (data) => ({ updatedCount: data.setClustersStatus.length }),
      message: ({ updatedCount }) => `${counted(updatedCount, 'cluster')} updated.`,
    }),
    action({
      path: `${path}merge/`,
      operation: RestMergeClustersDocument,
      variables: ({ body }) => ({ input: { target_id: body.target_id, cluster_ids: idsOf(body) } }),
      restNames: { clusterIds: 'ids' },
      answer: (data) => restClusterDetail(data.mergeClusters),
      message: 'Clusters merged.',
    }),
    startJob({
      // auto_generate_ideas/: the original's name.
      path: [`${path}generate_ideas/`, `${path}auto_generate_ideas/`],
      operation: RestGenerateIdeasDocument,
      variables: ({ body }) => ({ input: { ...body, ids: undefined, cluster_ids: idsOf(body) } }),
      restNames: { clusterIds: 'ids' },
      message: 'Idea generation started.',
    }),
    // 201: the keywords moved into a new cluster, and that cluster is what was created.
    create({
      path: `${path}:id/split/`,
      operation: RestSplitClusterDocument,
      variables: ({ body, params }) => ({
        input: { ...body, ids: undefined, id: params.id, keyword_ids: idsOf(body) },
      }),
      restNames: { keywordIds: 'ids' },
      answer: (data) => restClusterDetail(data.splitCluster),
      message: 'Cluster split.',
      notFound: NOT_FOUND,
    }),
    get({
      path: `${path}:id/`,
      operation: RestClusterDocument,
      variables: (call) => ({ id: call.params.id }),
      answer: (data) => data.cluster && restClusterDetail(data.cluster),
      notFound: NOT_FOUND,
    }),
    update({
      path: `${path}:id/`,
      operation: RestUpdateClusterDocument,
      variables: (call) => ({ input: { ...call.body, id: call.params.id } }),
      answer: (data) => restClusterDetail(data.updateCluster),
      notFound: NOT_FOUND,
    }),
  ]);
}
