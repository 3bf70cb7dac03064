// /api/v1/system/settings/ai/: the account's AI settings (api_key is write-only) and their check.
import type { Request, Router } from 'express';
import { enumValue, toGraphqlInput } from './case.js';
import { sendData } from './envelope.js';
import { bodyOf } from './kit/params.js';
import { handle, type OperationRunner } from './runner.js';

const AI_SETTINGS = `provider baseUrl hasApiKey apiKeyLast4 chatModel embeddingModel imageModel temperature maxTokens
  imageSize imageStyle updatedAt effectiveSource effectiveProvider effectiveBaseUrl effectiveChatModel
  effectiveEmbeddingModel effectiveImageModel effectiveImageSize`;
const UPDATE = `mutation UpdateAiSettings($input: UpdateAiSettingsInput!) { updateAiSettings(input: $input) { ${AI_SETTINGS} } }`;

/** What a PUT replaces; `api_key` is not among them: left out, the stored key stays. */
const FIELDS = [
  'provider',
  'baseUrl',
  'chatModel',
  'embeddingModel',
  'imageModel',
  'temperature',
  'maxTokens',
  'imageSize',
  'imageStyle',
] as const;

interface AiSettings {
  provider: string;
  effectiveProvider: string;
  [field: string]: unknown;
}

const restAiSettings = (s: AiSettings) => ({
  ...s,
  provider: s.provider.toLowerCase(),
  effectiveProvider: s.effectiveProvider.toLowerCase(),
});

/** The GraphQL input from a REST body: PATCH sends what changes; PUT sends everything (absent = default). */
function inputOf(body: Record<string, unknown>, replace: boolean): Record<string, unknown> {
  const given = toGraphqlInput(body) as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const field of FIELDS) {
    if (given[field] !== undefined) input[field] = given[field];
    else if (replace) input[field] = field === 'provider' ? 'env' : null;
  }
  if (input.provider !== undefined && input.provider !== null) input.provider = enumValue(input.provider);
  if (given.apiKey !== undefined) input.apiKey = given.apiKey;
  return input;
}

export function mountAiSettingsRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    '/system/settings/ai/',
    handle(async (req, res) => {
      const data = await graph.run<{ aiSettings: AiSettings }>(
        req,
        `query AiSettings { aiSettings { ${AI_SETTINGS} } }`,
      );
      sendData(res, restAiSettings(data.aiSettings));
    }),
  );

  const update = (replace: boolean) =>
    handle(async (req: Request, res) => {
      const data = await graph.run<{ updateAiSettings: AiSettings }>(req, UPDATE, {
        input: inputOf(bodyOf(req), replace),
      });
      sendData(res, restAiSettings(data.updateAiSettings), 200, 'AI settings saved.');
    });
  router.put('/system/settings/ai/', update(true));
  router.patch('/system/settings/ai/', update(false));

  router.post(
    '/system/settings/ai/test/',
    handle(async (req, res) => {
      const data = await graph.run<{ testAiSettings: { ok: boolean; message: string } }>(
        req,
        'mutation TestAiSettings { testAiSettings { ok message } }',
      );
      sendData(res, data.testAiSettings);
    }),
  );
}
