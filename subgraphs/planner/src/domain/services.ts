// What the planner's domain functions work with: its database, logger, job runtime and the
// system subgraph's answers about accounts, sites and AI setup.
import type { Database } from '@igny8/db';
import type { Module } from '@igny8/db/system';
import type { JobRuntime, Logger } from '@igny8/lib';

export interface AccountWorkspace {
  accountId: string;
  enabledModules: Module[];
  planSlug: string;
  maxKeywords: number;
  site: {
    id: string;
    name: string;
    domain: string | null;
    language: string;
    isActive: boolean;
    industrySlug: string | null;
    industryName: string | null;
  } | null;
  sector: { id: string; siteId: string; name: string; isActive: boolean; sectorSlug: string | null } | null;
}

/** The account's AI provider settings (with its key), its prompt for the operation and its voice. */
export interface AccountAiSetup {
  provider: 'offline' | 'openai';
  baseUrl: string | null;
  apiKey: string | null;
  apiKeyName: string | null;
  chatModel: string | null;
  embeddingModel: string | null;
  imageModel: string | null;
  timeoutMs: number | null;
  temperature: number | null;
  maxTokens: number | null;
  promptText: string;
  authorProfile: string;
  strategy: string;
}

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
}
