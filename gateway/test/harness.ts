// Boots the real platform for a test: the system subgraph and the gateway on random loopback
// ports, over a test database (PGlite clone, or PostgreSQL at DATABASE_URL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase } from '@igny8/db/testing';
import { createLogger } from '@igny8/lib';
import { loadSystemConfig, startSystem, type SystemServer } from '@igny8/system';
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
  gateway: RunningGateway;
  /** POST /graphql as a browser or integrator would. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** A REST call under /api/v1; returns status, headers and parsed body. */
  rest(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

export async function startPlatform(
  env: { system?: Record<string, string>; gateway?: Record<string, string> } = {},
): Promise<Platform> {
  const db = await openTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'igny8-gw-'));
  const common = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir };
  const log = createLogger('test', 'silent');
  const system = await startSystem({
    config: loadSystemConfig({
      ...common,
      SEED_DEMO: 'false',
      AUTH_LIMIT_PER_IP: '100000',
      LOGIN_LIMIT_PER_EMAIL: '100000',
      ...env.system,
    }),
    database: db.database,
    port: 0,
    log,
  });
  const gateway = await startGateway({
    config: loadGatewayConfig({ ...common, HOST: '127.0.0.1', WEB_DIST: '', ...env.gateway }),
    port: 0,
    urls: { system: system.url },
    log,
  });
  const url = gateway.url;
  return {
    url,
    system,
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
    async close() {
      await gateway.close();
      await system.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
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
