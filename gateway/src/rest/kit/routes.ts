// A module's REST routes as a table. Each route names a typed GraphQL operation (from
// ../operations/*.graphql, checked against schema/api.graphql by codegen), says which REST values
// become its variables, and how its answer becomes the envelope's data. The kit does the rest the
// same way for every module: casing from the schema, paging, statuses, and the not-found rule.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Request, Response, Router } from 'express';
import { print, validate } from 'graphql';
import { z } from 'zod';
import { RestFailure, sendData, sendList, sendNoContent } from '../envelope.js';
import { handle, type OperationRunner } from '../runner.js';
import { camel, type OperationCasing, operationCasing } from './casing.js';
import { bodyOf, type Page, pageOf, QueryParams } from './params.js';
import { apiSchema } from './schema.js';

/** GraphQL data as REST sees it before naming: enum values are lower case. */
export type RestCased<T> = T extends string
  ? string extends T
    ? T
    : Lowercase<T>
  : T extends readonly (infer U)[]
    ? RestCased<U>[]
    : T extends object
      ? { [K in keyof T]: RestCased<T[K]> }
      : T;

// biome-ignore lint/suspicious/noExplicitAny: variables are REST-named and checked by GraphQL, not by TypeScript.
type Operation<R> = TypedDocumentNode<R, any>;

/** What a route's functions get: the request's parts, parsed on first use. */
export interface Call {
  req: Request;
  /** Path parameters (`:id`). */
  params: Record<string, string>;
  query: QueryParams;
  /** The JSON body (a 400 if it is not an object). */
  readonly body: Record<string, unknown>;
  readonly page: Page;
  /** Runs another operation for this route (custom routes; a second step), with the same rules. */
  run<R>(operation: Operation<R>, variables?: Record<string, unknown>): Promise<RestCased<R>>;
}

type Variables = (call: Call) => Record<string, unknown>;
/** Fixed, or by what the client sent (a body field the original API names otherwise). */
type RestNames = Record<string, string> | ((call: Call) => Record<string, string>);

interface OperationRoute<R> {
  path: string | readonly string[];
  operation: Operation<R>;
  /**
   * The operation's variables in REST terms: snake_case keys and lower-case enum values are fine,
   * fields the GraphQL input does not take are dropped. Paging variables are added by `list`.
   */
  variables?: Variables;
  /** GraphQL field names in error maps → the REST names the client sent (`userId` → `id`). */
  restNames?: RestNames;
  /** The message of the 404 for a path id that names nothing the caller may see. */
  notFound?: string | ((params: Record<string, string>) => string);
}

interface Answering<R, A> extends OperationRoute<R> {
  /** The envelope's data from the answer (camelCase; the envelope names it). Default: the root field. */
  answer?: (data: RestCased<R>, call: Call) => A;
  message?: string | ((answer: A) => string);
}

interface Listing<R, N> extends OperationRoute<R> {
  /** The connection or whole list in the answer. Default: the root field. */
  answer?: (data: RestCased<R>, call: Call) => unknown;
  /** Each item's REST shape. */
  item?: (node: N, call: Call) => unknown;
  /** Above 100 only for lists whose rows are small. */
  maxPageSize?: number;
}

interface Custom {
  /** `update` is PUT and PATCH. */
  method: 'get' | 'post' | 'update' | 'delete';
  path: string | readonly string[];
  notFound?: OperationRoute<unknown>['notFound'];
  restNames?: RestNames;
  handle(call: Call, res: Response): Promise<void>;
}

/**
 * A declared route as the kit keeps it. The constructors below check a declaration against its
 * operation's types; the table then holds them alike, so the types are erased here, once.
 */
export type Route =
  | ({ kind: 'list' } & Listing<unknown, unknown>)
  | ({ kind: 'get' | 'create' | 'update' | 'action' | 'job' } & Answering<unknown, unknown>)
  | ({ kind: 'remove'; found?: (data: unknown) => boolean } & OperationRoute<unknown>)
  | ({ kind: 'custom' } & Custom);

const erased = (route: object) => route as Route;

