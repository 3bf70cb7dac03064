// graphql-ws through the gateway, as a browser (Apollo Client's GraphQLWsLink) or an integrator
// would use it: authenticate in connection_init, then run operations over the socket.

import { createLogger, ForbiddenError } from '@igny8/lib';
import { readSupergraphSdl } from '@igny8/schema';
import { type Client, createClient, type FormattedExecutionResult as ExecutionResult } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadGatewayConfig, type SubscriptionFields, startGateway } from '../src/server.js';
import { type Platform, registerOwner, startPlatform } from './harness.js';

type Outcome = { result?: ExecutionResult<any, any>; error?: any };

/** Runs one operation to completion; resolves with its last result or the error it ended with. */
async function run(client: Client, query: string, variables?: Record<string, unknown>): Promise<Outcome> {
  const { results, error } = await runAll(client, query, variables);
  return { result: results.at(-1), error };
}

/** Every result an operation sends until it completes or fails. */
function runAll(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ results: ExecutionResult<any, any>[]; error?: any }> {
  return new Promise((resolve) => {
    const results: ExecutionResult<any, any>[] = [];
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          results.push(value);
        },
        error: (error) => resolve({ results, error }),
        complete: () => resolve({ results }),
      },
    );
  });
}

describe('gateway: graphql-ws on /graphql', () => {
  let p: Platform;
  let owner: Awaited<ReturnType<typeof registerOwner>>;
  const clients: Client[] = [];
  const connect = (connectionParams?: Record<string, unknown>) => {
    const client = createClient({
      url: `${p.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await p?.close();
  });

  it('runs a query for a signed-in connection', async () => {
    const client = connect({ authorization: `Bearer ${owner.token}` });
    const { result, error } = await run(client, 'query { me { email } account { name } }');
    expect(error).toBeUndefined();
    expect(result?.errors).toBeUndefined();
    expect(result?.data).toEqual({ me: { email: owner.email }, account: { name: 'Acme Agency' } });
  });

  it('runs mutations and reports domain errors with their code over the socket', async () => {
    const client = connect({ authorization: `Bearer ${owner.token}` });
    const created = await run(client, 'mutation($input: CreateSiteInput!) { createSite(input: $input) { name } }', {
      input: { name: 'Socket Site' },
    });
    expect(created.result?.data).toEqual({ createSite: { name: 'Socket Site' } });
    // The free plan allows one site: the second is refused with FORBIDDEN, not a dropped socket.
    const refused = await run(client, 'mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }', {
      input: { name: 'One Too Many' },
    });
    expect(refused.result?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused.result)).not.toMatch(/\n\s+at /);
    // The connection is still usable.
    const again = await run(client, '{ me { email } }');
    expect(again.result?.data).toEqual({ me: { email: owner.email } });
  });

  it('refuses a connection without a credential (4403)', async () => {
    const { error } = await run(connect(), '{ me { email } }');
    expect(error?.code).toBe(4403);
  });

  it('refuses a connection with a bad or malformed token (4403)', async () => {
    expect((await run(connect({ authorization: 'Bearer not.a.token' }), '{ me { email } }')).error?.code).toBe(4403);
    expect((await run(connect({ authorization: owner.token }), '{ me { email } }')).error?.code).toBe(4403);
    // A token with its signature altered.
    const forged = `${owner.token.slice(0, -4)}AAAA`;
    expect((await run(connect({ authorization: `Bearer ${forged}` }), '{ me { email } }')).error?.code).toBe(4403);
  });

  it('accepts an API key in connectionParams (as apiKey, or as a Bearer)', async () => {
    const created = await p.gql(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'ws integration', scopes: ['READ'] } },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    const secret = created.data.createApiKey.secret as string;

    const byParam = await run(connect({ apiKey: secret }), '{ me { email } account { name } }');
    expect(byParam.error).toBeUndefined();
    expect(byParam.result?.data).toEqual({ me: { email: owner.email }, account: { name: 'Acme Agency' } });

    const asBearer = await run(connect({ authorization: `Bearer ${secret}` }), '{ account { name } }');
    expect(asBearer.result?.data).toEqual({ account: { name: 'Acme Agency' } });

    // A read-only key cannot write, over the socket as over HTTP.
    const write = await run(
      connect({ apiKey: secret }),
      'mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }',
      {
        input: { name: 'Nope' },
      },
    );
    expect(write.result?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect((await run(connect({ apiKey: `${secret.slice(0, -3)}xyz` }), '{ me { email } }')).error?.code).toBe(4403);
  });

  it('answers a subscription for a job the account does not have with NOT_FOUND', async () => {
    const { error } = await run(
      connect({ authorization: `Bearer ${owner.token}` }),
      'subscription { jobProgress(id: "01900000-0000-7000-8000-000000000001") { progress } }',
    );
    // graphql-ws reports operation errors as an array of GraphQL errors.
    expect(Array.isArray(error)).toBe(true);
    expect(error[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('serves further subscription fields through the same path, with the same error masking and limits', async () => {
    // The checked-in supergraph with one more Subscription field.
    const sdl = readSupergraphSdl()
      .replace(/(type Subscription\n\s+@join__type\(graph: AUTOMATION\)\n\{\n)/, '$1  ticks(upTo: Int!): Tick!\n')
      .concat(`
type Tick @join__type(graph: AUTOMATION) {
  n: Int!
  accountId: ID!
}
`);
    const subscriptions: SubscriptionFields = {
      ticks: {
        async *subscribe(args, context) {
          const upTo = args.upTo as number;
          if (upTo > 10) throw new ForbiddenError('At most 10 ticks.');
          if (upTo < 0) throw new Error('secret internal detail');
          for (let n = 1; n <= upTo; n++) yield { n, accountId: context.credential?.principal.accountId };
        },
        resolve: (event) => event,
      },
    };
    const live = await startGateway({
      config: loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', WEB_DIST: '' }),
      port: 0,
      urls: p.urls,
      log: createLogger('test', 'silent'),
      supergraphSdl: sdl,
      subscriptions,
    });
    try {
      const client = createClient({
        url: `${live.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${owner.token}` },
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      const { results, error } = await runAll(client, 'subscription { ticks(upTo: 3) { n accountId } }');
      expect(error).toBeUndefined();
      expect(results.map((r) => r.data)).toEqual([1, 2, 3].map((n) => ({ ticks: { n, accountId: owner.accountId } })));

      // What the event stream throws ends the subscription with that error: a domain error keeps
      // its code and message, anything else is masked (and logged).
      const refused = await runAll(client, 'subscription { ticks(upTo: 11) { n } }');
      expect(refused.error?.[0]).toMatchObject({ message: 'At most 10 ticks.', extensions: { code: 'FORBIDDEN' } });
      const broken = await runAll(client, 'subscription { ticks(upTo: -1) { n } }');
      expect(JSON.stringify(broken.error)).not.toContain('secret internal detail');
      expect(broken.error?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      // Subscriptions pass the same limits as every other operation.
      const invalid = await runAll(client, 'subscription { ticks(upTo: 1) { n nope } }');
      expect(invalid.error?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await live.close();
    }
  });

  it('answers a bad document with an error, not a dropped connection', async () => {
    const client = connect({ authorization: `Bearer ${owner.token}` });
    const syntax = await run(client, '{ me { email ');
    expect(syntax.error?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknown = await run(client, '{ me { nope } }');
    expect(unknown.result?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const ok = await run(client, '{ me { email } }');
    expect(ok.result?.data).toEqual({ me: { email: owner.email } });
  });

  it('applies the same query limits as HTTP', async () => {
    const client = connect({ authorization: `Bearer ${owner.token}` });
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: __typename`).join(' ');
    const { result } = await run(client, `{ ${aliases} }`);
    expect(result?.data).toBeUndefined();
    expect(result?.errors?.[0]?.message).toMatch(/Aliases limit/);
  });

  it('refuses variables nested deeper than 64 levels', async () => {
    const client = connect({ authorization: `Bearer ${owner.token}` });
    let preferences: Record<string, unknown> = { leaf: 1 };
    // 1,000 levels: graphql-ws's client cannot even write 5,000 (its JSON.stringify replacer recurses).
    for (let i = 0; i < 1000; i++) preferences = { a: preferences };
    const mutation = 'mutation($input: UpdatePreferencesInput!) { updatePreferences(input: $input) { id } }';
    const deep = await run(client, mutation, { input: { preferences } });
    expect(deep.error?.[0]).toMatchObject({
      message: 'The JSON is nested more than 64 levels deep; send flatter data.',
      extensions: { code: 'BAD_REQUEST' },
    });
    const ok = await run(client, mutation, { input: { preferences: { theme: 'dark' } } });
    expect(ok.result?.errors).toBeUndefined();
  });

  it('says goodbye (1001) to open sockets when the gateway stops', async () => {
    // A second gateway on the same subgraph: closing it must not disturb the other tests.
    const other = await startGateway({
      config: loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', WEB_DIST: '' }),
      port: 0,
      urls: { system: p.system.url },
      log: createLogger('test', 'silent'),
    });
    try {
      let connected!: () => void;
      let closedWith!: (code: number) => void;
      const acked = new Promise<void>((resolve) => {
        connected = resolve;
      });
      const goodbye = new Promise<number>((resolve) => {
        closedWith = resolve;
      });
      clients.push(
        createClient({
          url: `${other.url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${owner.token}` },
          retryAttempts: 0,
          lazy: false,
          onNonLazyError: () => {},
          on: { connected: () => connected(), closed: (event) => closedWith((event as { code: number }).code) },
        }),
      );
      await acked;
      await other.close();
      expect(await goodbye).toBe(1001);
    } finally {
      await other.close();
    }
  });
});
