import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BILLING_TENANT_TABLES, creditTransactions } from '../src/schema/billing.js';
import { JOB_TENANT_TABLES } from '../src/schema/jobs.js';
import { PLANNER_TENANT_TABLES } from '../src/schema/planner.js';
import { accounts, plans, sites, TENANT_TABLES } from '../src/schema/system.js';
import { openTestDatabase, type TestDatabase } from '../src/testing.js';

describe('row-level security', () => {
  let t: TestDatabase;
  const ids = { a: '', b: '' };

  beforeAll(async () => {
    t = await openTestDatabase();
    const { database } = t;
    await database.system(async (tx) => {
      const [plan] = await tx
        .insert(plans)
        .values({
          slug: `rls-${Date.now()}`,
          name: 'RLS',
          priceCents: 0,
          includedCredits: 0,
          maxSites: 1,
          maxUsers: 1,
          maxKeywords: 1,
          maxAuthorProfiles: 1,
          // Not on sale: suites share one PostgreSQL database, and others list the plans.
          isActive: false,
          isInternal: true,
        })
        .returning();
      const rows = await tx
        .insert(accounts)
        .values([
          { name: 'A', slug: `a-${plan!.id}`, planId: plan!.id },
          { name: 'B', slug: `b-${plan!.id}`, planId: plan!.id },
        ])
        .returning();
      ids.a = rows[0]!.id;
      ids.b = rows[1]!.id;
    });
    await database.tenant(ids.a, (tx) => tx.insert(sites).values({ accountId: ids.a, name: 'Site of A' }));
  });
  afterAll(() => t.close());

  it('shows an account only its own rows even when the query forgets the filter', async () => {
    const seenByB = await t.database.tenant(ids.b, (tx) => tx.select().from(sites));
    expect(seenByB).toEqual([]);
    const seenByA = await t.database.tenant(ids.a, (tx) => tx.select().from(sites));
    expect(seenByA.map((s) => s.name)).toEqual(['Site of A']);
  });

  it('refuses to write a row into another account', async () => {
    await expect(
      t.database.tenant(ids.b, (tx) => tx.insert(sites).values({ accountId: ids.a, name: 'planted' })),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } });
  });

  it('cannot change or delete another account’s rows', async () => {
    const updated = await t.database.tenant(ids.b, (tx) => tx.update(sites).set({ name: 'hijacked' }).returning());
    expect(updated).toEqual([]);
    const deleted = await t.database.tenant(ids.b, (tx) => tx.delete(sites).returning());
    expect(deleted).toEqual([]);
    const stillThere = await t.database.tenant(ids.a, (tx) => tx.select().from(sites));
    expect(stillThere.map((s) => s.name)).toEqual(['Site of A']);
  });

  it('shows nothing to the tenant role when no account is set', async () => {
    const rows = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local role igny8_app`);
      return tx.select().from(sites);
    });
    expect(rows).toEqual([]);
  });
});

describe('tenant tables of every schema', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  it('have row-level security enabled and forced', async () => {
    const rows = (await t.database.db.execute(sql`
      select n.nspname || '.' || c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname in ('system', 'jobs', 'billing', 'planner')`)) as unknown as
      | { rows: { name: string; enabled: boolean; forced: boolean }[] }
      | { name: string; enabled: boolean; forced: boolean }[];
    const list = Array.isArray(rows) ? rows : rows.rows;
    const protectedTables = new Set(list.filter((r) => r.enabled && r.forced).map((r) => r.name));
    const expected = [
      ...TENANT_TABLES.map((name) => `system.${name}`),
      ...JOB_TENANT_TABLES.map((name) => `jobs.${name}`),
      ...BILLING_TENANT_TABLES.map((name) => `billing.${name}`),
      ...PLANNER_TENANT_TABLES.map((name) => `planner.${name}`),
    ];
    for (const name of expected) expect(protectedTables, name).toContain(name);
  });

  it('keep the credit ledger append-only for the application', async () => {
    const accountId = '01900000-0000-7000-8000-00000000a11e';
    await t.database.tenant(accountId, (tx) =>
      tx.insert(creditTransactions).values({
        accountId,
        type: 'adjustment',
        amount: 5,
        balanceAfter: 5,
        description: 'test entry',
      }),
    );
    await expect(
      t.database.tenant(accountId, (tx) => tx.update(creditTransactions).set({ amount: 500 })),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/permission denied/) } });
    await expect(t.database.tenant(accountId, (tx) => tx.delete(creditTransactions))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/permission denied/) },
    });
  });
});
