// /api/v1/account/*: settings, team and API keys.
import type { Router } from 'express';
import { RestFailure } from './envelope.js';
import {
  RestAccountSettingsDocument,
  RestApiKeysDocument,
  RestCreateApiKeyDocument,
  RestInviteMemberDocument,
  RestRemoveMemberDocument,
  RestRevokeApiKeyDocument,
  RestTeamDocument,
  RestUpdateAccountSettingsDocument,
  RestUpdateMemberRoleDocument,
} from './gql/graphql.js';
import { requiredText } from './kit/params.js';
import { create, get, list, mountRoutes, refuseUnknownFields, remove, update } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

const MEMBER_NOT_FOUND = 'Team member not found.';

export function mountAccountRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    // /auth/account/: the original's name for reading the same.
    get({ path: ['/account/settings/', '/auth/account/'], operation: RestAccountSettingsDocument }),
    update({
      path: '/account/settings/',
      operation: RestUpdateAccountSettingsDocument,
      variables: ({ body }) => {
        refuseUnknownFields(body, RestUpdateAccountSettingsDocument, {
          message: (names) => `Unknown settings: ${names.join(', ')}.`,
          reason: 'is not a setting',
        });
        return { input: body };
      },
      message: 'Settings saved.',
    }),

    // Lists in the list envelope, as every list of the original API (`?page=`, `?page_size=`).
    // /auth/users/: the original's name for the account's users.
    list({ path: ['/account/team/', '/auth/users/'], operation: RestTeamDocument }),
    create({
      path: '/account/team/',
      operation: RestInviteMemberDocument,
      variables: ({ body }) => ({ input: { ...body, role: body.role ?? 'viewer' } }),
      answer: ({ inviteMember: { member, inviteUrl, mailDelivery } }) => ({ ...member, inviteUrl, mailDelivery }),
      message: 'Invitation created.',
    }),
    update({
      path: '/account/team/:id/',
      operation: RestUpdateMemberRoleDocument,
      variables: ({ body, params }) => ({ input: { user_id: params.id, role: requiredText(body, 'role') } }),
      restNames: { userId: 'id' },
      notFound: MEMBER_NOT_FOUND,
    }),
    remove({
      path: '/account/team/:id/',
      operation: RestRemoveMemberDocument,
      variables: ({ params }) => ({ input: { user_id: params.id } }),
      restNames: { userId: 'id' },
      notFound: MEMBER_NOT_FOUND,
    }),

    list({ path: '/account/api-keys/', operation: RestApiKeysDocument }),
    create({
      path: '/account/api-keys/',
      operation: RestCreateApiKeyDocument,
      variables: ({ body }) => {
        // Checked here: a DateTime the subgraph cannot parse comes back from the gateway as a 500.
        const expires = body.expires_at;
        if (expires != null && (typeof expires !== 'string' || Number.isNaN(Date.parse(expires)))) {
          throw new RestFailure(400, 'expires_at must be an ISO-8601 timestamp.', {
            expiresAt: ['must be an ISO-8601 timestamp'],
          });
        }
        return { input: { ...body, scopes: Array.isArray(body.scopes) ? body.scopes : ['read'] } };
      },
      answer: ({ createApiKey }) => ({ ...createApiKey.apiKey, key: createApiKey.secret }),
      message: 'Store the key now: it is not shown again.',
    }),
    remove({
      path: '/account/api-keys/:id/',
      operation: RestRevokeApiKeyDocument,
      variables: ({ params }) => ({ input: { id: params.id } }),
      notFound: 'API key not found.',
    }),
  ]);
}
