// /api/v1/system/*: health and module switches.
import type { Router } from 'express';
import { enumValue } from './case.js';
import { RestFailure, sendData } from './envelope.js';
import { bodyOf } from './kit/params.js';
import { handle, type OperationRunner } from './runner.js';

export interface HealthProbe {
  /** Each subgraph's /health: 'ok' or what failed. */
  subgraphs(): Promise<Record<string, { status: 'ok' | 'unavailable'; ms: number }>>;
}

export function mountSystemRoutes(router: Router, graph: OperationRunner, health: HealthProbe, version: string): void {
  router.get('/system/ping/', (_req, res) => {
    sendData(res, { status: 'ok', time: new Date().toISOString() });
  });

  router.get(
    '/system/status/',
    handle(async (_req, res) => {
      const subgraphs = await health.subgraphs();
      const healthy = Object.values(subgraphs).every((s) => s.status === 'ok');
      // The system subgraph's health check is a database round trip.
      const database = subgraphs.system?.status ?? 'unavailable';
      res.status(healthy ? 200 : 503);
      sendData(res, { status: healthy ? 'ok' : 'degraded', version, database, subgraphs }, healthy ? 200 : 503);
    }),
  );

  router.get(
    '/system/settings/modules/',
    handle(async (req, res) => {
      const data = await graph.run<{ account: { enabledModules: string[] } }>(
        req,
        'query Modules { account { enabledModules } }',
      );
      sendData(res, { enabledModules: data.account.enabledModules });
    }),
  );

  router.post(
    '/system/settings/modules/enable/',
    handle(async (req, res) => {
      const body = bodyOf(req);
      if (typeof body.module !== 'string')
        throw new RestFailure(400, 'module is required.', { module: ['is required'] });
      if (typeof body.enabled !== 'boolean') {
        throw new RestFailure(400, 'enabled must be true or false.', { enabled: ['must be a boolean'] });
      }
      const data = await graph.run<{ setModuleEnabled: { enabledModules: string[] } }>(
        req,
        'mutation SetModule($input: SetModuleEnabledInput!) { setModuleEnabled(input: $input) { enabledModules } }',
        { input: { module: enumValue(body.module), enabled: body.enabled } },
      );
      sendData(res, { enabledModules: data.setModuleEnabled.enabledModules });
    }),
  );
}
