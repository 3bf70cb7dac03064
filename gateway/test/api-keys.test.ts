// Account API keys for integrators: shown once, accepted in every documented header form on
// /graphql and REST, limited to their scope, and dead once revoked or once their creator leaves.
import { apiKeys } from '@igny8/db/system';
import { nodesOf } from '@igny8/lib/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, postGraphql, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  secret apiKey { id name prefix scopes revokedAt } } }`;
const REVOKE_KEY = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id revokedAt } }`;
const WHO = '{ me { id } account { id } }';

describe('gateway: API keys', () => {
  let p: Platform;
  let owner: Session;
  let readKey: string;
  let writeKey: string;

  const createKey = async (by: Session, scopes: string[], name = `key ${scopes.join('+')}`) => {
    const res = await p.gql(CREATE_KEY, { input: { name, scopes } }, by.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createApiKey as { secret: string; apiKey: { id: string; prefix: string } };
  };
  /** Every way an integrator may send a key, on /graphql. */
  const headerForms = (key: string): Record<string, Record<string, string>> => ({
    'Authorization: Bearer': { authorization: `Bearer ${key}` },
    'Authorization: ApiKey': { authorization: `ApiKey ${key}` },
    'X-API-Key': { 'x-api-key': key },
  });

  beforeAll(async () => {
    // The default exchanged-token cache: a revocation shows at once all the same.
    p = await startPlatform();
    owner = await registerOwner(p);
    await setPlan(p, owner.accountId, 'growth');
    readKey = (await createKey(owner, ['READ'])).secret;
    writeKey = (await createKey(owner, ['READ', 'WRITE'])).secret;
  });
  afterAll(() => p.close());

  it('returns the secret once; afterwards only its prefix is listed, and only a hash is stored', async () => {
    const created = await createKey(owner, ['READ'], 'Listing check');
    expect(created.secret).toMatch(new RegExp(`^igny8_${created.apiKey.prefix}_[A-Za-z0-9_-]{43}$`));

    const listed = await p.gql('{ apiKeys(first: 100) { edges { node { id name prefix scopes } } } }', {}, owner.token);
    expect(nodesOf(listed.data.apiKeys)).toContainEqual({
      id: created.apiKey.id,
      name: 'Listing check',
      prefix: created.apiKey.prefix,
      scopes: ['READ'],
    });
    // The secret part may itself hold '_' (base64url): everything after `igny8_<prefix>_`.
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(`igny8_${created.apiKey.prefix}_`.length));
    const noSecretField = await p.gql('{ apiKeys { edges { node { secret } } } }', {}, owner.token);
    expect(noSecretField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const rest = await p.rest('GET', '/account/api-keys/', { token: owner.token });
    expect(rest.status).toBe(200);
    expect(rest.body.results.find((k: { id: string }) => k.id === created.apiKey.id)).toMatchObject({
      prefix: created.apiKey.prefix,
      scopes: ['read'],
    });
    expect(JSON.stringify(rest.body)).not.toContain(created.secret.split('_')[2]);

    const [row] = await p.system.services.database.system((tx) =>
      tx.select().from(apiKeys).where(eq(apiKeys.id, created.apiKey.id)),
    );
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.secret.split('_')[2]);
  });

  it('creates a key over REST, showing the key once with a warning', async () => {
    const res = await p.rest('POST', '/account/api-keys/', {
      token: owner.token,
      body: { name: 'WordPress plugin', scopes: ['read', 'write'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.message).toMatch(/not shown again/);
    expect(res.body.data).toMatchObject({
      name: 'WordPress plugin',
      scopes: ['read', 'write'],
      key: expect.stringMatching(/^igny8_/),
    });
  });

  it('is accepted as Bearer, as ApiKey and as X-API-Key, on /graphql and on REST', async () => {
    for (const [form, headers] of Object.entries(headerForms(readKey))) {
      const gql = await postGraphql(p, WHO, {}, headers);
      expect(gql.status, form).toBe(200);
      expect(gql.body.data, form).toEqual({ me: { id: owner.userId }, account: { id: owner.accountId } });
      const rest = await p.rest('GET', '/auth/sites/', { headers });
      expect(rest.status, form).toBe(200);
      expect(rest.body.success, form).toBe(true);
    }
  });

  it('lets a READ key read but not change anything (FORBIDDEN, REST 403)', async () => {
    const mutations: [string, Record<string, unknown>][] = [
      ['mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }', { input: { name: 'Via key' } }],
      [
        'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }',
        { input: { firstName: 'Changed' } },
      ],
      [
        'mutation($input: UpdatePreferencesInput!) { updatePreferences(input: $input) { id } }',
        { input: { preferences: { a: 1 } } },
      ],
      [
        'mutation($input: UpdateAccountSettingsInput!) { updateAccountSettings(input: $input) { id } }',
        { input: { name: 'Changed' } },
      ],
      [
        'mutation($input: SetModuleEnabledInput!) { setModuleEnabled(input: $input) { id } }',
        { input: { module: 'LINKER', enabled: false } },
      ],
      [
        'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteUrl } }',
        { input: { email: 'x@example.com', role: 'VIEWER' } },
      ],
      [CREATE_KEY, { input: { name: 'child', scopes: ['WRITE'] } }],
      [
        'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }',
        { input: { currentPassword: 'whatever 1', newPassword: 'new password 22' } },
      ],
    ];
    for (const [query, variables] of mutations) {
      const res = await postGraphql(p, query, variables, { 'x-api-key': readKey });
      expect(res.body.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    const rest = await p.rest('POST', '/auth/sites/', {
      headers: { authorization: `ApiKey ${readKey}` },
      body: { name: 'Via REST key' },
    });
    expect(rest.status).toBe(403);
    const me = await p.gql('{ me { firstName } sites { totalCount } }', {}, owner.token);
    expect(me.data).toEqual({ me: { firstName: 'Owner' }, sites: { totalCount: 0 } });
  });

  it('lets a WRITE key change what an editor may, and nothing an admin may', async () => {
    const profile = await postGraphql(
      p,
      'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { firstName } }',
      { input: { firstName: 'Keyed' } },
      { authorization: `Bearer ${writeKey}` },
    );
    expect(profile.body.data).toEqual({ updateProfile: { firstName: 'Keyed' } });
    const site = await postGraphql(
      p,
      'mutation { createSite(input: { name: "Admin only" }) { id } }',
      {},
      { authorization: `Bearer ${writeKey}` },
    );
    expect(site.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const keys = await postGraphql(p, '{ apiKeys { totalCount } }', {}, { authorization: `Bearer ${writeKey}` });
    expect(keys.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('stops a revoked key at once with 401 on /graphql and REST', async () => {
    const key = await createKey(owner, ['READ']);
    expect((await postGraphql(p, WHO, {}, { 'x-api-key': key.secret })).status).toBe(200);
    const revoked = await p.rest('DELETE', `/account/api-keys/${key.apiKey.id}/`, { token: owner.token });
    expect(revoked.status).toBe(204);
    for (const [form, headers] of Object.entries(headerForms(key.secret))) {
      const gql = await postGraphql(p, WHO, {}, headers);
      expect(gql.status, form).toBe(401);
      expect(gql.body.errors?.[0]?.extensions?.code, form).toBe('UNAUTHENTICATED');
      const rest = await p.rest('GET', '/auth/me/', { headers });
      expect(rest.status, form).toBe(401);
      expect(rest.body.error, form).toMatch(/revoked/);
    }
    // Revoking twice is harmless and keeps the first revocation time.
    const first = await p.gql(REVOKE_KEY, { input: { id: key.apiKey.id } }, owner.token);
    const second = await p.gql(REVOKE_KEY, { input: { id: key.apiKey.id } }, owner.token);
    expect(second.data.revokeApiKey.revokedAt).toBe(first.data.revokeApiKey.revokedAt);
  });

  it('refuses malformed, made-up and expired keys with 401', async () => {
    const real = await createKey(owner, ['READ']);
    await p.system.services.database.system((tx) =>
      tx
        .update(apiKeys)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(apiKeys.id, real.apiKey.id)),
    );
    const [, prefix] = real.secret.split('_');
    const keys = {
      malformed: 'igny8_short',
      'made-up secret': `igny8_${prefix}_${'A'.repeat(43)}`,
      'unknown prefix': `igny8_${'0'.repeat(12)}_${'A'.repeat(43)}`,
      expired: real.secret,
    };
    for (const [label, key] of Object.entries(keys)) {
      const gql = await postGraphql(p, WHO, {}, { authorization: `ApiKey ${key}` });
      expect(gql.status, label).toBe(401);
      const rest = await p.rest('GET', '/auth/sites/', { headers: { 'x-api-key': key } });
      expect(rest.status, label).toBe(401);
    }
  });

  it("stops working when its creator is removed from the account, and follows the creator's demotion", async () => {
    const admin = await addMember(p, owner, 'ADMIN');
    const adminKey = (await createKey(admin, ['READ', 'WRITE'])).secret;
    const profile = 'mutation { updateProfile(input: { lastName: "Keyed" }) { lastName } }';
    expect((await postGraphql(p, profile, {}, { 'x-api-key': adminKey })).body.data).toEqual({
      updateProfile: { lastName: 'Keyed' },
    });

    // Demoted to viewer: the key may still read, no longer write.
    await p.gql(
      'mutation($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { id } }',
      { input: { userId: admin.userId, role: 'VIEWER' } },
      owner.token,
    );
    expect((await postGraphql(p, WHO, {}, { 'x-api-key': adminKey })).status).toBe(200);
    expect((await postGraphql(p, profile, {}, { 'x-api-key': adminKey })).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );

    const removed = await p.rest('DELETE', `/account/team/${admin.userId}/`, { token: owner.token });
    expect(removed.status).toBe(204);
    const gql = await postGraphql(p, WHO, {}, { 'x-api-key': adminKey });
    expect(gql.status).toBe(401);
    expect((await p.rest('GET', '/auth/sites/', { headers: { authorization: `Bearer ${adminKey}` } })).status).toBe(
      401,
    );
    const listed = await p.gql('{ apiKeys(first: 100) { edges { node { createdBy revokedAt } } } }', {}, owner.token);
    const theirs = nodesOf(listed.data.apiKeys).filter((k: { createdBy: string }) => k.createdBy === admin.userId);
    expect(theirs).toHaveLength(1);
    expect(theirs[0].revokedAt).not.toBeNull();
  });

  it("does not let another account see or revoke this account's keys", async () => {
    const other = await registerOwner(p);
    const mine = await createKey(owner, ['READ']);
    const revoke = await p.gql(REVOKE_KEY, { input: { id: mine.apiKey.id } }, other.token);
    expect(revoke.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(nodesOf((await p.gql('{ apiKeys { edges { node { id } } } }', {}, other.token)).data.apiKeys)).toEqual([]);
    const viaKey = await postGraphql(p, '{ account { id } }', {}, { 'x-api-key': mine.secret });
    expect(viaKey.body.data.account.id).toBe(owner.accountId);
  });

  it('pages the keys over GraphQL, newest first, and still lists them all at once over REST', async () => {
    const many = await registerOwner(p);
    const created: string[] = [];
    for (let n = 1; n <= 105; n++) created.push((await createKey(many, ['READ'], `Key ${n}`)).apiKey.id);
    const newestFirst = created.toReversed();

    const first = await p.gql(
      '{ apiKeys(first: 100) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      {},
      many.token,
    );
    expect(first.data.apiKeys.totalCount).toBe(105);
    expect(nodesOf(first.data.apiKeys).map((k: { id: string }) => k.id)).toEqual(newestFirst.slice(0, 100));
    expect(first.data.apiKeys.pageInfo.hasNextPage).toBe(true);
    const rest = await p.gql(
      'query($after: String) { apiKeys(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }',
      { after: first.data.apiKeys.pageInfo.endCursor },
      many.token,
    );
    expect(nodesOf(rest.data.apiKeys).map((k: { id: string }) => k.id)).toEqual(newestFirst.slice(100));
    expect(rest.data.apiKeys.pageInfo.hasNextPage).toBe(false);

    // REST: the same keys in the list envelope, page by page.
    const page1 = await p.rest('GET', '/account/api-keys/?page_size=100', { token: many.token });
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ count: 105, previous: null, next: expect.stringContaining('page=2') });
    const page2 = await p.rest('GET', '/account/api-keys/?page_size=100&page=2', { token: many.token });
    expect(page2.body.next).toBeNull();
    expect([...page1.body.results, ...page2.body.results].map((k: { id: string }) => k.id)).toEqual(newestFirst);
  });
});
