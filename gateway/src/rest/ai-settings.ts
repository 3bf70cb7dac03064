// /api/v1/system/settings/ai/: the account's AI settings (api_key is write-only) and their check.
import type { Router } from 'express';
import { RestAiSettingsDocument, RestTestAiSettingsDocument, RestUpdateAiSettingsDocument } from './gql/graphql.js';
import { action, type Call, get, mountRoutes, update } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

/** What a PUT replaces, with the value it falls back to; `api_key` is not among them: left out, the stored key stays. */
const REPLACED = {
  provider: 'env',
  base_url: null,
  chat_model: null,
  embedding_model: null,
  image_model: null,
  temperature: null,
  max_tokens: null,
  image_size: null,
  image_style: null,
};

/** PATCH sends what changes; PUT sends everything (absent = default). */
const settingsInput = ({ req, body }: Call) => ({
  input: req.method === 'PUT' ? { ...REPLACED, ...body } : body,
});

export function mountAiSettingsRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    get({ path: '/system/settings/ai/', operation: RestAiSettingsDocument }),
    update({
      path: '/system/settings/ai/',
      operation: RestUpdateAiSettingsDocument,
      variables: settingsInput,
      message: 'AI settings saved.',
    }),
    action({ path: '/system/settings/ai/test/', operation: RestTestAiSettingsDocument }),
  ]);
}
