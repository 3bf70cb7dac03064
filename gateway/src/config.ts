import { baseConfigSchema, loadConfig } from '@igny8/lib';
import { z } from 'zod';

const perMinute = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** The system subgraph's GraphQL endpoint. */
  SYSTEM_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  /** The planner subgraph's GraphQL endpoint (keywords, clusters, ideas). */
  PLANNER_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
  /** The writer subgraph's GraphQL endpoint (tasks, content, images, taxonomies). */
  WRITER_URL: z.string().url().default('http://127.0.0.1:4003/graphql'),
  /** The automation subgraph's GraphQL endpoint (jobs). */
  AUTOMATION_URL: z.string().url().default('http://127.0.0.1:4004/graphql'),
  /** The billing subgraph's GraphQL endpoint (credits). */
  BILLING_URL: z.string().url().default('http://127.0.0.1:4006/graphql'),
  /** The built web app to serve (index.html + assets); empty to serve none. */
  WEB_DIST: z.string().default('web/dist'),
  /**
   * Lexical tokens per client document, enforced by the parser itself (the other query limits are
   * every service's: baseConfigSchema). Subgraphs take no such limit: a query plan's fetch may
   * spell out fragments a client wrote once.
   */
  MAX_TOKENS: z.coerce.number().int().positive().default(2000),
  /** Parsed-and-validated documents and query plans kept in memory (entries each). */
  DOCUMENT_CACHE_ENTRIES: z.coerce.number().int().min(0).default(2000),
  QUERY_PLAN_CACHE_ENTRIES: z.coerce.number().int().min(0).default(2000),
  /** A JSON file of operations to plan at start (array of query strings, or a persisted-documents map). */
  WARM_OPERATIONS_FILE: z.string().default(''),
  /** How long an API key's exchanged token is reused (each use is still checked against revocations). */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(900).default(30),
  /** Sockets kept open to each subgraph. */
  SUBGRAPH_MAX_SOCKETS: z.coerce.number().int().positive().default(64),
  /**
   * REST throttles, requests per minute per account (per client IP when anonymous), by scope as
   * SPEC.md lists them; gateway/src/throttles.ts maps the paths to the scopes.
   */
  REST_THROTTLE_AI: perMinute(10),
  REST_THROTTLE_IMAGE_GENERATION: perMinute(15),
  REST_THROTTLE_AUTH: perMinute(20),
  REST_THROTTLE_PLANNER: perMinute(60),
  REST_THROTTLE_WRITER: perMinute(60),
  REST_THROTTLE_CONTENT_READ: perMinute(100),
  REST_THROTTLE_BILLING: perMinute(30),
  REST_THROTTLE_ADMIN: perMinute(30),
  REST_THROTTLE_DEFAULT: perMinute(100),
  /** GraphQL operations (HTTP and graphql-ws) per minute per account. */
  GRAPHQL_RATE_LIMIT_PER_ACCOUNT: perMinute(600),
  /** GraphQL requests per minute per client IP, for requests without a credential. */
  GRAPHQL_RATE_LIMIT_PER_IP: perMinute(120),
  /**
   * /metrics on the main port answers only `Authorization: Bearer <METRICS_TOKEN>`; unset, it is
   * not served there at all (METRICS_PORT can serve it apart).
   */
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** A port of its own for /metrics (no token), on METRICS_HOST; unset: none. */
  METRICS_PORT: z
    .literal('')
    .transform(() => undefined)
    .or(z.coerce.number().int().min(0).max(65535).optional()),
  /** The interface METRICS_PORT listens on: loopback unless the scraper is elsewhere. */
  METRICS_HOST: z.string().default('127.0.0.1'),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig =>
  loadConfig(gatewayConfigSchema, env);

/** Subgraph name (as in the supergraph) → URL, from the config. */
export const subgraphUrls = (config: GatewayConfig): Record<string, string> => ({
  system: config.SYSTEM_URL,
  planner: config.PLANNER_URL,
  writer: config.WRITER_URL,
  automation: config.AUTOMATION_URL,
  billing: config.BILLING_URL,
});
