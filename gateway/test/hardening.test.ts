// Production hardening: what graphql-cop (and a curious attacker) tries against /graphql, the REST
// adapter and the subgraphs' own ports, answered as an operator would want. Every service runs
// with NODE_ENV=production and the default limits.

import http from 'node:http';
import { baseConfigSchema, createLogger, SERVICE_HEADER } from '@igny8/lib';
import {
  createSiteWithSector,
  gqlData,
  type Place,
  registerOwner as registerWith,
  type Session,
} from '@igny8/lib/testing';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../src/server.js';
import { type Platform, registerOwner, startPlatform } from './harness.js';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

const STACK = /\n\s+at |stacktrace|node_modules|\.ts:\d+/;

describe('hardening (NODE_ENV=production, default limits)', () => {
  let p: Platform;
  let token: string;
  const answers: Answer[] = [];

  /** A raw HTTP call to /graphql; every answer is kept for the no-stack-trace check. */
  async function call(
    init: { method?: string; search?: string; headers?: Record<string, string>; body?: string },
    base = p.url,
  ) {
    const res = await fetch(`${base}/graphql${init.search ?? ''}`, {
      method: init.method ?? 'POST',
      headers: init.headers,
      body: init.body,
    });
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const answer = { status: res.status, headers: res.headers, text, body };
    answers.push(answer);
    return answer;
  }
  const post = (query: string, extra: { token?: string; headers?: Record<string, string>; variables?: unknown } = {}) =>
    call({
      headers: {
        'content-type': 'application/json',
        ...(extra.token ? { authorization: `Bearer ${extra.token}` } : {}),
        ...extra.headers,
      },
      body: JSON.stringify({ query, variables: extra.variables }),
    });

  beforeAll(async () => {
    const production = { NODE_ENV: 'production' };
    p = await startPlatform({
      gateway: production,
      system: production,
      billing: production,
      automation: production,
      planner: production,
    });
    token = (await registerOwner(p)).token;
  });
  afterAll(async () => {
    await p?.close();
  });

  it('serves ordinary operations', async () => {
    const ok = await post('query Me { me { email } }', { token });
    expect(ok.status).toBe(200);
    expect(ok.body.data.me.email).toMatch(/@example\.com$/);
  });

  it('refuses a query deeper than MAX_DEPTH (12)', async () => {
    // sites → edges → node → sectors → site → sectors → … (Site and Sector point at each other).
    let inner = 'id';
    for (let i = 0; i < 7; i++) inner = `sectors { site { ${inner} } }`;
    const deep = await post(`{ sites { edges { node { ${inner} } } } }`, { token });
    expect(deep.status).toBe(400);
    expect(deep.body.data).toBeUndefined();
    expect(deep.body.errors[0].message).toMatch(/depth limit of 12/);

    // Depth 9 is fine.
    let shallow = 'id';
    for (let i = 0; i < 3; i++) shallow = `sectors { site { ${shallow} } }`;
    const ok = await post(`{ sites { edges { node { ${shallow} } } } }`, { token });
    expect(ok.body.errors).toBeUndefined();
  });

  it('refuses alias overloading, `__typename` aliases included', async () => {
    const typenames = Array.from({ length: 100 }, (_, i) => `a${i}: __typename`).join('\n');
    const cop = await post(`query cop { ${typenames} }`);
    expect(cop.status).toBe(400);
    expect(cop.body.data).toBeUndefined();
    expect(cop.body.errors[0].message).toMatch(/Aliases limit of 15 exceeded, found 100/);

    const me = Array.from({ length: 16 }, (_, i) => `m${i}: me { email }`).join(' ');
    expect((await post(`{ ${me} }`, { token })).body.errors[0].message).toMatch(/Aliases limit of 15/);

    // Up to the limit is allowed.
    const fifteen = Array.from({ length: 15 }, (_, i) => `a${i}: __typename`).join(' ');
    const ok = await post(`{ ${fifteen} }`);
    expect(ok.status).toBe(200);
    expect(ok.body.data.a14).toBe('Query');
  });

  it('refuses field duplication (500 × __typename), also through fragments', async () => {
    const cop = await post(`query cop { ${'__typename\n'.repeat(500)} }`);
    expect(cop.status).toBe(400);
    expect(cop.body.data).toBeUndefined();
    expect(cop.body.errors).toHaveLength(1);
    expect(cop.body.errors[0].message).toMatch(/"__typename" is selected 500 times/);

    // The same field brought in by repeated fragment spreads counts too.
    const spread = await post(`{ me { ${'...F '.repeat(30)} } } fragment F on User { email }`, { token });
    expect(spread.body.errors?.[0]?.message).toMatch(/"email" is selected 30 times/);

    // A field repeated a few times (as merged fragments do) is fine.
    const ok = await post('{ me { email email ...F } } fragment F on User { email }', { token });
    expect(ok.body.errors).toBeUndefined();
  });

  it('refuses fragment fan-out (each fragment spreading the next twice) quickly', async () => {
    const n = 24;
    const fragments = Array.from({ length: n }, (_, i) =>
      i === n - 1 ? `fragment F${i} on Query { __typename }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const started = performance.now();
    const bomb = await post(`query Bomb { ...F0 } ${fragments}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(bomb.status).toBe(400);
    expect(bomb.body.data).toBeUndefined();
  });

  it('refuses directive overloading, without echoing every directive back', async () => {
    // graphql-cop: ten duplicated unknown directives; "vulnerable" when all ten are reported.
    const cop = await post(`query cop { __typename ${'@aa'.repeat(10)} }`);
    expect(cop.status).toBe(400);
    expect(cop.body.data).toBeUndefined();
    expect(cop.body.errors[0].message).toMatch(/Directive "@aa" is repeated 10 times/);
    expect(cop.body.errors.length).toBeLessThan(10);

    // Known directives, repeated (graphql-js's UniqueDirectivesPerLocation or ours answers first).
    const repeated = await post(`{ __typename ${'@include(if: true)'.repeat(15)} }`);
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors[0].message).toMatch(/"@include"/);
    expect(repeated.body.errors.length).toBeLessThan(15);

    // Many directives spread over fields: MAX_DIRECTIVES (20).
    const fields = [
      'id',
      'email',
      'username',
      'firstName',
      'lastName',
      'name',
      'role',
      'status',
      'createdAt',
      'accountId',
      'lastLoginAt',
    ];
    const many = await post(`{ me { ${fields.map((f) => `${f} @skip(if: false) @include(if: true)`).join(' ')} } }`, {
      token,
    });
    expect(many.status).toBe(400);
    expect(many.body.errors[0].message).toMatch(/Directives limit of 20/);
  });

  it('refuses documents over the token limit at parse time', async () => {
    const vars = Array.from({ length: 700 }, (_, i) => `$v${i}: Int`).join(' ');
    const big = await post(`query Big(${vars}) { __typename }`);
    expect(big.status).toBe(400);
    expect(big.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(big.body.errors[0].message).toMatch(/more tha[nt] 2000 tokens/);
  });

  it('refuses array batching', async () => {
    const batch = await call({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
    expect(batch.text).toMatch(/batching/i);
    expect(batch.text).not.toMatch(/"data"/);
  });

  it('refuses GET mutations and unflagged GET queries (CSRF)', async () => {
    const mutation = encodeURIComponent('mutation { logout(refreshToken: "x") }');
    const getMutation = await call({
      method: 'GET',
      search: `?query=${mutation}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(getMutation.status).toBe(405);
    expect(getMutation.text).not.toMatch(/"data"/);
    // Without the preflight header the same GET is already refused as a CSRF vector.
    const csrfMutation = await call({ method: 'GET', search: `?query=${mutation}` });
    expect(csrfMutation.status).toBe(400);

    const query = encodeURIComponent('{ __typename }');
    const csrfQuery = await call({ method: 'GET', search: `?query=${query}` });
    expect(csrfQuery.status).toBe(400);
    expect(csrfQuery.text).toMatch(/Cross-Site Request Forgery/);
    // A client that can set a custom header (so passed a CORS preflight) may GET a query.
    const flagged = await call({
      method: 'GET',
      search: `?query=${query}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(flagged.status).toBe(200);
    expect(flagged.body.data).toEqual({ __typename: 'Query' });
  });

  it('refuses simple-request POSTs (text/plain, form-encoded, multipart) as CSRF vectors', async () => {
    const json = JSON.stringify({ query: 'mutation { logout(refreshToken: "x") }' });
    const plain = await call({ headers: { 'content-type': 'text/plain' }, body: json });
    expect(plain.status).toBe(400);
    expect(plain.text).toMatch(/Cross-Site Request Forgery/);

    const form = await call({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('mutation { logout(refreshToken: "x") }')}`,
    });
    expect(form.status).toBe(400);
    expect(form.text).toMatch(/Cross-Site Request Forgery/);

    const multipart = await call({
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--\r\n`,
    });
    expect(multipart.status).toBe(400);
    // No content type at all: also not something a browser form sends with JSON semantics.
    const none = await call({ body: json });
    expect(none.status).toBe(400);
  });

  it('gives no field suggestions', async () => {
    for (const query of ['{ mee { email } }', '{ me { emial } }', '{ acount { name } }']) {
      const res = await post(query, { token });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.text).not.toMatch(/Did you mean/i);
    }
    // Nor enum values, for a variable or a literal.
    const variable = await post('query($s: KeywordStatus) { __typename }', { variables: { s: 'ARCHIVD' } });
    expect(variable.status).toBe(400);
    expect(variable.text).not.toMatch(/Did you mean/i);
    const literal = await post('{ keywordFacets(filter: { status: [ARCHIVD] }) { __typename } }', { token });
    expect(literal.status).toBe(400);
    expect(literal.text).not.toMatch(/Did you mean/i);
  });

  it('has introspection disabled, circular introspection included', async () => {
    const schema = await post('{ __schema { types { name } } }');
    expect(schema.status).toBe(400);
    expect(schema.body.data).toBeUndefined();
    expect(schema.text).toMatch(/introspection is not allowed/i);
    const type = await post('{ __type(name: "User") { fields { name } } }');
    expect(type.status).toBe(400);
    const circular = await post(
      'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
    );
    expect(circular.status).toBe(400);
    expect(circular.body.data).toBeUndefined();
    // __typename is not introspection of the schema.
    expect((await post('{ __typename }')).body.data).toEqual({ __typename: 'Query' });
  });

  it('answers no query plan or tracing data, even when asked', async () => {
    const res = await post('{ me { email } }', {
      token,
      headers: { 'apollo-query-plan-experimental': '1', 'apollo-federation-include-trace': 'ftv1' },
    });
    expect(res.body.data.me.email).toBeTruthy();
    expect(res.body.extensions).toBeUndefined();
  });

  it('answers unreadable bodies with a JSON error', async () => {
    const malformed = await call({ headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const huge = await call({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(1_100_000) } }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].message).toMatch(/too large/);
    const notJson = await call({ headers: { 'content-type': 'application/json' }, body: 'nope' });
    expect(notJson.status).toBe(400);
  });

  it('strips bidirectional controls from names and keywords, so none displays as something else', async () => {
    const RLO = '\u202E';
    const owner = await registerWith(p.gql, `Acme${RLO} Agency\u2066`, { name: `Eve${RLO}lyn` });
    const me = await gqlData(p.gql, '{ me { name } account { name } }', {}, owner.token);
    expect(me.account.name).toBe('Acme Agency');
    expect(me.me.name).toBe('Evelyn');

    const place = await createSiteWithSector(p.gql, owner.token, { name: `${RLO}moc.elgoog`, sector: `Dogs\u202A` });
    const site = await gqlData(
      p.gql,
      'query($id: ID!) { site(id: $id) { name sectors { name } } }',
      { id: place.siteId },
      owner.token,
    );
    expect(site.site).toEqual({ name: 'moc.elgoog', sectors: [{ name: 'Dogs' }] });

    const made = await gqlData(
      p.gql,
      'mutation($input: CreateKeywordInput!) { createKeyword(input: $input) { keyword } }',
      { input: { ...place, keyword: `buy \u2067shoes\u2069 online${RLO}` } },
      owner.token,
    );
    expect(made.createKeyword.keyword).toBe('buy shoes online');
    const cluster = await gqlData(
      p.gql,
      'mutation($input: CreateClusterInput!) { createCluster(input: $input) { name } }',
      { input: { ...place, name: `Shoes\u202D\u202C` } },
      owner.token,
    );
    expect(cluster.createCluster.name).toBe('Shoes');
    // Nothing left once the controls are gone is an empty name, refused as one.
    const empty = await p.gql(
      'mutation($input: CreateClusterInput!) { createCluster(input: $input) { name } }',
      { input: { ...place, name: RLO } },
      owner.token,
    );
    expect(empty.errors?.[0]?.extensions?.fields).toEqual({ name: ['is required'] });
  });

  it('names the allowed values of a REST enum instead of suggesting one', async () => {
    const owner = await registerOwner(p);
    const place = await createSiteWithSector(p.gql, owner.token);
    const made = await p.rest('POST', '/planner/keywords/', {
      token: owner.token,
      body: { site_id: place.siteId, sector_id: place.sectorId, keyword: 'dog food' },
    });
    expect(made.status).toBe(201);
    const id = made.body.data.id;
    const allowed = 'must be one of: new, clustered, mapped, archived';
    const tries = [
      await p.rest('PATCH', `/planner/keywords/${id}/`, { token: owner.token, body: { status: 'archivd' } }),
      await p.rest('POST', '/planner/keywords/bulk_update/', {
        token: owner.token,
        body: { ids: [id], status: 'archivd' },
      }),
      await p.rest('GET', '/planner/keywords/?status=archivd', { token: owner.token }),
      await p.rest('PATCH', `/planner/keywords/${id}/`, { token: owner.token, body: { status: 7 } }),
    ];
    for (const res of tries) {
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toMatch(/did you mean/i);
      expect(res.body.errors.status).toEqual([allowed]);
    }
  });

  it('refuses bodies nested deeper than 64 levels with 400, before anything walks them', async () => {
    const owner = await registerOwner(p);
    const deepArray = `${'['.repeat(400_000)}${']'.repeat(400_000)}`;
    const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const send = async (url: string, body: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
        body,
      });
      const text = await res.text();
      answers.push({ status: res.status, headers: res.headers, text, body: JSON.parse(text) });
      return { status: res.status, text };
    };

    // REST: the case conversion would recurse through it.
    const rest = await send(`${p.url}/api/v1/planner/keywords/`, `{"keyword":"dogs","site_id":${deepArray}}`);
    expect(rest.status).toBe(400);
    expect(rest.text).toMatch(/nested more than 64 levels deep/);

    // GraphQL variables, a JSON scalar here, at the gateway and at a subgraph's own port.
    const mutation = 'mutation($input: UpdatePreferencesInput!) { updatePreferences(input: $input) { id } }';
    const body = `{"query":${JSON.stringify(mutation)},"variables":{"input":{"preferences":${deepObject(5000)}}}}`;
    for (const url of [`${p.url}/graphql`, p.system.url]) {
      const res = await send(url, body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).errors[0]).toMatchObject({
        message: 'The JSON is nested more than 64 levels deep; send flatter data.',
        extensions: { code: 'BAD_REQUEST' },
      });
    }

    // Brackets inside strings are text, not nesting; ordinary preferences pass.
    const fine = await send(
      `${p.url}/graphql`,
      JSON.stringify({
        query: mutation,
        variables: { input: { preferences: { note: '[['.repeat(100), a: { b: [1] } } } },
      }),
    );
    expect(fine.status).toBe(200);
    expect(JSON.parse(fine.text).errors).toBeUndefined();
  });

  describe("the subgraphs' own ports", () => {
    const direct = async (url: string, query: string, headers: Record<string, string> = {}) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      const text = await res.text();
      const answer = { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
      answers.push(answer);
      return answer;
    };
    const subgraphs = () => [p.system.url, p.planner.url, p.billing.url, p.automation.url];

    it('listen on loopback only', () => {
      for (const server of [p.system, p.planner, p.billing, p.automation]) {
        expect((server.httpServer.address() as { address: string }).address).toBe('127.0.0.1');
      }
    });

    it('apply the gateway limits: depth, aliases, cost', async () => {
      const nested = (levels: number) => {
        let inner = 'id';
        for (let i = 0; i < levels; i++) inner = `sectors { site { ${inner} } }`;
        return `{ sites { edges { node { ${inner} } } } }`;
      };
      const depth = await direct(p.system.url, nested(7));
      expect(depth.status).toBe(400);
      expect(depth.body.errors[0].message).toMatch(/depth limit of 12/);
      // 200 levels: refused before anything runs (its cost is past the limit long before).
      const deeper = await direct(p.system.url, nested(100));
      expect(deeper.status).toBe(400);
      expect(deeper.body.data).toBeUndefined();

      const aliases = Array.from({ length: 2000 }, (_, i) => `a${i}: __typename`).join(' ');
      for (const url of subgraphs()) {
        const res = await direct(url, `{ ${aliases} }`);
        expect(res.status, url).toBe(400);
        expect(res.body.data).toBeUndefined();
        expect(res.body.errors[0].message).toMatch(/Aliases limit of 15 exceeded, found 2000/);
      }

      const costly = await direct(
        p.planner.url,
        `{ ${Array.from({ length: 14 }, (_, i) => `k${i}: keywords(first: 100) { edges { node { id keyword volume cluster { id name keywords(first: 100) { edges { node { id keyword } } } } } } }`).join(' ')} }`,
      );
      expect(costly.status).toBe(400);
      expect(costly.body.errors[0].message).toMatch(/Query Cost limit of 5000 exceeded/);
    });

    it('give no field suggestions and no introspection', async () => {
      for (const url of subgraphs()) {
        const typo = await direct(url, '{ mee { email } __typenam }');
        expect(typo.status).toBe(400);
        expect(typo.text).not.toMatch(/Did you mean/i);
        const schema = await direct(url, '{ __schema { types { name } } }');
        expect(schema.status).toBe(400);
        expect(schema.text).toMatch(/introspection is not allowed/i);
      }
    });

    it('answer `_service { sdl }` to service credentials only', async () => {
      for (const url of subgraphs()) {
        for (const query of ['{ _service { sdl } }', '{ ...S } fragment S on Query { s: _service { sdl } }']) {
          const res = await direct(url, query, { authorization: `Bearer ${token}` });
          expect(res.status, url).toBe(403);
          expect(res.body.data ?? null).toBeNull();
          expect(res.text).not.toMatch(/@inaccessible|reserveCredits/);
        }
      }
      const asService = await direct(p.billing.url, '{ _service { sdl } }', {
        [SERVICE_HEADER]: await p.serviceCredentials.token(),
      });
      expect(asService.status).toBe(200);
      expect(asService.body.data._service.sdl).toMatch(/reserveCredits/);
    });
  });

  describe('the sign-in throttle per client address', () => {
    let limited: Platform;
    let behindProxy: RunningGateway;
    let octet = 0;
    const rotating = () => `198.51.100.${++octet}`;
    const login = (base: string, from: string) =>
      fetch(`${base}/api/v1/auth/login/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ email: `guess-${octet}@example.com`, password: 'wrong password 1' }),
      }).then((res) => res.status);

    beforeAll(async () => {
      const production = { NODE_ENV: 'production' };
      limited = await startPlatform({
        gateway: production,
        // The subgraphs believe the gateway's address alone (docker compose names its fixed one).
        system: { ...production, AUTH_LIMIT_PER_IP: '5', TRUST_PROXY: '127.0.0.1' },
        billing: production,
        automation: production,
        planner: production,
      });
      behindProxy = await startGateway({
        config: loadGatewayConfig({
          NODE_ENV: 'production',
          LOG_LEVEL: 'silent',
          HOST: '127.0.0.1',
          WEB_DIST: '',
          TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
        }),
        port: 0,
        urls: limited.urls,
        log: createLogger('test', 'silent'),
      });
    });
    afterAll(async () => {
      await behindProxy?.close();
      await limited?.close();
    });

    it('cannot be dodged by rotating X-Forwarded-For: no proxy is trusted by default', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push(await login(limited.url, rotating()));
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual(Array(7).fill(429));
    });

    it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
      // This test's address (127.0.0.1) is the named proxy: each forwarded client counts on its own.
      const clients = Array.from({ length: 6 }, () => rotating());
      for (const client of clients) expect(await login(behindProxy.url, client)).toBe(401);
      expect(await login(behindProxy.url, clients[0]!)).toBe(401);
      expect(
        loadGatewayConfig.bind(null, { TRUST_PROXY: 'everyone' }),
        'a value that names no proxy stops the start',
      ).toThrow(/TRUST_PROXY: must list addresses, subnets/);
    });

    /** Signs in at the system subgraph's own port from 127.0.0.2 (not the gateway's 127.0.0.1). */
    const loginDirectly = (from: string) =>
      new Promise<string>((resolve, reject) => {
        const url = new URL(limited.system.url);
        const body = JSON.stringify({
          query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
          variables: { input: { email: `direct-${octet}@example.com`, password: 'wrong password 1' } },
        });
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            localAddress: '127.0.0.2',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
            });
            res.on('end', () => resolve(JSON.parse(text).errors?.[0]?.extensions?.code));
          },
        );
        req.on('error', reject);
        req.end(body);
      });

    it('cannot pick its own address with X-Forwarded-For: only the gateway named in TRUST_PROXY may', async () => {
      const codes: string[] = [];
      for (let i = 0; i < 8; i++) codes.push(await loginDirectly(`203.0.113.${++octet}`));
      expect(codes).toEqual([...Array(5).fill('UNAUTHENTICATED'), ...Array(3).fill('RATE_LIMITED')]);
      // The gateway (127.0.0.1, the subgraph's TRUST_PROXY) still passes on each client's own address.
      expect(await login(behindProxy.url, rotating())).toBe(401);
    });

    it('is trusted by no subgraph by default, and a TRUST_PROXY naming no proxy stops the start', () => {
      expect(baseConfigSchema.parse({}).TRUST_PROXY).toEqual([]);
      expect(baseConfigSchema.safeParse({ TRUST_PROXY: 'the gateway' }).success).toBe(false);
    });
  });

  describe('metrics', () => {
    let guarded: RunningGateway;
    const TOKEN = 'metrics-scraper-token-0123';
    beforeAll(async () => {
      guarded = await startGateway({
        config: loadGatewayConfig({
          NODE_ENV: 'production',
          LOG_LEVEL: 'silent',
          HOST: '127.0.0.1',
          WEB_DIST: '',
          METRICS_TOKEN: TOKEN,
          METRICS_PORT: '0',
        }),
        port: 0,
        urls: p.urls,
        log: createLogger('test', 'silent'),
      });
    });
    afterAll(() => guarded?.close());

    it('are not public on the main port: 404 by default, 401 without the METRICS_TOKEN', async () => {
      const plain = await fetch(`${p.url}/metrics`);
      expect(plain.status).toBe(404);
      expect(await plain.text()).not.toMatch(/igny8_http_request/);

      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', TOKEN, `Bearer ${TOKEN}x`]) {
        const res = await fetch(`${guarded.url}/metrics`, { headers: authorization ? { authorization } : {} });
        expect(res.status, String(authorization)).toBe(401);
        expect(await res.text()).not.toMatch(/igny8_http_request/);
      }
      const scraper = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(scraper.status).toBe(200);
      expect(await scraper.text()).toContain('# TYPE igny8_http_request_duration_seconds histogram');
    });

    it('are served without a token on METRICS_PORT, a loopback port of their own', async () => {
      expect(guarded.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(guarded.metricsUrl).not.toContain(`:${guarded.port}/`);
      const res = await fetch(guarded.metricsUrl!);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('igny8_graphql_operations_total');
      // Only /metrics there: not the graph, not the API.
      expect((await fetch(guarded.metricsUrl!.replace('/metrics', '/graphql'))).status).toBe(404);
    });
  });

  describe("the planner's keyword import", () => {
    let owner: Session;
    let place: Place;
    let importUrl: string;
    beforeAll(async () => {
      owner = await registerOwner(p);
      place = await createSiteWithSector(p.gql, owner.token);
      importUrl = `${new URL(p.planner.url).origin}/imports/keywords?siteId=${place.siteId}&sectorId=${place.sectorId}`;
    });
    const send = async (body: RequestInit['body'], headers: Record<string, string> = {}) => {
      const res = await fetch(importUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv', ...headers },
        body,
        duplex: 'half',
      } as RequestInit);
      return { status: res.status, body: (await res.json()) as any };
    };

    it('refuses a file over 50 MB on its own port too, declared or streamed', async () => {
      // 200,000 rows of one keyword: the planner stops reading at its row limit, so before the byte
      // limit existed the rest of the file was read and dropped and the import answered 200.
      const declared = await send(`keyword\n${'a\n'.repeat(26 * 1024 * 1024)}`);
      expect(declared.status).toBe(413);
      expect(declared.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fields: { file: ['must be at most 50 MB'] } });

      // Without a Content-Length: counted as it streams in, cut at the limit.
      const row = new TextEncoder().encode(`same keyword,${'p'.repeat(1000)}\n`.repeat(1000));
      async function* rows() {
        yield new TextEncoder().encode('keyword,note\n');
        for (let sent = 0; sent <= 51 * 1024 * 1024; sent += row.length) yield row;
      }
      const streamed = await send(rows() as unknown as RequestInit['body']);
      expect(streamed.status).toBe(413);
      expect(streamed.body.message).toMatch(/larger than 50 MB/);
    });

    it('repeats only the start of a very long keyword in the report', async () => {
      const long = `${'k'.repeat(10_000)}`;
      const res = await p.rest('POST', '/planner/keywords/import/', {
        token: owner.token,
        body: { site_id: place.siteId, sector_id: place.sectorId, csv: `keyword\ngood one\n${long}\n` },
      });
      expect(res.status).toBe(200);
      expect(res.body.data.rejected_rows).toEqual([
        { line: 3, keyword: `${'k'.repeat(50)}…`, reason: 'keyword is 10000 characters long; the limit is 200' },
      ]);
      expect(JSON.stringify(res.body).length).toBeLessThan(1000);
    });
  });

  it('puts no stack trace in any answer above', () => {
    expect(answers.length).toBeGreaterThan(25);
    for (const answer of answers) {
      expect(answer.text).not.toMatch(STACK);
      for (const error of answer.body?.errors ?? []) expect(error.extensions?.stacktrace).toBeUndefined();
    }
  });

  describe('outside production', () => {
    let dev: RunningGateway;
    beforeAll(async () => {
      dev = await startGateway({
        config: loadGatewayConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', HOST: '127.0.0.1', WEB_DIST: '' }),
        port: 0,
        urls: { system: p.system.url },
        log: createLogger('test', 'silent'),
      });
    });
    afterAll(() => dev?.close());

    it('allows the standard introspection query (codegen, GraphiQL) but not circular ones', async () => {
      const standard = await call(
        { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: getIntrospectionQuery() }) },
        dev.url,
      );
      expect(standard.status).toBe(200);
      expect(standard.body.data.__schema.queryType.name).toBe('Query');

      const circular = await call(
        {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query:
              '{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
          }),
        },
        dev.url,
      );
      expect(circular.status).toBe(400);
      expect(circular.body.data).toBeUndefined();
      expect(circular.body.errors[0].message).toMatch(/Maximum introspection depth exceeded/);
    });

    it('suggests field names while developing', async () => {
      const res = await call(
        { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ mee { email } }' }) },
        dev.url,
      );
      expect(res.body.errors[0].message).toMatch(/Did you mean "me"/);
    });
  });
});
