// API keys for integrators calling the graph.
import { callerOf, connectionOf, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { ApiKeyRow } from '../domain/api-keys.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../domain/api-keys.js';
import * as v from '../domain/validation.js';
import { ApiKeyScopeEnum } from './enums.js';

const ApiKeyRef = builder.objectRef<ApiKeyRow>('ApiKey').implement({
  description: 'A credential for integrators. The secret is shown once, at creation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'Identifies the key in lists; not a secret.' }),
    scopes: t.field({ type: [ApiKeyScopeEnum], resolve: (k) => k.scopes as ('read' | 'write')[] }),
    createdBy: t.exposeID('createdBy'),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.lastUsedAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.expiresAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.revokedAt }),
    createdAt: t.field({ type: 'DateTime', resolve: (k) => k.createdAt }),
  }),
});

const CreateApiKeyPayloadRef = builder
  .objectRef<{ apiKey: ApiKeyRow; secret: string }>('CreateApiKeyPayload')
  .implement({
    fields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, resolve: (p) => p.apiKey }),
      secret: t.exposeString('secret', {
        description: 'Send as `Authorization: Bearer <secret>` or `X-API-Key`. Store it now: it is not shown again.',
      }),
    }),
  });

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  validate: z.looseObject({
    name: v.title,
    // An inline literal such as "next tuesday" reaches the resolver as an Invalid Date.
    expiresAt: z.date({ error: 'must be an ISO-8601 timestamp' }).nullish(),
  }),
  fields: (t) => ({
    name: t.string({ required: true }),
    scopes: t.field({ type: [ApiKeyScopeEnum], required: true }),
    expiresAt: t.field({ type: 'DateTime' }),
  }),
});

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: v.uuid }) }),
});

builder.queryFields((t) => ({
  apiKeys: t.connection(
    {
      type: ApiKeyRef,
      description: "The account's keys, revoked ones included, newest first.",
      authScopes: { role: 'admin' },
      resolve: (_root, args, ctx) => connectionOf(args, (page) => listApiKeys(ctx.system, callerOf(ctx), { page })),
    },
    { name: 'ApiKeyConnection' },
    { name: 'ApiKeyEdge' },
  ),
}));

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeyPayloadRef,
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: (_root, { input }, ctx) => createApiKey(ctx.system, callerOf(ctx), input),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true }) },
    resolve: (_root, { input }, ctx) => revokeApiKey(ctx.system, callerOf(ctx), input.id),
  }),
}));
