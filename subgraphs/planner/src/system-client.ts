// The system subgraph, as the planner calls it: service-only operations with a service token.
import type { Module } from '@igny8/db/system';
import type { ServiceClient } from '@igny8/lib';
import type { AccountAiSetup, AccountWorkspace, SystemDirectory } from './domain/services.js';

const WORKSPACE = `query AccountWorkspace($accountId: ID!, $siteId: ID, $sectorId: ID) {
  accountWorkspace(accountId: $accountId, siteId: $siteId, sectorId: $sectorId) {
    accountId enabledModules planSlug maxKeywords
    site { id name domain language isActive industrySlug industryName }
    sector { id siteId name isActive sectorSlug }
  }
}`;

const AI_SETUP = `query AccountAiSetup($accountId: ID!, $promptType: PromptType!, $authorProfileId: ID, $strategyId: ID) {
  accountAiSetup(accountId: $accountId, promptType: $promptType, authorProfileId: $authorProfileId, strategyId: $strategyId) {
    provider baseUrl apiKey apiKeyName chatModel embeddingModel imageModel timeoutMs temperature maxTokens
    promptText authorProfile strategy
  }
}`;

export function createSystemDirectory(system: ServiceClient): SystemDirectory {
  return {
    async workspace(accountId, place, requestId) {
      const data = await system.request<{ accountWorkspace: AccountWorkspace }>(
        WORKSPACE,
        { accountId, siteId: place.siteId ?? null, sectorId: place.sectorId ?? null },
        requestId,
      );
      // Enum values arrive in their GraphQL (upper-case) form.
      const workspace = data.accountWorkspace;
      return { ...workspace, enabledModules: workspace.enabledModules.map((m) => m.toLowerCase() as Module) };
    },
    async aiSetup(accountId, request, requestId) {
      const data = await system.request<{ accountAiSetup: AccountAiSetup }>(
        AI_SETUP,
        {
          accountId,
          promptType: request.promptType.toUpperCase(),
          authorProfileId: request.authorProfileId ?? null,
          strategyId: request.strategyId ?? null,
        },
        requestId,
      );
      return data.accountAiSetup;
    },
  };
}
