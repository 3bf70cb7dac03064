// The one database client factory: embedded PGlite under DATA_DIR by default, PostgreSQL
// (postgres.js) when a URL is given. Both expose the same drizzle API and tenancy helpers.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>>;

/** The SQL migrations, found through the package so bundled services find them too. */
export const MIGRATIONS_DIR = (() => {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@igny8/db/package.json')), 'migrations');
  } catch {
    return join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
  }
})();

/**
 * Each Postgres schema has its own migration folder and history table, so each domain's
 * migrations are generated and applied independently. The order matters: `system` creates the
 * tenancy roles the others' policies name. `system` keeps drizzle's default history table.
 */
export const MIGRATION_DOMAINS = ['system', 'jobs', 'billing', 'planner', 'writer'] as const;
export type MigrationDomain = (typeof MIGRATION_DOMAINS)[number];

const migrationConfig = (domain: MigrationDomain) => ({
  migrationsFolder: join(MIGRATIONS_DIR, domain),
  migrationsTable: domain === 'system' ? '__drizzle_migrations' : `__drizzle_migrations_${domain}`,
});

export interface DatabaseOptions {
  /** postgres://… — when absent, the embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** An already opened PGlite instance (tests share a migrated template this way). */
  pglite?: PGlite | undefined;
  /** Connections in the postgres.js pool. */
  poolSize?: number | undefined;
  /**
   * Told the text of every statement issued through drizzle, inside transactions too (not the
   * drivers' own BEGIN/COMMIT): for debugging, and for tests that count statements.
   */
  onQuery?: ((sql: string) => void) | undefined;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  /** The raw drizzle handle. Tenant data is only reachable inside `tenant()`/`system()`. */
  db: Db;
  /** The underlying PGlite instance when embedded (LISTEN/NOTIFY, cloning). */
  pglite?: PGlite;
  /** The postgres.js client when on PostgreSQL. */
  sqlClient?: postgres.Sql;
  /** The connection string when on PostgreSQL (for tools that open their own pool, like pg-boss). */
  url?: string;
  migrate(): Promise<void>;
  /** Runs `work` in a transaction as the tenant role, seeing only `accountId`'s rows. */
  tenant<T>(accountId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in a transaction as the system role, across accounts. Only for the lookups
   * that happen before an account is known (login, token and API-key checks, registration).
   */
  system<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDatabase(options: DatabaseOptions): Database {
  if (options.url) return postgresDatabase(options.url, options.poolSize ?? 10, options.onQuery);
  return pgliteDatabase(options);
}

const loggerOf = (onQuery: DatabaseOptions['onQuery']) =>
  onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {};

function pgliteDatabase(options: DatabaseOptions): Database {
  let pglite = options.pglite;
  if (!pglite) {
    const dir = options.dataDir ?? 'memory://';
    if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
    pglite = new PGlite(dir);
  }
  const db = drizzlePglite(pglite, loggerOf(options.onQuery)) as unknown as Db;
  // PGlite is one connection: transactions queue behind each other inside PGlite itself.
  return withHelpers('pglite', db, {
    pglite,
    migrate: async () => {
      const migrator = drizzlePglite(pglite);
      for (const domain of MIGRATION_DOMAINS) await migratePglite(migrator, migrationConfig(domain));
    },
    close: () => pglite.close(),
  });
}

/**
 * After a restart or an outage: postgres.js waits before each new connection attempt, growing to
 * 20 s after a few failures, and a request waits with it — so requests hung during an outage and
 * for up to 20 s after it. Capped at one second, a request during an outage fails within about a
 * second, and the first one after it reconnects at once. A server that does not answer at all (a
 * partition) fails a connection attempt after 10 s instead of 30.
 */
export const RECONNECT = {
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
  connect_timeout: 10,
} as const;

function postgresDatabase(url: string, poolSize: number, onQuery: DatabaseOptions['onQuery']): Database {
  const client = postgres(url, { max: poolSize, onnotice: () => {}, idle_timeout: 30, ...RECONNECT });
  const db = drizzlePostgres(client, loggerOf(onQuery)) as unknown as Db;
  return withHelpers('postgres', db, {
    sqlClient: client,
    url,
    migrate: async () => {
      // One migrator at a time when several services start together.
      const lock = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lock`select pg_advisory_lock(80880001)`;
        const migrator = drizzlePostgres(lock);
        for (const domain of MIGRATION_DOMAINS) await migratePostgres(migrator, migrationConfig(domain));
      } finally {
        await lock`select pg_advisory_unlock(80880001)`.catch(() => {});
        await lock.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  });
}

function withHelpers(
  kind: Database['kind'],
  db: Db,
  parts: Pick<Database, 'migrate' | 'close'> & { pglite?: PGlite; sqlClient?: postgres.Sql; url?: string },
): Database {
  return {
    kind,
    db,
    ...parts,
    tenant(accountId, work) {
      // A malformed id would make the policy cast fail; refuse it before touching the database.
      if (!UUID.test(accountId)) throw new Error('tenant(): accountId must be a UUID');
      return db.transaction(async (tx) => {
        // One round trip: the tenant setting and the role, both transaction-local.
        await tx.execute(
          sql`select set_config('app.account_id', ${accountId}, true), set_config('role', 'igny8_app', true)`,
        );
        return work(tx as unknown as Tx);
      });
    },
    system(work) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`set local role igny8_system`);
        return work(tx as unknown as Tx);
      });
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
  };
}
