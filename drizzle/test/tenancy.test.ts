import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/query.js';
import { BILLING_TENANT_TABLES, creditTransactions } from '../src/schema/billing.js';
import { JOB_TENANT_TABLES } from '../src/schema/jobs.js';
import { PLANNER_TENANT_TABLES } from '../src/schema/planner.js';
import { accounts, plans, sites, TENANT_TABLES } from '../src/schema/system.js';
import { WRITER_TENANT_TABLES } from '../src/schema/writer.js';
import { openTestDatabase, type TestDatabase } from '../src/testing.js';

interface DiscoveredTable {
  name: string;
  enabled: boolean;
  forced: boolean;
  tenant_policies: number;
  primary_key: string[] | null;
  unique_without_account: string[];
  foreign_without_account: string[];
}

/**
 * Unique indexes that are global on purpose: a row is found by them before its account is known
 * (sign-in by e-mail, a token or API-key lookup, an entity reference by id across subgraphs).
 */
const GLOBAL_LOOKUPS = new Set([
  'users_id',
  'users_email_lower',
  'users_invite_token',
  'refresh_tokens_hash',
  'password_resets_hash',
  'api_keys_prefix',
  'sites_id',
  'sectors_id',
  'jobs_id',
]);

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
      where c.relkind = 'r' and n.nspname in ('system', 'jobs', 'billing', 'planner', 'writer')`)) as unknown as
      | { rows: { name: string; enabled: boolean; forced: boolean }[] }
      | { name: string; enabled: boolean; forced: boolean }[];
    const list = Array.isArray(rows) ? rows : rows.rows;
    const protectedTables = new Set(list.filter((r) => r.enabled && r.forced).map((r) => r.name));
    const expected = [
      ...TENANT_TABLES.map((name) => `system.${name}`),
      ...JOB_TENANT_TABLES.map((name) => `jobs.${name}`),
      ...BILLING_TENANT_TABLES.map((name) => `billing.${name}`),
      ...PLANNER_TENANT_TABLES.map((name) => `planner.${name}`),
      ...WRITER_TENANT_TABLES.map((name) => `writer.${name}`),
    ];
    for (const name of expected) expect(protectedTables, name).toContain(name);
  });

  it('are every table with an account_id column, each forced under RLS, with its policies and (account_id, …) keys', async () => {
    // Found from the catalog, not from a list: a new subgraph's table that misses its RLS
    // migration, its policies or a tenant-leading key fails here.
    const tables = rowsOf<DiscoveredTable>(
      await t.database.db.execute(sql`
        select n.nspname || '.' || c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
          (select count(*)::int from pg_policies p
            where p.schemaname = n.nspname and p.tablename = c.relname and p.policyname = 'tenant_isolation'
              and p.roles = array['igny8_app']::name[] and p.cmd = 'ALL'
              and p.qual like '%account_id = %current_setting(''app.account_id''%'
              and p.with_check like '%account_id = %current_setting(''app.account_id''%') as tenant_policies,
          (select array_agg(a.attname::text order by k.ord) from pg_constraint con
            cross join unnest(con.conkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
            where con.conrelid = c.oid and con.contype = 'p') as primary_key,
          (select coalesce(array_agg(i.relname::text), '{}') from pg_index x join pg_class i on i.oid = x.indexrelid
            where x.indrelid = c.oid and x.indisunique and not x.indisprimary
              and not exists (select 1 from pg_attribute a
                where a.attrelid = c.oid and a.attname = 'account_id' and a.attnum = any(x.indkey::int2[]))) as unique_without_account,
          (select coalesce(array_agg(con.conname::text), '{}') from pg_constraint con
            where con.conrelid = c.oid and con.contype = 'f'
              and exists (select 1 from pg_attribute ra where ra.attrelid = con.confrelid and ra.attname = 'account_id')
              and not exists (select 1 from pg_attribute a
                where a.attrelid = c.oid and a.attname = 'account_id' and a.attnum = any(con.conkey))) as foreign_without_account
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema', 'pgboss')
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'account_id' and not a.attisdropped)
        order by 1`),
    );
    const names = tables.map((table) => table.name);
    // The discovery itself works: it finds every table the subgraphs declare as tenant tables
    // (but system.accounts, whose own id is the account: the test above holds it under RLS).
    const declared = [
      ...TENANT_TABLES.map((table) => `system.${table}`),
      ...JOB_TENANT_TABLES.map((table) => `jobs.${table}`),
      ...BILLING_TENANT_TABLES.map((table) => `billing.${table}`),
      ...PLANNER_TENANT_TABLES.map((table) => `planner.${table}`),
      ...WRITER_TENANT_TABLES.map((table) => `writer.${table}`),
    ].filter((name) => name !== 'system.accounts');
    for (const name of declared) expect(names).toContain(name);
    for (const table of tables) {
      expect({ table: table.name, enabled: table.enabled, forced: table.forced }).toEqual({
        table: table.name,
        enabled: true,
        forced: true,
      });
      expect(table.tenant_policies, `${table.name} has the tenant_isolation policy for igny8_app`).toBe(1);
      expect(table.primary_key?.[0], `${table.name}'s primary key starts with account_id`).toBe('account_id');
      expect(table.foreign_without_account, `${table.name}'s keys to tenant tables include account_id`).toEqual([]);
      const unexpected = table.unique_without_account.filter((index) => !GLOBAL_LOOKUPS.has(index));
      expect(unexpected, `${table.name}'s unique keys include account_id`).toEqual([]);
    }
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