/** GET: a page of a connection (`first`/`after`) or of a whole list, in the list envelope. */
export const list = <R, N = unknown>(route: Listing<R, N>) => erased({ kind: 'list', ...route });
/** GET one: 404 when the answer is null. */
export const get = <R, A>(route: Answering<R, A>) => erased({ kind: 'get', ...route });
/** POST: 201 with the new resource. */
export const create = <R, A>(route: Answering<R, A>) => erased({ kind: 'create', ...route });
/** PUT and PATCH from one declaration (`call.req.method` tells them apart where they differ). */
export const update = <R, A>(route: Answering<R, A>) => erased({ kind: 'update', ...route });
/** DELETE: 204, or 404 when `found` says nothing was removed. */
export const remove = <R>(route: OperationRoute<R> & { found?: (data: RestCased<R>) => boolean }) =>
  erased({ kind: 'remove', ...route });
/** POST an action on one or many (bulk update, merge, test): 200 with its answer. */
export const action = <R, A>(route: Answering<R, A>) => erased({ kind: 'action', ...route });
/** POST that starts a background job: 202 with the job; GET /automation/jobs/<id>/ follows it. */
export const startJob = <R, A>(route: Answering<R, A>) => erased({ kind: 'job', ...route });
/** Anything the table cannot say (several operations, a download); still gets the kit's rules. */
export const custom = (route: Custom) => erased({ kind: 'custom', ...route });

const STATUS = { list: 200, get: 200, create: 201, update: 200, action: 200, job: 202 } as const;

interface Prepared {
  query: string;
  casing: OperationCasing;
}

const prepared = new WeakMap<object, Prepared>();

/** The printed query and casing of an operation: checked and computed once per document, at declaration. */
function prepare(operation: Operation<unknown>): Prepared {
  let known = prepared.get(operation);
  if (!known) {
    // Codegen refuses such a document at build time; this catches a schema changed since.
    const invalid = validate(apiSchema(), operation);
    if (invalid.length)
      throw new Error(`REST operation does not fit the API schema: ${invalid.map((e) => e.message).join('; ')}`);
    known = { query: print(operation), casing: operationCasing(apiSchema(), operation) };
    prepared.set(operation, known);
  }
  return known;
}

const rootField = (data: unknown) => {
  const values = Object.values(data as Record<string, unknown>);
  return values.length === 1 ? values[0] : data;
};

function notFoundMessage(route: { notFound?: OperationRoute<unknown>['notFound'] }, params: Record<string, string>) {
  const message = route.notFound;
  return typeof message === 'function' ? message(params) : (message ?? 'Not found.');
}

/** Ids are UUIDs, as every subgraph checks them (`z.string().uuid()`). */
const pathId = z.string().uuid();

/**
 * The one not-found rule, for every route with path parameters: an `:id` that is no id names
 * nothing, like an unknown id or another account's (which the subgraphs answer NOT_FOUND, already
 * 404): answered before any operation runs. Any other path value that GraphQL refuses as bad input
 * (an unknown prompt type or credit operation) names nothing either. A 400 the domain gives about
 * an existing resource (the last sector of a site) stays a 400.
 */
function checkPathIds(route: Route, params: Record<string, string>): void {
  if (params.id !== undefined && !pathId.safeParse(params.id).success) {
    throw new RestFailure(404, notFoundMessage(route, params));
  }
}

function notFoundRule(route: Route, params: Record<string, string>) {
  const names = Object.keys(params).filter((name) => name !== 'id');
  return (error: unknown): never => {
    const fields = error instanceof RestFailure && error.status === 400 ? Object.keys(error.fields ?? {}) : [];
    if (fields.some((field) => names.includes(field.split('.')[0]!))) {
      throw new RestFailure(404, notFoundMessage(route, params));
    }
    throw error;
  };
}

function callOf(req: Request, graph: OperationRunner, route: Route): Call {
  const params = Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, String(v)]));
  let body: Record<string, unknown> | undefined;
  let page: Page | undefined;
  const call: Call = {
    req,
    params,
    query: new QueryParams(req),
    get body() {
      body ??= bodyOf(req);
      return body;
    },
    get page() {
      page ??= pageOf(req, route.kind === 'list' ? route.maxPageSize : undefined);
      return page;
    },
    async run(operation, variables = {}) {
      const { query, casing } = prepare(operation);
      const restNames = typeof route.restNames === 'function' ? route.restNames(call) : route.restNames;
      const data = await graph
        .run(req, query, casing.variables(variables), restNames)
        .catch(notFoundRule(route, params));
      return casing.answer(data) as never;
    },
  };
  return call;
}

