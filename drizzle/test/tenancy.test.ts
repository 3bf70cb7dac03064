import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, plans, sites } from '../src/schema/system.js';
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
