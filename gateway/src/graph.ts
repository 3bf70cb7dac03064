// The federated graph: Apollo Gateway over the checked-in supergraph, served by Apollo Server.
// Hardened (the query limits every service shares, parser token limit, no batching, CSRF prevention)
// and tuned (bounded keep-alive sockets to subgraphs, bounded document and query-plan caches
// that can be warmed at start, no per-request work that a cache can answer).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { operationFromDocument } from '@apollo/federation-internals';
import { ApolloGateway, type GatewayConfig as ApolloGatewayConfig } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { createErrorFormatter, type Logger, queryProtection } from '@igny8/lib';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type ParseOptions,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { createSubgraphFetcher, type SubgraphFetcher } from './subgraph-fetcher.js';
import { SubgraphSource } from './subgraph-source.js';

/** Marks the context of a warm-up run: it stops after validation and is not counted. */
export const WARMUP = Symbol('igny8.warmup');
export const isWarmup = (context: unknown): boolean => !!context && typeof context === 'object' && WARMUP in context;

type PlanCache = NonNullable<NonNullable<ApolloGatewayConfig['queryPlannerConfig']>['cache']>;

/**
 * Apollo's KeyValueCache shape (get/set/delete) over lru-cache: bounded by count and by total
 * weight (so a few huge documents cannot fill the memory; one entry may take at most an eighth).
 * Reports hits and misses so /metrics shows whether the caches are warm.
 */
export function boundedCache<V extends {}>(options: {
  maxEntries: number;
  maxWeight: number;
  weigh: (value: V) => number;
  onLookup?: (hit: boolean) => void;
}) {
  const lru = new LRUCache<string, V>({
    max: Math.max(1, options.maxEntries),
    maxSize: options.maxWeight,
    maxEntrySize: options.maxWeight / 8,
    sizeCalculation: (value) => Math.max(1, options.weigh(value)),
  });
  return {
    async get(key: string): Promise<V | undefined> {
      const value = lru.get(key);
      options.onLookup?.(value !== undefined);
      return value;
    },
    async set(key: string, value: V): Promise<void> {
      if (options.maxEntries > 0) lru.set(key, value);
    },
    async delete(key: string): Promise<boolean> {
      return lru.delete(key);
    },
    clear: () => lru.clear(),
  };
}

/** Source characters of cached documents (their ASTs take roughly ten times that). */
const DOCUMENT_CACHE_CHARS = 4 * 1024 * 1024;
/** Serialized size of cached query plans, as Apollo's own default store (30 MiB). */
const PLAN_CACHE_BYTES = 30 * 1024 * 1024;

export interface GraphOptions {
  config: GatewayConfig;
  supergraphSdl: string;
  urls: Record<string, string>;
  httpServer: http.Server;
  log: Logger;
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** Called on each document-cache and query-plan-cache lookup. */
  onCacheLookup?: (cache: 'document' | 'plan', hit: boolean) => void;
}

export interface WarmOperation {
  query: string;
  operationName?: string | undefined;
}

export interface Graph {
  server: ApolloServer<GatewayContext>;
  /** The API schema clients see (what graphql-ws validates subscriptions against). */
  apiSchema: GraphQLSchema;
  /** graphql-js's rules plus every limit: what any operation must pass, whatever the transport. */
  validationRules: ReadonlyArray<ValidationRule>;
  parseOptions: ParseOptions;
  maxValidationErrors: number;
  /** The keep-alive connection pool for subgraph requests. */
  subgraphs: SubgraphFetcher;
  /** Parses, validates and plans these operations now, so their first request is fast. */
  warm(operations: WarmOperation[]): Promise<number>;
  stop(): Promise<void>;
}

