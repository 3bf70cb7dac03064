// Rate limits at the gateway: REST throttles per scope with the X-Throttle-* headers, and the
// GraphQL limit per account (per client IP without a credential), over HTTP and graphql-ws.
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadGatewayConfig } from '../src/config.js';
import { restScopeOf } from '../src/throttles.js';
import { addMember, PASSWORD, postGraphql, type Session, setPlan, uniqueEmail } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

// Distinct from one another, so each header names the scope that counted the request.
const LIMITS = {
  REST_THROTTLE_DEFAULT: '5',
  REST_THROTTLE_AUTH: '3',
  REST_THROTTLE_IMAGE_GENERATION: '4',
  REST_THROTTLE_BILLING: '6',
  REST_THROTTLE_ADMIN: '7',
  GRAPHQL_RATE_LIMIT_PER_ACCOUNT: '5',
  GRAPHQL_RATE_LIMIT_PER_IP: '3',
  // The tests stand in for a proxy in front of the gateway, on loopback.
  TRUST_PROXY: 'loopback',
};

// The gateway trusts X-Forwarded-For from loopback here (TRUST_PROXY): each anonymous caller
// gets an address of its own, so the per-IP counts start at zero in each test.
let lastOctet = 0;
const freshIp = () => `203.0.113.${++lastOctet}`;

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken account { id } } }`;

/** A new account, registered from an address of its own. */
async function register(p: Platform): Promise<Session> {
  const email = uniqueEmail('throttled');
  const res = await postGraphql(
    p,
    REGISTER,
    { input: { email, password: PASSWORD, name: 'Tess Throttle', accountName: 'Throttle Agency' } },
    { 'x-forwarded-for': freshIp() },
  );
  if (res.body.errors) throw new Error(`register failed: ${JSON.stringify(res.body.errors)}`);
  const r = res.body.data.register;
  return { email, token: r.accessToken, refreshToken: '', userId: '', accountId: r.account.id };
}

const throttleHeaders = (headers: Headers) => ({
  limit: headers.get('x-throttle-limit'),
  remaining: headers.get('x-throttle-remaining'),
  reset: Number(headers.get('x-throttle-reset')),
});

describe('REST throttle scopes', () => {
  it.each([
    ['POST', '/system/image-testing/', 'image_generation'],
    ['POST', '/writer/images/generate_images/', 'image_generation'],
    ['POST', '/planner/keywords/auto_cluster/', 'ai'],
    ['POST', '/planner/clusters/auto_generate_ideas/', 'ai'],
    ['POST', '/writer/tasks/auto_generate_content/', 'ai'],
    ['POST', '/writer/content/generate_image_prompts/', 'ai'],
    ['POST', '/linker/process/', 'ai'],
    ['POST', '/auth/login/', 'auth'],
    ['POST', '/AUTH/LOGIN', 'auth'],
    ['POST', '/auth/register/', 'auth'],
    ['POST', '/auth/token/refresh/', 'auth'],
    ['POST', '/auth/password/reset/confirm/', 'auth'],
    ['POST', '/auth/invitations/accept/', 'auth'],
    ['GET', '/auth/me/', 'default'],
    ['GET', '/auth/sites/', 'default'],
    ['POST', '/auth/sites/', 'default'],
    ['GET', '/billing/credits/balance/', 'billing'],
    ['GET', '/admin/credit-costs/', 'admin'],
    ['POST', '/admin/users/1/credits/', 'admin'],
    ['GET', '/writer/content/', 'content_read'],
    ['GET', '/writer/content/7/', 'content_read'],
    ['PATCH', '/writer/content/7/', 'writer'],
    ['GET', '/planner/keywords/', 'planner'],
    ['GET', '/writer/tasks/', 'writer'],
    ['GET', '/system/image-testing/', 'default'],
    ['GET', '/automation/jobs/', 'default'],
    ['POST', '/automation/jobs/1/cancel/', 'default'],
  ])('%s %s counts as %s', (method, path, scope) => {
    expect(restScopeOf(method, path)).toBe(scope);
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    expect(() => loadGatewayConfig({ REST_THROTTLE_AI: '0' })).toThrow(/REST_THROTTLE_AI/);
    expect(() => loadGatewayConfig({ GRAPHQL_RATE_LIMIT_PER_ACCOUNT: 'lots' })).toThrow(
      /GRAPHQL_RATE_LIMIT_PER_ACCOUNT/,
    );
  });
});

describe('gateway: rate limits', () => {
  let p: Platform;
  const clients: Client[] = [];
  beforeAll(async () => {
    p = await startPlatform({ gateway: LIMITS });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await p?.close();
  });

  describe('REST', () => {
    it('counts down in the X-Throttle-* headers and answers 429 with Retry-After past the limit', async () => {
      const owner = await register(p);
      for (let i = 1; i <= 5; i++) {
        const res = await p.rest('GET', '/auth/sites/', { token: owner.token });
        expect(res.status).toBe(200);
        const headers = throttleHeaders(res.headers);
        expect(headers).toMatchObject({ limit: '5', remaining: String(5 - i) });
        expect(headers.reset).toBeGreaterThan(0);
        expect(headers.reset).toBeLessThanOrEqual(60);
      }
      const refused = await p.rest('GET', '/auth/sites/', { token: owner.token });
      expect(refused.status).toBe(429);
      expect(throttleHeaders(refused.headers)).toMatchObject({ limit: '5', remaining: '0' });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body).toEqual({
        success: false,
        error: `Too many requests from this account: the limit is 5 a minute. Try again in ${retryAfter} seconds.`,
        request_id: refused.headers.get('x-request-id'),
      });
    });

    it('keeps separate budgets per scope and per account', async () => {
      const owner = await register(p);
      const other = await register(p);
      for (let i = 0; i < 5; i++) expect((await p.rest('GET', '/auth/me/', { token: owner.token })).status).toBe(200);
      expect((await p.rest('GET', '/auth/sites/', { token: owner.token })).status).toBe(429);

      // Another scope of the same account still has its own budget.
      const balance = await p.rest('GET', '/billing/credits/balance/', { token: owner.token });
      expect(balance.status).toBe(200);
      expect(throttleHeaders(balance.headers)).toMatchObject({ limit: '6', remaining: '5' });
      const costs = await p.rest('GET', '/admin/credit-costs/', { token: owner.token });
      expect(throttleHeaders(costs.headers)).toMatchObject({ limit: '7', remaining: '6' });
      // Counted even when the request is refused for its input: the work of reading it was done.
      const image = await p.rest('POST', '/system/image-testing/', { token: owner.token, body: {} });
      expect(image.status).toBe(400);
      expect(throttleHeaders(image.headers)).toMatchObject({ limit: '4', remaining: '3' });

      // Another account is not affected.
      const fine = await p.rest('GET', '/auth/sites/', { token: other.token });
      expect(fine.status).toBe(200);
      expect(throttleHeaders(fine.headers)).toMatchObject({ limit: '5', remaining: '4' });
    });

    it('counts a team against its account, not per member', async () => {
      const owner = await register(p);
      await setPlan(p, owner.accountId, 'scale');
      const editor = await addMember(p, owner, 'EDITOR');
      for (let i = 0; i < 3; i++) expect((await p.rest('GET', '/auth/me/', { token: owner.token })).status).toBe(200);
      const second = await p.rest('GET', '/auth/me/', { token: editor.token });
      expect(throttleHeaders(second.headers).remaining).toBe('1');
      await p.rest('GET', '/auth/me/', { token: editor.token });
      const refused = await p.rest('GET', '/auth/me/', { token: editor.token });
      expect(refused.status).toBe(429);
      expect(refused.body.error).toMatch(/from this account/);
    });

    it('limits anonymous sign-in attempts per client IP, whatever the e-mail or password', async () => {
      const owner = await register(p);
      const ip = freshIp();
      const login = (email: string, password: string, from = ip) =>
        p.rest('POST', '/auth/login/', { body: { email, password }, headers: { 'x-forwarded-for': from } });
      // Different e-mails: system's own limit per e-mail plays no part.
      for (let i = 0; i < 3; i++) {
        const res = await login(uniqueEmail('guess'), 'wrong password 1');
        expect(res.status).toBe(401);
        expect(throttleHeaders(res.headers)).toMatchObject({ limit: '3', remaining: String(2 - i) });
      }
      const refused = await login(owner.email, PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body).toMatchObject({
        success: false,
        error: expect.stringMatching(/^Too many sign-in and token requests from this address: the limit is 3 a minute/),
      });

      // The same address may still read other scopes; another address may still sign in.
      const plans = await p.rest('GET', '/auth/plans/', { headers: { 'x-forwarded-for': ip } });
      expect(plans.status).toBe(200);
      expect(throttleHeaders(plans.headers)).toMatchObject({ limit: '5', remaining: '4' });
      const elsewhere = await login(owner.email, PASSWORD, freshIp());
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body.data.access).toEqual(expect.any(String));
    });
  });

  describe('GraphQL', () => {
    const ME = '{ me { email } }';

    it('refuses an account past its limit with 429, Retry-After and RATE_LIMITED; others go on', async () => {
      const owner = await register(p);
      const other = await register(p);
      const auth = (s: Session) => ({ authorization: `Bearer ${s.token}` });
      for (let i = 0; i < 5; i++) {
        const res = await postGraphql(p, ME, {}, auth(owner));
        expect(res.status).toBe(200);
        expect(res.body.data.me.email).toBe(owner.email);
      }
      const res = await fetch(`${p.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(owner) },
        body: JSON.stringify({ query: ME }),
      });
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: unknown }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([
        {
          message: `Too many GraphQL requests from this account: the limit is 5 a minute. Try again in ${retryAfter} seconds.`,
          extensions: { code: 'RATE_LIMITED', retryAfter },
        },
      ]);

      const fine = await postGraphql(p, ME, {}, auth(other));
      expect(fine.body.data.me.email).toBe(other.email);
      // REST has budgets of its own.
      expect((await p.rest('GET', '/auth/me/', { token: owner.token })).status).toBe(200);
    });

    it('limits requests without a credential per client IP', async () => {
      const ip = freshIp();
      for (let i = 0; i < 3; i++) {
        const res = await postGraphql(p, '{ __typename }', {}, { 'x-forwarded-for': ip });
        expect(res.body).toEqual({ data: { __typename: 'Query' } });
      }
      const refused = await postGraphql(p, '{ __typename }', {}, { 'x-forwarded-for': ip });
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0]).toMatchObject({
        message: expect.stringMatching(/^Too many GraphQL requests from this address: the limit is 3 a minute/),
        extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) },
      });
      const elsewhere = await postGraphql(p, '{ __typename }', {}, { 'x-forwarded-for': freshIp() });
      expect(elsewhere.status).toBe(200);
    });

    it('counts graphql-ws operations in the same budget as HTTP', async () => {
      const owner = await register(p);
      for (let i = 0; i < 3; i++)
        expect((await postGraphql(p, ME, {}, { authorization: `Bearer ${owner.token}` })).status).toBe(200);
      const client = createClient({
        url: `${p.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${owner.token}` },
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      const run = () =>
        new Promise<{ data?: unknown; error?: unknown }>((resolve) => {
          let data: unknown;
          client.subscribe(
            { query: ME },
            {
              next: (value) => (data = value.data),
              error: (error) => resolve({ error }),
              complete: () => resolve({ data }),
            },
          );
        });
      expect(await run()).toEqual({ data: { me: { email: owner.email } } });
      expect(await run()).toEqual({ data: { me: { email: owner.email } } });
      const refused = await run();
      expect(refused.data).toBeUndefined();
      expect(refused.error).toEqual([
        {
          message: expect.stringMatching(/^Too many GraphQL requests from this account: the limit is 5 a minute/),
          extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) },
        },
      ]);
      // And over HTTP the account is now refused as well.
      const http = await postGraphql(p, ME, {}, { authorization: `Bearer ${owner.token}` });
      expect(http.status).toBe(429);
    });
  });
});
