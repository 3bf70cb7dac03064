// Boots the real system subgraph on a random loopback port over a test database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase } from '@igny8/db/testing';
import { loadSystemConfig, startSystem, type SystemServer } from '../src/server.js';

export interface TestSystem {
  server: SystemServer;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

export async function startTestSystem(env: Record<string, string> = {}): Promise<TestSystem> {
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
  const server = await startSystem({ config, database: db.database, port: 0 });
  return {
    server,
    async gql(query, variables, token) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
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
