// An account's keywords: lists with filters, batched inserts that skip duplicates, bulk changes.
import { anyOf, containsPattern, facetCounts, newId, rowsOf, type Tx } from '@igny8/db';
import { type KeywordIntent, type KeywordStatus, keywords } from '@igny8/db/planner';
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';

export type KeywordRow = typeof keywords.$inferSelect;
export type NewKeyword = typeof keywords.$inferInsert;

export interface KeywordFilter {
  siteId?: string | null | undefined;
  sectorId?: string | null | undefined;
  statuses?: readonly KeywordStatus[] | null | undefined;
  intents?: readonly KeywordIntent[] | null | undefined;
  clusterId?: string | null | undefined;
  /** Only keywords in no cluster. */
  unclustered?: boolean | null | undefined;
  /** Only keywords in a cluster. */
  clustered?: boolean | null | undefined;
  sources?: readonly NonNullable<KeywordRow['source']>[] | null | undefined;
  volumeMin?: number | null | undefined;
  volumeMax?: number | null | undefined;
  difficultyMin?: number | null | undefined;
  difficultyMax?: number | null | undefined;
  search?: string | null | undefined;
  ids?: readonly string[] | null | undefined;
}

export const KEYWORD_ORDER_FIELDS = [
  'keyword',
  'volume',
  'difficulty',
  'cpc',
  'intent',
  'status',
  'createdAt',
  'updatedAt',
] as const;
export type KeywordOrderField = (typeof KEYWORD_ORDER_FIELDS)[number];

export interface KeywordOrder {
  field: KeywordOrderField;
  descending: boolean;
}

const orderColumns = {
  keyword: keywords.keyword,
  volume: keywords.volume,
  difficulty: keywords.difficulty,
  cpc: keywords.cpcCents,
  intent: keywords.intent,
  status: keywords.status,
  createdAt: keywords.createdAt,
  updatedAt: keywords.updatedAt,
} as const;

export function keywordWhere(accountId: string, f: KeywordFilter): SQL {
  const parts: SQL[] = [eq(keywords.accountId, accountId)];
  if (f.siteId) parts.push(eq(keywords.siteId, f.siteId));
  if (f.sectorId) parts.push(eq(keywords.sectorId, f.sectorId));
  if (f.statuses?.length) parts.push(inArray(keywords.status, [...f.statuses]));
  if (f.intents?.length) parts.push(inArray(keywords.intent, [...f.intents]));
  if (f.sources?.length) parts.push(inArray(keywords.source, [...f.sources]));
  if (f.clusterId) parts.push(eq(keywords.clusterId, f.clusterId));
  if (f.unclustered) parts.push(isNull(keywords.clusterId));
  if (f.clustered) parts.push(isNotNull(keywords.clusterId));
  if (f.volumeMin != null) parts.push(gte(keywords.volume, f.volumeMin));
  if (f.volumeMax != null) parts.push(lte(keywords.volume, f.volumeMax));
  if (f.difficultyMin != null) parts.push(gte(keywords.difficulty, f.difficultyMin));
  if (f.difficultyMax != null) parts.push(lte(keywords.difficulty, f.difficultyMax));
  if (f.search) parts.push(ilike(keywords.keyword, containsPattern(f.search)));
  if (f.ids) parts.push(inArray(keywords.id, [...f.ids]));
  return and(...parts)!;
}

