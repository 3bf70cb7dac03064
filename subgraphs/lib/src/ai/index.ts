// The AI layer's public surface: pick a provider from configuration, and the provider types.
import { z } from 'zod';
import { OfflineProvider } from './offline.js';
import { OpenAiProvider, type OpenAiProviderOptions } from './openai.js';
import type { AiProvider } from './provider.js';

export { type ChatDefaults, withChatDefaults } from './chat-defaults.js';
export * from './errors.js';
export { HASHED_EMBEDDING_DIMENSIONS, hashedEmbedding } from './hashed-embedding.js';
export { OfflineProvider } from './offline.js';
export { OpenAiProvider, type OpenAiProviderOptions } from './openai.js';
export { placeholderPng, pngSize } from './placeholder-png.js';
export { fillPromptText, PROMPT_PLACEHOLDER, variablesIn } from './prompt-text.js';
export * from './provider.js';

// An empty variable (`OPENAI_API_KEY=` in a .env file) means "not set", not "the empty string".
const optionalString = z
  .string()
  .optional()
  .transform((value) => value || undefined);

/**
 * AI variables, to merge into a service's config schema (`baseConfigSchema.extend(aiConfigSchema.shape)`).
 *
 * - AI_PROVIDER: `offline` (default: deterministic placeholders, no network) or `openai` (any
 *   OpenAI-compatible server).
 * - OPENAI_BASE_URL: the server's API root; OpenAI's by default. Ollama: http://127.0.0.1:11434/v1.
 * - OPENAI_API_KEY: required for `openai`; local servers that ignore keys accept any value.
 * - AI_CHAT_MODEL: the model for text and JSON answers.
 * - AI_EMBEDDING_MODEL: the model for embeddings (keyword clustering).
 * - AI_IMAGE_MODEL: the model for images.
 * - AI_TIMEOUT_MS: how long one attempt may take before it is retried or fails.
 */
export const aiConfigSchema = z.object({
  AI_PROVIDER: z.enum(['offline', 'openai']).default('offline'),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.openai.com/v1'),
  OPENAI_API_KEY: optionalString,
  AI_CHAT_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  AI_IMAGE_MODEL: z.string().min(1).default('dall-e-3'),
  AI_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
});

export type AiConfig = z.infer<typeof aiConfigSchema>;

export type AiSettings = { provider: 'offline' } | ({ provider: 'openai' } & OpenAiProviderOptions);

export function createAiProvider(settings: AiSettings): AiProvider {
  if (settings.provider === 'offline') return new OfflineProvider();
  const { provider: _openai, ...options } = settings;
  return new OpenAiProvider(options);
}

/**
 * Settings from validated configuration. A missing key for `openai` is a configuration error, so
 * it stops the start like one, naming the variable.
 */
export function aiSettingsFromConfig(config: AiConfig): AiSettings {
  if (config.AI_PROVIDER === 'offline') return { provider: 'offline' };
  if (!config.OPENAI_API_KEY) {
    throw new Error(
      'Invalid configuration:\n  OPENAI_API_KEY: required when AI_PROVIDER=openai (local servers accept any value)',
    );
  }
  return {
    provider: 'openai',
    baseUrl: config.OPENAI_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    chatModel: config.AI_CHAT_MODEL,
    embeddingModel: config.AI_EMBEDDING_MODEL,
    imageModel: config.AI_IMAGE_MODEL,
    timeoutMs: config.AI_TIMEOUT_MS,
  };
}
