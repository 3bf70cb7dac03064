// Plan limits hold under concurrent requests, and a refused or failed write leaves nothing behind.
import { accounts, sectors, sites, users } from '@igny8/db/system';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAccountPlan } from '../src/server.js';
import { PASSWORD, registerOwner, startTestSystem, type TestSystem, uniqueEmail } from './harness.js';

const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name sectors { name } } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { account { id slug } } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { member { id } } }`;

describe('system subgraph: plan limits and all-or-nothing writes', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(() => sys.close());

  // The operator's own plan change, as billing will call it.
  const setPlan = (accountId: string, slug: string) => setAccountPlan(sys.server.services, accountId, slug);
  const countOf = (table: typeof sites | typeof sectors | typeof users, accountId: string) =>
    sys.database.system((tx) => tx.$count(table, eq(table.accountId, accountId)));

  it('allows the free plan one site and refuses the second with a message saying why', async () => {
    const owner = await registerOwner(sys);
    expect((await sys.gql(CREATE_SITE, { input: { name: 'First' } }, owner.token)).errors).toBeUndefined();
    const second = await sys.gql(CREATE_SITE, { input: { name: 'Second' } }, owner.token);
    expect(second.errors?.[0]).toMatchObject({
      message: 'Your Free plan allows 1 site: upgrade the plan or delete a site first.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await countOf(sites, owner.accountId)).toBe(1);
  });

  it('never exceeds the site limit when creations race', async () => {
    const owner = await registerOwner(sys);
    await setPlan(owner.accountId, 'growth');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => sys.gql(CREATE_SITE, { input: { name: `Racer ${i}` } }, owner.token)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'FORBIDDEN')).toHaveLength(3);
    expect(await countOf(sites, owner.accountId)).toBe(3);
  });

  it('never exceeds the seat limit when invitations race', async () => {
    const owner = await registerOwner(sys);
    await setPlan(owner.accountId, 'growth');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        sys.gql(INVITE, { input: { email: uniqueEmail(), role: 'VIEWER' } }, owner.token),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(2);
    expect(await countOf(users, owner.accountId)).toBe(3);
  });

  it('refuses duplicate sector names as bad input on the sectors field, and keeps no site', async () => {
    const owner = await registerOwner(sys);
    const res = await sys.gql(CREATE_SITE, { input: { name: 'Twins', sectors: ['Roses', 'roses'] } }, owner.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { sectors: [expect.any(String)] },
    });
    expect(await countOf(sites, owner.accountId)).toBe(0);
    expect(await countOf(sectors, owner.accountId)).toBe(0);
  });

  it('keeps no site when one of its sectors is refused', async () => {
    const owner = await registerOwner(sys);
    for (const bad of [
      ['Fine', 'x'.repeat(121)],
      ['Fine', '   '],
      ['1', '2', '3', '4', '5', '6'],
    ]) {
      const res = await sys.gql(CREATE_SITE, { input: { name: 'Half', sectors: bad } }, owner.token);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.fields).toHaveProperty(bad.length > 5 ? 'sectors' : 'sectors.1');
    }
    expect(await countOf(sites, owner.accountId)).toBe(0);
    expect(await countOf(sectors, owner.accountId)).toBe(0);
  });

  it('rolls back the site when its second sector fails in the database mid-way', async () => {
    const owner = await registerOwner(sys);
    // A failure the application cannot foresee (here a test trigger standing in for a lost
    // connection or a constraint): the site and first sector written before it must go too.
    const marker = `explode-${process.pid}-${Date.now()}`;
    const trigger = sql.raw(`test_fail_sector_${process.pid}`);
    await sys.database.db.execute(sql`
      create or replace function system.${trigger}() returns trigger language plpgsql as $$
      begin
        if new.name = ${sql.raw(`'${marker}'`)} then raise exception 'simulated failure'; end if;
        return new;
      end $$`);
    await sys.database.db.execute(
      sql`create trigger ${trigger} before insert on system.sectors for each row execute function system.${trigger}()`,
    );
    try {
      const res = await sys.gql(CREATE_SITE, { input: { name: 'Doomed', sectors: ['Fine', marker] } }, owner.token);
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(res.errors?.[0]?.message).not.toMatch(/simulated|sectors|insert/);
      expect(await countOf(sites, owner.accountId)).toBe(0);
      expect(await countOf(sectors, owner.accountId)).toBe(0);
    } finally {
      await sys.database.db.execute(sql`drop trigger if exists ${trigger} on system.sectors`);
      await sys.database.db.execute(sql`drop function if exists system.${trigger}()`);
    }
  });

  it('creates exactly one account when the same e-mail registers twice at once', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        sys.gql(REGISTER, { input: { email, password: PASSWORD, name: 'Racer', accountName: 'Race Co' } }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const lost of results.filter((r) => r.errors)) {
      expect(lost.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: { email: [expect.any(String)] } });
    }
    const owned = await sys.database.system((tx) => tx.$count(accounts, eq(accounts.billingEmail, email)));
    expect(owned).toBe(1);
  });

  it('registers people racing with the same agency name, each under its own slug', async () => {
    const name = `Same Name ${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        sys.gql(REGISTER, { input: { email: uniqueEmail(), password: PASSWORD, name: 'Twin', accountName: name } }),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const slugs = new Set(results.map((r) => r.data.register.account.slug));
    expect(slugs.size).toBe(3);
  });

  it('leaves no account behind when registration is refused', async () => {
    const email = uniqueEmail('refused');
    const res = await sys.gql(REGISTER, { input: { email, password: 'weak', name: 'Nope', accountName: 'Nope Co' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const left = await sys.database.system(async (tx) => ({
      accounts: await tx.$count(accounts, eq(accounts.billingEmail, email)),
      users: await tx.$count(users, sql`lower(${users.email}) = lower(${email})`),
    }));
    expect(left).toEqual({ accounts: 0, users: 0 });
  });
});
