// Boots the real platform for a test: every subgraph and the gateway on random loopback ports,
// over a test database (PGlite clone, or PostgreSQL at DATABASE_URL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AutomationServer } from '@igny8/automation';
import { type BillingServer, ledgerMismatches } from '@igny8/billing';
import { openTestDatabase } from '@igny8/db/testing';
import {
  type CreditHolds,
  createBillingCreditHolds,
  createJobEventSource,
  createJobRuntime,
  createLogger,
  createServiceClient,
  createServiceCredentials,
  type JobDefinition,
  type JobEventSource,
  type JobRuntime,
  type JobRuntimeOptions,
  loadServiceSecret,
  type ServiceCredentials,
} from '@igny8/lib';
import { type Gql, graphqlClient, registerOwner as registerOwnerWith, type Session } from '@igny8/lib/testing';
import type { PlannerServer } from '@igny8/planner';
import type { SystemServer } from '@igny8/system';
import { gatewayConfigSchema } from '../src/config.js';
import { startSubgraphs } from '../src/platform.js';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../src/server.js';

export type { GqlResult } from '@igny8/lib/testing';
export { PASSWORD, uniqueEmail } from '@igny8/lib/testing';

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
  gql: Gql;
  /** Credentials of a service (as subgraphs call each other), signed with this platform's secret. */
  serviceCredentials: ServiceCredentials;
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
  /**
   * `onQuery`: told every SQL statement the platform sends through drizzle (tests that count them).
   * `databaseUrl`: the PostgreSQL to use instead of DATABASE_URL (the same one through a proxy).
   */
  options: { onQuery?: (sql: string) => void; databaseUrl?: string } = {},
): Promise<Platform> {
  const db = await openTestDatabase({ onQuery: options.onQuery, url: options.databaseUrl });
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
    // Links start where this platform's gateway listens, as under `npm start`.
    publicUrl: () => gateway.url,
  });
  const jobEvents = createJobEventSource(db.database);
  const gateway = await startGateway({
    config: loadGatewayConfig({ ...common, HOST: '127.0.0.1', WEB_DIST: '', ...GENEROUS_RATE_LIMITS, ...env.gateway }),
    port: 0,
    urls: subgraphs.urls,
    log,
    jobEvents,
    revocations: subgraphs.revocations,
  });
  const url = gateway.url;
  const runtimes: JobRuntime[] = [];
  const serviceCredentials = createServiceCredentials(loadServiceSecret(dataDir), 'test');
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
    gql: graphqlClient(url),
    serviceCredentials,
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
      const credentials = serviceCredentials;
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

/** Registers a fresh account through the platform's GraphQL and returns its owner's session. */
export const registerOwner = (p: Platform, accountName = 'Acme Agency'): Promise<Session> =>
  registerOwnerWith(p.gql, accountName);
