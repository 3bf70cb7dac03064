// An account's articles (contents) and their revisions.
import { anyOf, containsPattern, type Tx } from '@igny8/db';
import {
  type ContentStatus,
  type ContentStructure,
  type ContentType,
  contentRevisions,
  contents,
} from '@igny8/db/writer';
import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';

export type ContentRow = typeof contents.$inferSelect;
export type NewContent = typeof contents.$inferInsert;
export type RevisionRow = typeof contentRevisions.$inferSelect;
export type NewRevision = Omit<typeof contentRevisions.$inferInsert, 'number'>;

export interface ContentFilter {
  siteId?: string | null | undefined;
  sectorId?: string | null | undefined;
  clusterId?: string | null | undefined;
  taskId?: string | null | undefined;
  statuses?: readonly ContentStatus[] | null | undefined;
  contentTypes?: readonly ContentType[] | null | undefined;
  contentStructures?: readonly ContentStructure[] | null | undefined;
  search?: string | null | undefined;
  ids?: readonly string[] | null | undefined;
}

export const CONTENT_ORDER_FIELDS = ['title', 'status', 'wordCount', 'createdAt', 'updatedAt'] as const;
export type ContentOrderField = (typeof CONTENT_ORDER_FIELDS)[number];

const orderColumns = {
  title: contents.title,
  status: contents.status,
  wordCount: contents.wordCount,
  createdAt: contents.createdAt,
  updatedAt: contents.updatedAt,
} as const;

export function contentWhere(accountId: string, f: ContentFilter): SQL {
  const parts: SQL[] = [eq(contents.accountId, accountId)];
  if (f.siteId) parts.push(eq(contents.siteId, f.siteId));
  if (f.sectorId) parts.push(eq(contents.sectorId, f.sectorId));
  if (f.clusterId) parts.push(eq(contents.clusterId, f.clusterId));
  if (f.taskId) parts.push(eq(contents.taskId, f.taskId));
  if (f.statuses?.length) parts.push(inArray(contents.status, [...f.statuses]));
  if (f.contentTypes?.length) parts.push(inArray(contents.contentType, [...f.contentTypes]));
  if (f.contentStructures?.length) parts.push(inArray(contents.contentStructure, [...f.contentStructures]));
  if (f.search) {
    const pattern = containsPattern(f.search);
    parts.push(or(ilike(contents.title, pattern), ilike(contents.primaryKeyword, pattern))!);
  }
  if (f.ids) parts.push(anyOf(contents.id, f.ids, 'uuid'));
  return and(...parts)!;
}

