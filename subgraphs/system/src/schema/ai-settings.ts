// Account → AI settings: the provider, models and defaults the account's AI work uses, and a
// connection check. The API key is write-only.

import { AI_SETTINGS_PROVIDERS } from '@igny8/db/system';
import { callerOf, enumOf, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { EffectiveAiSettings } from '../domain/ai.js';
import {
  type AiSettingsCheck,
  type AiSettingsView,
  getAiSettings,
  testAiSettings,
  updateAiSettings,
} from '../domain/ai-settings.js';
import { STYLE_MAX_LENGTH, TEST_IMAGE_SIZES } from '../domain/test-images.js';
import * as v from '../domain/validation.js';
import { loadUser, UserRef } from './user.js';

const AiProviderEnum = enumOf(
  builder,
  'AiProvider',
  AI_SETTINGS_PROVIDERS,
  'env: the platform default from its environment; offline: placeholders, no network; openai: any OpenAI-compatible server (OpenAI, Azure OpenAI, Ollama, vLLM…) with your own key.',
);

export const TEMPERATURE_MAX = 2;
export const MAX_TOKENS_MAX = 32_000;

const AiSettingsRef = builder.objectRef<AiSettingsView>('AiSettings');
const effective =
  <K extends keyof EffectiveAiSettings>(key: K) =>
  (view: AiSettingsView) =>
    view.effective[key];

AiSettingsRef.implement({
  description:
    "The account's AI settings. Null fields use the default; the `effective…` fields say what the account's work will actually use.",
  fields: (t) => ({
    id: t.id({ description: "The account's id: one set of AI settings per account.", resolve: (s) => s.accountId }),
    provider: t.field({ type: AiProviderEnum, resolve: (s) => s.provider }),
    baseUrl: t.exposeString('baseUrl', {
      nullable: true,
      description: "The OpenAI-compatible server's API root (openai only); null: OpenAI's, https://api.openai.com/v1.",
    }),
    hasApiKey: t.exposeBoolean('hasApiKey', { description: 'Whether a key is stored. The key itself is never shown.' }),
    apiKeyLast4: t.exposeString('apiKeyLast4', {
      nullable: true,
      description: 'The last four characters of the stored key, to recognise it (null for short keys).',
    }),
    chatModel: t.exposeString('chatModel', { nullable: true }),
    embeddingModel: t.exposeString('embeddingModel', { nullable: true }),
    imageModel: t.exposeString('imageModel', { nullable: true }),
    temperature: t.exposeFloat('temperature', { nullable: true, description: '0–2; null: the model default.' }),
    maxTokens: t.exposeInt('maxTokens', { nullable: true, description: 'Longest answer in tokens; null: no limit.' }),
    imageSize: t.exposeString('imageSize', { nullable: true, description: 'Default size of generated images.' }),
    imageStyle: t.exposeString('imageStyle', { nullable: true, description: 'Default style of generated images.' }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.updatedAt }),
    updatedBy: t.field({
      type: UserRef,
      nullable: true,
      resolve: (s, _args, ctx) => (s.updatedBy ? loadUser(ctx, s.updatedBy) : null),
    }),
    effectiveSource: t.string({
      description: '`account` when your own provider is used, `platform` for the platform default.',
      resolve: effective('source'),
    }),
    effectiveProvider: t.field({ type: AiProviderEnum, resolve: effective('provider') }),
    effectiveBaseUrl: t.string({
      nullable: true,
      description: "Where your own provider is reached; null for offline and for the platform's (which is not shown).",
      resolve: (s) => (s.effective.source === 'account' ? s.effective.baseUrl : null),
    }),
    effectiveChatModel: t.string({ resolve: effective('chatModel') }),
    effectiveEmbeddingModel: t.string({ resolve: effective('embeddingModel') }),
    effectiveImageModel: t.string({ resolve: effective('imageModel') }),
    effectiveImageSize: t.string({ resolve: effective('imageSize') }),
  }),
});

const AiSettingsCheckRef = builder.objectRef<AiSettingsCheck>('AiSettingsCheck').implement({
  description: "The result of one call with the saved settings; `message` has the provider's words when it failed.",
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    message: t.exposeString('message'),
  }),
});

const modelName = z.string().trim().max(200, 'must be at most 200 characters');

const UpdateAiSettingsInput = builder.inputType('UpdateAiSettingsInput', {
  description: 'Fields left out keep their value; null or an empty string clears one (back to the default).',
  validate: z.looseObject({
    baseUrl: z
      .string()
      .trim()
      .max(500, 'must be at most 500 characters')
      .pipe(
        z
          .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.openai.com/v1' })
          .or(v.emptyString),
      )
      .nullish(),
    apiKey: z.string().trim().max(512, 'must be at most 512 characters').nullish(),
    chatModel: modelName.nullish(),
    embeddingModel: modelName.nullish(),
    imageModel: modelName.nullish(),
    temperature: z
      .number()
      .min(0, `must be between 0 and ${TEMPERATURE_MAX}`)
      .max(TEMPERATURE_MAX, `must be between 0 and ${TEMPERATURE_MAX}`)
      .nullish(),
    maxTokens: z
      .number()
      .int('must be a whole number')
      .min(1, `must be between 1 and ${MAX_TOKENS_MAX.toLocaleString('en')}`)
      .max(MAX_TOKENS_MAX, `must be between 1 and ${MAX_TOKENS_MAX.toLocaleString('en')}`)
      .nullish(),
    imageSize: z
      .string()
      .refine(
        (size) => size === '' || (TEST_IMAGE_SIZES as readonly string[]).includes(size),
        `must be one of ${TEST_IMAGE_SIZES.join(', ')}`,
      )
      .nullish(),
    imageStyle: z.string().trim().max(STYLE_MAX_LENGTH, `must be at most ${STYLE_MAX_LENGTH} characters`).nullish(),
  }),
  fields: (t) => ({
    provider: t.field({ type: AiProviderEnum }),
    baseUrl: t.string(),
    apiKey: t.string({
      description: 'Write-only. Left out: the stored key stays; an empty string removes it.',
    }),
    chatModel: t.string(),
    embeddingModel: t.string(),
    imageModel: t.string(),
    temperature: t.float({ description: `0–${TEMPERATURE_MAX}.` }),
    maxTokens: t.int({ description: `1–${MAX_TOKENS_MAX}.` }),
    imageSize: t.string({ description: `One of ${TEST_IMAGE_SIZES.join(', ')}.` }),
    imageStyle: t.string({ description: `At most ${STYLE_MAX_LENGTH} characters.` }),
  }),
});

builder.queryFields((t) => ({
  aiSettings: t.field({
    type: AiSettingsRef,
    description: "The account's AI settings, or the defaults while it has none.",
    authScopes: scopePresets.member,
    resolve: (_root, _args, ctx) => getAiSettings(ctx.system, callerOf(ctx)),
  }),
}));

builder.mutationFields((t) => ({
  updateAiSettings: t.field({
    type: AiSettingsRef,
    description: 'Changes the AI settings; the next job uses them. An OpenAI-compatible provider needs an API key.',
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: UpdateAiSettingsInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateAiSettings(ctx.system, callerOf(ctx), input),
  }),
  testAiSettings: t.field({
    type: AiSettingsCheckRef,
    description:
      'Makes one small call with the saved settings (none for offline) and says whether it worked; a provider failure is `ok: false`, not an error.',
    authScopes: scopePresets.admin,
    resolve: (_root, _args, ctx) => testAiSettings(ctx.system, callerOf(ctx)),
  }),
}));
