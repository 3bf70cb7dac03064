// /api/v1/system/*: liveness (`ping/`), readiness (`ready/`), status, and module switches.
import type { Router } from 'express';
import { RestFailure, sendData } from './envelope.js';
import {
  RestAccountSettingsDocument,
  RestModulesDocument,
  RestPlatformSettingsDocument,
  RestSetModuleDocument,
  RestUpdateAccountSettingsDocument,
  RestUpdateUserPreferencesDocument,
  RestUpdateUserProfileDocument,
  RestUserSettingsDocument,
} from './gql/graphql.js';
import { requiredText } from './kit/params.js';
import { action, custom, get, mountRoutes, refuseUnknownFields, update } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

export interface HealthProbe {
  /** Each subgraph's /health: 'ok' or what failed. */
  subgraphs(): Promise<Record<string, { status: 'ok' | 'unavailable'; ms: number }>>;
}

export function mountSystemRoutes(router: Router, graph: OperationRunner, health: HealthProbe, version: string): void {
  mountRoutes(router, graph, [
    custom({
      method: 'get',
      path: '/system/ping/',
      async handle(_call, res) {
        sendData(res, { status: 'ok', time: new Date().toISOString() });
      },
    }),
    // Readiness, for load balancers: every subgraph answers its database round trip. A subgraph
    // still migrating does not listen yet, so it is not ready either.
    custom({
      method: 'get',
      path: '/system/ready/',
      async handle(_call, res) {
        const subgraphs = await health.subgraphs();
        const waitingFor = Object.entries(subgraphs)
          .filter(([, s]) => s.status !== 'ok')
          .map(([name]) => name);
        sendData(res, { ready: waitingFor.length === 0, waitingFor }, waitingFor.length === 0 ? 200 : 503);
      },
    }),
    custom({
      method: 'get',
      path: '/system/status/',
      async handle(_call, res) {
        const subgraphs = await health.subgraphs();
        const healthy = Object.values(subgraphs).every((s) => s.status === 'ok');
        // The system subgraph's health check is a database round trip.
        const database = subgraphs.system?.status ?? 'unavailable';
        sendData(res, { status: healthy ? 'ok' : 'degraded', version, database, subgraphs }, healthy ? 200 : 503);
      },
    }),
    get({ path: '/system/settings/modules/', operation: RestModulesDocument, answer: (data) => data.account }),

    // The original's three levels of settings: the platform's (its operator's), the account's, the user's.
    get({ path: '/system/settings/system/', operation: RestPlatformSettingsDocument }),
    get({ path: '/system/settings/account/', operation: RestAccountSettingsDocument }),
    update({
      path: '/system/settings/account/',
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
    get({ path: '/system/settings/user/', operation: RestUserSettingsDocument, answer: (data) => data.me }),
    // The profile fields and `preferences` (a JSON object, replaced whole), in one request.
    custom({
      method: 'update',
      path: '/system/settings/user/',
      async handle(call, res) {
        const { preferences, ...profile } = call.body;
        refuseUnknownFields(profile, RestUpdateUserProfileDocument, {
          message: (names) => `Unknown settings: ${names.join(', ')}. Put your own keys under preferences.`,
          reason: 'is not a setting',
        });
        if (preferences === undefined && Object.keys(profile).length === 0) {
          throw new RestFailure(400, 'Send the settings to change: first_name, last_name, username or preferences.', {
            preferences: ['is required when no profile field is sent'],
          });
        }
        let user: unknown;
        if (Object.keys(profile).length > 0) {
          user = (await call.run(RestUpdateUserProfileDocument, { input: profile })).updateProfile;
        }
        if (preferences !== undefined) {
          user = (await call.run(RestUpdateUserPreferencesDocument, { input: { preferences } })).updatePreferences;
        }
        sendData(res, user, 200, 'Settings saved.');
      },
    }),
    action({
      path: '/system/settings/modules/enable/',
      operation: RestSetModuleDocument,
      variables: ({ body }) => {
        if (typeof body.enabled !== 'boolean') {
          throw new RestFailure(400, 'enabled must be true or false.', { enabled: ['must be a boolean'] });
        }
        return { input: { module: requiredText(body, 'module'), enabled: body.enabled } };
      },
    }),
  ]);
}
