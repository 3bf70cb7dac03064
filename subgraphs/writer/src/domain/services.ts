// What the writer's domain functions work with: its database, logger, job runtime and files, and
// the answers of the system subgraph (modules, sites, AI setup) and the planner (ideas).
import type { Database } from '@igny8/db';
import type { ContentType } from '@igny8/db/writer';
import type { JobRuntime, Logger, SubgraphFiles, SystemDirectory } from '@igny8/lib';

export type { AccountAiSetup, AccountWorkspace, SystemDirectory } from '@igny8/lib';

/** An idea as the planner answers it to the writer. */
export interface PlannerIdea {
  id: string;
  siteId: string;
  sectorId: string;
  clusterId: string | null;
  title: string;
  description: string;
  contentType: ContentType;
  outline: { heading: string; points: string[] }[];
  targetKeywords: string[];
  estimatedWordCount: number;
  status: 'new' | 'queued' | 'completed';
  authorProfileId: string | null;
  strategyId: string | null;
}

export interface PlannerDirectory {
  /** The account's ideas by id; unknown and other accounts' ids are left out. */
  ideas(accountId: string, ids: readonly string[], requestId?: string): Promise<PlannerIdea[]>;
  /** Tells the planner its ideas were queued, completed, or dropped (NEW again). */
  markIdeas(
    accountId: string,
    ids: readonly string[],
    status: PlannerIdea['status'],
    requestId?: string,
  ): Promise<void>;
}

export interface WriterServices {
  database: Database;
  log: Logger;
  jobs: JobRuntime;
  system: SystemDirectory;
  planner: PlannerDirectory;
  /** Image files and exports, under DATA_DIR/files, fetched through signed links. */
  files: SubgraphFiles;
}
