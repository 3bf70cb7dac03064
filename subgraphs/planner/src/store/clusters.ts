// An account's clusters, and the numbers kept in step with their keywords.
import { anyOf, containsPattern, facetCounts, type Tx } from '@igny8/db';
import { type ClusterStatus, clusters, type KeywordIntent, keywords } from '@igny8/db/planner';
import { and, asc, count, desc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';

export type ClusterRow = typeof clusters.$inferSelect;
export type NewCluster = typeof clusters.$inferInsert;

export interface ClusterFilter {
  siteId?: string | null | undefined;
  sectorId?: string | null | undefined;
  statuses?: readonly ClusterStatus[] | null | undefined;
  intents?: readonly KeywordIntent[] | null | undefined;
  search?: string | null | undefined;
  ids?: readonly string[] | null | undefined;
}

export const CLUSTER_ORDER_FIELDS = [
  'name',
  'keywordsCount',
  'totalVolume',
  'avgDifficulty',
  'status',
  'createdAt',
  'updatedAt',
] as const;
export type ClusterOrderField = (typeof CLUSTER_ORDER_FIELDS)[number];

const orderColumns = {
  name: clusters.name,
  keywordsCount: clusters.keywordsCount,
  totalVolume: clusters.totalVolume,
  avgDifficulty: clusters.avgDifficulty,
  status: clusters.status,
  createdAt: clusters.createdAt,
  updatedAt: clusters.updatedAt,
} as const;

export function clusterWhere(accountId: string, f: ClusterFilter): SQL {
  const parts: SQL[] = [eq(clusters.accountId, accountId)];
  if (f.siteId) parts.push(eq(clusters.siteId, f.siteId));
  if (f.sectorId) parts.push(eq(clusters.sectorId, f.sectorId));
  if (f.statuses?.length) parts.push(inArray(clusters.status, [...f.statuses]));
  if (f.intents?.length) parts.push(inArray(clusters.intent, [...f.intents]));
  if (f.search) {
    const pattern = containsPattern(f.search);
    parts.push(or(ilike(clusters.name, pattern), ilike(clusters.description, pattern))!);
  }
  if (f.ids) parts.push(inArray(clusters.id, [...f.ids]));
  return and(...parts)!;
}

/** How many matching clusters have each status and intent (each under the other filters only), in one statement. */
export function clusterFacetCounts(tx: Tx, accountId: string, filter: ClusterFilter) {
  return facetCounts(tx, clusters, {
    status: { column: clusters.status, where: clusterWhere(accountId, { ...filter, statuses: null }) },
    intent: { column: clusters.intent, where: clusterWhere(accountId, { ...filter, intents: null }) },
  });
}

export function listClusters(
  tx: Tx,
  accountId: string,
  filter: ClusterFilter,
  order: { field: ClusterOrderField; descending: boolean },
  page: { limit: number; offset: number },
): Promise<ClusterRow[]> {
  const column = orderColumns[order.field];
  const direction = order.descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  return tx
    .select()
    .from(clusters)
    .where(clusterWhere(accountId, filter))
    .orderBy(direction, asc(clusters.name), asc(clusters.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** The next `size` matching clusters after id `after` (id order): a page of an export. */
export function clustersAfter(tx: Tx, accountId: string, filter: ClusterFilter, after: string | null, size: number) {
  const where = after ? and(clusterWhere(accountId, filter), gt(clusters.id, after))! : clusterWhere(accountId, filter);
  return tx.select().from(clusters).where(where).orderBy(asc(clusters.id)).limit(size);
}

export async function countClusters(tx: Tx, accountId: string, filter: ClusterFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(clusters).where(clusterWhere(accountId, filter));
  return row?.n ?? 0;
}

export async function findCluster(tx: Tx, accountId: string, id: string): Promise<ClusterRow | undefined> {
  const [row] = await tx
    .select()
    .from(clusters)
    .where(and(eq(clusters.accountId, accountId), eq(clusters.id, id)));
  return row;
}

/** The clusters a clustering job made. */
export function findClustersOfJob(tx: Tx, accountId: string, jobId: string): Promise<ClusterRow[]> {
  return tx
    .select()
    .from(clusters)
    .where(and(eq(clusters.accountId, accountId), eq(clusters.jobId, jobId)))
    .orderBy(desc(clusters.totalVolume), asc(clusters.name));
}

export function findClustersByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<ClusterRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(clusters)
    .where(and(eq(clusters.accountId, accountId), anyOf(clusters.id, ids, 'uuid')));
}

/** The names already taken in a sector, lower-cased (new clusters get a free one). */
export async function clusterNamesOf(
  tx: Tx,
  accountId: string,
  siteId: string,
  sectorId: string,
): Promise<Set<string>> {
  const rows = await tx
    .select({ name: clusters.name })
    .from(clusters)
    .where(and(eq(clusters.accountId, accountId), eq(clusters.siteId, siteId), eq(clusters.sectorId, sectorId)));
  return new Set(rows.map((row) => row.name.toLowerCase()));
}

/** Inserts clusters, a thousand per statement (a job can make thousands; a statement takes 65,535 parameters). */
export async function insertClusters(tx: Tx, rows: readonly NewCluster[]): Promise<ClusterRow[]> {
  const inserted: ClusterRow[] = [];
  for (let at = 0; at < rows.length; at += 1_000) {
    inserted.push(
      ...(await tx
        .insert(clusters)
        .values(rows.slice(at, at + 1_000))
        .returning()),
    );
  }
  return inserted;
}

export type ClusterChanges = Partial<Pick<ClusterRow, 'name' | 'description' | 'status' | 'contextType'>>;

export async function updateCluster(tx: Tx, accountId: string, id: string, changes: ClusterChanges) {
  const [row] = await tx
    .update(clusters)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(clusters.accountId, accountId), eq(clusters.id, id)))
    .returning();
  return row;
}

export function setClustersStatus(tx: Tx, accountId: string, ids: readonly string[], status: ClusterStatus) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .update(clusters)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(clusters.accountId, accountId), anyOf(clusters.id, ids, 'uuid')))
    .returning();
}

export function deleteClusters(tx: Tx, accountId: string, ids: readonly string[]): Promise<ClusterRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .delete(clusters)
    .where(and(eq(clusters.accountId, accountId), anyOf(clusters.id, ids, 'uuid')))
    .returning();
}

/**
 * Recomputes the keyword count, total volume, average difficulty and dominant intent (by keyword
 * count, then volume) of these clusters from their keywords, in one statement.
 */
export async function refreshClusterStats(tx: Tx, accountId: string, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  await tx.execute(sql`
    update ${clusters} c set
      keywords_count = coalesce(s.n, 0),
      total_volume = coalesce(s.volume, 0),
      avg_difficulty = s.difficulty,
      intent = s.intent,
      updated_at = now()
    from (select id from unnest(${sql.param(unique)}::uuid[]) as id) wanted
    left join lateral (
      select count(*)::int as n,
             coalesce(sum(k.volume), 0)::int as volume,
             avg(k.difficulty)::real as difficulty,
             (select k2.intent from ${keywords} k2
               where k2.account_id = ${accountId} and k2.cluster_id = wanted.id
               group by k2.intent order by count(*) desc, sum(coalesce(k2.volume, 0)) desc, k2.intent limit 1) as intent
      from ${keywords} k where k.account_id = ${accountId} and k.cluster_id = wanted.id
    ) s on true
    where c.account_id = ${accountId} and c.id = wanted.id`);
}
