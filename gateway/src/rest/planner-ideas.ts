// /api/v1/planner/ideas/: content ideas (list, CRUD), bulk delete and status, CSV export and
// filter options.
import { CONTENT_TYPES, IDEA_STATUSES } from '@igny8/db/planner';
import type { Router } from 'express';
import type { FileProxy } from '../files.js';
import { sendData } from './envelope.js';
import {
  RestContentIdeaDocument,
  RestContentIdeaFilterOptionsDocument,
  RestContentIdeasCsvDocument,
  RestContentIdeasDocument,
  RestCreateContentIdeaDocument,
  RestDeleteContentIdeasDocument,
  type RestIdeaFragment,
  RestSetContentIdeasStatusDocument,
  RestUpdateContentIdeaDocument,
} from './gql/graphql.js';
import { counted, idsOf, requiredField } from './kit/params.js';
import { action, type Call, create, custom, get, list, mountRoutes, type RestCased, update } from './kit/routes.js';
import { type Collection, csvExport, deletes, type Facet, facetOptions } from './planner-routes.js';
import type { OperationRunner } from './runner.js';

const IDEAS: Collection = {
  path: '/planner/ideas/',
  singular: 'idea',
  filterOf: (call: Call) => ({
    site_id: call.query.text('site_id'),
    sector_id: call.query.text('sector_id'),
    cluster_id: call.query.text('cluster_id'),
    status: call.query.list('status'),
    content_type: call.query.list('content_type'),
    search: call.query.text('search'),
  }),
};
const ORDERING = { fields: ['title', 'content_type', 'estimated_word_count', 'status', 'created_at', 'updated_at'] };
const NOT_FOUND = 'Idea not found.';
const FACETS = {
  status: { name: 'status', values: IDEA_STATUSES, allLabel: 'All statuses' },
  contentType: { name: 'content_type', values: CONTENT_TYPES, allLabel: 'All content types' },
} satisfies Record<string, Facet>;

/** REST shape: the cluster's name beside its id. */
const restIdea = ({ cluster, ...idea }: RestCased<RestIdeaFragment>) => ({
  ...idea,
  clusterName: cluster?.name ?? null,
});

export function mountIdeaRoutes(router: Router, graph: OperationRunner, files: FileProxy): void {
  const path = IDEAS.path;

  mountRoutes(router, graph, [
    list({
      path,
      operation: RestContentIdeasDocument,
      variables: (call) => ({ filter: IDEAS.filterOf(call), orderBy: call.query.ordering(ORDERING) }),
      item: restIdea,
    }),
    create({
      path,
      operation: RestCreateContentIdeaDocument,
      variables: (call) => ({ input: call.body }),
      answer: (data) => restIdea(data.createContentIdea),
      message: 'Idea created.',
    }),
    csvExport(IDEAS, RestContentIdeasCsvDocument, files),
    custom({
      method: 'get',
      path: `${path}filter_options/`,
      async handle(call, res) {
        const { contentIdeaFacets: facets } = await call.run(RestContentIdeaFilterOptionsDocument, {
          filter: IDEAS.filterOf(call),
        });
        sendData(res, {
          status: facetOptions(FACETS.status, facets.status),
          content_type: facetOptions(FACETS.contentType, facets.contentType),
        });
      },
    }),
    ...deletes(IDEAS, RestDeleteContentIdeasDocument),
    action({
      path: `${path}bulk_update/`,
      operation: RestSetContentIdeasStatusDocument,
      variables: ({ body }) => ({ input: { ids: idsOf(body), status: requiredField(body, 'status') } }),
      answer: (data) => ({ updatedCount: data.setContentIdeasStatus.length }),
      message: ({ updatedCount }) => `${counted(updatedCount, 'idea')} updated.`,
    }),
    get({
      path: `${path}:id/`,
      operation: RestContentIdeaDocument,
      variables: (call) => ({ id: call.params.id }),
      answer: (data) => data.contentIdea && restIdea(data.contentIdea),
      notFound: NOT_FOUND,
    }),
    update({
      path: `${path}:id/`,
      operation: RestUpdateContentIdeaDocument,
      variables: (call) => ({ input: { ...call.body, id: call.params.id } }),
      answer: (data) => restIdea(data.updateContentIdea),
      notFound: NOT_FOUND,
    }),
  ]);
}
