export {
  createDatabase,
  MIGRATIONS_DIR,
  type Database,
  type DatabaseOptions,
  type Db,
  type Tx,
} from './client.js';
export { newId } from './ids.js';
