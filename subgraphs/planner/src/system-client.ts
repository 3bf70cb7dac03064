// The system subgraph, as the planner calls it: service-only operations with a service token,
// typed from operations/system.graphql (checked against the supergraph by codegen).
import type { Module } from '@igny8/db/system';
import type { ServiceClient } from '@igny8/lib';
import type { AccountAiSetup, SystemDirectory } from './domain/services.js';
import { AccountAiSetupDocument, AccountWorkspaceDocument, type PromptType } from './gql/graphql.js';

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
          `The system subgraph named an AI provider the planner does not know: ${accountAiSetup.provider}`,
        );
      }
      return { ...accountAiSetup, provider: accountAiSetup.provider as AccountAiSetup['provider'] };
    },
  };
}
