// /api/v1/account/*: settings, team and API keys.
import type { Router } from 'express';
import { enumValue, toGraphqlInput } from './case.js';
import { RestFailure, sendData, sendNoContent } from './envelope.js';
import { bodyOf } from './kit/params.js';
import { handle, type OperationRunner } from './runner.js';

const ACCOUNT =
  'id name slug status timezone billingEmail billingAddress taxId enabledModules plan { slug name maxSites maxUsers } createdAt';
const MEMBER = 'id email username firstName lastName role status lastLoginAt invitedAt createdAt';
const API_KEY = 'id name prefix scopes createdBy lastUsedAt expiresAt revokedAt createdAt';

export function mountAccountRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    '/account/settings/',
    handle(async (req, res) => {
      const data = await graph.run<{ account: unknown }>(req, `query AccountSettings { account { ${ACCOUNT} } }`);
      sendData(res, data.account);
    }),
  );

  const updateSettings = handle(async (req, res) => {
    const input = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
    const allowed = ['name', 'timezone', 'billingEmail', 'billingAddress', 'taxId'];
    const unknown = Object.keys(input).filter((k) => !allowed.includes(k));
    if (unknown.length) {
      throw new RestFailure(
        400,
        `Unknown settings: ${unknown.join(', ')}.`,
        Object.fromEntries(unknown.map((k) => [k, ['is not a setting']])),
      );
    }
    const data = await graph.run<{ updateAccountSettings: unknown }>(
      req,
      `mutation UpdateSettings($input: UpdateAccountSettingsInput!) { updateAccountSettings(input: $input) { ${ACCOUNT} } }`,
      { input },
    );
    sendData(res, data.updateAccountSettings, 200, 'Settings saved.');
  });
  router.patch('/account/settings/', updateSettings);
  router.put('/account/settings/', updateSettings);

  router.get(
    '/account/team/',
    handle(async (req, res) => {
      const data = await graph.run<{ members: unknown[] }>(req, `query Team { members { ${MEMBER} } }`);
      sendData(res, data.members);
    }),
  );

  router.post(
    '/account/team/',
    handle(async (req, res) => {
      const input = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
      const data = await graph.run<{ inviteMember: { member: unknown; inviteUrl: string } }>(
        req,
        `mutation Invite($input: InviteMemberInput!) { inviteMember(input: $input) { inviteUrl member { ${MEMBER} } } }`,
        {
          input: {
            email: input.email,
            role: enumValue(input.role ?? 'viewer'),
            firstName: input.firstName,
            lastName: input.lastName,
          },
        },
      );
      sendData(
        res,
        { ...(data.inviteMember.member as object), inviteUrl: data.inviteMember.inviteUrl },
        201,
        'Invitation created.',
      );
    }),
  );

  const changeRole = handle(async (req, res) => {
    const body = bodyOf(req);
    if (typeof body.role !== 'string') throw new RestFailure(400, 'role is required.', { role: ['is required'] });
    const data = await graph.run<{ updateMemberRole: unknown }>(
      req,
      `mutation Role($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { ${MEMBER} } }`,
      { input: { userId: req.params.id, role: enumValue(body.role) } },
      { userId: 'id' },
    );
    sendData(res, data.updateMemberRole);
  });
  router.patch('/account/team/:id/', changeRole);
  router.put('/account/team/:id/', changeRole);

  router.delete(
    '/account/team/:id/',
    handle(async (req, res) => {
      await graph.run(
        req,
        'mutation Remove($input: RemoveMemberInput!) { removeMember(input: $input) }',
        { input: { userId: req.params.id } },
        { userId: 'id' },
      );
      sendNoContent(res);
    }),
  );

  router.get(
    '/account/api-keys/',
    handle(async (req, res) => {
      const data = await graph.run<{ apiKeys: unknown[] }>(req, `query Keys { apiKeys { ${API_KEY} } }`);
      sendData(res, data.apiKeys);
    }),
  );

  router.post(
    '/account/api-keys/',
    handle(async (req, res) => {
      const input = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
      const scopes = Array.isArray(input.scopes) ? input.scopes.map(enumValue) : ['READ'];
      // Checked here: a DateTime the subgraph cannot parse comes back from the gateway as a 500.
      if (
        input.expiresAt != null &&
        (typeof input.expiresAt !== 'string' || Number.isNaN(Date.parse(input.expiresAt)))
      ) {
        throw new RestFailure(400, 'expires_at must be an ISO-8601 timestamp.', {
          expiresAt: ['must be an ISO-8601 timestamp'],
        });
      }
      const data = await graph.run<{ createApiKey: { apiKey: object; secret: string } }>(
        req,
        `mutation CreateKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ${API_KEY} } } }`,
        { input: { name: input.name, scopes, expiresAt: input.expiresAt } },
      );
      sendData(
        res,
        { ...data.createApiKey.apiKey, key: data.createApiKey.secret },
        201,
        'Store the key now: it is not shown again.',
      );
    }),
  );

  router.delete(
    '/account/api-keys/:id/',
    handle(async (req, res) => {
      await graph.run(req, 'mutation Revoke($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id } }', {
        input: { id: req.params.id },
      });
      sendNoContent(res);
    }),
  );
}
