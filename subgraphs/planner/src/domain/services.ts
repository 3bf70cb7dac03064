// What the planner's domain functions work with: its database, logger, job runtime, export files
// and the system subgraph's answers about accounts, sites and AI setup.
import type { Database } from '@igny8/db';
import type { Module } from '@igny8/db/system';
import type { JobRuntime, Logger, SubgraphFiles } from '@igny8/lib';
import type { AccountAiSetupQuery, AccountWorkspaceQuery } from '../gql/graphql.js';

/**
 * An account's modules and limits, and the site and sector asked for, as the system subgraph
 * answers them (typed by codegen from operations/system.graphql), modules in the database's casing.
 */
export type AccountWorkspace = Omit<AccountWorkspaceQuery['accountWorkspace'], 'enabledModules'> & {
  enabledModules: Module[];
};

/** The provider, prompt and voice an account's AI job runs with (from operations/system.graphql). */
export type AccountAiSetup = Omit<AccountAiSetupQuery['accountAiSetup'], 'provider'> & {
  provider: 'offline' | 'openai';
};

/** The Thinker prompts the planner's jobs run with. */
export type PlannerPromptType = 'clustering' | 'ideas';

export interface SystemDirectory {
  /** NOT_FOUND when the site or sector is not the account's (or the sector not the site's). */
  workspace(
    accountId: string,
    place: { siteId?: string | null; sectorId?: string | null },
    requestId?: string,
  ): Promise<AccountWorkspace>;
  aiSetup(
    accountId: string,
    request: { promptType: PlannerPromptType; authorProfileId?: string | null; strategyId?: string | null },
    requestId?: string,
  ): Promise<AccountAiSetup>;
}

export interface PlannerServices {
  database: Database;
  log: Logger;
  system: SystemDirectory;
  jobs: JobRuntime;
  /** CSV exports, under DATA_DIR/files, fetched through signed links. */
  files: SubgraphFiles;
}