export function listContents(
  tx: Tx,
  accountId: string,
  filter: ContentFilter,
  order: { field: ContentOrderField; descending: boolean },
  page: { limit: number; offset: number },
): Promise<ContentRow[]> {
  const column = orderColumns[order.field];
  const direction = order.descending ? sql`${column} desc` : sql`${column} asc`;
  return tx
    .select()
    .from(contents)
    .where(contentWhere(accountId, filter))
    .orderBy(direction, asc(contents.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countContents(tx: Tx, accountId: string, filter: ContentFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(contents).where(contentWhere(accountId, filter));
  return row?.n ?? 0;
}

export async function findContent(tx: Tx, accountId: string, id: string): Promise<ContentRow | undefined> {
  const [row] = await tx
    .select()
    .from(contents)
    .where(and(eq(contents.accountId, accountId), eq(contents.id, id)));
  return row;
}

export function findContentsByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<ContentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(contents)
    .where(and(eq(contents.accountId, accountId), anyOf(contents.id, ids, 'uuid')));
}

export function contentsOfClusters(tx: Tx, accountId: string, clusterIds: readonly string[]): Promise<ContentRow[]> {
  if (clusterIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(contents)
    .where(and(eq(contents.accountId, accountId), anyOf(contents.clusterId, clusterIds, 'uuid')))
    .orderBy(asc(contents.createdAt), asc(contents.id));
}

/** The site's other articles (not archived): what a new draft is compared with. */
export function siblingsOf(tx: Tx, accountId: string, siteId: string, exceptId: string | null) {
  const parts: SQL[] = [
    eq(contents.accountId, accountId),
    eq(contents.siteId, siteId),
    ne(contents.status, 'archived'),
  ];
  if (exceptId) parts.push(ne(contents.id, exceptId));
  return tx
    .select({
      id: contents.id,
      title: contents.title,
      primaryKeyword: contents.primaryKeyword,
      html: contents.html,
    })
    .from(contents)
    .where(and(...parts));
}

export async function slugTaken(tx: Tx, accountId: string, siteId: string, slug: string, exceptId: string | null) {
  const parts: SQL[] = [eq(contents.accountId, accountId), eq(contents.siteId, siteId), eq(contents.slug, slug)];
  if (exceptId) parts.push(ne(contents.id, exceptId));
  const [row] = await tx
    .select({ id: contents.id })
    .from(contents)
    .where(and(...parts))
    .limit(1);
  return !!row;
}

export async function insertContent(tx: Tx, row: NewContent): Promise<ContentRow> {
  const [inserted] = await tx.insert(contents).values(row).returning();
  return inserted!;
}

export type ContentChanges = Partial<
  Pick<
    NewContent,
    | 'title'
    | 'slug'
    | 'html'
    | 'excerpt'
    | 'metaTitle'
    | 'metaDescription'
    | 'primaryKeyword'
    | 'secondaryKeywords'
    | 'outline'
    | 'wordCount'
    | 'status'
    | 'reviewNote'
    | 'schemaMarkup'
    | 'featuredImageId'
    | 'flags'
    | 'sampleText'
    | 'updatedBy'
  >
>;

/**
 * Changes an article if it is still at `version` (null: whatever it is), bumping the version.
 * Undefined when it is not (someone saved in between) or does not exist.
 */
export async function updateContent(
  tx: Tx,
  accountId: string,
  id: string,
  version: number | null,
  changes: ContentChanges,
): Promise<ContentRow | undefined> {
  const parts: SQL[] = [eq(contents.accountId, accountId), eq(contents.id, id)];
  if (version !== null) parts.push(eq(contents.version, version));
  const [row] = await tx
    .update(contents)
    .set({ ...changes, version: sql`${contents.version} + 1`, updatedAt: new Date() })
    .where(and(...parts))
    .returning();
  return row;
}

export function setContentsStatus(tx: Tx, accountId: string, ids: readonly string[], changes: ContentChanges) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .update(contents)
    .set({ ...changes, version: sql`${contents.version} + 1`, updatedAt: new Date() })
    .where(and(eq(contents.accountId, accountId), anyOf(contents.id, ids, 'uuid')))
    .returning();
}

export function deleteContents(tx: Tx, accountId: string, ids: readonly string[]): Promise<ContentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .delete(contents)
    .where(and(eq(contents.accountId, accountId), anyOf(contents.id, ids, 'uuid')))
    .returning();
}

/** Keeps a revision, numbered after the article's last one. */
export async function insertRevision(tx: Tx, row: NewRevision): Promise<RevisionRow> {
  const next = sql<number>`(select coalesce(max(${contentRevisions.number}), 0) + 1 from ${contentRevisions}
    where ${contentRevisions.accountId} = ${row.accountId} and ${contentRevisions.contentId} = ${row.contentId})`;
  const [inserted] = await tx
    .insert(contentRevisions)
    .values({ ...row, number: next })
    .returning();
  return inserted!;
}

/** An article's revisions, newest first, without their bodies. */
export function listRevisions(tx: Tx, accountId: string, contentId: string) {
  return tx
    .select()
    .from(contentRevisions)
    .where(and(eq(contentRevisions.accountId, accountId), eq(contentRevisions.contentId, contentId)))
    .orderBy(desc(contentRevisions.number));
}

export async function findRevision(tx: Tx, accountId: string, contentId: string, number: number) {
  const [row] = await tx
    .select()
    .from(contentRevisions)
    .where(
      and(
        eq(contentRevisions.accountId, accountId),
        eq(contentRevisions.contentId, contentId),
        eq(contentRevisions.number, number),
      ),
    );
  return row;
}
