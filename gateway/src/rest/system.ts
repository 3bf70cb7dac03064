// /api/v1/system/*: liveness (`ping/`), readiness (`ready/`), status, and module switches.
import type { Router } from 'express';
import { RestFailure, sendData } from './envelope.js';
import { RestModulesDocument, RestSetModuleDocument } from './gql/graphql.js';
import { requiredText } from './kit/params.js';
import { action, custom, get, mountRoutes } from './kit/routes.js';
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
