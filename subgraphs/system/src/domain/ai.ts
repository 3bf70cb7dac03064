// Which AI provider an account's work uses: the account's own settings (Account → AI settings)
// over the platform default from the environment. Jobs ask `aiProviderFor(accountId)` when they
// run, so a change of settings applies to the next job without a restart.
import type { Database } from '@igny8/db';
import type { AiSettingsProvider } from '@igny8/db/system';
import {
  type AiConfig,
  type AiProvider,
  AiProviderError,
  type AiSettings,
  createAiProvider,
  withChatDefaults,
} from '@igny8/lib';
import { type AiSettingsRow, findAiSettings } from '../store/ai-settings.js';
import { type AiSecretBox, AiSecretError } from './ai-secrets.js';
import { DEFAULT_TEST_IMAGE_SIZE, TEST_IMAGE_SIZES, type TestImageSize } from './test-images.js';

/** What the offline provider calls its models (it has no others). */
const OFFLINE_MODELS = { chat: 'offline-chat', embedding: 'offline-embedding', image: 'offline-image' } as const;
/** An account's own provider without a base URL talks to OpenAI (never to the platform's server). */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** How an account's provider names the key in its errors ("Check …"): not the platform's variable. */
const ACCOUNT_KEY_NAME = 'the API key in Account → AI settings';

/** What an account's work will use, with every default filled in. */
export interface EffectiveAiSettings {
  /** Where these came from: the account's own provider, or the platform default. */
  source: 'account' | 'platform';
  provider: 'offline' | 'openai';
  /** The OpenAI-compatible server's API root; null for offline. The platform's is not shown to accounts. */
  baseUrl: string | null;
  chatModel: string;
  embeddingModel: string;
  imageModel: string;
  /** Null: each request's own, or the model's default. */
  temperature: number | null;
  maxTokens: number | null;
  imageSize: TestImageSize;
  imageStyle: string | null;
}

export interface AccountAi {
  provider: AiProvider;
  settings: EffectiveAiSettings;
}

const isImageSize = (size: string | null | undefined): size is TestImageSize =>
  (TEST_IMAGE_SIZES as readonly string[]).includes(size ?? '');

/**
 * The settings an account's row (or none) comes to. The account's base URL and key apply only to
 * its own `openai` provider: the platform's key is never sent to a server an account chose, nor
 * an account's key to the platform's server.
 */
export function effectiveAiSettings(
  config: AiConfig,
  row: Pick<
    AiSettingsRow,
    | 'provider'
    | 'baseUrl'
    | 'chatModel'
    | 'embeddingModel'
    | 'imageModel'
    | 'temperature'
    | 'maxTokens'
    | 'imageSize'
    | 'imageStyle'
  > | null,
): EffectiveAiSettings {
  const chosen: AiSettingsProvider = row?.provider ?? 'env';
  const provider = chosen === 'env' ? config.AI_PROVIDER : chosen;
  const common = {
    source: chosen === 'env' ? ('platform' as const) : ('account' as const),
    temperature: row?.temperature ?? null,
    maxTokens: row?.maxTokens ?? null,
    imageSize: isImageSize(row?.imageSize) ? row.imageSize : DEFAULT_TEST_IMAGE_SIZE,
    imageStyle: row?.imageStyle ?? null,
  };
  if (provider === 'offline') {
    return {
      ...common,
      provider,
      baseUrl: null,
      chatModel: OFFLINE_MODELS.chat,
      embeddingModel: OFFLINE_MODELS.embedding,
      imageModel: OFFLINE_MODELS.image,
    };
  }
  return {
    ...common,
    provider,
    baseUrl: chosen === 'openai' ? (row?.baseUrl ?? OPENAI_BASE_URL) : config.OPENAI_BASE_URL,
    chatModel: row?.chatModel ?? config.AI_CHAT_MODEL,
    embeddingModel: row?.embeddingModel ?? config.AI_EMBEDDING_MODEL,
    imageModel: row?.imageModel ?? config.AI_IMAGE_MODEL,
  };
}

