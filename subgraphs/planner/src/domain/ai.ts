// The AI provider a planner job uses: the account's own (Account → AI settings) or the
// platform's, as the system subgraph says, with the account's prompt and chosen voice.
import { type AiProvider, createAiProvider, withChatDefaults } from '@igny8/lib';
import type { AccountAiSetup, PlannerPromptType, SystemDirectory } from './services.js';

export interface PlannerAi {
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

export async function plannerAi(
  system: SystemDirectory,
  accountId: string,
  request: { promptType: PlannerPromptType; authorProfileId?: string | null; strategyId?: string | null },
  requestId?: string,
): Promise<PlannerAi> {
  const setup = await system.aiSetup(accountId, request, requestId);
  return { provider: providerOf(setup), offline: setup.provider === 'offline', setup };
}
