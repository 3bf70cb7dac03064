// What an operator relies on: request ids that cross gateway and subgraphs (in answers and in
// both services' logs), Prometheus metrics, health endpoints, the JWKS, graceful shutdown, and the
// speed habits of DESIGN §8b (socket reuse, bounded sockets, cached keys/documents/plans, no
// inline tracing).

import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openTestDatabase } from '@igny8/db/testing';
import { createLogger, createRevocationFeed, type RevocationFeed } from '@igny8/lib';
import { loadSystemConfig, type SystemServer, startSystem } from '@igny8/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../src/server.js';
import { PASSWORD, uniqueEmail } from './harness.js';

/** A pino destination that keeps every line, parsed. */
function memoryLog() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The value of one Prometheus sample, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const ok = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (ok) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('gateway observability and transport', () => {
  const gatewayLog = memoryLog();
  const systemLog = memoryLog();
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let dataDir: string;
  let system: SystemServer;
  let gateway: RunningGateway;
  let revocations: RevocationFeed;
  let token: string;
  // What the system subgraph is asked for, by path, and how many TCP connections it accepted.
  const systemHits = new Map<string, number>();
  let systemConnections = 0;

  const gql = async (
    query: string,
    init: { token?: string; headers?: Record<string, string>; variables?: unknown } = {},
    base = gateway.url,
  ) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: JSON.stringify({ query, variables: init.variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const METRICS_TOKEN = 'scraper-token-0123456789';
  const SCRAPER = { authorization: `Bearer ${METRICS_TOKEN}` };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${gateway.url}${path}`, { headers });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: text.startsWith('{') ? JSON.parse(text) : undefined,
    };
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'igny8-obs-'));
    const common = { NODE_ENV: 'test', DATA_DIR: dataDir };
    system = await startSystem({
      config: loadSystemConfig({
        ...common,
        SEED_DEMO: 'false',
        AUTH_LIMIT_PER_IP: '100000',
        LOGIN_LIMIT_PER_EMAIL: '100000',
      }),
      database: db.database,
      port: 0,
      log: createLogger('system', 'info', systemLog.stream),
    });
    system.httpServer.on('connection', () => systemConnections++);
    system.httpServer.on('request', (req: http.IncomingMessage) => {
      const path = (req.url ?? '').split('?')[0]!;
      systemHits.set(path, (systemHits.get(path) ?? 0) + 1);
    });
    // The LISTEN a gateway of its own opens on DATABASE_URL.
    revocations = createRevocationFeed(db.database);
    gateway = await startGateway({
      config: loadGatewayConfig({ ...common, HOST: '127.0.0.1', WEB_DIST: '', METRICS_TOKEN }),
      port: 0,
      urls: { system: system.url },
      log: createLogger('gateway', 'info', gatewayLog.stream),
      revocations,
    });
    const registered = await gql('mutation($input: RegisterInput!) { register(input: $input) { accessToken } }', {
      variables: { input: { email: uniqueEmail('obs'), password: PASSWORD, name: 'Olga Ops', accountName: 'Ops Co' } },
    });
    token = registered.body.data.register.accessToken;
  });
  afterAll(async () => {
    await gateway?.close();
    await system?.close();
    await revocations?.close();
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('request ids', () => {
    it('puts an x-request-id on every GraphQL and REST answer, errors included', async () => {
      const answers = [
        (await gql('{ me { email } }', { token })).headers,
        (await gql('{ nope }')).headers,
        (await get('/api/v1/system/ping/')).headers,
        (await get('/api/v1/no/such/thing/')).headers,
        (await get('/api/v1/auth/me/')).headers,
        (await get('/graphql?query=%7B__typename%7D')).headers, // CSRF-refused GET
        (await get('/metrics', SCRAPER)).headers,
        (await get('/.well-known/jwks.json')).headers,
      ];
      for (const headers of answers) expect(headers.get('x-request-id')).toMatch(UUID);
    });

    it("keeps the client's id when it is sane, replaces it when not", async () => {
      const mine = 'client-req-0001';
      expect((await gql('{ __typename }', { headers: { 'x-request-id': mine } })).headers.get('x-request-id')).toBe(
        mine,
      );
      const rest = await get('/api/v1/system/ping/', { 'x-request-id': mine });
      expect(rest.headers.get('x-request-id')).toBe(mine);
      expect(rest.body.request_id).toBe(mine);
      for (const bad of ['short', 'has spaces in it', 'x'.repeat(65), '<script>alert(1)</script>']) {
        const replaced = (await gql('{ __typename }', { headers: { 'x-request-id': bad } })).headers.get(
          'x-request-id',
        );
        expect(replaced).toMatch(UUID);
      }
    });

    it('logs the same id in the gateway and in the system subgraph, for GraphQL and REST', async () => {
      const id = 'trace-graphql-0001';
      const res = await gql('query WhoAmI { me { email } }', { token, headers: { 'x-request-id': id } });
      expect(res.body.data.me.email).toBeTruthy();
      const restId = 'trace-rest-00001';
      const rest = await get('/api/v1/system/settings/modules/', {
        authorization: `Bearer ${token}`,
        'x-request-id': restId,
      });
      expect(rest.status).toBe(200);

      for (const rid of [id, restId]) {
        const inGateway = gatewayLog.lines.filter((l) => l.req?.id === rid || l.requestId === rid || l.reqId === rid);
        expect(inGateway.some((l) => l.msg === 'request completed' && l.res?.statusCode === 200)).toBe(true);
        const inSystem = systemLog.lines.filter((l) => l.requestId === rid);
        expect(inSystem.some((l) => l.msg === 'graphql operation' && l.subgraph === 'system' && l.errors === 0)).toBe(
          true,
        );
      }
      // The subgraph sees the gateway's operation name for the query it was sent.
      expect(systemLog.lines.find((l) => l.requestId === id && l.msg === 'graphql operation')?.operation).toMatch(
        /WhoAmI/,
      );
      // Credentials never reach a log line.
      const all = JSON.stringify([...gatewayLog.lines, ...systemLog.lines]);
      expect(all).not.toContain(token);
    });
  });

  describe('metrics and health', () => {
    it('serves Prometheus text with the HTTP histogram and the GraphQL operation counter', async () => {
      await gql('query A { __typename }');
      await gql('query B { me { email } }', { token });
      await gql('{ nope }');
      await get('/api/v1/system/ping/');
      const metrics = await get('/metrics', SCRAPER);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(metrics.text).toContain('# TYPE igny8_http_request_duration_seconds histogram');
      expect(
        sample(metrics.text, 'igny8_http_request_duration_seconds_count', {
          method: 'POST',
          route: '/graphql',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(2);
      expect(
        sample(metrics.text, 'igny8_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/v1/system/ping/',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(metrics.text).toContain('# TYPE igny8_graphql_operations_total counter');
      expect(
        sample(metrics.text, 'igny8_graphql_operations_total', { type: 'query', outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(2);
      expect(
        sample(metrics.text, 'igny8_graphql_operations_total', { outcome: 'GRAPHQL_VALIDATION_FAILED' }),
      ).toBeGreaterThanOrEqual(1);
      // Process metrics too, and no raw ids in route labels.
      expect(metrics.text).toContain('process_cpu_user_seconds_total');
      expect(metrics.text).not.toMatch(/route="\/api\/v1\/no\/such/);
    });

    it('answers ping and status', async () => {
      const ping = await get('/api/v1/system/ping/');
      expect(ping.status).toBe(200);
      expect(ping.body).toMatchObject({ success: true, data: { status: 'ok' } });
      const status = await get('/api/v1/system/status/');
      expect(status.status).toBe(200);
      expect(status.body.data).toMatchObject({ status: 'ok', database: 'ok', subgraphs: { system: { status: 'ok' } } });
      const ready = await get('/api/v1/system/ready/');
      expect(ready.status).toBe(200);
      expect(ready.body.data).toEqual({ ready: true, waiting_for: [] });
    });

    it('serves the public Ed25519 signing key with a kid, and only the public part', async () => {
      const jwks = await get('/.well-known/jwks.json');
      expect(jwks.status).toBe(200);
      expect(jwks.headers.get('cache-control')).toMatch(/max-age=\d+/);
      expect(jwks.body.keys.length).toBeGreaterThanOrEqual(1);
      for (const key of jwks.body.keys) {
        expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
        expect(typeof key.kid).toBe('string');
        expect(key.kid.length).toBeGreaterThan(0);
        expect(key.x).toBeTruthy();
        expect(key.d).toBeUndefined();
      }
    });
  });

  describe('speed habits', () => {
    it('reuses keep-alive sockets to the subgraph instead of connecting per request', async () => {
      await gql('{ me { email } }', { token });
      const before = systemConnections;
      for (let i = 0; i < 25; i++) {
        const res = await gql('{ me { email } }', { token });
        expect(res.body.data.me.email).toBeTruthy();
      }
      expect(systemConnections - before).toBeLessThanOrEqual(1);
      expect(gateway.subgraphs.maxConnectionsPerSubgraph).toBe(64);
    });

    it('bounds the sockets per subgraph (SUBGRAPH_MAX_SOCKETS)', async () => {
      const narrow = await startGateway({
        config: loadGatewayConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', WEB_DIST: '', SUBGRAPH_MAX_SOCKETS: '2' }),
        port: 0,
        urls: { system: system.url },
        log: createLogger('narrow', 'silent'),
        revocations,
      });
      try {
        const before = systemConnections;
        const results = await Promise.all(
          Array.from({ length: 12 }, () => gql('{ me { email } account { name } }', { token }, narrow.url)),
        );
        for (const r of results) expect(r.body.data.account.name).toBe('Ops Co');
        // At most 2 sockets to the subgraph, plus the JWKS fetch and the token-state check (a cache
        // miss) of this new gateway.
        expect(systemConnections - before).toBeLessThanOrEqual(4);
      } finally {
        await narrow.close();
      }
    });

    it('verifies tokens and exchanges API keys without asking the system subgraph each time', async () => {
      const created = await gql('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }', {
        token,
        variables: { input: { name: 'metrics scraper', scopes: ['READ'] } },
      });
      const secret = created.body.data.createApiKey.secret as string;
      const exchangesBefore = systemHits.get('/internal/api-key-token') ?? 0;
      for (let i = 0; i < 5; i++) {
        const res = await gql('{ account { name } }', { headers: { 'x-api-key': secret } });
        expect(res.body.data.account.name).toBe('Ops Co');
      }
      expect((systemHits.get('/internal/api-key-token') ?? 0) - exchangesBefore).toBe(1);
      // Signed-in requests verify the token against the cached key set: no JWKS fetch each time.
      // Nor is each request's revocation check a call: the cache is warm and LISTEN keeps it current.
      const keysBefore = systemHits.get('/.well-known/jwks.json') ?? 0;
      const statesBefore = systemHits.get('/internal/token-state') ?? 0;
      for (let i = 0; i < 5; i++) expect((await gql('{ me { email } }', { token })).body.data.me.email).toBeTruthy();
      expect((systemHits.get('/.well-known/jwks.json') ?? 0) - keysBefore).toBe(0);
      expect((systemHits.get('/internal/token-state') ?? 0) - statesBefore).toBe(0);
    });

    it('plans warmed operations at start: their first request hits the plan and document caches', async () => {
      const query = 'query WarmAccount { account { name plan { slug } } members { edges { node { email } } } }';
      expect(await gateway.warm([{ query, operationName: 'WarmAccount' }])).toBe(1);
      const before = (await get('/metrics', SCRAPER)).text;
      const res = await gql(query, { token });
      expect(res.body.data.account.name).toBe('Ops Co');
      const after = (await get('/metrics', SCRAPER)).text;
      const delta = (cache: string, result: string) =>
        sample(after, 'igny8_gateway_cache_lookups_total', { cache, result }) -
        sample(before, 'igny8_gateway_cache_lookups_total', { cache, result });
      expect(delta('plan', 'hit')).toBe(1);
      expect(delta('plan', 'miss')).toBe(0);
      expect(delta('document', 'hit')).toBe(1);
      expect(delta('document', 'miss')).toBe(0);
      // Warming a document that does not validate plans nothing.
      expect(await gateway.warm([{ query: '{ nope }' }])).toBe(0);
    });

    it('has no inline tracing (ftv1) in subgraph answers', async () => {
      const res = await fetch(system.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-federation-include-trace': 'ftv1' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      const body = (await res.json()) as any;
      expect(body.data).toEqual({ __typename: 'Query' });
      expect(body.extensions?.ftv1).toBeUndefined();
    });
  });

  describe('shutdown', () => {
    it('lets an in-flight request finish, then refuses new connections', async () => {
      const g = await startGateway({
        config: loadGatewayConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', WEB_DIST: '' }),
        port: 0,
        urls: { system: system.url },
        log: createLogger('draining', 'silent'),
      });
      const body = JSON.stringify({ query: '{ me { email } account { name } }' });
      const events: string[] = [];
      // A slow client: headers now (the server's 100 Continue says it has them), the body only
      // after close() has begun.
      const req = http.request(`${g.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
          expect: '100-continue',
        },
      });
      const inFlight = new Promise<{ status: number; body: any }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => {
            events.push('response');
            resolve({ status: res.statusCode!, body: JSON.parse(text) });
          });
        });
        req.on('error', reject);
      });
      const headersReceived = new Promise((ready) => req.on('continue', ready));
      req.flushHeaders();
      await headersReceived;
      const closed = g.close().then(() => events.push('closed'));
      await new Promise((r) => setTimeout(r, 50));

      // No new connections while draining…
      const refused = await fetch(`${g.url}/graphql`, { method: 'POST' }).then(
        () => 'connected',
        (error: { cause?: { code?: string } }) => error.cause?.code,
      );
      expect(refused).toBe('ECONNREFUSED');
      expect(events).toEqual([]);
      req.end(body);
      // …but the request already in flight completes normally.
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.body.data.account.name).toBe('Ops Co');
      await closed;
      expect(events).toEqual(['response', 'closed']);
      // And after close, still refused.
      await expect(fetch(`${g.url}/api/v1/system/ping/`)).rejects.toThrow();
    });

    it('reports degraded (503) when the system subgraph is down', async () => {
      await system.close();
      const status = await get('/api/v1/system/status/');
      expect(status.status).toBe(503);
      expect(status.body.data).toMatchObject({
        status: 'degraded',
        database: 'unavailable',
        subgraphs: { system: { status: 'unavailable' } },
      });
      // Not ready for traffic, and it says what it waits for…
      const ready = await get('/api/v1/system/ready/');
      expect(ready.status).toBe(503);
      expect(ready.body.data).toEqual({ ready: false, waiting_for: ['system'] });
      // …while liveness does not depend on the subgraphs.
      expect((await get('/api/v1/system/ping/')).status).toBe(200);
    });
  });
});
