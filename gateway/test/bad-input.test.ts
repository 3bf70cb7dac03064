// Bad input is refused with the offending field named (BAD_USER_INPUT / REST 400 with snake_case
// `errors`), conflicts and unknown ids get their own codes, nothing answers 500, and a refused
// write leaves no rows behind.
import { accounts } from '@igny8/db/system';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, PASSWORD, registerOwner, type Session, setPlan, uniqueEmail } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`;
const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`;
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
const LONG = 'x'.repeat(121);

type Gql = Awaited<ReturnType<Platform['gql']>>;

/** The first error's code and field names; fails loudly on a 500-style answer. */
function refusal(res: Gql) {
  const error = res.errors?.[0];
  expect(error, JSON.stringify(res)).toBeDefined();
  expect(error?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  return {
    code: error?.extensions?.code,
    fields: Object.keys(error?.extensions?.fields ?? {}).sort(),
    message: error!.message,
  };
}

describe('gateway: bad input', () => {
  let p: Platform;
  let owner: Session;
  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p);
  });
  afterAll(() => p.close());

  describe('over GraphQL', () => {
    it('names each bad registration field and creates no account', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ email: 'not-an-email' }, ['email']],
        [{ email: `${'a'.repeat(250)}@example.com` }, ['email']],
        [{ password: 'short1' }, ['password']],
        [{ password: 'onlyletterslong' }, ['password']],
        [{ password: 'aaaaaaaaaa1' }, ['password']],
        [{ password: `${'x'.repeat(129)}1` }, ['password']],
        [{ name: '   ' }, ['name']],
        [{ name: LONG }, ['name']],
        [{ accountName: LONG }, ['accountName']],
        [{ email: 'bad', password: 'bad', name: '', accountName: '' }, ['accountName', 'email', 'name', 'password']],
      ];
      for (const [change, fields] of cases) {
        const email = uniqueEmail('bad');
        const input = { email, password: PASSWORD, name: 'Bad Input', accountName: 'Bad Co', ...change };
        const res = await p.gql(REGISTER, { input });
        expect(refusal(res), JSON.stringify(change)).toMatchObject({ code: 'BAD_USER_INPUT', fields });
        const left = await p.system.services.database.system((tx) =>
          tx.$count(accounts, eq(accounts.billingEmail, String(input.email))),
        );
        expect(left, JSON.stringify(change)).toBe(0);
      }
    });

    it('answers a registered e-mail, in any letter case, with CONFLICT on the email field', async () => {
      const res = await p.gql(REGISTER, {
        input: { email: owner.email.toUpperCase(), password: PASSWORD, name: 'Copy Cat', accountName: 'Copy Co' },
      });
      expect(refusal(res)).toMatchObject({ code: 'CONFLICT', fields: ['email'] });
      const sameEmail = await p.system.services.database.system((tx) =>
        tx.$count(accounts, eq(accounts.billingEmail, owner.email.toUpperCase())),
      );
      expect(sameEmail).toBe(0);
    });

    it('refuses values of the wrong type or outside an enum before anything runs, naming the field', async () => {
      const wrongType = await p.gql(CREATE_SITE, { input: { name: 5 } }, owner.token);
      expect(refusal(wrongType).code).toBe('BAD_USER_INPUT');
      expect(wrongType.errors?.[0]?.message).toMatch(/"input\.name"/);
      const badEnum = await p.gql(
        `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteUrl } }`,
        { input: { email: uniqueEmail(), role: 'SUPREME_LEADER' } },
        owner.token,
      );
      expect(refusal(badEnum).code).toBe('BAD_USER_INPUT');
      expect(badEnum.errors?.[0]?.message).toMatch(/"input\.role"/);
      const missing = await p.gql(CREATE_SITE, { input: {} }, owner.token);
      expect(refusal(missing).code).toBe('BAD_USER_INPUT');
      expect(missing.errors?.[0]?.message).toMatch(/"name"/);
      const badDate = await p.gql(
        `mutation { createApiKey(input: { name: "k", scopes: [READ], expiresAt: "next tuesday" }) { secret } }`,
        {},
        owner.token,
      );
      expect(refusal(badDate)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['expiresAt'] });
      // The same date as a variable: the gateway cannot check a custom scalar, the subgraph can.
      const badDateVariable = await p.gql(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
        { input: { name: 'k', scopes: ['READ'], expiresAt: 'next tuesday' } },
        owner.token,
      );
      expect(refusal(badDateVariable).code).toBe('BAD_USER_INPUT');
      expect(refusal(badDateVariable).message).toMatch(/DateTime/);
    });

    it('names the field of a malformed id, and answers NOT_FOUND for a well-formed unknown one', async () => {
      const malformed: [string, Record<string, unknown>, string][] = [
        ['query($id: ID!) { site(id: $id) { id } }', { id: 'abc' }, 'id'],
        [
          'mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id } }',
          { input: { id: "1' or '1'='1" } },
          'id',
        ],
        ['mutation($input: DeleteSiteInput!) { deleteSite(input: $input) }', { input: { id: '42' } }, 'id'],
        [
          'mutation($input: CreateSectorInput!) { createSector(input: $input) { id } }',
          { input: { siteId: 'nope', name: 'S' } },
          'siteId',
        ],
        ['mutation($input: RemoveMemberInput!) { removeMember(input: $input) }', { input: { userId: 'me' } }, 'userId'],
        ['mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id } }', { input: { id: '' } }, 'id'],
        [CREATE_SITE, { input: { name: 'Typed', industryId: 'gardening' } }, 'industryId'],
      ];
      for (const [query, variables, field] of malformed) {
        expect(refusal(await p.gql(query, variables, owner.token)), query).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [field],
        });
      }
      const unknown: [string, Record<string, unknown>][] = [
        ['query($id: ID!) { site(id: $id) { id } }', { id: UNKNOWN_ID }],
        [
          'mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id } }',
          { input: { id: UNKNOWN_ID, name: 'X' } },
        ],
        ['mutation($input: DeleteSiteInput!) { deleteSite(input: $input) }', { input: { id: UNKNOWN_ID } }],
        [
          'mutation($input: CreateSectorInput!) { createSector(input: $input) { id } }',
          { input: { siteId: UNKNOWN_ID, name: 'S' } },
        ],
        [
          'mutation($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { id } }',
          { input: { userId: UNKNOWN_ID, role: 'VIEWER' } },
        ],
        ['mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id } }', { input: { id: UNKNOWN_ID } }],
      ];
      for (const [query, variables] of unknown) {
        expect(refusal(await p.gql(query, variables, owner.token)).code, query).toBe('NOT_FOUND');
      }
    });

    it('names bad site fields and keeps no half-made site', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ name: LONG }, ['name']],
        [{ name: '' }, ['name']],
        [{ domain: 'not a domain' }, ['domain']],
        [{ language: 'english' }, ['language']],
        [{ timezone: 'Mars/Olympus_Mons' }, ['timezone']],
        [{ industryId: UNKNOWN_ID }, ['industryId']],
        [{ sectors: ['Fine', LONG] }, ['sectors.1']],
        [{ sectors: ['Roses', 'ROSES'] }, ['sectors']],
        [{ sectors: ['1', '2', '3', '4', '5', '6'] }, ['sectors']],
      ];
      for (const [change, fields] of cases) {
        const res = await p.gql(CREATE_SITE, { input: { name: 'Half Made', ...change } }, owner.token);
        expect(refusal(res), JSON.stringify(change)).toMatchObject({ code: 'BAD_USER_INPUT', fields });
      }
      expect(await countRows(p, 'sites', owner.accountId)).toBe(0);
      expect(await countRows(p, 'sectors', owner.accountId)).toBe(0);
    });

    it('refuses out-of-range pages, bad cursors, bad preferences and pointless API keys', async () => {
      expect(refusal(await p.gql('{ sites(first: 1000) { totalCount } }', {}, owner.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['first'],
      });
      expect(refusal(await p.gql('{ sites(first: -1) { totalCount } }', {}, owner.token)).code).toBe('BAD_USER_INPUT');
      expect(refusal(await p.gql('{ sites(after: "not-a-cursor") { totalCount } }', {}, owner.token)).code).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        refusal(await p.gql(`{ sites(filter: { search: "${'y'.repeat(501)}" }) { totalCount } }`, {}, owner.token)),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['filter.search'],
      });
      const prefs = await p.gql(
        'mutation($input: UpdatePreferencesInput!) { updatePreferences(input: $input) { id } }',
        { input: { preferences: [1, 2] } },
        owner.token,
      );
      expect(refusal(prefs)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['preferences'] });
      const createKey = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
      expect(refusal(await p.gql(createKey, { input: { name: 'k', scopes: [] } }, owner.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['scopes'],
      });
      expect(
        refusal(
          await p.gql(
            createKey,
            { input: { name: 'k', scopes: ['READ'], expiresAt: '2001-01-01T00:00:00Z' } },
            owner.token,
          ),
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['expiresAt'] });
      expect(await countRows(p, 'apiKeys', owner.accountId)).toBe(0);
    });
  });

  describe('over REST', () => {
    it('answers bad registrations with 400 and snake_case field names, a taken e-mail with 409', async () => {
      const bad = await p.rest('POST', '/auth/register/', {
        body: { email: 'nope', password: 'short', first_name: 'A', account_name: LONG },
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ success: false, error: expect.any(String), request_id: expect.any(String) });
      expect(Object.keys(bad.body.errors).sort()).toEqual(['account_name', 'email', 'password']);

      const taken = await p.rest('POST', '/auth/register/', {
        body: { email: owner.email, password: PASSWORD, first_name: 'Copy' },
      });
      expect(taken.status).toBe(409);
      expect(taken.body.errors).toEqual({ email: ['is already registered'] });
    });

    it('names the field of a value with the wrong type or an unknown enum value', async () => {
      const cases: [string, string, unknown, string][] = [
        ['POST', '/auth/sites/', { name: 5 }, 'name'],
        ['POST', '/auth/sites/', { name: 'Typed', is_active: 'yes' }, 'is_active'],
        ['POST', '/auth/sites/', { domain: 'no-name.example' }, 'name'],
        ['POST', '/account/team/', { email: uniqueEmail(), role: 'boss' }, 'role'],
        ['POST', '/account/api-keys/', { name: 'k', scopes: ['everything'] }, 'scopes'],
        ['POST', '/account/api-keys/', { name: 'k', scopes: ['read'], expires_at: 'next tuesday' }, 'expires_at'],
        ['POST', '/auth/login/', { email: 5, password: PASSWORD }, 'email'],
        ['POST', '/system/settings/modules/enable/', { module: 'teleporter', enabled: true }, 'module'],
        ['POST', '/system/settings/modules/enable/', { module: 'planner', enabled: 'yes' }, 'enabled'],
      ];
      for (const [method, path, body, field] of cases) {
        const res = await p.rest(method, path, { token: owner.token, body });
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
        expect(Object.keys(res.body.errors ?? {}), `${path} ${JSON.stringify(body)}`).toEqual([field]);
        expect(res.body.error).not.toMatch(/\$input|Variable/);
      }
    });

    it('answers a malformed id in the body with 400 naming it; in the path, like an unknown one, with 404', async () => {
      // Issue 9's one not-found rule: a path id that is no id names nothing (was 400 naming `id`).
      const malformed = await p.rest('GET', '/auth/sites/not-a-uuid/', { token: owner.token });
      expect(malformed.status).toBe(404);
      expect(malformed.body.success).toBe(false);
      const sector = await p.rest('POST', '/auth/sectors/', { token: owner.token, body: { site_id: 'x', name: 'S' } });
      expect(sector.status).toBe(400);
      expect(sector.body.errors).toHaveProperty('site_id');
      for (const [method, path] of [
        ['GET', `/auth/sites/${UNKNOWN_ID}/`],
        ['DELETE', `/auth/sites/${UNKNOWN_ID}/`],
        ['GET', `/auth/sectors/?site_id=${UNKNOWN_ID}`],
        ['DELETE', `/account/team/${UNKNOWN_ID}/`],
        ['DELETE', `/account/api-keys/${UNKNOWN_ID}/`],
      ] as const) {
        const res = await p.rest(method, path, { token: owner.token });
        expect(res.status, path).toBe(404);
        expect(res.body.success).toBe(false);
      }
    });

    it('refuses bad paging, ordering, settings and bodies with 400, never 500', async () => {
      const cases: [string, string, unknown, string | undefined][] = [
        ['GET', '/auth/sites/?page=0', undefined, 'page'],
        ['GET', '/auth/sites/?page=abc', undefined, 'page'],
        ['GET', '/auth/sites/?page_size=1000', undefined, 'page_size'],
        ['GET', '/auth/sites/?ordering=password', undefined, 'ordering'],
        ['GET', '/auth/sectors/', undefined, 'site_id'],
        ['PATCH', '/account/settings/', { billing_email: 'not-mail' }, 'billing_email'],
        ['PATCH', '/account/settings/', { plan_id: UNKNOWN_ID }, 'plan_id'],
        ['PATCH', '/account/settings/', { timezone: 'Nowhere/Special' }, 'timezone'],
        ['POST', '/auth/refresh/', {}, 'refresh'],
        ['POST', '/auth/refresh/', { refresh: 'x'.repeat(600) }, 'refresh'],
        // A malformed path id (/account/team/not-an-id/) is 404 since issue 9: test/rest-not-found.test.ts.
        ['POST', '/auth/login/', [1, 2, 3], undefined],
      ];
      for (const [method, path, body, field] of cases) {
        const res = await p.rest(method, path, { token: owner.token, body });
        expect(res.status, path).toBe(400);
        if (field) expect(Object.keys(res.body.errors ?? {}), `${path} ${JSON.stringify(body)}`).toEqual([field]);
      }
      const broken = await fetch(`${p.url}/api/v1/auth/login/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email": "a@b.c", ',
      });
      expect(broken.status).toBe(400);
      expect(await broken.json()).toMatchObject({ success: false });
    });

    it('keeps no site after a refused REST create, and no account after a refused registration', async () => {
      const other = await registerOwner(p);
      await setPlan(p, other.accountId, 'growth');
      const refused = await p.rest('POST', '/auth/sites/', {
        token: other.token,
        body: { name: 'Half', sectors: ['Roses', 'x'.repeat(500)] },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty('sectors.1');
      expect(await countRows(p, 'sites', other.accountId)).toBe(0);

      const email = uniqueEmail('refused');
      const reg = await p.rest('POST', '/auth/register/', { body: { email, password: 'weak', first_name: 'No' } });
      expect(reg.status).toBe(400);
      const left = await p.system.services.database.system((tx) =>
        tx.$count(accounts, eq(accounts.billingEmail, email)),
      );
      expect(left).toBe(0);
    });
  });
});
