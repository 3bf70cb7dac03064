// The REST compatibility layer (/api/v1) keeps the original system's envelope, status codes,
// snake_case names and lower-case enum values, on top of the same rules as GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, registerOwner, type Session, setPlan, uniqueEmail } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('gateway: REST /api/v1', () => {
  let p: Platform;
  let owner: Session;
  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p);
  });
  afterAll(() => p.close());

  it('registers and signs in with the original envelope and login shape', async () => {
    const email = uniqueEmail('rest');
    const reg = await p.rest('POST', '/auth/register/', {
      body: { email, password: PASSWORD, first_name: 'Rita', last_name: 'Rest', account_name: 'Rest Agency' },
    });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({
      success: true,
      message: 'Account created.',
      data: {
        user: {
          id: expect.stringMatching(UUID),
          email,
          username: expect.any(String),
          role: 'owner',
          first_name: 'Rita',
          last_name: 'Rest',
        },
        access: expect.any(String),
        refresh: expect.any(String),
      },
    });
    // The slug comes from the name; when another account already has it (suites share one
    // PostgreSQL database) a short suffix keeps it unique.
    expect(reg.body.data.user.account).toMatchObject({
      name: 'Rest Agency',
      slug: expect.stringMatching(/^rest-agency(-[0-9a-f]+)?$/),
    });
    expect(reg.body.request_id).toMatch(UUID);
    expect(reg.headers.get('x-request-id')).toBe(reg.body.request_id);

    const login = await p.rest('POST', '/auth/login/', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body).sort()).toEqual(['data', 'message', 'request_id', 'success']);
    expect(login.body.data.user).toMatchObject({ email, role: 'owner' });
  });

  it('echoes a client request id, and answers failures in the error envelope with it', async () => {
    const id = 'client-chosen-id-123';
    const res = await p.rest('GET', '/auth/me/', { headers: { 'x-request-id': id } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, error: expect.any(String), request_id: id });
    expect(res.headers.get('x-request-id')).toBe(id);
  });

  it('returns the current user with the account on both me paths', async () => {
    for (const path of ['/auth/me/', '/auth/users/me/']) {
      const res = await p.rest('GET', path, { token: owner.token });
      expect(res.status, path).toBe(200);
      expect(res.body.data, path).toMatchObject({
        id: owner.userId,
        email: owner.email,
        role: 'owner',
        status: 'active',
        account: {
          id: owner.accountId,
          name: 'Acme Agency',
          slug: expect.any(String),
          status: 'trial',
          plan: { slug: 'free' },
        },
      });
      expect(res.body.data.account.enabled_modules).toContain('planner');
    }
  });

  it('keeps user text as typed: only enum fields are lower-cased', async () => {
    const user = await registerOwner(p, 'IBM');
    const created = await p.rest('POST', '/auth/sites/', {
      token: user.token,
      body: { name: 'NASA', domain: 'nasa.example', timezone: 'UTC', sectors: ['SEO', 'PPC_ADS'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'NASA', timezone: 'UTC', is_active: true });
    expect(created.body.data.sectors.map((s: { name: string }) => s.name)).toEqual(['SEO', 'PPC_ADS']);
    const me = await p.rest('GET', '/auth/me/', { token: user.token });
    expect(me.body.data.account.name).toBe('IBM');
    expect(me.body.data.role).toBe('owner');
    const settings = await p.rest('GET', '/account/settings/', { token: user.token });
    expect(settings.body.data).toMatchObject({ name: 'IBM', timezone: 'UTC', status: 'trial' });
  });

  describe('sites and sectors', () => {
    let agency: Session;
    beforeAll(async () => {
      agency = await registerOwner(p, 'List Agency');
      await setPlan(p, agency.accountId, 'scale');
      for (const [name, active] of [
        ['Alpha Blog', true],
        ['Beta Shop', true],
        ['Gamma News', false],
      ] as const) {
        const res = await p.rest('POST', '/auth/sites/', {
          token: agency.token,
          body: { name, is_active: active, sectors: ['Main'] },
        });
        expect(res.status).toBe(201);
      }
    });

    it('lists with count, next/previous links, page_size, ordering, search and filters', async () => {
      const first = await p.rest('GET', '/auth/sites/?page_size=2&ordering=name', { token: agency.token });
      expect(first.status).toBe(200);
      expect(Object.keys(first.body).sort()).toEqual(['count', 'next', 'previous', 'request_id', 'results', 'success']);
      expect(first.body).toMatchObject({ success: true, count: 3, previous: null });
      expect(first.body.results.map((s: { name: string }) => s.name)).toEqual(['Alpha Blog', 'Beta Shop']);
      const next = new URL(first.body.next);
      expect(next.searchParams.get('page')).toBe('2');

      const second = await p.rest('GET', `/auth/sites/${next.search}`, { token: agency.token });
      expect(second.body.results.map((s: { name: string }) => s.name)).toEqual(['Gamma News']);
      expect(second.body.next).toBeNull();
      expect(new URL(second.body.previous).searchParams.get('page')).toBe('1');

      const desc = await p.rest('GET', '/auth/sites/?ordering=-name', { token: agency.token });
      expect(desc.body.results[0].name).toBe('Gamma News');
      const search = await p.rest('GET', '/auth/sites/?search=shop', { token: agency.token });
      expect(search.body.results.map((s: { name: string }) => s.name)).toEqual(['Beta Shop']);
      const inactive = await p.rest('GET', '/auth/sites/?is_active=false', { token: agency.token });
      expect(inactive.body).toMatchObject({ count: 1, results: [{ name: 'Gamma News', is_active: false }] });
      // A search full of LIKE wildcards matches literally.
      const wild = await p.rest('GET', `/auth/sites/?search=${encodeURIComponent('%_')}`, { token: agency.token });
      expect(wild.body.count).toBe(0);
    });

    it('creates with 201, updates with PATCH and PUT, deletes with 204 and an empty body', async () => {
      const created = await p.rest('POST', '/auth/sites/', {
        token: agency.token,
        body: { name: 'Delta Travel', domain: 'https://delta.example', language: 'pt-BR', sectors: ['Hotels'] },
      });
      expect(created.status).toBe(201);
      const id = created.body.data.id;
      expect(created.body.data).toMatchObject({
        name: 'Delta Travel',
        language: 'pt-BR',
        sectors: [{ name: 'Hotels', site_id: id }],
      });

      const patched = await p.rest('PATCH', `/auth/sites/${id}/`, { token: agency.token, body: { is_active: false } });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toMatchObject({ name: 'Delta Travel', is_active: false });
      const put = await p.rest('PUT', `/auth/sites/${id}/`, { token: agency.token, body: { name: 'Delta Trips' } });
      expect(put.body.data.name).toBe('Delta Trips');

      const sector = await p.rest('POST', '/auth/sectors/', {
        token: agency.token,
        body: { site_id: id, name: 'Flights' },
      });
      expect(sector.status).toBe(201);
      const sectors = await p.rest('GET', `/auth/sectors/?site_id=${id}`, { token: agency.token });
      expect(sectors.body.results.map((s: { name: string }) => s.name)).toEqual(['Hotels', 'Flights']);
      expect(sectors.body).toMatchObject({ count: 2, next: null, previous: null });
      const removedSector = await p.rest('DELETE', `/auth/sectors/${sector.body.data.id}/`, { token: agency.token });
      expect(removedSector.status).toBe(204);

      const deleted = await fetch(`${p.url}/api/v1/auth/sites/${id}/`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${agency.token}` },
      });
      expect(deleted.status).toBe(204);
      expect(await deleted.text()).toBe('');
      expect((await p.rest('GET', `/auth/sites/${id}/`, { token: agency.token })).status).toBe(404);
    });

    it('answers a duplicate site name with 409 naming the field', async () => {
      const res = await p.rest('POST', '/auth/sites/', { token: agency.token, body: { name: 'alpha blog' } });
      expect(res.status).toBe(409);
      expect(res.body.errors).toEqual({ name: ['is already used'] });
    });

    it('refuses to remove the last sector of a site', async () => {
      const list = await p.rest('GET', '/auth/sites/?search=Alpha', { token: agency.token });
      const [only] = list.body.results[0].sectors;
      const res = await p.rest('DELETE', `/auth/sectors/${only.id}/`, { token: agency.token });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/at least one sector/);
    });
  });

  describe('plan limits', () => {
    it('refuses a second site on the free plan with 403 and a message saying why', async () => {
      const user = await registerOwner(p);
      expect((await p.rest('POST', '/auth/sites/', { token: user.token, body: { name: 'One' } })).status).toBe(201);
      const second = await p.rest('POST', '/auth/sites/', { token: user.token, body: { name: 'Two' } });
      expect(second.status).toBe(403);
      expect(second.body).toMatchObject({
        success: false,
        error: 'Your Free plan allows 1 site: upgrade the plan or delete a site first.',
      });
      const list = await p.rest('GET', '/auth/sites/', { token: user.token });
      expect(list.body.count).toBe(1);
    });

    it('refuses a second member on the free plan with 403 and a message saying why', async () => {
      const user = await registerOwner(p);
      const res = await p.rest('POST', '/account/team/', {
        token: user.token,
        body: { email: uniqueEmail(), role: 'editor' },
      });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe(
        'Your Free plan allows 1 user: upgrade the plan or remove a member to invite someone.',
      );
      const team = await p.rest('GET', '/account/team/', { token: user.token });
      expect(team.body).toMatchObject({ count: 1, results: [expect.any(Object)] });
    });

    it('allows what the bigger plan allows', async () => {
      const user = await registerOwner(p);
      await setPlan(p, user.accountId, 'growth');
      for (const name of ['One', 'Two', 'Three']) {
        expect((await p.rest('POST', '/auth/sites/', { token: user.token, body: { name } })).status).toBe(201);
      }
      const fourth = await p.rest('POST', '/auth/sites/', { token: user.token, body: { name: 'Four' } });
      expect(fourth.status).toBe(403);
      expect(fourth.body.error).toMatch(/Growth plan allows 3 sites/);
    });
  });

  describe('account and system', () => {
    it('reads and saves account settings, refusing keys that are not settings', async () => {
      const user = await registerOwner(p);
      const saved = await p.rest('PATCH', '/account/settings/', {
        token: user.token,
        body: { name: 'Renamed Agency', timezone: 'Europe/Berlin', billing_email: 'billing@example.com' },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.data).toMatchObject({
        name: 'Renamed Agency',
        timezone: 'Europe/Berlin',
        billing_email: 'billing@example.com',
      });
      const read = await p.rest('GET', '/account/settings/', { token: user.token });
      expect(read.body.data.plan).toMatchObject({ slug: 'free', max_sites: 1, max_users: 1 });
      const sneaky = await p.rest('PATCH', '/account/settings/', { token: user.token, body: { status: 'active' } });
      expect(sneaky.status).toBe(400);
      expect(sneaky.body.errors).toEqual({ status: ['is not a setting'] });
    });

    it('switches modules off and on, and lets only admins do it', async () => {
      const user = await registerOwner(p);
      const off = await p.rest('POST', '/system/settings/modules/enable/', {
        token: user.token,
        body: { module: 'linker', enabled: false },
      });
      expect(off.status).toBe(200);
      expect(off.body.data.enabled_modules).not.toContain('linker');
      const read = await p.rest('GET', '/system/settings/modules/', { token: user.token });
      expect(read.body.data.enabled_modules).toEqual(off.body.data.enabled_modules);
      const on = await p.rest('POST', '/system/settings/modules/enable/', {
        token: user.token,
        body: { module: 'linker', enabled: true },
      });
      expect(on.body.data.enabled_modules).toContain('linker');
      expect(
        (await p.rest('POST', '/system/settings/modules/enable/', { body: { module: 'linker', enabled: true } }))
          .status,
      ).toBe(401);
    });

    it('answers ping and status without a credential, and lists plans and industries', async () => {
      const ping = await p.rest('GET', '/system/ping/');
      expect(ping).toMatchObject({ status: 200, body: { success: true, data: { status: 'ok' } } });
      const status = await p.rest('GET', '/system/status/');
      expect(status.status).toBe(200);
      expect(status.body.data).toMatchObject({ status: 'ok', database: 'ok', subgraphs: { system: { status: 'ok' } } });
      const plans = await p.rest('GET', '/auth/plans/');
      expect(plans.body.results.map((plan: { slug: string }) => plan.slug)).toEqual([
        'free',
        'starter',
        'growth',
        'scale',
      ]);
      expect(plans.body.results[0]).toMatchObject({
        price_cents: 0,
        included_credits: 100,
        max_sites: 1,
        max_users: 1,
        billing_cycle: 'monthly',
      });
      const industries = await p.rest('GET', '/auth/industries/');
      expect(industries.body.count).toBeGreaterThan(5);
      expect(industries.body.results[0].sectors.length).toBeGreaterThan(0);
    });

    it("answers the original's /auth/users/ and /auth/account/ with the team and the account", async () => {
      const users = await p.rest('GET', '/auth/users/', { token: owner.token });
      expect(users.status).toBe(200);
      expect(users.body).toMatchObject({ count: 1, results: [{ id: owner.userId }] });
      const account = await p.rest('GET', '/auth/account/', { token: owner.token });
      expect(account.status).toBe(200);
      expect(account.body.data).toEqual((await p.rest('GET', '/account/settings/', { token: owner.token })).body.data);
      expect((await p.rest('GET', '/auth/users/')).status).toBe(401);
    });

    it('answers an unknown endpoint with 404 in the envelope', async () => {
      const res = await p.rest('GET', '/auth/nothing-here/', { token: owner.token });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ success: false, error: expect.stringMatching(/No endpoint GET/) });
    });
  });
});
