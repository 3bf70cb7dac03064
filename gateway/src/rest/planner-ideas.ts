// /api/v1/planner/ideas/: content ideas (list, CRUD), bulk delete and status, CSV export and
// filter options.
import { CONTENT_TYPES, IDEA_STATUSES } from '@igny8/db/planner';
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
  textParam,
} from './planner-params.js';
import { type CollectionRoutes, mountCsvExport, mountDeletes } from './planner-routes.js';
import { bodyOf, handle, type OperationRunner } from './runner.js';

const IDEA = `id title description contentType outline { heading points } targetKeywords estimatedWordCount status
  clusterId cluster { name } siteId sectorId authorProfileId strategyId createdAt updatedAt`;
const ORDERING = ['title', 'content_type', 'estimated_word_count', 'status', 'created_at', 'updated_at'] as const;
const IDEA_FIELDS = ['title', 'description', 'contentType', 'outline', 'targetKeywords', 'estimatedWordCount'];
const CREATE_FIELDS = ['clusterId', 'siteId', 'sectorId', ...IDEA_FIELDS];
const UPDATE_FIELDS = [...IDEA_FIELDS, 'status', 'clusterId'];
const ENUMS = ['contentType', 'status'];

interface IdeaNode {
  cluster: { name: string } | null;
  [field: string]: unknown;
}

/** REST shape: the cluster's name beside its id. */
const restIdea = ({ cluster, ...idea }: IdeaNode) => ({ ...idea, clusterName: cluster?.name ?? null });

function ideaFilterOf(req: Request): Record<string, unknown> {
  return defined({
    siteId: textParam(req, 'site_id'),
    sectorId: textParam(req, 'sector_id'),
    clusterId: textParam(req, 'cluster_id'),
    status: enumListParam(req, 'status'),
    contentType: enumListParam(req, 'content_type'),
    search: textParam(req, 'search'),
  });
}

const IDEAS = '/planner/ideas/';

const IDEAS_ROUTES: CollectionRoutes = {
  path: IDEAS,
  singular: 'idea',
  graphqlName: 'ContentIdeas',
  csvQuery: 'contentIdeasCsv',
  filterType: 'ContentIdeaFilter',
  filterOf: (req) => ideaFilterOf(req),
  csvName: 'ideas',
};

export function mountIdeaRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    IDEAS,
    handle(async (req, res) => {
      await sendConnectionPage(
        req,
        res,
        graph,
        {
          query: `query ContentIdeas($filter: ContentIdeaFilter, $orderBy: ContentIdeaOrder, $first: Int, $after: String) {
            contentIdeas(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
              totalCount edges { node { ${IDEA} } } } }`,
          field: 'contentIdeas',
          variables: { filter: ideaFilterOf(req), orderBy: orderingParam(req, ORDERING) },
        },
        restIdea,
      );
    }),
  );

  router.post(
    IDEAS,
    handle(async (req, res) => {
      const data = await graph.run<{ createContentIdea: IdeaNode }>(
        req,
        `mutation CreateContentIdea($input: CreateContentIdeaInput!) { createContentIdea(input: $input) { ${IDEA} } }`,
        { input: picked(bodyOf(req), CREATE_FIELDS, ENUMS) },
      );
      sendData(res, restIdea(data.createContentIdea), 201, 'Idea created.');
    }),
  );

  mountCsvExport(router, graph, IDEAS_ROUTES);

  router.get(
    `${IDEAS}filter_options/`,
    handle(async (req, res) => {
      const { options } = await facetOptions(
        req,
        graph,
        { field: 'contentIdeas', filterType: 'ContentIdeaFilter' },
        ideaFilterOf(req),
        [
          { name: 'status', filterField: 'status', values: IDEA_STATUSES, allLabel: 'All statuses' },
          { name: 'content_type', filterField: 'contentType', values: CONTENT_TYPES, allLabel: 'All content types' },
        ],
      );
      sendData(res, options);
    }),
  );

  mountDeletes(router, graph, IDEAS_ROUTES);

  router.post(
    `${IDEAS}bulk_update/`,
    handle(async (req, res) => {
      const body = bodyOf(req);
      const ids = idsOf(body);
      if (body.status === undefined) throw new RestFailure(400, 'status is required.', { status: ['is required'] });
      const data = await graph.run<{ setContentIdeasStatus: unknown[] }>(
        req,
        `mutation SetContentIdeasStatus($input: SetContentIdeasStatusInput!) {
          setContentIdeasStatus(input: $input) { id } }`,
        { input: { ids, status: enumValue(body.status) } },
      );
      const updatedCount = data.setContentIdeasStatus.length;
      sendData(res, { updatedCount }, 200, `${updatedCount} idea${updatedCount === 1 ? '' : 's'} updated.`);
    }),
  );

  router.get(
    `${IDEAS}:id/`,
    handle(async (req, res) => {
      const data = await orNotFound('Idea', () =>
        graph.run<{ contentIdea: IdeaNode }>(req, `query ContentIdea($id: ID!) { contentIdea(id: $id) { ${IDEA} } }`, {
          id: req.params.id,
        }),
      );
      sendData(res, restIdea(data.contentIdea));
    }),
  );

  const updateIdea = handle(async (req, res) => {
    const data = await orNotFound('Idea', () =>
      graph.run<{ updateContentIdea: IdeaNode }>(
        req,
        `mutation UpdateContentIdea($input: UpdateContentIdeaInput!) { updateContentIdea(input: $input) { ${IDEA} } }`,
        { input: { ...picked(bodyOf(req), UPDATE_FIELDS, ENUMS), id: req.params.id } },
      ),
    );
    sendData(res, restIdea(data.updateContentIdea));
  });
  router.put(`${IDEAS}:id/`, updateIdea);
  router.patch(`${IDEAS}:id/`, updateIdea);
}