export interface AccountAiProviders {
  /** The provider and settings for the account's next piece of work. */
  aiProviderFor(accountId: string): Promise<AccountAi>;
  /**
   * A provider for one quick check of the account's saved settings: no retries and a short
   * timeout, so "Test connection" answers within seconds.
   */
  checkProviderFor(accountId: string): Promise<AccountAi>;
  /** What the account's provider is built from, for a job in another subgraph (service call). */
  providerSettingsFor(accountId: string): Promise<AccountAiSettings>;
}

export interface AccountAiSettings {
  settings: EffectiveAiSettings;
  options: AiSettings;
}

export interface AccountAiProvidersOptions {
  database: Database;
  config: AiConfig;
  secrets: AiSecretBox;
  /** The platform default, built once from the environment. */
  platform: AiProvider;
}

const CHECK_TIMEOUT_MS = 15_000;

export function createAccountAiProviders(options: AccountAiProvidersOptions): AccountAiProviders {
  const { database, config, secrets, platform } = options;
  // Per account, the provider built from the row as it was at `updatedAt`: a save makes a new one.
  const cache = new Map<string, { updatedAt: number; ai: AccountAi }>();

  const apiKeyOf = (row: AiSettingsRow | null, chosen: AiSettingsProvider): string | undefined => {
    if (chosen !== 'openai') return config.OPENAI_API_KEY;
    if (!row?.apiKeyCiphertext) return undefined;
    return secrets.decrypt(row.accountId, row.apiKeyCiphertext);
  };

  /** The effective settings and what a provider is built from (for `openai`, with the key). */
  const resolve = (row: AiSettingsRow | null, check: boolean): AccountAiSettings => {
    const settings = effectiveAiSettings(config, row);
    const chosen = row?.provider ?? 'env';
    if (settings.provider === 'offline') return { settings, options: { provider: 'offline' } };
    let apiKey: string | undefined;
    try {
      apiKey = apiKeyOf(row, chosen);
    } catch (error) {
      if (!(error instanceof AiSecretError)) throw error;
      throw new AiProviderError('AI_AUTH_FAILED', error.message, false, undefined, { cause: error });
    }
    if (!apiKey) {
      throw new AiProviderError(
        'AI_AUTH_FAILED',
        chosen === 'openai'
          ? 'No API key is stored for this account’s AI provider; add one in Account → AI settings.'
          : 'The platform’s AI provider has no API key (OPENAI_API_KEY).',
        false,
      );
    }
    return {
      settings,
      options: {
        provider: 'openai',
        baseUrl: settings.baseUrl!,
        apiKey,
        chatModel: settings.chatModel,
        embeddingModel: settings.embeddingModel,
        imageModel: settings.imageModel,
        timeoutMs: check ? Math.min(config.AI_TIMEOUT_MS, CHECK_TIMEOUT_MS) : config.AI_TIMEOUT_MS,
        ...(check ? { maxRetries: 0, outputRetries: 0 } : {}),
        ...(chosen === 'openai' ? { apiKeyName: ACCOUNT_KEY_NAME } : {}),
      },
    };
  };

  const build = (row: AiSettingsRow | null, check: boolean): AccountAi => {
    const { settings, options } = resolve(row, check);
    const provider = createAiProvider(options);
    return { provider: withChatDefaults(provider, settings), settings };
  };

  const rowOf = async (accountId: string) =>
    (await database.tenant(accountId, (tx) => findAiSettings(tx, accountId))) ?? null;

  return {
    async aiProviderFor(accountId) {
      const row = await rowOf(accountId);
      if (!row) return { provider: platform, settings: effectiveAiSettings(config, null) };
      const cached = cache.get(accountId);
      if (cached && cached.updatedAt === row.updatedAt.getTime()) return cached.ai;
      const ai = build(row, false);
      cache.set(accountId, { updatedAt: row.updatedAt.getTime(), ai });
      return ai;
    },
    async checkProviderFor(accountId) {
      return build(await rowOf(accountId), true);
    },
    async providerSettingsFor(accountId) {
      return resolve(await rowOf(accountId), false);
    },
  };
}
