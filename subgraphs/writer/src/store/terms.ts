// An account's taxonomy terms (each site's categories and tags) and which articles carry them.
import { anyOf, containsPattern, rowsOf, type Tx } from '@igny8/db';
import { contentTerms, type Taxonomy, terms } from '@igny8/db/writer';
import { and, asc, count, eq, getTableColumns, ilike, isNull, ne, or, type SQL, sql } from 'drizzle-orm';

export type TermRow = typeof terms.$inferSelect;
export type NewTerm = typeof terms.$inferInsert;
/** A term as one article carries it. */
export type ContentTermRow = TermRow & { contentId: string };

export interface TermFilter {
  siteId?: string | null | undefined;
  taxonomy?: Taxonomy | null | undefined;
  /** The children of this category. */
  parentId?: string | null | undefined;
  /** Only the terms without a parent (top-level categories, and every tag). */
  topLevel?: boolean | null | undefined;
  search?: string | null | undefined;
  ids?: readonly string[] | null | undefined;
}

export const TERM_ORDER_FIELDS = ['name', 'slug', 'createdAt', 'updatedAt'] as const;
export type TermOrderField = (typeof TERM_ORDER_FIELDS)[number];

const orderColumns = {
  name: terms.name,
  slug: terms.slug,
  createdAt: terms.createdAt,
  updatedAt: terms.updatedAt,
} as const;

export function termWhere(accountId: string, f: TermFilter): SQL {
  const parts: SQL[] = [eq(terms.accountId, accountId)];
  if (f.siteId) parts.push(eq(terms.siteId, f.siteId));
  if (f.taxonomy) parts.push(eq(terms.taxonomy, f.taxonomy));
  if (f.parentId) parts.push(eq(terms.parentId, f.parentId));
  if (f.topLevel) parts.push(isNull(terms.parentId));
  if (f.search) {
    const pattern = containsPattern(f.search);
    parts.push(or(ilike(terms.name, pattern), ilike(terms.slug, pattern))!);
  }
  if (f.ids) parts.push(anyOf(terms.id, f.ids, 'uuid'));
  return and(...parts)!;
}

