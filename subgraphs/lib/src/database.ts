// The database a service runs on: the one it was given (the all-in-one launcher and tests share
// one), or its own from the configuration, migrated before use and closed with the service.
import { createDatabase, type Database } from '@igny8/db';
import type { BaseConfig } from './config.js';

export interface ServiceDatabase {
  database: Database;
  /** Closes the database when the service opened it; a shared one is left to its owner. */
  release(): Promise<void>;
}

export async function openServiceDatabase(config: BaseConfig, given?: Database): Promise<ServiceDatabase> {
  if (given) return { database: given, release: async () => {} };
  const database = createDatabase({ url: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pglite` });
  await database.migrate();
  return { database, release: () => database.close() };
}
