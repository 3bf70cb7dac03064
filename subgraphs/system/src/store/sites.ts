// Sites and their sectors.
import { containsPattern, type Tx } from '@igny8/db';
import { sectors, sites } from '@igny8/db/system';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';

export type SiteRow = typeof sites.$inferSelect;
export type SectorRow = typeof sectors.$inferSelect;

export interface SiteListQuery {
  search?: string | undefined;
  isActive?: boolean | undefined;
  orderBy: 'name' | 'createdAt';
  descending: boolean;
  limit: number;
  offset: number;
}

function siteFilter(accountId: string, q: Pick<SiteListQuery, 'search' | 'isActive'>): SQL {
  const parts: SQL[] = [eq(sites.accountId, accountId)];
  if (q.search) {
    const pattern = containsPattern(q.search);
    parts.push(or(ilike(sites.name, pattern), ilike(sites.domain, pattern))!);
  }
  if (q.isActive !== undefined) parts.push(eq(sites.isActive, q.isActive));
  return and(...parts)!;
}

export async function listSites(tx: Tx, accountId: string, q: SiteListQuery): Promise<SiteRow[]> {
  const column = q.orderBy === 'name' ? sites.name : sites.createdAt;
  return tx
    .select()
    .from(sites)
    .where(siteFilter(accountId, q))
    .orderBy(q.descending ? desc(column) : asc(column), asc(sites.id))
    .limit(q.limit)
    .offset(q.offset);
}

export async function countSites(tx: Tx, accountId: string, q: Pick<SiteListQuery, 'search' | 'isActive'> = {}) {
  const [row] = await tx.select({ n: count() }).from(sites).where(siteFilter(accountId, q));
  return row?.n ?? 0;
}

export async function findSite(tx: Tx, accountId: string, id: string): Promise<SiteRow | undefined> {
  const [row] = await tx
    .select()
    .from(sites)
    .where(and(eq(sites.accountId, accountId), eq(sites.id, id)));
  return row;
}

/** Locks the site row: sector counts are checked under it. */
export async function lockSite(tx: Tx, accountId: string, id: string): Promise<SiteRow | undefined> {
  const [row] = await tx
    .select()
    .from(sites)
    .where(and(eq(sites.accountId, accountId), eq(sites.id, id)))
    .for('update');
  return row;
}

export async function findSitesByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<SiteRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(sites)
    .where(and(eq(sites.accountId, accountId), inArray(sites.id, [...ids])));
}

export async function insertSite(tx: Tx, values: typeof sites.$inferInsert): Promise<SiteRow> {
  const [row] = await tx.insert(sites).values(values).returning();
  return row!;
}

export type SiteChanges = Partial<
  Pick<SiteRow, 'name' | 'domain' | 'industryId' | 'language' | 'timezone' | 'isActive'>
>;

export async function updateSite(tx: Tx, accountId: string, id: string, changes: SiteChanges) {
  const [row] = await tx
    .update(sites)
    .set(changes)
    .where(and(eq(sites.accountId, accountId), eq(sites.id, id)))
    .returning();
  return row;
}

export async function deleteSite(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(sites)
    .where(and(eq(sites.accountId, accountId), eq(sites.id, id)))
    .returning({ id: sites.id });
  return rows.length > 0;
}

export async function listSectors(tx: Tx, accountId: string, siteIds: readonly string[]): Promise<SectorRow[]> {
  if (siteIds.length === 0) return [];
  return (
    tx
      .select()
      .from(sectors)
      .where(and(eq(sectors.accountId, accountId), inArray(sectors.siteId, [...siteIds])))
      // Sectors made with their site share one transaction timestamp; the UUIDv7 keeps their order.
      .orderBy(asc(sectors.createdAt), asc(sectors.id))
  );
}

export async function countSectors(tx: Tx, accountId: string, siteId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(sectors)
    .where(and(eq(sectors.accountId, accountId), eq(sectors.siteId, siteId)));
  return row?.n ?? 0;
}

export async function findSector(tx: Tx, accountId: string, id: string): Promise<SectorRow | undefined> {
  const [row] = await tx
    .select()
    .from(sectors)
    .where(and(eq(sectors.accountId, accountId), eq(sectors.id, id)));
  return row;
}

export async function findSectorsByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<SectorRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(sectors)
    .where(and(eq(sectors.accountId, accountId), inArray(sectors.id, [...ids])));
}

export async function insertSector(tx: Tx, values: typeof sectors.$inferInsert): Promise<SectorRow> {
  const [row] = await tx.insert(sectors).values(values).returning();
  return row!;
}

export type SectorChanges = Partial<Pick<SectorRow, 'name' | 'industrySectorId' | 'isActive'>>;

export async function updateSector(tx: Tx, accountId: string, id: string, changes: SectorChanges) {
  const [row] = await tx
    .update(sectors)
    .set(changes)
    .where(and(eq(sectors.accountId, accountId), eq(sectors.id, id)))
    .returning();
  return row;
}

export async function deleteSector(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(sectors)
    .where(and(eq(sectors.accountId, accountId), eq(sectors.id, id)))
    .returning({ id: sectors.id });
  return rows.length > 0;
}
