// /api/v1/writer/ (tasks, content) and the planner's /ideas/bulk_queue_to_writer/: the original's
// Writer paths, answered by running GraphQL operations through the gateway. Queueing lives here
// because the writer does it (the planner only keeps the idea's status); its path is the original's.
import { CONTENT_STATUSES, CONTENT_STRUCTURES, CONTENT_TYPES, TASK_STATUSES } from '@igny8/db/writer';
import type { Response, Router } from 'express';
import { RestFailure, sendData } from './envelope.js';
import {
  RestContentDocument,
  RestContentFilterOptionsDocument,
  type RestContentFragment,
  RestContentsDocument,
  RestContentVersionDocument,
  RestCreateTaskDocument,
  RestDeleteContentsDocument,
  RestDeleteTasksDocument,
  RestGenerateContentDocument,
  RestQueueIdeasToWriterDocument,
  RestSetContentStatusDocument,
  RestSetTasksStatusDocument,
  RestTaskDocument,
  RestTaskFilterOptionsDocument,
  type RestTaskFragment,
  RestTasksDocument,
  RestUpdateContentDocument,
  RestUpdateTaskDocument,
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
import { type Collection, deletes, type Facet, facetOptions } from './planner-routes.js';
import type { OperationRunner } from './runner.js';

const TASKS: Collection = {
  path: '/writer/tasks/',
  singular: 'task',
  filterOf: (call: Call) => ({
    site_id: call.query.text('site_id'),
    sector_id: call.query.text('sector_id'),
    cluster_id: call.query.text('cluster_id'),
    status: call.query.list('status'),
    content_type: call.query.list('content_type'),
    content_structure: call.query.list('content_structure'),
    search: call.query.text('search'),
  }),
};
const TASK_ORDERING = { fields: ['title', 'created_at', 'updated_at', 'status', 'word_count_target'] };

const CONTENTS: Collection = {
  path: '/writer/content/',
  singular: 'content item',
  filterOf: (call: Call) => ({
    site_id: call.query.text('site_id'),
    sector_id: call.query.text('sector_id'),
    cluster_id: call.query.text('cluster_id'),
    task_id: call.query.text('task_id'),
    status: call.query.list('status'),
    content_type: call.query.list('content_type'),
    content_structure: call.query.list('content_structure'),
    search: call.query.text('search'),
  }),
};
const CONTENT_ORDERING = { fields: ['title', 'created_at', 'updated_at', 'status', 'word_count'] };
const FACETS = {
  taskStatus: { name: 'status', values: TASK_STATUSES, allLabel: 'All statuses' },
  contentStatus: { name: 'status', values: CONTENT_STATUSES, allLabel: 'All statuses' },
  contentType: { name: 'content_type', values: CONTENT_TYPES, allLabel: 'All content types' },
  contentStructure: { name: 'content_structure', values: CONTENT_STRUCTURES, allLabel: 'All structures' },
} satisfies Record<string, Facet>;
/** The original wrote at most 10 articles per request; GraphQL's generateContent takes up to 50. */
export const MAX_AUTO_GENERATE = 10;
const CONTENT_NOT_FOUND = 'Content not found.';
const TASK_NOT_FOUND = 'Task not found.';

/** REST shape of a task: the original's `word_count` beside `word_count_target`. */
const restTask = (task: RestCased<RestTaskFragment>) => ({ ...task, wordCount: task.wordCountTarget });

/** A task body in GraphQL terms: the original's `word_count` is the target length. */
const taskInput = (body: Record<string, unknown>) => ({
  ...body,
  word_count_target: body.word_count_target ?? body.word_count,
});

/** REST shape of an article: the body is the original's `content_html`. */
const restContent = ({ html, ...content }: RestCased<RestContentFragment>) => ({ ...content, contentHtml: html });

/** What a content PUT/PATCH may change (REST names). */
const EDITABLE = [
  'title',
  'content_html',
  'meta_title',
  'meta_description',
  'slug',
  'primary_keyword',
  'secondary_keywords',
  'version',
] as const;
/**
 * The content answer's other fields: a client may send the item it read back with its edits
 * (they are not changed); any other name is a mistake (a misspelt `content_html` would lose the edit).
 */
const READ_ONLY = [
  'id',
  'excerpt',
  'word_count',
  'word_count_target',
  'content_type',
  'content_structure',
  'status',
  'review_note',
  'flags',
  'sample_text',
  'external_id',
  'external_url',
  'score',
  'task_id',
  'cluster_id',
  'site_id',
  'sector_id',
  'created_at',
  'updated_at',
];

export function mountWriterRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    action({
      path: '/planner/ideas/bulk_queue_to_writer/',
      operation: RestQueueIdeasToWriterDocument,
      variables: ({ body }) => ({ input: { idea_ids: idsOf(body) } }),
      restNames: { ideaIds: 'ids' },
      answer: ({ queueIdeasToWriter: queued }) => ({
        createdCount: queued.tasks.length,
        tasks: queued.tasks.map(restTask),
        skipped: queued.skipped,
      }),
      message: ({ createdCount, skipped }) =>
        `${counted(createdCount, 'idea')} queued to the writer${skipped.length ? `; ${skipped.length} skipped` : ''}.`,
    }),
    ...taskRoutes(),
    ...contentRoutes(),
  ]);
}