export async function createGraph(options: GraphOptions): Promise<Graph> {
  const { config, log } = options;
  const production = config.NODE_ENV === 'production';
  // Bounded keep-alive sockets per subgraph: no TCP handshake per request.
  const subgraphs = createSubgraphFetcher({ maxConnections: config.SUBGRAPH_MAX_SOCKETS, timeoutMs: 30_000 });
  const fetcher = subgraphs.fetch;

  const planCache = boundedCache<object>({
    maxEntries: config.QUERY_PLAN_CACHE_ENTRIES,
    maxWeight: PLAN_CACHE_BYTES,
    // Weighed once, on a miss, after planning (which costs far more).
    weigh: (plan) => JSON.stringify(plan).length,
    onLookup: (hit) => options.onCacheLookup?.('plan', hit),
  });
  const documentStore = boundedCache<DocumentNode>({
    maxEntries: config.DOCUMENT_CACHE_ENTRIES,
    maxWeight: DOCUMENT_CACHE_CHARS,
    weigh: (document) => document.loc?.end ?? 1000,
    onLookup: (hit) => options.onCacheLookup?.('document', hit),
  });

  // Apollo's own telemetry would probe cloud metadata hosts and report out: never wanted here.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphSource(options.urls[name] ?? url ?? '', fetcher),
    logger: log,
    queryPlannerConfig: { cache: planCache as unknown as PlanCache },
    // Query plans in answers (Apollo-Query-Plan-Experimental header) only while developing; the
    // gateway's default looks at process.env, not at this service's configuration.
    __exposeQueryPlanExperimental: config.NODE_ENV === 'development',
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });

  const protection = queryProtection<GatewayContext>(config, production);
  const extraRules: ValidationRule[] = protection.validationRules;
  const parseOptions: ParseOptions = { maxTokens: config.MAX_TOKENS };

  // Warm-up runs stop here: the document is parsed, validated and cached, nothing executes.
  const warmupStop: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      if (!isWarmup(contextValue)) return;
      return {
        async didResolveOperation() {
          throw new GraphQLError('warm-up', { extensions: { code: 'BAD_REQUEST' } });
        },
      };
    },
  };

  const server = new ApolloServer<GatewayContext>({
    gateway,
    nodeEnv: config.NODE_ENV,
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions,
    validationRules: extraRules,
    validationOptions: protection.validationOptions,
    documentStore,
    // The process entry point owns SIGINT/SIGTERM (see all-in-one.ts).
    stopOnTerminationSignals: false,
    plugins: [
      ...protection.plugins,
      warmupStop,
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...options.plugins,
    ],
  });
  await server.start();
  if (!apiSchema) throw new Error('the gateway loaded no API schema');
  const schema = apiSchema;
  const validationRules = [...specifiedRules, ...extraRules];

  async function warm(operations: WarmOperation[]): Promise<number> {
    const planner = gateway.__testing().queryPlanner;
    if (!planner) return 0;
    const plannerApi = planner.supergraph.apiSchema();
    let planned = 0;
    for (const { query, operationName } of operations) {
      try {
        const document = parse(query, parseOptions);
        const errors = validate(schema, document, validationRules, { maxErrors: config.MAX_VALIDATION_ERRORS });
        if (errors.length) {
          log.warn({ operationName, error: errors[0]?.message }, 'warm-up: operation is not valid, skipped');
          continue;
        }
        const names = document.definitions
          .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
          .map((d) => (d.kind === Kind.OPERATION_DEFINITION ? d.name?.value : undefined));
        const chosen = operationName ?? (names.length === 1 ? names[0] : undefined);
        if (names.length > 1 && !chosen) continue;
        // Parsed + validated document in Apollo's store (the run stops before execution).
        await server.executeOperation(
          { query, operationName: chosen },
          { contextValue: { [WARMUP]: true, requestId: 'warm-up', clientIp: '127.0.0.1', log } as GatewayContext },
        );
        // The plan under the keys the gateway looks up: with and without the operation name, as
        // clients may send either.
        const plan = planner.buildQueryPlan(operationFromDocument(plannerApi, document, { operationName: chosen }));
        const queryHash = createHash('sha256').update(query).digest('hex');
        if (names.length === 1) await planCache.set(queryHash, plan);
        if (chosen) await planCache.set(createHash('sha256').update(queryHash).update(chosen).digest('hex'), plan);
        planned++;
      } catch (error) {
        log.warn({ err: error, operationName }, 'warm-up: could not plan an operation');
      }
    }
    return planned;
  }

  if (config.WARM_OPERATIONS_FILE) {
    const started = performance.now();
    const count = await warm(readWarmOperations(config.WARM_OPERATIONS_FILE));
    log.info({ operations: count, ms: Math.round(performance.now() - started) }, 'query plans warmed');
  }

  return {
    server,
    apiSchema: schema,
    validationRules,
    parseOptions,
    maxValidationErrors: config.MAX_VALIDATION_ERRORS,
    subgraphs,
    warm,
    async stop() {
      await server.stop();
      await subgraphs.close();
    },
  };
}

/** An array of query strings or `{query, operationName}`, or a persisted-documents map (hash → query). */
export function readWarmOperations(path: string): WarmOperation[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [];
  return list.flatMap((entry): WarmOperation[] => {
    if (typeof entry === 'string') return [{ query: entry }];
    if (entry && typeof entry === 'object' && typeof (entry as WarmOperation).query === 'string') {
      return [entry as WarmOperation];
    }
    return [];
  });
}
