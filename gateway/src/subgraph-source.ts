// How the gateway sends one fetch of a query plan to a subgraph: what @apollo/gateway's
// RemoteGraphQLDataSource does (JSON POST, the subgraph's HTTP errors, its Cache-Control folded
// into the answer's), plus the verified credential, request id and client address as headers.
// Apollo's class builds node-fetch Headers and a node-fetch Request per fetch that nothing reads
// here (URL parsing and header validation: about a tenth of the gateway's own CPU per request).
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

    const response = await this.fetcher(this.url, { method: 'POST', headers, body: JSON.stringify(payload) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body = await parseBody(response);
    if (!isObject(body)) throw new Error(`Expected JSON response body, but received: ${body}`);

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
