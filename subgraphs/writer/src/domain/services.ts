// What the writer's domain functions work with: its database, logger, job runtime and files, and
// the answers of the system subgraph (modules, sites, AI setup) and the planner (ideas, clusters).
import type { Database } from '@igny8/db';
import type { JobRuntime, Logger, SubgraphFiles } from '@igny8/lib';

export interface WriterServices {
  database: Database;
  log: Logger;
  jobs: JobRuntime;
  /** Image files and exports, under DATA_DIR/files, fetched through signed links. */
  files: SubgraphFiles;
}
