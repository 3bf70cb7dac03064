// Account → AI settings: what members see (the account's choices and what will actually be used),
// what admins change, and the "Test connection" check. The API key is write-only: it is stored
// encrypted and only whether there is one, and its last four characters, are ever shown.
import type { AiSettingsProvider } from '@igny8/db/system';
import { AiError, AiOutputError, BadUserInputError, type Caller } from '@igny8/lib';
import type { AiSettingsRow } from '../store/ai-settings.js';
import * as aiSettingsStore from '../store/ai-settings.js';
import { type EffectiveAiSettings, effectiveAiSettings } from './ai.js';
import type { SystemServices } from './services.js';

export interface AiSettingsView {
  accountId: string;
  provider: AiSettingsProvider;
  baseUrl: string | null;
  hasApiKey: boolean;
  apiKeyLast4: string | null;
  chatModel: string | null;
  embeddingModel: string | null;
  imageModel: string | null;
  temperature: number | null;
  maxTokens: number | null;
  imageSize: string | null;
  imageStyle: string | null;
  /** Null while the account has never saved any. */
  updatedAt: Date | null;
  updatedBy: string | null;
  effective: EffectiveAiSettings;
}

/**
 * A change from an admin: a field left out keeps its value, null or '' clears it (a cleared
 * model or size falls back to the default). `apiKey: ''` removes the stored key.
 */
export interface AiSettingsChange {
  provider?: AiSettingsProvider | null;
  baseUrl?: string | null;
  apiKey?: string | null;
  chatModel?: string | null;
  embeddingModel?: string | null;
  imageModel?: string | null;
  temperature?: number | null;
  maxTokens?: number | null;
  imageSize?: string | null;
  imageStyle?: string | null;
}

export interface AiSettingsCheck {
  ok: boolean;
  message: string;
}

// Enough to recognise a key; shorter keys show nothing, or the last four would be most of them.
const LAST4_MIN_LENGTH = 12;

function viewOf(s: SystemServices, accountId: string, row: AiSettingsRow | null): AiSettingsView {
  return {
    accountId,
    provider: row?.provider ?? 'env',
    baseUrl: row?.baseUrl ?? null,
    hasApiKey: !!row?.apiKeyCiphertext,
    apiKeyLast4: row?.apiKeyLast4 ?? null,
    chatModel: row?.chatModel ?? null,
    embeddingModel: row?.embeddingModel ?? null,
    imageModel: row?.imageModel ?? null,
    temperature: row?.temperature ?? null,
    maxTokens: row?.maxTokens ?? null,
    imageSize: row?.imageSize ?? null,
    imageStyle: row?.imageStyle ?? null,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
    effective: effectiveAiSettings(s.config, row),
  };
}

export async function getAiSettings(s: SystemServices, caller: Caller): Promise<AiSettingsView> {
  const row = await s.database.tenant(caller.accountId, (tx) => aiSettingsStore.findAiSettings(tx, caller.accountId));
  return viewOf(s, caller.accountId, row ?? null);
}

/** The new value of a clearable field: left out keeps, null or '' clears. */
function changed<T>(next: T | null | undefined, current: T | null): T | null {
  if (next === undefined) return current;
  return next === '' ? null : (next ?? null);
}

export async function updateAiSettings(
  s: SystemServices,
  caller: Caller,
  change: AiSettingsChange,
): Promise<AiSettingsView> {
  const { accountId } = caller;
  const row = await s.database.tenant(accountId, async (tx) => {
    const current = await aiSettingsStore.findAiSettings(tx, accountId);
    const provider = change.provider ?? current?.provider ?? 'env';
    let apiKeyCiphertext = current?.apiKeyCiphertext ?? null;
    let apiKeyLast4 = current?.apiKeyLast4 ?? null;
    if (change.apiKey === '') {
      apiKeyCiphertext = null;
      apiKeyLast4 = null;
    } else if (change.apiKey) {
      apiKeyCiphertext = s.aiSecrets.encrypt(accountId, change.apiKey);
      apiKeyLast4 = change.apiKey.length >= LAST4_MIN_LENGTH ? change.apiKey.slice(-4) : null;
    }
    if (provider === 'openai' && !apiKeyCiphertext) {
      throw BadUserInputError.field('apiKey', 'is required for an OpenAI-compatible provider');
    }
    return aiSettingsStore.saveAiSettings(tx, {
      accountId,
      provider,
      baseUrl: changed(change.baseUrl, current?.baseUrl ?? null),
      apiKeyCiphertext,
      apiKeyLast4,
      chatModel: changed(change.chatModel, current?.chatModel ?? null),
      embeddingModel: changed(change.embeddingModel, current?.embeddingModel ?? null),
      imageModel: changed(change.imageModel, current?.imageModel ?? null),
      temperature: changed(change.temperature, current?.temperature ?? null),
      maxTokens: changed(change.maxTokens, current?.maxTokens ?? null),
      imageSize: changed(change.imageSize, current?.imageSize ?? null),
      imageStyle: changed(change.imageStyle, current?.imageStyle ?? null),
      updatedBy: caller.userId,
    });
  });
  return viewOf(s, accountId, row);
}

/**
 * One cheap call with the saved settings (a chat answer of at most 5 tokens). A provider's
 * refusal is the answer, not an error: `ok: false` with its words.
 */
export async function testAiSettings(s: SystemServices, caller: Caller): Promise<AiSettingsCheck> {
  try {
    const { provider, settings } = await s.aiProviders.checkProviderFor(caller.accountId);
    const own = settings.source === 'account';
    const where = own ? 'your settings' : 'the platform default';
    const server = own ? settings.baseUrl : "the platform's AI provider";
    if (settings.provider === 'offline') {
      return {
        ok: true,
        message: `The offline provider (${where}) needs no connection: it makes placeholder text and images.`,
      };
    }
    try {
      const answer = await provider.chat({
        messages: [{ role: 'user', content: 'Reply with the word OK.' }],
        maxTokens: 5,
      });
      return { ok: true, message: `Connected to ${server} (${where}): ${answer.model} answered.` };
    } catch (error) {
      // It answered, only not with text (some models spend 5 tokens on reasoning): the connection works.
      if (error instanceof AiOutputError) {
        return {
          ok: true,
          message: `Connected to ${server} (${where}): ${settings.chatModel} answered, though with no text in 5 tokens.`,
        };
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof AiError) return { ok: false, message: error.message };
    throw error;
  }
}
