// How the gateway sends one fetch of a query plan to a subgraph: what @apollo/gateway's
// RemoteGraphQLDataSource does (JSON POST, the subgraph's HTTP errors, its Cache-Control folded
// into the answer's), plus the verified credential, request id and client address as headers.
// Apollo's class builds node-fetch Headers and a node-fetch Request per fetch that nothing reads
// here (URL parsing and header validation: about a tenth of the gateway's own CPU per request).
// An entity fetch sends each distinct representation once: a list whose rows point at the same
// few records (50 keywords of one site) costs the subgraph a few references, not one per row.
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { REQUEST_ID_HEADER } from '@igny8/lib';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';

type SourceAnswer = Awaited<ReturnType<GraphQLDataSource['process']>>;
type CachePolicy = { restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `max-age=60, private` → `{ 'max-age': '60', private: true }`, as Apollo's data source reads it. */
function parseCacheControl(header: string | null): Record<string, string | true> {
  const directives: Record<string, string | true> = {};
  if (!header) return directives;
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [key, value] = part.split(/\s*=\s*/, 2);
    directives[key!] = value === undefined ? true : value.replace(/^"|"$/g, '');
  }
  return directives;
}

function parseBody(response: FetcherResponse): Promise<unknown> {
  const type = response.headers.get('content-type');
  return type && (type.startsWith('application/json') || type.startsWith('application/graphql-response+json'))
    ? response.json()
    : response.text();
}

type Answer = Record<string, unknown> & { data?: unknown; errors?: unknown };

/**
 * The distinct representations of an entity fetch and, for each one sent, where it came from;
 * undefined when every representation is distinct (or the fetch is not an entity fetch).
 */
export function distinctRepresentations(variables: Record<string, unknown> | undefined) {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return undefined;
  const slotOf = new Map<string, number>();
  const distinct: unknown[] = [];
  const slots: number[] = [];
  for (const representation of representations) {
    const key = JSON.stringify(representation);
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = distinct.length;
      slotOf.set(key, slot);
      distinct.push(representation);
    }
    slots.push(slot);
  }
  return distinct.length === representations.length ? undefined : { distinct, slots };
}

/**
 * The answer as if every representation had been sent: `_entities` back to one entry per
 * representation asked (each its own copy: the gateway merges into and rewrites what it gets),
 * and an error about a distinct entity repeated for every row that asked for it. An answer whose
 * `_entities` does not match what was sent is left as it is, for the gateway to refuse.
 */
export function expandEntities(answer: Answer, slots: readonly number[], sent: number): Answer {
  const data = answer.data as { _entities?: unknown } | null | undefined;
  const entities = data?._entities;
  if (!Array.isArray(entities) || entities.length !== sent) return answer;
  const used = new Set<number>();
  const expanded = slots.map((slot) => {
    const entity = entities[slot];
    if (!used.has(slot)) {
      used.add(slot);
      return entity;
    }
    return entity !== null && typeof entity === 'object' ? structuredClone(entity) : entity;
  });
  let errors = answer.errors;
  if (Array.isArray(errors)) {
    errors = errors.flatMap((error: unknown) => {
      const path: unknown[] = isObject(error) && Array.isArray(error.path) ? error.path : [];
      if (path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
      const rows = slots.flatMap((slot, row) => (slot === path[1] ? [row] : []));
      return rows.map((row) => ({ ...(error as object), path: ['_entities', row, ...path.slice(2)] }));
    });
  }
  return { ...answer, data: { ...data, _entities: expanded }, ...(errors === undefined ? {} : { errors }) };
}

export class SubgraphSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    readonly url: string,
    private readonly fetcher: Fetcher,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SourceAnswer> {
    const { http, ...payload } = options.request;
    if (!payload.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    // Headers the query plan's executor asks for (Apollo's trace header when tracing).
    if (http?.headers) {
      for (const [name, value] of http.headers) {
        const key = name.toLowerCase();
        headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
      }
    }
    headers['content-type'] = 'application/json';
    // An operation's fetch, not a health check (the only kind with the incoming request).
    const incoming = 'incomingRequestContext' in options ? options : undefined;
    const context = incoming?.context;
    if (context?.requestId) headers[REQUEST_ID_HEADER] = context.requestId;
    if (context?.clientIp) headers['x-forwarded-for'] = context.clientIp;
    if (context?.credential) headers.authorization = `Bearer ${context.credential.accessToken}`;

    const repeated = distinctRepresentations(payload.variables);
    const sent = repeated
      ? { ...payload, variables: { ...payload.variables, representations: repeated.distinct } }
      : payload;
    const response = await this.fetcher(this.url, { method: 'POST', headers, body: JSON.stringify(sent) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const parsed = await parseBody(response);
    if (!isObject(parsed)) throw new Error(`Expected JSON response body, but received: ${parsed}`);
    const body = repeated ? expandEntities(parsed, repeated.slots, repeated.distinct.length) : parsed;

    const policy = incoming?.incomingRequestContext.overallCachePolicy as Partial<CachePolicy> | undefined;
    if (policy && 'restrict' in policy && policy.restrict) {
      const cacheControl = parseCacheControl(response.headers.get('cache-control'));
      const maxAge = cacheControl['max-age'];
      policy.restrict({
        maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
        ...(cacheControl.private === true ? { scope: 'PRIVATE' as const } : {}),
        ...(cacheControl.public === true ? { scope: 'PUBLIC' as const } : {}),
      });
    }
    return { ...body, http: response } as SourceAnswer;
  }

  /**
   * A subgraph answers a request it refuses before execution (e.g. a variable its scalar rejects)
   * with HTTP 400 and a GraphQL error: keep that error instead of an opaque one. Other failures
   * become Apollo's `<status>: <text>` error with the answer in `extensions.response`.
   */
  async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status >= 400 && response.status < 500) {
      const refused = (await response.json().catch(() => undefined)) as
        | { errors?: { message?: string; extensions?: Record<string, unknown> }[] }
        | undefined;
      const first = refused?.errors?.[0];
      if (first?.message && typeof first.extensions?.code === 'string') {
        return new GraphQLError(first.message, { extensions: first.extensions });
      }
    }
    const body = await parseBody(response);
    const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
    return new GraphQLError(`${response.status}: ${response.statusText}`, {
      extensions: {
        response: { url: response.url, status: response.status, statusText: response.statusText, body },
        ...(code ? { code } : {}),
      },
    });
  }
}
