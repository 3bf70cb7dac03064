// The system subgraph, as every domain subgraph calls it: an account's modules, limits, site and
// sector (its workspace) and the AI setup a job runs with. Service-only operations with a service
// token, typed from operations/system.graphql (checked against the supergraph by codegen).
import type { Database, Tx } from '@igny8/db';
import type { Module } from '@igny8/db/system';
import { withChatDefaults } from './ai/chat-defaults.js';
import { createAiProvider } from './ai/index.js';
import type { AiProvider } from './ai/provider.js';
import type { Caller } from './caller.js';
import {
  AccountAiSetupDocument,
  type AccountAiSetupQuery,
  AccountWorkspaceDocument,
  type AccountWorkspaceQuery,
  type PromptType,
} from './gql/graphql.js';
import { assertModuleEnabled } from './modules.js';
import type { ServiceClient } from './service.js';

/**
 * An account's modules and limits, and the site and sector asked for, as the system subgraph
 * answers them, modules in the database's casing.
 */
export type AccountWorkspace = Omit<AccountWorkspaceQuery['accountWorkspace'], 'enabledModules'> & {
  enabledModules: Module[];
};

/** The provider, prompt and voice an account's AI job runs with. */
export type AccountAiSetup = Omit<AccountAiSetupQuery['accountAiSetup'], 'provider'> & {
  provider: 'offline' | 'openai';
};

/** The Thinker prompt types, in the database's casing. */
export type AiPromptType = Lowercase<PromptType>;

export interface AiSetupRequest {
  promptType: AiPromptType;
  authorProfileId?: string | null;
  strategyId?: string | null;
}

/** A site and sector a request names (either may be absent). */
export interface Place {
  siteId?: string | null | undefined;
  sectorId?: string | null | undefined;
}

export interface SystemDirectory {
  /** NOT_FOUND when the site or sector is not the account's (or the sector not the site's). */
  workspace(accountId: string, place: Place, requestId?: string): Promise<AccountWorkspace>;
  aiSetup(accountId: string, request: AiSetupRequest, requestId?: string): Promise<AccountAiSetup>;
}

const AI_PROVIDERS = new Set<string>(['offline', 'openai'] satisfies AccountAiSetup['provider'][]);

export function createSystemDirectory(system: ServiceClient): SystemDirectory {
  return {
    async workspace(accountId, place, requestId) {
      const { accountWorkspace } = await system.query(
        AccountWorkspaceDocument,
        { accountId, siteId: place.siteId ?? null, sectorId: place.sectorId ?? null },
        requestId,
      );
      // Enum values arrive in their GraphQL (upper-case) form.
      return {
        ...accountWorkspace,
        enabledModules: accountWorkspace.enabledModules.map((m) => m.toLowerCase() as Module),
      };
    },
    async aiSetup(accountId, request, requestId) {
      const { accountAiSetup } = await system.query(
        AccountAiSetupDocument,
        {
          accountId,
          promptType: request.promptType.toUpperCase() as PromptType,
          authorProfileId: request.authorProfileId ?? null,
          strategyId: request.strategyId ?? null,
        },
        requestId,
      );
      if (!AI_PROVIDERS.has(accountAiSetup.provider)) {
        throw new Error(
          `The system subgraph named an AI provider this service does not know: ${accountAiSetup.provider}`,
        );
      }
      return { ...accountAiSetup, provider: accountAiSetup.provider as AccountAiSetup['provider'] };
    },
  };
}

/**
 * The caller's workspace (and the site and sector, when given) once `module` is known to be on.
 * The request's memo keeps one system call per place, however many fields ask.
 */
export async function moduleWorkspace(
  system: SystemDirectory,
  caller: Caller,
  module: Module,
  place: Place = {},
): Promise<AccountWorkspace> {
  const key = `workspace:${place.siteId ?? ''}:${place.sectorId ?? ''}`;
  let pending = caller.memo?.get(key) as Promise<AccountWorkspace> | undefined;
  if (!pending) {
    pending = system.workspace(caller.accountId, place, caller.requestId);
    caller.memo?.set(key, pending);
    pending.catch(() => caller.memo?.delete(key));
  }
  const workspace = await pending;
  assertModuleEnabled(workspace.enabledModules, module);
  return workspace;
}

/** Runs `work` in the caller's tenant transaction once `module` is known to be on. */
export async function inModule<T>(
  services: { database: Database; system: SystemDirectory },
  caller: Caller,
  module: Module,
  work: (tx: Tx, workspace: AccountWorkspace) => Promise<T>,
  place: Place = {},
): Promise<T> {
  const workspace = await moduleWorkspace(services.system, caller, module, place);
  return services.database.tenant(caller.accountId, (tx) => work(tx, workspace));
}

/** The site and sector of a workspace asked for with both. */
export function placeOf(workspace: AccountWorkspace): { siteId: string; sectorId: string } {
  return { siteId: workspace.site!.id, sectorId: workspace.sector!.id };
}

/** The AI provider an account's job uses, from its setup: the account's own or the platform's. */
export interface AccountAi {
  provider: AiProvider;
  /** True for the deterministic offline provider: no real model behind it. */
  offline: boolean;
  setup: AccountAiSetup;
}

export function providerOf(setup: AccountAiSetup): AiProvider {
  if (setup.provider === 'offline') return createAiProvider({ provider: 'offline' });
  return withChatDefaults(
    createAiProvider({
      provider: 'openai',
      baseUrl: setup.baseUrl!,
      apiKey: setup.apiKey!,
      chatModel: setup.chatModel!,
      embeddingModel: setup.embeddingModel!,
      imageModel: setup.imageModel!,
      ...(setup.timeoutMs ? { timeoutMs: setup.timeoutMs } : {}),
      ...(setup.apiKeyName ? { apiKeyName: setup.apiKeyName } : {}),
    }),
    { temperature: setup.temperature, maxTokens: setup.maxTokens },
  );
}

export async function accountAi(
  system: SystemDirectory,
  accountId: string,
  request: AiSetupRequest,
  requestId?: string,
): Promise<AccountAi> {
  const setup = await system.aiSetup(accountId, request, requestId);
  return { provider: providerOf(setup), offline: setup.provider === 'offline', setup };
}
