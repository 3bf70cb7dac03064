// Accounts, their subscription and the global plan / industry catalogue.
import type { Tx } from '@igny8/db';
import { accounts, industries, industrySectors, type Module, plans, subscriptions } from '@igny8/db/system';
import { and, asc, eq, inArray } from 'drizzle-orm';

export type AccountRow = typeof accounts.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type IndustryRow = typeof industries.$inferSelect;
export type IndustrySectorRow = typeof industrySectors.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;

export async function insertAccount(tx: Tx, values: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [row] = await tx.insert(accounts).values(values).returning();
  return row!;
}

/** Inserts the account unless its slug is taken (then undefined), without failing the transaction. */
export async function insertAccountIfSlugFree(
  tx: Tx,
  values: typeof accounts.$inferInsert,
): Promise<AccountRow | undefined> {
  const [row] = await tx.insert(accounts).values(values).onConflictDoNothing({ target: accounts.slug }).returning();
  return row;
}

export async function findAccount(tx: Tx, accountId: string): Promise<AccountRow | undefined> {
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
  return row;
}

/** Locks the account row: plan-limit checks (sites, seats) run under it. */
export async function lockAccount(tx: Tx, accountId: string): Promise<AccountRow | undefined> {
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
  return row;
}

export type AccountChanges = Partial<
  Pick<AccountRow, 'name' | 'timezone' | 'billingEmail' | 'billingAddress' | 'taxId' | 'enabledModules' | 'planId'>
>;

export async function updateAccount(tx: Tx, accountId: string, changes: AccountChanges): Promise<AccountRow> {
  const [row] = await tx.update(accounts).set(changes).where(eq(accounts.id, accountId)).returning();
  return row!;
}

export async function setEnabledModules(tx: Tx, accountId: string, modules: Module[]): Promise<AccountRow> {
  return updateAccount(tx, accountId, { enabledModules: modules });
}

export async function insertSubscription(tx: Tx, values: typeof subscriptions.$inferInsert): Promise<SubscriptionRow> {
  const [row] = await tx.insert(subscriptions).values(values).returning();
  return row!;
}

export async function findSubscription(tx: Tx, accountId: string): Promise<SubscriptionRow | undefined> {
  const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.accountId, accountId));
  return row;
}

export async function setSubscriptionPlan(tx: Tx, accountId: string, planId: string): Promise<void> {
  await tx.update(subscriptions).set({ planId }).where(eq(subscriptions.accountId, accountId));
}

export async function findPlanBySlug(tx: Tx, slug: string): Promise<PlanRow | undefined> {
  const [row] = await tx.select().from(plans).where(eq(plans.slug, slug));
  return row;
}

export async function findPlansByIds(tx: Tx, ids: readonly string[]): Promise<PlanRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(plans)
    .where(inArray(plans.id, [...ids]));
}

export async function listPlans(tx: Tx, includeInternal: boolean): Promise<PlanRow[]> {
  const where = includeInternal ? eq(plans.isActive, true) : and(eq(plans.isActive, true), eq(plans.isInternal, false));
  return tx.select().from(plans).where(where).orderBy(asc(plans.sortOrder));
}

export async function upsertPlan(tx: Tx, values: typeof plans.$inferInsert): Promise<void> {
  const { slug: _slug, ...changes } = values;
  await tx.insert(plans).values(values).onConflictDoUpdate({ target: plans.slug, set: changes });
}

export async function listIndustries(tx: Tx): Promise<IndustryRow[]> {
  return tx.select().from(industries).where(eq(industries.isActive, true)).orderBy(asc(industries.name));
}

export async function findIndustriesByIds(tx: Tx, ids: readonly string[]): Promise<IndustryRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(industries)
    .where(inArray(industries.id, [...ids]));
}

export async function listIndustrySectors(tx: Tx, industryIds: readonly string[]): Promise<IndustrySectorRow[]> {
  if (industryIds.length === 0) return [];
  return tx
    .select()
    .from(industrySectors)
    .where(inArray(industrySectors.industryId, [...industryIds]))
    .orderBy(asc(industrySectors.name));
}

export async function findIndustrySectorsByIds(tx: Tx, ids: readonly string[]): Promise<IndustrySectorRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(industrySectors)
    .where(inArray(industrySectors.id, [...ids]));
}

export async function findIndustrySector(tx: Tx, id: string): Promise<IndustrySectorRow | undefined> {
  const [row] = await tx.select().from(industrySectors).where(eq(industrySectors.id, id));
  return row;
}

export async function upsertIndustry(
  tx: Tx,
  industry: { slug: string; name: string; description: string },
  sectors: { slug: string; name: string; description: string }[],
): Promise<void> {
  const [row] = await tx
    .insert(industries)
    .values(industry)
    .onConflictDoUpdate({
      target: industries.slug,
      set: { name: industry.name, description: industry.description },
    })
    .returning({ id: industries.id });
  for (const sector of sectors) {
    await tx
      .insert(industrySectors)
      .values({ ...sector, industryId: row!.id })
      .onConflictDoUpdate({
        target: [industrySectors.industryId, industrySectors.slug],
        set: { name: sector.name, description: sector.description },
      });
  }
}
