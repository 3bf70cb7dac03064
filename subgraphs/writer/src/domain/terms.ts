// Taxonomies: each site's categories (which nest) and tags (which do not), and the terms an article
// carries. A term's slug is unique in its site and taxonomy; a category never ends up under itself.
import type { Tx } from '@igny8/db';
import type { Taxonomy } from '@igny8/db/writer';
import {
  BadUserInputError,
  type Caller,
  ConflictError,
  conflictOnDuplicate,
  type ListOrder,
  NotFoundError,
  type PageWindow,
  pageOf,
} from '@igny8/lib';
import * as contentsStore from '../store/contents.js';
import type { ContentTermRow, TermFilter, TermOrderField, TermRow } from '../store/terms.js';
import * as termsStore from '../store/terms.js';
import { inWriter } from './access.js';
import { slugify } from './article/index.js';
import type { ContentRow } from './contents.js';
import type { WriterServices } from './services.js';

export type { ContentTermRow, TermFilter, TermOrderField, TermRow } from '../store/terms.js';
export { TERM_ORDER_FIELDS } from '../store/terms.js';

export interface TermListInput {
  filter: TermFilter;
  orderBy?: ListOrder<TermOrderField> | null | undefined;
  page: PageWindow;
}

/** The terms, filtered (default: by name). A site filter names a site of the caller's account. */
export function listTerms(s: WriterServices, caller: Caller, { filter, orderBy, page }: TermListInput) {
  const accountId = caller.accountId;
  const order = { field: orderBy?.field ?? 'name', descending: (orderBy?.direction ?? 'asc') === 'desc' };
  return inWriter(
    s,
    caller,
    (tx) =>
      pageOf(
        page,
        () => termsStore.countTerms(tx, accountId, filter),
        (range) => termsStore.listTerms(tx, accountId, filter, order, range),
      ),
    filter.siteId ? { siteId: filter.siteId } : {},
  );
}

async function termOf(tx: Tx, accountId: string, id: string): Promise<TermRow> {
  const row = await termsStore.findTerm(tx, accountId, id);
  if (!row) throw new NotFoundError('Term', id);
  return row;
}

export function getTerm(s: WriterServices, caller: Caller, id: string): Promise<TermRow> {
  return inWriter(s, caller, (tx) => termOf(tx, caller.accountId, id));
}

export function termsByIds(s: WriterServices, caller: Caller, ids: readonly string[]): Promise<TermRow[]> {
  return s.database.tenant(caller.accountId, (tx) => termsStore.findTermsByIds(tx, caller.accountId, ids));
}

/** The children of each category asked for, by name. */
export function childrenOfTerms(s: WriterServices, caller: Caller, parentIds: readonly string[]) {
  return s.database.tenant(caller.accountId, (tx) => termsStore.childrenOf(tx, caller.accountId, parentIds));
}

/** How many articles carry each term, in the order asked for. */
export async function contentCountsOf(s: WriterServices, caller: Caller, termIds: readonly string[]) {
  const rows = await s.database.tenant(caller.accountId, (tx) =>
    termsStore.contentCounts(tx, caller.accountId, termIds),
  );
  const counts = new Map(rows.map((row) => [row.termId, row.n]));
  return termIds.map((id) => counts.get(id) ?? 0);
}

/** The terms of many articles (one statement): categories first, then tags. */
export function termsOfContents(
  s: WriterServices,
  caller: Caller,
  contentIds: readonly string[],
): Promise<ContentTermRow[]> {
  return s.database.tenant(caller.accountId, (tx) => termsStore.termsOfContents(tx, caller.accountId, contentIds));
}

// The taxonomy values are the words people use: "category", "tag".
const slugClash = (taxonomy: Taxonomy, slug: string, holder?: TermRow) =>
  new ConflictError(
    `This site already has a ${taxonomy} with the slug "${slug}"${holder ? ` (“${holder.name}”)` : ''}. Choose another name or slug, or use that ${taxonomy}.`,
    { slug: [`is taken by another ${taxonomy} of this site`] },
  );

/** The slug a term is saved with: the one given, or one made from its name. */
function slugOf(name: string, slug: string | null | undefined): string {
  if (slug) return slug;
  const made = slugify(name);
  if (!made) throw BadUserInputError.field('slug', 'cannot be made from this name: give a slug such as dog-training');
  return made;
}

async function assertSlugFree(
  tx: Tx,
  accountId: string,
  term: Pick<TermRow, 'siteId' | 'taxonomy' | 'slug'>,
  id: string | null,
) {
  const holder = await termsStore.termWithSlug(tx, accountId, term, id);
  if (holder) throw slugClash(term.taxonomy, term.slug, holder);
}

