// Boots the real system subgraph on a random loopback port over a test database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@igny8/db';
import { openTestDatabase } from '@igny8/db/testing';
import type { Logger } from '@igny8/lib';
import { type Gql, registerOwner as registerOwnerWith, type Session } from '@igny8/lib/testing';
import { loadSystemConfig, type SystemServer, startSystem } from '../src/server.js';

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
  gql: Gql;
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

export { PASSWORD, type Session, uniqueEmail } from '@igny8/lib/testing';

/** Registers a fresh account and returns its owner's session. */
export const registerOwner = (sys: TestSystem, accountName = 'Test Agency'): Promise<Session> =>
  registerOwnerWith(sys.gql, accountName);