export function listKeywords(
  tx: Tx,
  accountId: string,
  filter: KeywordFilter,
  order: KeywordOrder,
  page: { limit: number; offset: number },
): Promise<KeywordRow[]> {
  const column = orderColumns[order.field];
  // Unknown volumes and difficulties sort last either way: they are the least useful rows.
  const direction = order.descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  return tx
    .select()
    .from(keywords)
    .where(keywordWhere(accountId, filter))
    .orderBy(direction, asc(keywords.keyword), asc(keywords.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countKeywords(tx: Tx, accountId: string, filter: KeywordFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(keywords).where(keywordWhere(accountId, filter));
  return row?.n ?? 0;
}

/** The next `size` matching keywords after id `after` (id order): a page of an export or a scan. */
export function keywordsAfter(tx: Tx, accountId: string, filter: KeywordFilter, after: string | null, size: number) {
  const where = after ? and(keywordWhere(accountId, filter), gt(keywords.id, after))! : keywordWhere(accountId, filter);
  return tx.select().from(keywords).where(where).orderBy(asc(keywords.id)).limit(size);
}

export async function findKeyword(tx: Tx, accountId: string, id: string): Promise<KeywordRow | undefined> {
  const [row] = await tx
    .select()
    .from(keywords)
    .where(and(eq(keywords.accountId, accountId), eq(keywords.id, id)));
  return row;
}

export function findKeywordsByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<KeywordRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(keywords)
    .where(and(eq(keywords.accountId, accountId), anyOf(keywords.id, ids, 'uuid')));
}

export function findKeywordsOfClusters(
  tx: Tx,
  accountId: string,
  clusterIds: readonly string[],
): Promise<KeywordRow[]> {
  if (clusterIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(keywords)
    .where(and(eq(keywords.accountId, accountId), anyOf(keywords.clusterId, clusterIds, 'uuid')))
    .orderBy(desc(keywords.volume), asc(keywords.keyword));
}

/** Inserts the rows that are new for their site and sector; returns those (duplicates are skipped). */
export function insertKeywords(tx: Tx, rows: readonly NewKeyword[]): Promise<KeywordRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return tx
    .insert(keywords)
    .values([...rows])
    .onConflictDoNothing({ target: [keywords.accountId, keywords.siteId, keywords.sectorId, keywords.keyword] })
    .returning();
}

/**
 * Bulk import: inserts the rows that are new for their site and sector and returns how many were.
 * One array parameter per column (`unnest`), so a batch of thousands is one short statement that
 * PostgreSQL plans once, instead of a statement with a parameter per cell.
 */
export async function insertKeywordBatch(tx: Tx, rows: readonly NewKeyword[]): Promise<number> {
  if (rows.length === 0) return 0;
  // Each column is one array parameter (drizzle would spread a plain array into a list of parameters).
  const column = <T>(pick: (row: NewKeyword) => T) => sql.param(rows.map(pick));
  const result = await tx.execute(sql`
    with added as (
      insert into ${keywords} (account_id, id, site_id, sector_id, keyword, volume, difficulty, cpc_cents, intent,
        intent_confidence, intent_source, source, seed_keyword_id, country, language, created_by)
      select * from unnest(
        ${column((r) => r.accountId)}::uuid[], ${column((r) => r.id ?? newId())}::uuid[],
        ${column((r) => r.siteId)}::uuid[], ${column((r) => r.sectorId)}::uuid[], ${column((r) => r.keyword)}::text[],
        ${column((r) => r.volume ?? null)}::int[], ${column((r) => r.difficulty ?? null)}::int[],
        ${column((r) => r.cpcCents ?? null)}::int[], ${column((r) => r.intent)}::text[],
        ${column((r) => r.intentConfidence ?? 1)}::real[], ${column((r) => r.intentSource ?? 'rules')}::text[],
        ${column((r) => r.source ?? 'manual')}::text[], ${column((r) => r.seedKeywordId ?? null)}::uuid[],
        ${column((r) => r.country ?? null)}::text[], ${column((r) => r.language ?? null)}::text[],
        ${column((r) => r.createdBy ?? null)}::uuid[])
      on conflict (account_id, site_id, sector_id, keyword) do nothing
      returning 1)
    select count(*)::int as n from added`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/** Which of these normalised keywords the sector already has. */
export async function existingKeywords(
  tx: Tx,
  accountId: string,
  siteId: string,
  sectorId: string,
  texts: readonly string[],
): Promise<Set<string>> {
  if (texts.length === 0) return new Set();
  const rows = await tx
    .select({ keyword: keywords.keyword })
    .from(keywords)
    .where(
      and(
        eq(keywords.accountId, accountId),
        eq(keywords.siteId, siteId),
        eq(keywords.sectorId, sectorId),
        anyOf(keywords.keyword, texts, 'text'),
      ),
    );
  return new Set(rows.map((row) => row.keyword));
}

export async function countAccountKeywords(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(keywords).where(eq(keywords.accountId, accountId));
  return row?.n ?? 0;
}

export type KeywordChanges = Partial<
  Pick<
    KeywordRow,
    | 'keyword'
    | 'volume'
    | 'difficulty'
    | 'cpcCents'
    | 'intent'
    | 'intentConfidence'
    | 'intentSource'
    | 'status'
    | 'country'
    | 'language'
  >
>;

export async function updateKeyword(tx: Tx, accountId: string, id: string, changes: KeywordChanges) {
  const [row] = await tx
    .update(keywords)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(keywords.accountId, accountId), eq(keywords.id, id)))
    .returning();
  return row;
}

export function updateKeywords(
  tx: Tx,
  accountId: string,
  ids: readonly string[],
  changes: KeywordChanges & { clusterId?: string | null },
) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .update(keywords)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(keywords.accountId, accountId), anyOf(keywords.id, ids, 'uuid')))
    .returning();
}

/** Puts each keyword into its cluster (`clustered`), in one statement however many there are. */
export async function assignClusters(
  tx: Tx,
  accountId: string,
  assignments: readonly { keywordId: string; clusterId: string }[],
): Promise<void> {
  if (assignments.length === 0) return;
  await tx.execute(sql`
    update ${keywords} k set cluster_id = a.cluster_id, status = 'clustered', updated_at = now()
    from unnest(${sql.param(assignments.map((a) => a.keywordId))}::uuid[],
                ${sql.param(assignments.map((a) => a.clusterId))}::uuid[]) as a(keyword_id, cluster_id)
    where k.account_id = ${accountId} and k.id = a.keyword_id`);
}

