// A role change, a removal, a sign-out and a password change take effect at once, not when the
// access token expires: every process (gateway, each subgraph) learns of them through LISTEN/NOTIFY
// and refuses the old tokens over GraphQL, REST and graphql-ws. Production mode, as a security
// review runs it.
import { createSiteWithSector, type Place, refreshSession, type Session } from '@igny8/lib/testing';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addMember, PASSWORD, postGraphql, setPlan } from './fixtures.js';
import { type Platform, registerOwner, startPlatform } from './harness.js';

const CREATE_KEYWORD = `mutation($input: CreateKeywordInput!) { createKeyword(input: $input) { id keyword } }`;
const KEYWORDS = '{ keywords(first: 50) { totalCount } }';
const SET_ROLE = `mutation($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { id role } }`;
const REMOVE = `mutation($input: RemoveMemberInput!) { removeMember(input: $input) }`;
const LOGOUT = `mutation($refreshToken: String!, $everywhere: Boolean) { logout(refreshToken: $refreshToken, everywhere: $everywhere) }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) {
  accessToken refreshToken } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`;
const CHANGED = /access changed since this token was issued/;
const SIGNED_OUT = /session has been signed out/;
const REMOVED = /no longer an active member/;
/** Signed out everywhere: the session ended, and the user's token version rose. */
const EVERYWHERE = /session has been signed out|access changed since this token was issued/;

