// An account's content ideas.
import { anyOf, containsPattern, facetCounts, type Tx } from '@igny8/db';
import { type ContentType, contentIdeas, type IdeaStatus } from '@igny8/db/planner';
import { and, asc, count, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';

export type IdeaRow = typeof contentIdeas.$inferSelect;
export type NewIdea = typeof contentIdeas.$inferInsert;

export interface IdeaFilter {
  siteId?: string | null | undefined;
  sectorId?: string | null | undefined;
  clusterId?: string | null | undefined;
  statuses?: readonly IdeaStatus[] | null | undefined;
  contentTypes?: readonly ContentType[] | null | undefined;
  jobId?: string | null | undefined;
  search?: string | null | undefined;
  ids?: readonly string[] | null | undefined;
}

export const IDEA_ORDER_FIELDS = [
  'title',
  'contentType',
  'estimatedWordCount',
  'status',
  'createdAt',
  'updatedAt',
] as const;
export type IdeaOrderField = (typeof IDEA_ORDER_FIELDS)[number];

const orderColumns = {
  title: contentIdeas.title,
  contentType: contentIdeas.contentType,
  estimatedWordCount: contentIdeas.estimatedWordCount,
  status: contentIdeas.status,
  createdAt: contentIdeas.createdAt,
  updatedAt: contentIdeas.updatedAt,
} as const;

export function ideaWhere(accountId: string, f: IdeaFilter): SQL {
  const parts: SQL[] = [eq(contentIdeas.accountId, accountId)];
  if (f.siteId) parts.push(eq(contentIdeas.siteId, f.siteId));
  if (f.sectorId) parts.push(eq(contentIdeas.sectorId, f.sectorId));
  if (f.clusterId) parts.push(eq(contentIdeas.clusterId, f.clusterId));
  if (f.jobId) parts.push(eq(contentIdeas.jobId, f.jobId));
  if (f.statuses?.length) parts.push(inArray(contentIdeas.status, [...f.statuses]));
  if (f.contentTypes?.length) parts.push(inArray(contentIdeas.contentType, [...f.contentTypes]));
  if (f.search) {
    const pattern = containsPattern(f.search);
    parts.push(or(ilike(contentIdeas.title, pattern), ilike(contentIdeas.description, pattern))!);
  }
  if (f.ids) parts.push(inArray(contentIdeas.id, [...f.ids]));
  return and(...parts)!;
}

/** How many matching ideas have each status and content type (each under the other filters only), in one statement. */
export function ideaFacetCounts(tx: Tx, accountId: string, filter: IdeaFilter) {
  return facetCounts(tx, contentIdeas, {
    status: { column: contentIdeas.status, where: ideaWhere(accountId, { ...filter, statuses: null }) },
    contentType: { column: contentIdeas.contentType, where: ideaWhere(accountId, { ...filter, contentTypes: null }) },
  });
}

export function listIdeas(
  tx: Tx,
  accountId: string,
  filter: IdeaFilter,
  order: { field: IdeaOrderField; descending: boolean },
  page: { limit: number; offset: number },
): Promise<IdeaRow[]> {
  const column = orderColumns[order.field];
  const direction = order.descending ? sql`${column} desc` : sql`${column} asc`;
  return tx
    .select()
    .from(contentIdeas)
    .where(ideaWhere(accountId, filter))
    .orderBy(direction, asc(contentIdeas.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countIdeas(tx: Tx, accountId: string, filter: IdeaFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(contentIdeas).where(ideaWhere(accountId, filter));
  return row?.n ?? 0;
}

/** The next `size` matching ideas after id `after` (id order): a page of an export. */
export function ideasAfter(tx: Tx, accountId: string, filter: IdeaFilter, after: string | null, size: number) {
  const where = after ? and(ideaWhere(accountId, filter), gt(contentIdeas.id, after))! : ideaWhere(accountId, filter);
  return tx.select().from(contentIdeas).where(where).orderBy(asc(contentIdeas.id)).limit(size);
}

export async function findIdea(tx: Tx, accountId: string, id: string): Promise<IdeaRow | undefined> {
  const [row] = await tx
    .select()
    .from(contentIdeas)
    .where(and(eq(contentIdeas.accountId, accountId), eq(contentIdeas.id, id)));
  return row;
}

export function findIdeasByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<IdeaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(contentIdeas)
    .where(and(eq(contentIdeas.accountId, accountId), anyOf(contentIdeas.id, ids, 'uuid')));
}

export function insertIdeas(tx: Tx, rows: readonly NewIdea[]): Promise<IdeaRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return tx
    .insert(contentIdeas)
    .values([...rows])
    .returning();
}

export type IdeaChanges = Partial<
  Pick<
    IdeaRow,
    | 'title'
    | 'description'
    | 'contentType'
    | 'outline'
    | 'targetKeywords'
    | 'estimatedWordCount'
    | 'status'
    | 'clusterId'
  >
>;

export async function updateIdea(tx: Tx, accountId: string, id: string, changes: IdeaChanges) {
  const [row] = await tx
    .update(contentIdeas)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(contentIdeas.accountId, accountId), eq(contentIdeas.id, id)))
    .returning();
  return row;
}

export function updateIdeas(tx: Tx, accountId: string, ids: readonly string[], changes: IdeaChanges) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .update(contentIdeas)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(contentIdeas.accountId, accountId), anyOf(contentIdeas.id, ids, 'uuid')))
    .returning();
}

export function deleteIdeas(tx: Tx, accountId: string, ids: readonly string[]): Promise<IdeaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .delete(contentIdeas)
    .where(and(eq(contentIdeas.accountId, accountId), anyOf(contentIdeas.id, ids, 'uuid')))
    .returning();
}

/** Moves the ideas of these clusters to another (merge) or to none (delete). */
export function moveClusterIdeas(
  tx: Tx,
  accountId: string,
  fromClusterIds: readonly string[],
  toClusterId: string | null,
) {
  if (fromClusterIds.length === 0) return Promise.resolve([]);
  return tx
    .update(contentIdeas)
    .set({ clusterId: toClusterId, updatedAt: new Date() })
    .where(and(eq(contentIdeas.accountId, accountId), anyOf(contentIdeas.clusterId, fromClusterIds, 'uuid')))
    .returning({ id: contentIdeas.id });
}

/** How many ideas each cluster has. */
export async function countIdeasByCluster(tx: Tx, accountId: string, clusterIds: readonly string[]) {
  if (clusterIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .select({ clusterId: contentIdeas.clusterId, n: count() })
    .from(contentIdeas)
    .where(and(eq(contentIdeas.accountId, accountId), anyOf(contentIdeas.clusterId, clusterIds, 'uuid')))
    .groupBy(contentIdeas.clusterId);
  return new Map(rows.map((row) => [row.clusterId!, row.n]));
}
