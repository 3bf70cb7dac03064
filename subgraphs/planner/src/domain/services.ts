// What the planner's domain functions work with: its database, logger, job runtime, export files
// and the system subgraph's answers about accounts, sites and AI setup.
import type { Database } from '@igny8/db';
import type { JobRuntime, Logger, SubgraphFiles, SystemDirectory } from '@igny8/lib';

export type { AccountAiSetup, AccountWorkspace, SystemDirectory } from '@igny8/lib';

/** The Thinker prompts the planner's jobs run with. */
export type PlannerPromptType = 'clustering' | 'ideas';

export interface PlannerServices {
  database: Database;
  log: Logger;
  system: SystemDirectory;
  jobs: JobRuntime;
  /** CSV exports, under DATA_DIR/files, fetched through signed links. */
  files: SubgraphFiles;
}