describe('revocation takes effect at once (NODE_ENV=production)', () => {
  let p: Platform;
  let owner: Session;
  let place: Place;
  const clients: Client[] = [];
  let counter = 0;

  /** POST /graphql with the token; the HTTP status beside the answer. */
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const { status, body } = await postGraphql(p, query, variables, token ? { authorization: `Bearer ${token}` } : {});
    return { status, ...body } as { status: number; data?: any; errors?: { message: string; extensions?: any }[] };
  };
  const createKeyword = (token: string) =>
    gql(CREATE_KEYWORD, { input: { ...place, keyword: `revocation keyword ${counter++}` } }, token);
  const restKeywords = (token: string) =>
    p.rest('GET', `/planner/keywords/?site_id=${place.siteId}&sector_id=${place.sectorId}`, { token });
  const signIn = async (email: string, password = PASSWORD): Promise<Session> => {
    const res = await gql(LOGIN, { input: { email, password } });
    expect(res.errors).toBeUndefined();
    const { accessToken, refreshToken, user } = res.data.login;
    return { email, token: accessToken, refreshToken, userId: user.id, accountId: owner.accountId };
  };
  /** A graphql-ws connection subscribed to the account's job updates; resolves with how it ended. */
  const subscribeJobUpdates = (token: string) => {
    const client = createClient({
      url: `${p.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    let subscribed!: () => void;
    const acknowledged = new Promise<void>((resolve) => {
      subscribed = resolve;
    });
    client.on('connected', () => subscribed());
    const ended = new Promise<{ code?: number; reason?: string; errors?: unknown }>((resolve) => {
      client.on('closed', (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolve({ code, reason });
      });
      client.subscribe(
        { query: 'subscription { jobUpdates { id status } }' },
        { next: () => {}, error: (errors) => resolve({ errors }), complete: () => resolve({}) },
      );
    });
    return { acknowledged, ended };
  };
  /** Fails the step unless the answer is a 401 / UNAUTHENTICATED saying why the token stopped. */
  const expectRefused = (
    res: { status: number; errors?: { message: string; extensions?: { code?: string } }[] },
    why: RegExp,
  ) => {
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(why);
  };

  beforeAll(async () => {
    const production = { NODE_ENV: 'production' };
    p = await startPlatform({
      gateway: production,
      system: production,
      billing: production,
      automation: production,
      planner: production,
    });
    owner = await registerOwner(p, 'Revocation Agency');
    await setPlan(p, owner.accountId, 'scale');
    place = await createSiteWithSector(p.gql, owner.token);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await p?.close();
  });

  it('(a) a demoted editor’s old token creates nothing, and the refreshed one has the viewer’s rights at once', async () => {
    const editor = await addMember(p, owner, 'EDITOR');
    expect((await createKeyword(editor.token)).errors).toBeUndefined();
    // Warm every cache on the way (gateway and subgraphs) before the demotion.
    expect((await restKeywords(editor.token)).status).toBe(200);

    const demoted = await gql(SET_ROLE, { input: { userId: editor.userId, role: 'VIEWER' } }, owner.token);
    expect(demoted.data?.updateMemberRole.role).toBe('VIEWER');

    expectRefused(await createKeyword(editor.token), CHANGED);
    const rest = await p.rest('POST', '/planner/keywords/', {
      token: editor.token,
      body: { site_id: place.siteId, sector_id: place.sectorId, keyword: 'rest after demotion' },
    });
    expect(rest.status).toBe(401);
    expect(rest.body.error).toMatch(CHANGED);

    // The session itself goes on: a refresh answers a token with the new role.
    const viewer = await refreshSession(p.gql, editor);
    const refused = await createKeyword(viewer.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(KEYWORDS, {}, viewer.token)).data.keywords.totalCount).toBeGreaterThan(0);
  });

  it('(b) a removed member’s token reads nothing: GraphQL, REST, and their open subscription is closed', async () => {
    const member = await addMember(p, owner, 'EDITOR');
    expect((await gql(KEYWORDS, {}, member.token)).data.keywords.totalCount).toBeGreaterThan(0);
    expect((await restKeywords(member.token)).status).toBe(200);
    const open = subscribeJobUpdates(member.token);
    await open.acknowledged;

    const removed = await gql(REMOVE, { input: { userId: member.userId } }, owner.token);
    expect(removed.data?.removeMember).toBe(member.userId);

    const read = await gql(KEYWORDS, {}, member.token);
    expectRefused(read, REMOVED);
    expect(read.data ?? null).toBeNull();
    const rest = await restKeywords(member.token);
    expect(rest.status).toBe(401);
    expect(rest.body.results).toBeUndefined();
    // The socket that was open is closed (4403), and a new one is refused.
    expect((await open.ended).code).toBe(4403);
    expect((await subscribeJobUpdates(member.token).ended).code).toBe(4403);
    // Even straight at the planner subgraph's own port the token is refused.
    const direct = await fetch(p.urls.planner!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}` },
      body: JSON.stringify({ query: KEYWORDS }),
    });
    expect(direct.status).toBe(401);
  });

  it('(c) logout ends this session’s access token at once; logout everywhere ends every session', async () => {
    const member = await addMember(p, owner, 'VIEWER');
    const laptop = await signIn(member.email);
    const phone = await signIn(member.email);
    for (const s of [member, laptop, phone]) expect((await gql(KEYWORDS, {}, s.token)).errors).toBeUndefined();

    // This session only: over REST as the original clients sign out.
    const out = await p.rest('POST', '/auth/logout/', { body: { refresh: laptop.refreshToken } });
    expect(out.status).toBe(200);
    expectRefused(await gql(KEYWORDS, {}, laptop.token), SIGNED_OUT);
    expect((await p.rest('GET', '/auth/me/', { token: laptop.token })).status).toBe(401);
    expect((await gql(KEYWORDS, {}, phone.token)).errors).toBeUndefined();
    expect((await gql(KEYWORDS, {}, member.token)).errors).toBeUndefined();

    // Everywhere: every access token and refresh token of the user stops.
    const everywhere = await gql(LOGOUT, { refreshToken: phone.refreshToken, everywhere: true });
    expect(everywhere.data?.logout).toBe(true);
    expectRefused(await gql(KEYWORDS, {}, phone.token), EVERYWHERE);
    expectRefused(await gql(KEYWORDS, {}, member.token), EVERYWHERE);
    expect((await subscribeJobUpdates(member.token).ended).code).toBe(4403);
    const refresh = await p.rest('POST', '/auth/refresh/', { body: { refresh: member.refreshToken } });
    expect(refresh.status).toBe(401);
    // Signing in again works.
    const back = await signIn(member.email);
    expect((await gql(KEYWORDS, {}, back.token)).errors).toBeUndefined();
  });

  it('(d) a password change from one session ends the others’ access tokens; the changing one gets a fresh pair', async () => {
    const member = await addMember(p, owner, 'EDITOR');
    const other = await signIn(member.email);
    const otherSocket = subscribeJobUpdates(other.token);
    await otherSocket.acknowledged;
    expect((await createKeyword(other.token)).errors).toBeUndefined();

    const newPassword = 'correct horse battery 42';
    const changed = await gql(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword } }, member.token);
    expect(changed.errors).toBeUndefined();
    const fresh = changed.data.changePassword as { accessToken: string; refreshToken: string };

    // The other session: its access token, its socket and its refresh token all stop.
    expectRefused(await createKeyword(other.token), CHANGED);
    expect((await p.rest('GET', '/auth/me/', { token: other.token })).status).toBe(401);
    expect((await otherSocket.ended).code).toBe(4403);
    expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: other.refreshToken } })).status).toBe(401);
    // The session that changed it goes on with the pair in the answer (the web app switches to it);
    // the token it sent is from before the change and stops like every other.
    expect((await createKeyword(fresh.accessToken)).errors).toBeUndefined();
    expectRefused(await createKeyword(member.token), CHANGED);
    const refreshed = await p.rest('POST', '/auth/refresh/', { body: { refresh: fresh.refreshToken } });
    expect(refreshed.status).toBe(200);
  });

  it('stops an API key’s exchanged token the moment the key is revoked (no exchange cache window)', async () => {
    const created = await gql(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
      { input: { name: 'revoked at once', scopes: ['READ'] } },
      owner.token,
    );
    const { apiKey, secret } = created.data.createApiKey as { apiKey: { id: string }; secret: string };
    const withKey = { headers: { 'x-api-key': secret } };
    expect((await p.rest('GET', '/auth/me/', withKey)).status).toBe(200);
    expect((await p.rest('GET', '/auth/me/', withKey)).status).toBe(200);
    const revoked = await gql(
      'mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id } }',
      { input: { id: apiKey.id } },
      owner.token,
    );
    expect(revoked.errors).toBeUndefined();
    const after = await p.rest('GET', '/auth/me/', withKey);
    expect(after.status).toBe(401);
    expect(after.body.error).toMatch(/revoked/);
  });
});
