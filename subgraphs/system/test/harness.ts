// Boots the real system subgraph on a random loopback port over a test database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@igny8/db';
import { openTestDatabase } from '@igny8/db/testing';
import type { Logger } from '@igny8/lib';
import { loadSystemConfig, startSystem, type SystemServer } from '../src/server.js';

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestSystem {
  server: SystemServer;
  database: Database;
  /** Where the signing key lives (`keys/signing-key.json`). */
  dataDir: string;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }>;
  /** POST /graphql with any headers; also returns the HTTP status. */
  post<T = any>(body: unknown, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export async function startTestSystem(
  env: Record<string, string> = {},
  options: { log?: Logger } = {},
): Promise<TestSystem> {
  const db = await openTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'igny8-system-'));
  const config = loadSystemConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    AUTH_LIMIT_PER_IP: '100000',
    LOGIN_LIMIT_PER_EMAIL: '100000',
    ...env,
  });
  const server = await startSystem({ config, database: db.database, port: 0, log: options.log });
  const post = async (body: unknown, headers: Record<string, string> = {}): Promise<GqlResponse<any>> => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  return {
    server,
    database: db.database,
    dataDir,
    post,
    async gql(query, variables, token) {
      const { status: _status, ...rest } = await post(
        { query, variables },
        token ? { authorization: `Bearer ${token}` } : {},
      );
      return rest as never;
    },
    async close() {
      await server.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A unique, valid e-mail address per call (tests share one PostgreSQL database). */
export const uniqueEmail = (label = 'user') =>
  `${label}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.com`;

export const PASSWORD = 'correct horse 42';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) {
  accessToken refreshToken user { id email } account { id } } }`;

export interface Session {
  email: string;
  token: string;
  refreshToken: string;
  userId: string;
  accountId: string;
}

/** Registers a fresh account and returns its owner's session. */
export async function registerOwner(sys: TestSystem, accountName = 'Test Agency'): Promise<Session> {
  const email = uniqueEmail('owner');
  const res = await sys.gql(REGISTER, {
    input: { email, password: PASSWORD, name: 'Owner Person', accountName },
  });
  if (res.errors) throw new Error(`register failed: ${JSON.stringify(res.errors)}`);
  const r = res.data.register;
  return { email, token: r.accessToken, refreshToken: r.refreshToken, userId: r.user.id, accountId: r.account.id };
}