async function answerRoute(route: Exclude<Route, { kind: 'custom' }>, call: Call, req: Request, res: Response) {
  const variables = route.variables?.(call) ?? {};
  if (route.kind === 'list') {
    const page = call.page;
    const data = await call.run(route.operation, { ...variables, first: page.first, after: page.after });
    const answer = (route.answer ?? rootField)(data, call) as
      | { totalCount: number; edges: { node: unknown }[] }
      | unknown[];
    const shape = route.item ? (node: unknown) => route.item!(node, call) : (node: unknown) => node;
    if (Array.isArray(answer)) {
      // A list GraphQL answers whole (a handful of prompts or costs): paged here.
      const start = (page.page - 1) * page.pageSize;
      return sendList(req, res, answer.slice(start, start + page.pageSize).map(shape), answer.length, page);
    }
    return sendList(
      req,
      res,
      answer.edges.map((e) => shape(e.node)),
      answer.totalCount,
      page,
    );
  }
  const data = await call.run(route.operation, variables);
  if (route.kind === 'remove') {
    if (route.found && !route.found(data)) throw new RestFailure(404, notFoundMessage(route, call.params));
    return sendNoContent(res);
  }
  const answer = (route.answer ?? rootField)(data, call);
  if (answer === null && (route.kind === 'get' || route.kind === 'update')) {
    throw new RestFailure(404, notFoundMessage(route, call.params));
  }
  const message = typeof route.message === 'function' ? route.message(answer) : route.message;
  // A started job also answers its id as `task_id`, the name the original's clients read.
  const sent = route.kind === 'job' && answer && typeof answer === 'object' ? withTaskId(answer) : answer;
  sendData(res, sent, STATUS[route.kind], message);
}

function withTaskId(job: object): object {
  const { id } = job as { id?: unknown };
  return id === undefined ? job : { taskId: id, ...job };
}

/**
 * A 400 naming the body fields that `operation`'s `$input` does not take (or that are `except`ed),
 * for resources where a stray field is a mistake worth telling (settings), not a read-only field
 * sent back.
 */
export function refuseUnknownFields(
  body: Record<string, unknown>,
  operation: Operation<unknown>,
  refusal: { except?: readonly string[]; message: (names: string[]) => string; reason: string },
): void {
  const taken = prepare(operation).casing.inputFields('input');
  const unknown = Object.keys(body).filter((key) => !taken.has(camel(key)) || refusal.except?.includes(camel(key)));
  if (unknown.length) {
    throw new RestFailure(
      400,
      refusal.message(unknown),
      Object.fromEntries(unknown.map((name) => [name, [refusal.reason]])),
    );
  }
}

/** Mounts a module's table; routes are matched in table order (`export/` before `:id/`). */
export function mountRoutes(router: Router, graph: OperationRunner, routes: readonly Route[]): void {
  for (const route of routes) {
    // Prepared now, at start-up: a document that does not fit the schema stops the gateway, not a request.
    if (route.kind !== 'custom') prepare(route.operation);
    const handler = handle(async (req, res) => {
      const call = callOf(req, graph, route);
      checkPathIds(route, call.params);
      if (route.kind === 'custom') return route.handle(call, res);
      return answerRoute(route, call, req, res);
    });
    const paths = typeof route.path === 'string' ? [route.path] : [...route.path];
    switch (route.kind) {
      case 'custom':
        if (route.method === 'update') {
          router.put(paths, handler);
          router.patch(paths, handler);
        } else router[route.method](paths, handler);
        break;
      case 'list':
      case 'get':
        router.get(paths, handler);
        break;
      case 'update':
        router.put(paths, handler);
        router.patch(paths, handler);
        break;
      case 'remove':
        router.delete(paths, handler);
        break;
      default:
        router.post(paths, handler);
    }
  }
}