export function listTerms(
  tx: Tx,
  accountId: string,
  filter: TermFilter,
  order: { field: TermOrderField; descending: boolean },
  page: { limit: number; offset: number },
): Promise<TermRow[]> {
  const column = orderColumns[order.field];
  const direction = order.descending ? sql`${column} desc` : sql`${column} asc`;
  return tx
    .select()
    .from(terms)
    .where(termWhere(accountId, filter))
    .orderBy(direction, asc(terms.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countTerms(tx: Tx, accountId: string, filter: TermFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(terms).where(termWhere(accountId, filter));
  return row?.n ?? 0;
}

export async function findTerm(tx: Tx, accountId: string, id: string): Promise<TermRow | undefined> {
  const [row] = await tx
    .select()
    .from(terms)
    .where(and(eq(terms.accountId, accountId), eq(terms.id, id)));
  return row;
}

export function findTermsByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<TermRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(terms)
    .where(and(eq(terms.accountId, accountId), anyOf(terms.id, ids, 'uuid')));
}

/** The term of the site and taxonomy that has this slug (other than `exceptId`), if any. */
export async function termWithSlug(
  tx: Tx,
  accountId: string,
  place: { siteId: string; taxonomy: Taxonomy; slug: string },
  exceptId: string | null,
): Promise<TermRow | undefined> {
  const [row] = await tx
    .select()
    .from(terms)
    .where(
      and(
        eq(terms.accountId, accountId),
        eq(terms.siteId, place.siteId),
        eq(terms.taxonomy, place.taxonomy),
        eq(terms.slug, place.slug),
        exceptId ? ne(terms.id, exceptId) : undefined,
      ),
    );
  return row;
}

/** The ids of a term's ancestors, nearest first (one recursive statement). */
export async function ancestorIds(tx: Tx, accountId: string, id: string): Promise<string[]> {
  const result = await tx.execute(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from writer.terms where account_id = ${accountId} and id = ${id}
      union all
      select t.id, t.parent_id, up.depth + 1
      from up join writer.terms t on t.account_id = ${accountId} and t.id = up.parent_id
      where up.depth < 1000
    )
    select id from up where depth > 0 order by depth`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

export function childrenOf(tx: Tx, accountId: string, parentIds: readonly string[]): Promise<TermRow[]> {
  if (parentIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(terms)
    .where(and(eq(terms.accountId, accountId), anyOf(terms.parentId, parentIds, 'uuid')))
    .orderBy(asc(terms.name), asc(terms.id));
}

export async function insertTerm(tx: Tx, row: NewTerm): Promise<TermRow> {
  const [saved] = await tx.insert(terms).values(row).returning();
  return saved!;
}

export type TermChanges = Partial<Pick<NewTerm, 'name' | 'slug' | 'parentId' | 'description'>>;

export async function updateTerm(tx: Tx, accountId: string, id: string, changes: TermChanges) {
  const [row] = await tx
    .update(terms)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(terms.accountId, accountId), eq(terms.id, id)))
    .returning();
  return row;
}

/**
 * Deletes terms; the children of a deleted category move up to its nearest ancestor that stays
 * (its parent, or the top level), so no category is lost with its parent.
 */
export async function deleteTerms(tx: Tx, accountId: string, ids: readonly string[]): Promise<TermRow[]> {
  if (ids.length === 0) return [];
  const doomed = sql`${sql.param([...ids])}::uuid[]`;
  await tx.execute(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from writer.terms where account_id = ${accountId} and id = any(${doomed})
      union all
      select up.id, t.parent_id, up.depth + 1
      from up join writer.terms t on t.account_id = ${accountId} and t.id = up.parent_id
      where up.parent_id = any(${doomed}) and up.depth < 1000
    ),
    kept_parent as (
      select id, parent_id from up where parent_id is null or not (parent_id = any(${doomed}))
    )
    update writer.terms c set parent_id = k.parent_id, updated_at = now()
    from kept_parent k
    where c.account_id = ${accountId} and c.parent_id = k.id and not (c.id = any(${doomed}))`);
  return tx
    .delete(terms)
    .where(and(eq(terms.accountId, accountId), anyOf(terms.id, ids, 'uuid')))
    .returning();
}

/** The terms of each article asked for: categories first, then tags, each by name (one statement). */
export function termsOfContents(tx: Tx, accountId: string, contentIds: readonly string[]): Promise<ContentTermRow[]> {
  if (contentIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ ...getTableColumns(terms), contentId: contentTerms.contentId })
    .from(contentTerms)
    .innerJoin(terms, and(eq(terms.accountId, contentTerms.accountId), eq(terms.id, contentTerms.termId)))
    .where(and(eq(contentTerms.accountId, accountId), anyOf(contentTerms.contentId, contentIds, 'uuid')))
    .orderBy(asc(terms.taxonomy), asc(terms.name), asc(terms.id));
}

/** How many articles carry each term (terms no article carries are left out). */
export function contentCounts(tx: Tx, accountId: string, termIds: readonly string[]) {
  if (termIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ termId: contentTerms.termId, n: count() })
    .from(contentTerms)
    .where(and(eq(contentTerms.accountId, accountId), anyOf(contentTerms.termId, termIds, 'uuid')))
    .groupBy(contentTerms.termId);
}

/** Replaces an article's terms with these. */
export async function replaceContentTerms(
  tx: Tx,
  accountId: string,
  contentId: string,
  termIds: readonly string[],
): Promise<void> {
  await tx
    .delete(contentTerms)
    .where(and(eq(contentTerms.accountId, accountId), eq(contentTerms.contentId, contentId)));
  if (termIds.length === 0) return;
  await tx
    .insert(contentTerms)
    .values(termIds.map((termId) => ({ accountId, contentId, termId })))
    .onConflictDoNothing();
}