/** The parent a term may have: a category of the same site (NOT_FOUND for an id not the caller's). */
async function parentFor(tx: Tx, accountId: string, child: Pick<TermRow, 'siteId' | 'taxonomy'>, parentId: string) {
  if (child.taxonomy === 'tag') {
    throw BadUserInputError.field('parentId', 'must be empty: tags do not nest, only categories have parents');
  }
  const parent = await termsStore.findTerm(tx, accountId, parentId);
  if (!parent) throw new NotFoundError('Term', parentId);
  if (parent.taxonomy !== 'category') {
    throw BadUserInputError.field('parentId', `“${parent.name}” is a tag: a parent must be a category`);
  }
  if (parent.siteId !== child.siteId) {
    throw BadUserInputError.field('parentId', `“${parent.name}” is a category of another site`);
  }
  return parent;
}

export interface TermInput {
  siteId: string;
  taxonomy: Taxonomy;
  name: string;
  slug?: string | null;
  parentId?: string | null;
  description?: string | null;
}

/** Adds a category or tag to a site; the slug is made from the name unless given. */
export async function createTerm(s: WriterServices, caller: Caller, input: TermInput): Promise<TermRow> {
  const accountId = caller.accountId;
  const slug = slugOf(input.name, input.slug);
  const term = { siteId: input.siteId, taxonomy: input.taxonomy, slug };
  return conflictOnDuplicate(
    () =>
      inWriter(
        s,
        caller,
        async (tx) => {
          await assertSlugFree(tx, accountId, term, null);
          if (input.parentId) await parentFor(tx, accountId, term, input.parentId);
          return termsStore.insertTerm(tx, {
            accountId,
            ...term,
            name: input.name,
            parentId: input.parentId ?? null,
            description: input.description ?? '',
          });
        },
        { siteId: input.siteId },
      ),
    () => slugClash(input.taxonomy, slug),
  );
}

export interface TermUpdate {
  name?: string | null;
  slug?: string | null;
  /** null moves a category to the top level; undefined keeps its parent. */
  parentId?: string | null;
  description?: string | null;
}

/** Renames, re-slugs, describes or moves a term (its site and taxonomy stay); a category cannot go under itself. */
export async function updateTerm(s: WriterServices, caller: Caller, id: string, input: TermUpdate): Promise<TermRow> {
  const accountId = caller.accountId;
  return conflictOnDuplicate(
    () =>
      inWriter(s, caller, async (tx) => {
        const row = await termOf(tx, accountId, id);
        const changes: termsStore.TermChanges = {};
        if (input.name != null) changes.name = input.name;
        if (input.description != null) changes.description = input.description;
        if (input.slug != null && input.slug !== row.slug) {
          await assertSlugFree(tx, accountId, { ...row, slug: input.slug }, row.id);
          changes.slug = input.slug;
        }
        if (input.parentId !== undefined && input.parentId !== row.parentId) {
          if (input.parentId) {
            const parent = await parentFor(tx, accountId, row, input.parentId);
            if (parent.id === row.id || (await termsStore.ancestorIds(tx, accountId, parent.id)).includes(row.id)) {
              throw BadUserInputError.field(
                'parentId',
                `“${parent.name}” is “${row.name}” or one of its subcategories: a category cannot be moved under itself`,
              );
            }
          }
          changes.parentId = input.parentId;
        }
        return (await termsStore.updateTerm(tx, accountId, id, changes))!;
      }),
    // Only a slug change can clash, and a concurrent one at that.
    () =>
      new ConflictError(`Another term of this site took the slug "${input.slug}" just now. Choose another slug.`, {
        slug: ['is taken by another term of this site'],
      }),
  );
}

/** Deletes terms (articles lose them); the subcategories of a deleted category move up to its parent. */
export async function deleteTerms(s: WriterServices, caller: Caller, ids: readonly string[]): Promise<number> {
  const deleted = await inWriter(s, caller, (tx) => termsStore.deleteTerms(tx, caller.accountId, ids));
  return deleted.length;
}

/** Replaces an article's categories and tags with these terms, which must be its site's. */
export function setContentTerms(
  s: WriterServices,
  caller: Caller,
  input: { contentId: string; termIds: readonly string[] },
): Promise<ContentRow> {
  const accountId = caller.accountId;
  return inWriter(s, caller, async (tx) => {
    const content = await contentsStore.findContent(tx, accountId, input.contentId);
    if (!content) throw new NotFoundError('Content', input.contentId);
    const wanted = [...new Set(input.termIds)];
    const found = new Map((await termsStore.findTermsByIds(tx, accountId, wanted)).map((row) => [row.id, row]));
    const missing = wanted.find((id) => !found.has(id));
    if (missing) throw new NotFoundError('Term', missing);
    const foreign = [...found.values()].find((term) => term.siteId !== content.siteId);
    if (foreign) {
      throw BadUserInputError.field(
        'termIds',
        `“${foreign.name}” is a ${foreign.taxonomy} of another site: an article takes only its own site's terms`,
      );
    }
    await termsStore.replaceContentTerms(tx, accountId, content.id, wanted);
    return content;
  });
}
