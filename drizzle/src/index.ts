export {
  createDatabase,
  type Database,
  type DatabaseOptions,
  type Db,
  MIGRATION_DOMAINS,
  MIGRATIONS_DIR,
  type MigrationDomain,
  type Tx,
} from './client.js';
export { newId } from './ids.js';
export { anyOf, containsPattern, type FacetCount, type FacetQuery, facetCounts, rowsOf } from './query.js';
export { CONTENT_TYPES, type ContentType } from './vocabulary.js';
