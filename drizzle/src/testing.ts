// Test databases: a migrated PGlite cloned per suite (fast), or the PostgreSQL at DATABASE_URL.
import { PGlite } from '@electric-sql/pglite';
import { createDatabase, type Database, type DatabaseOptions } from './client.js';

export interface TestDatabase {
  database: Database;
  close(): Promise<void>;
}

let template: Promise<PGlite> | undefined;

async function migratedTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const pglite = new PGlite('memory://');
    await createDatabase({ pglite }).migrate();
    return pglite;
  })();
  return template;
}

/**
 * Opens a migrated database for one test suite (`onQuery`: see `createDatabase`); `url` reaches
 * the PostgreSQL at DATABASE_URL another way (through a test's proxy).
 */
export async function openTestDatabase(options: Pick<DatabaseOptions, 'onQuery' | 'url'> = {}): Promise<TestDatabase> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    const database = createDatabase({ url, poolSize: 5, onQuery: options.onQuery });
    await database.migrate();
    return { database, close: () => database.close() };
  }
  const pglite = (await (await migratedTemplate()).clone()) as PGlite;
  const database = createDatabase({ pglite, onQuery: options.onQuery });
  return { database, close: () => database.close() };
}
