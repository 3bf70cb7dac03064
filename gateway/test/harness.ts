// Boots the real platform for a test: every subgraph and the gateway on random loopback ports,
// over a test database (PGlite clone, or PostgreSQL at DATABASE_URL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase } from '@igny8/db/testing';
import {
  createBillingCreditHolds,
  createJobEventSource,
  createJobRuntime,
  createLogger,
  createServiceClient,
  createServiceCredentials,
  type CreditHolds,
  type JobDefinition,
  type JobEventSource,
  type JobRuntime,
  type JobRuntimeOptions,
  loadServiceSecret,
} from '@igny8/lib';
import type { AutomationServer } from '@igny8/automation';
import { type BillingServer, ledgerMismatches } from '@igny8/billing';
import type { PlannerServer } from '@igny8/planner';
import type { SystemServer } from '@igny8/system';
import { gatewayConfigSchema } from '../src/config.js';
import { startSubgraphs } from '../src/platform.js';
import { loadGatewayConfig, startGateway, type RunningGateway } from '../src/server.js';

export interface GqlResult<T> {
  data?: T;
  errors?: {
    message: string;
    extensions?: { code?: string; fields?: Record<string, string[]>; [k: string]: unknown };
  }[];
}

export interface Platform {
  url: string;
  system: SystemServer;
  billing: BillingServer;
  automation: AutomationServer;
  planner: PlannerServer;
  /** Subgraph name → URL. */
  urls: Record<string, string>;
  /** This platform's pg-boss schema: a test's own job runtime must use it to share the queue. */
  queueSchema: string;
  /** The job events the gateway's subscriptions serve (one LISTEN on the test database). */
  jobEvents: JobEventSource;
  gateway: RunningGateway;
  /** POST /graphql as a browser or integrator would. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /**
   * A job runtime of the test's own, as a subgraph runs one: credits held in this platform's
   * billing subgraph, this platform's queue and job events. Started; stopped when the platform closes.
   * `billingAs` puts something around the billing holds (a test slows billing down with it).
   */
  jobRuntime(
    jobs: readonly JobDefinition[],
    options?: Partial<JobRuntimeOptions> & { billingAs?: (billing: CreditHolds) => CreditHolds },
  ): Promise<JobRuntime>;
  /** A REST call under /api/v1; returns status, headers and parsed body. */
  rest(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

/**
 * Suites call from one address and a few accounts much faster than people do: the product's
 * rate limits would refuse them. test/throttles.test.ts passes small ones instead.
 */
const GENEROUS_RATE_LIMITS = Object.fromEntries(
  Object.keys(gatewayConfigSchema.shape)
    .filter((name) => /^(REST_THROTTLE_|GRAPHQL_RATE_LIMIT_)/.test(name))
    .map((name) => [name, '1000000']),
);

export async function startPlatform(
  env: {
    system?: Record<string, string>;
    billing?: Record<string, string>;
    automation?: Record<string, string>;
    planner?: Record<string, string>;
    gateway?: Record<string, string>;
  } = {},
): Promise<Platform> {
  const db = await openTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'igny8-gw-'));
  // Its own job queue: suites sharing one PostgreSQL database never run each other's jobs.
  const queueSchema = uniqueQueueSchema();
  const common = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, JOB_QUEUE_SCHEMA: queueSchema };
  const log = createLogger('test', 'silent');
  const subgraphs = await startSubgraphs({
    database: db.database,
    log,
    env: common,
    overrides: {
      system: { SEED_DEMO: 'false', AUTH_LIMIT_PER_IP: '100000', LOGIN_LIMIT_PER_EMAIL: '100000', ...env.system },
      billing: env.billing,
      automation: env.automation,
      planner: env.planner,
    },
  });
  const jobEvents = createJobEventSource(db.database);
  const gateway = await startGateway({
    config: loadGatewayConfig({ ...common, HOST: '127.0.0.1', WEB_DIST: '', ...GENEROUS_RATE_LIMITS, ...env.gateway }),
    port: 0,
    urls: subgraphs.urls,
    log,
    jobEvents,
  });
  const url = gateway.url;
  const runtimes: JobRuntime[] = [];
  return {
    url,
    system: subgraphs.system,
    billing: subgraphs.billing,
    automation: subgraphs.automation,
    planner: subgraphs.planner,
    urls: subgraphs.urls,
    queueSchema,
    jobEvents,
    gateway,
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    async rest(method, path, options = {}) {
      const res = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
    },
    async jobRuntime(jobs, { billingAs = (billing: CreditHolds) => billing, ...options } = {}) {
      const credentials = createServiceCredentials(loadServiceSecret(dataDir), 'test');
      const runtime = createJobRuntime({
        database: db.database,
        schema: queueSchema,
        holds: billingAs(
          createBillingCreditHolds(
            createServiceClient({ url: subgraphs.urls.billing!, target: 'billing', credentials, log }),
          ),
        ),
        log,
        jobs,
        events: jobEvents,
        ...options,
      });
      await runtime.start();
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      for (const runtime of runtimes) await runtime.stop({ graceful: false });
      // Whatever the suite did, every account's credits still add up.
      const mismatches = await db.database.system((tx) => ledgerMismatches(tx));
      await gateway.close();
      await subgraphs.close();
      await jobEvents.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (mismatches.length) {
        throw new Error(`Credit ledgers that do not sum to their balance: ${JSON.stringify(mismatches)}`);
      }
    },
  };
}

let counter = 0;
/** A pg-boss schema of its own for one test platform. */
export const uniqueQueueSchema = () => `pgboss_t${process.pid}_${Date.now().toString(36)}_${counter++}`;
/** A unique, valid e-mail address per call (suites share one PostgreSQL database in CI). */
export const uniqueEmail = (label = 'user') =>
  `${label}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.com`;

export const PASSWORD = 'correct horse 42';

/** Registers a fresh account through GraphQL and returns its owner's session. */
export async function registerOwner(p: Platform, accountName = 'Acme Agency') {
  const email = uniqueEmail('owner');
  const res = await p.gql(
    `mutation($input: RegisterInput!) { register(input: $input) {
      accessToken refreshToken user { id email } account { id name } } }`,
    { input: { email, password: PASSWORD, name: 'Owner Person', accountName } },
  );
  if (res.errors) throw new Error(`register failed: ${JSON.stringify(res.errors)}`);
  const r = res.data.register;
  return {
    email,
    token: r.accessToken as string,
    refreshToken: r.refreshToken as string,
    userId: r.user.id as string,
    accountId: r.account.id as string,
  };
}