/** Sets the intents the AI provider settled, in one statement. */
export async function setSettledIntents(
  tx: Tx,
  accountId: string,
  intents: ReadonlyMap<string, KeywordIntent>,
): Promise<void> {
  if (intents.size === 0) return;
  await tx.execute(sql`
    update ${keywords} k set intent = s.intent, intent_confidence = 1, intent_source = 'ai', updated_at = now()
    from unnest(${sql.param([...intents.keys()])}::uuid[], ${sql.param([...intents.values()])}::text[]) as s(id, intent)
    where k.account_id = ${accountId} and k.id = s.id`);
}

/** Deletes the keywords; returns the deleted rows (their clusters' numbers need refreshing). */
export function deleteKeywords(tx: Tx, accountId: string, ids: readonly string[]): Promise<KeywordRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .delete(keywords)
    .where(and(eq(keywords.accountId, accountId), anyOf(keywords.id, ids, 'uuid')))
    .returning();
}

/** Takes every keyword out of these clusters (back to `new`). */
export function releaseClusterKeywords(tx: Tx, accountId: string, clusterIds: readonly string[]) {
  if (clusterIds.length === 0) return Promise.resolve([]);
  return tx
    .update(keywords)
    .set({ clusterId: null, status: 'new', updatedAt: new Date() })
    .where(and(eq(keywords.accountId, accountId), anyOf(keywords.clusterId, clusterIds, 'uuid')))
    .returning({ id: keywords.id });
}

/** Serialises changes to an account's keyword count (plan limits) until the transaction ends. */
export async function lockAccountKeywords(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`planner.keywords:${accountId}`}, 0))`);
}

/** The filter without one facet's own condition: a facet's options are what the *other* filters leave. */
const keywordFilterWithout = (f: KeywordFilter, facet: 'status' | 'intent' | 'source' | 'cluster'): KeywordFilter => {
  if (facet === 'status') return { ...f, statuses: null };
  if (facet === 'intent') return { ...f, intents: null };
  if (facet === 'source') return { ...f, sources: null };
  return { ...f, clusterId: null, unclustered: null, clustered: null };
};

/** How many matching keywords have each status, intent, source and cluster (null: in none), in one statement. */
export function keywordFacetCounts(tx: Tx, accountId: string, filter: KeywordFilter) {
  const where = (facet: Parameters<typeof keywordFilterWithout>[1]) =>
    keywordWhere(accountId, keywordFilterWithout(filter, facet));
  return facetCounts(tx, keywords, {
    status: { column: keywords.status, where: where('status') },
    intent: { column: keywords.intent, where: where('intent') },
    source: { column: keywords.source, where: where('source') },
    cluster: { column: keywords.clusterId, where: where('cluster') },
  });
}

export interface KeywordSectorStatsRow {
  siteId: string;
  sectorId: string;
  total: number;
  /** In a cluster. */
  clustered: number;
  /** In no cluster and not archived: what auto-cluster would take. */
  unclustered: number;
  statusNew: number;
  statusClustered: number;
  statusMapped: number;
  statusArchived: number;
  informational: number;
  commercial: number;
  transactional: number;
  navigational: number;
  clusters: number;
  totalVolume: number;
  avgVolume: number | null;
  avgDifficulty: number | null;
}

/** Per sector (of one site, or of every site), what its keywords add up to: one statement. */
export function keywordSectorStats(
  tx: Tx,
  accountId: string,
  siteId: string | undefined,
): Promise<KeywordSectorStatsRow[]> {
  const k = keywords;
  const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::integer`;
  return tx
    .select({
      siteId: k.siteId,
      sectorId: k.sectorId,
      total: sql<number>`count(*)::integer`,
      clustered: countWhere(sql`${k.clusterId} is not null`),
      unclustered: countWhere(sql`${k.clusterId} is null and ${k.status} <> 'archived'`),
      statusNew: countWhere(sql`${k.status} = 'new'`),
      statusClustered: countWhere(sql`${k.status} = 'clustered'`),
      statusMapped: countWhere(sql`${k.status} = 'mapped'`),
      statusArchived: countWhere(sql`${k.status} = 'archived'`),
      informational: countWhere(sql`${k.intent} = 'informational'`),
      commercial: countWhere(sql`${k.intent} = 'commercial'`),
      transactional: countWhere(sql`${k.intent} = 'transactional'`),
      navigational: countWhere(sql`${k.intent} = 'navigational'`),
      clusters: sql<number>`(count(distinct ${k.clusterId}))::integer`,
      totalVolume: sql<number>`(coalesce(sum(${k.volume}), 0))::integer`,
      avgVolume: sql<number | null>`(round(avg(${k.volume})))::integer`,
      avgDifficulty: sql<number | null>`(round(avg(${k.difficulty})))::integer`,
    })
    .from(k)
    .where(siteId ? and(eq(k.accountId, accountId), eq(k.siteId, siteId)) : eq(k.accountId, accountId))
    .groupBy(k.siteId, k.sectorId)
    .orderBy(asc(k.siteId), asc(k.sectorId));
}