function taskRoutes() {
  const path = TASKS.path;
  return [
    list({
      path,
      operation: RestTasksDocument,
      variables: (call) => ({ filter: TASKS.filterOf(call), orderBy: call.query.ordering(TASK_ORDERING) }),
      item: restTask,
    }),
    create({
      path,
      operation: RestCreateTaskDocument,
      variables: (call) => ({ input: taskInput(call.body) }),
      answer: (data) => restTask(data.createTask),
      message: 'Task created.',
    }),
    custom({
      method: 'get',
      path: `${path}filter_options/`,
      async handle(call, res) {
        const { taskFacets: facets } = await call.run(RestTaskFilterOptionsDocument, { filter: TASKS.filterOf(call) });
        sendData(res, {
          status: facetOptions(FACETS.taskStatus, facets.status),
          content_type: facetOptions(FACETS.contentType, facets.contentType),
          content_structure: facetOptions(FACETS.contentStructure, facets.contentStructure),
        });
      },
    }),
    ...deletes(TASKS, RestDeleteTasksDocument),
    startJob({
      path: `${path}auto_generate_content/`,
      operation: RestGenerateContentDocument,
      variables: ({ body }) => ({ input: { task_ids: generationIds(body) } }),
      restNames: { taskIds: 'ids' },
      message: 'Content generation started.',
    }),
    action({
      path: `${path}bulk_update/`,
      operation: RestSetTasksStatusDocument,
      variables: ({ body }) => ({ input: { ids: idsOf(body), status: requiredField(body, 'status') } }),
      answer: (data) => ({ updatedCount: data.setTasksStatus.length }),
      message: ({ updatedCount }) => `${counted(updatedCount, 'task')} updated.`,
    }),
    get({
      path: `${path}:id/`,
      operation: RestTaskDocument,
      variables: (call) => ({ id: call.params.id }),
      answer: (data) => data.task && restTask(data.task),
      notFound: TASK_NOT_FOUND,
    }),
    update({
      path: `${path}:id/`,
      operation: RestUpdateTaskDocument,
      variables: (call) => ({ input: { ...taskInput(call.body), id: call.params.id } }),
      answer: (data) => restTask(data.updateTask),
      notFound: TASK_NOT_FOUND,
    }),
  ];
}

/** `ids` of auto_generate_content/: 1–10, as the original took them. */
function generationIds(body: Record<string, unknown>): string[] {
  const ids = idsOf(body);
  if (ids.length > MAX_AUTO_GENERATE) {
    throw new RestFailure(
      400,
      `Generate content for at most ${MAX_AUTO_GENERATE} tasks at a time (${ids.length} were sent); send the rest in another request.`,
      { ids: [`at most ${MAX_AUTO_GENERATE}`] },
    );
  }
  return ids;
}

function contentRoutes() {
  const path = CONTENTS.path;
  return [
    list({
      path,
      operation: RestContentsDocument,
      variables: (call) => ({ filter: CONTENTS.filterOf(call), orderBy: call.query.ordering(CONTENT_ORDERING) }),
      item: restContent,
    }),
    custom({
      method: 'get',
      path: `${path}filter_options/`,
      async handle(call, res) {
        const { contentFacets: facets } = await call.run(RestContentFilterOptionsDocument, {
          filter: CONTENTS.filterOf(call),
        });
        sendData(res, {
          status: facetOptions(FACETS.contentStatus, facets.status),
          content_type: facetOptions(FACETS.contentType, facets.contentType),
          content_structure: facetOptions(FACETS.contentStructure, facets.contentStructure),
        });
      },
    }),
    ...deletes(CONTENTS, RestDeleteContentsDocument),
    action({
      path: `${path}bulk_update/`,
      operation: RestSetContentStatusDocument,
      variables: ({ body }) => ({ input: { ids: idsOf(body), status: requiredField(body, 'status') } }),
      answer: (data) => ({ updatedCount: data.setContentStatus.length }),
      message: ({ updatedCount }) => `${counted(updatedCount, 'content item')} updated.`,
    }),
    get({
      path: `${path}:id/`,
      operation: RestContentDocument,
      variables: (call) => ({ id: call.params.id }),
      answer: (data) => data.content && restContent(data.content),
      notFound: CONTENT_NOT_FOUND,
    }),
    custom({
      method: 'update',
      path: `${path}:id/`,
      notFound: CONTENT_NOT_FOUND,
      restNames: { html: 'content_html' },
      handle: updateContent,
    }),
  ];
}

/**
 * PUT and PATCH alike change only the fields sent. `version` (the one the client read) makes a
 * save over a newer one a 409; the original had no versions, so a client that sends none saves over
 * whatever is there (last write wins, as before).
 */
async function updateContent(call: Call, res: Response): Promise<void> {
  const { body } = call;
  const id = call.params.id!;
  const unknown = Object.keys(body).filter(
    (key) => !(EDITABLE as readonly string[]).includes(key) && !READ_ONLY.includes(key),
  );
  if (unknown.length) {
    throw new RestFailure(
      400,
      `Unknown field${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}. Content edits take ${EDITABLE.join(', ')}.`,
      Object.fromEntries(unknown.map((name) => [name, ['is not a content field']])),
    );
  }
  let version = body.version;
  if (version === undefined || version === null) {
    const current = await call.run(RestContentVersionDocument, { id });
    if (!current.content) throw new RestFailure(404, CONTENT_NOT_FOUND);
    version = current.content.version;
  }
  const edit = Object.fromEntries(EDITABLE.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
  const { content_html: html, ...fields } = edit;
  const data = await call.run(RestUpdateContentDocument, { input: { ...fields, html, version, id } });
  sendData(res, restContent(data.updateContent));
}
