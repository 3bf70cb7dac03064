// Articles: the list, one article, saving an edit (sanitised, counted, version-checked, kept as a
// revision), revisions (list, diff, restore) and the review flow (DRAFT → REVIEW → APPROVED, or
// back to DRAFT with the reviewer's note).
import type { Tx } from '@igny8/db';
import type { ContentStatus, RevisionSource } from '@igny8/db/writer';
import {
  BadUserInputError,
  type Caller,
  ConflictError,
  ForbiddenError,
  hasRole,
  type ListOrder,
  NotFoundError,
  type PageWindow,
  pageOf,
} from '@igny8/lib';
import type { ContentFilter, ContentOrderField, ContentRow, RevisionRow } from '../store/contents.js';
import * as contentsStore from '../store/contents.js';
import * as imagesStore from '../store/images.js';
import { inWriter } from './access.js';
import {
  countWords,
  escapeHtml,
  htmlRevisionDiff,
  htmlToText,
  sanitizeArticleHtml,
  type WordDiff,
} from './article/index.js';
import { unsignImageLinks } from './image-generation.js';
import { removeUnusedFiles } from './images.js';
import type { WriterServices } from './services.js';

export type { ContentFilter, ContentOrderField, ContentRow, RevisionRow } from '../store/contents.js';
export { CONTENT_ORDER_FIELDS } from '../store/contents.js';

export interface ContentListInput {
  filter: ContentFilter;
  orderBy?: ListOrder<ContentOrderField> | null | undefined;
  page: PageWindow;
}

export function listContents(s: WriterServices, caller: Caller, { filter, orderBy, page }: ContentListInput) {
  const accountId = caller.accountId;
  const order = { field: orderBy?.field ?? 'updatedAt', descending: (orderBy?.direction ?? 'desc') === 'desc' };
  return inWriter(s, caller, (tx) =>
    pageOf(
      page,
      () => contentsStore.countContents(tx, accountId, filter),
      (range) => contentsStore.listContents(tx, accountId, filter, order, range),
    ),
  );
}

async function contentOf(tx: Tx, accountId: string, id: string): Promise<ContentRow> {
  const row = await contentsStore.findContent(tx, accountId, id);
  if (!row) throw new NotFoundError('Content', id);
  return row;
}

export function getContent(s: WriterServices, caller: Caller, id: string): Promise<ContentRow> {
  return inWriter(s, caller, (tx) => contentOf(tx, caller.accountId, id));
}

export function contentsByIds(s: WriterServices, caller: Caller, ids: readonly string[]): Promise<ContentRow[]> {
  return s.database.tenant(caller.accountId, (tx) => contentsStore.findContentsByIds(tx, caller.accountId, ids));
}

/** The contents of each cluster, in the order asked for. */
export async function contentsOfClusters(s: WriterServices, caller: Caller, clusterIds: readonly string[]) {
  const rows = await s.database.tenant(caller.accountId, (tx) =>
    contentsStore.contentsOfClusters(tx, caller.accountId, clusterIds),
  );
  return clusterIds.map((id) => rows.filter((row) => row.clusterId === id));
}

/** The body as it is stored: sanitised, its words counted from its text. */
export function cleanBody(html: string): { html: string; wordCount: number } {
  const clean = unsignImageLinks(sanitizeArticleHtml(html));
  return { html: clean, wordCount: countWords(htmlToText(clean)) };
}

/** Keeps the article as it now is as a revision. */
export function keepRevision(
  tx: Tx,
  row: ContentRow,
  source: RevisionSource,
  extra: Pick<contentsStore.NewRevision, 'provenance' | 'jobId' | 'createdBy' | 'restoredFrom'> = {},
) {
  return contentsStore.insertRevision(tx, {
    accountId: row.accountId,
    contentId: row.id,
    source,
    title: row.title,
    html: row.html,
    metaTitle: row.metaTitle,
    metaDescription: row.metaDescription,
    wordCount: row.wordCount,
    ...extra,
  });
}

export interface ContentEdit {
  /** The version the editor loaded: a save over someone else's newer save is a CONFLICT. */
  version: number;
  title?: string | null;
  html?: string | null;
  metaTitle?: string | null;
  metaDescription?: string | null;
  slug?: string | null;
  primaryKeyword?: string | null;
  secondaryKeywords?: string[] | null;
}

const conflict = (row: ContentRow) =>
  new ConflictError(
    `“${row.title}” was changed by someone else since you opened it (now version ${row.version}). Reload it to see their changes, then edit again.`,
    { version: [`is ${row.version} now`] },
  );

/** Saves a person's edit: sanitised, counted, version-checked, kept as a HUMAN revision. */
export function updateContent(s: WriterServices, caller: Caller, id: string, edit: ContentEdit): Promise<ContentRow> {
  return inWriter(s, caller, async (tx) => {
    const accountId = caller.accountId;
    const row = await contentOf(tx, accountId, id);
    if (row.version !== edit.version) throw conflict(row);
    if (row.status === 'published' || row.status === 'archived') {
      throw BadUserInputError.field('id', `is ${row.status.toUpperCase()}: move it back to DRAFT to edit it`);
    }
    const changes: contentsStore.ContentChanges = { updatedBy: caller.userId };
    if (edit.title != null) changes.title = edit.title;
    if (edit.html != null) Object.assign(changes, cleanBody(edit.html));
    if (edit.metaTitle != null) changes.metaTitle = edit.metaTitle;
    if (edit.metaDescription != null) changes.metaDescription = edit.metaDescription;
    if (edit.primaryKeyword != null) changes.primaryKeyword = edit.primaryKeyword.trim().toLowerCase();
    if (edit.secondaryKeywords != null) changes.secondaryKeywords = edit.secondaryKeywords;
    if (edit.slug != null && edit.slug !== row.slug) {
      if (await contentsStore.slugTaken(tx, accountId, row.siteId, edit.slug, row.id)) {
        throw new ConflictError(`Another article of this site already has the slug "${edit.slug}".`, {
          slug: ['is taken by another article of this site'],
        });
      }
      changes.slug = edit.slug;
    }
    const saved = await contentsStore.updateContent(tx, accountId, id, edit.version, changes);
    if (!saved) throw conflict(await contentOf(tx, accountId, id));
    await keepRevision(tx, saved, 'human', { createdBy: caller.userId });
    return saved;
  });
}

// The review flow: which status may follow which, and who may move it.
const TRANSITIONS: Record<ContentStatus, readonly ContentStatus[]> = {
  draft: ['review', 'archived'],
  review: ['approved', 'draft', 'archived'],
  approved: ['published', 'draft', 'archived'],
  published: ['archived'],
  archived: ['draft'],
};

/** Whether an article may go from one status to another (approving a DRAFT may not). */
export const canMove = (from: ContentStatus, to: ContentStatus) => TRANSITIONS[from].includes(to);

const WORDS: Record<ContentStatus, string> = {
  draft: 'sent back to draft',
  review: 'sent to review',
  approved: 'approved',
  published: 'published',
  archived: 'archived',
};

/**
 * Moves articles to `to`: all of them or none (the first that may not move is named). Approving
 * and rejecting are an admin's (or owner's); publishing is the publisher's.
 */
export function moveContents(
  s: WriterServices,
  caller: Caller,
  ids: readonly string[],
  to: ContentStatus,
  note: string | null = null,
): Promise<ContentRow[]> {
  if (to === 'published') {
    throw BadUserInputError.field('status', 'PUBLISHED is set by publishing to the site, not by hand');
  }
  return inWriter(s, caller, async (tx) => {
    const accountId = caller.accountId;
    const rows = await contentsStore.findContentsByIds(tx, accountId, ids);
    const missing = ids.find((id) => !rows.some((row) => row.id === id));
    if (missing) throw new NotFoundError('Content', missing);
    // Deciding on a review (approving, or taking an article out of REVIEW or APPROVED) is an admin's.
    const decides =
      to === 'approved' || (to === 'draft' && rows.some((row) => row.status === 'review' || row.status === 'approved'));
    if (decides && !hasRole(caller, 'admin')) {
      throw new ForbiddenError('Only an admin or the owner approves or rejects articles in review.');
    }
    for (const row of rows) {
      if (row.status !== to && !canMove(row.status, to)) {
        throw BadUserInputError.field(
          'ids',
          `“${row.title}” is ${row.status.toUpperCase()} and cannot be ${WORDS[to]}${
            to === 'approved' ? ': send it to review first' : ''
          }`,
        );
      }
    }
    const moving = rows.filter((row) => row.status !== to).map((row) => row.id);
    const changes: contentsStore.ContentChanges = { status: to, updatedBy: caller.userId };
    // A rejection's note stays on the draft until its next review.
    if (note !== null) changes.reviewNote = note;
    else if (to === 'approved') changes.reviewNote = null;
    await contentsStore.setContentsStatus(tx, accountId, moving, changes);
    return contentsStore.findContentsByIds(tx, accountId, ids);
  });
}

/** Rejects an article in review with a note the writer sees: it returns to DRAFT. */
export function rejectContent(s: WriterServices, caller: Caller, id: string, note: string) {
  return getContent(s, caller, id).then(async (row) => {
    if (row.status !== 'review') {
      throw BadUserInputError.field(
        'id',
        `“${row.title}” is ${row.status.toUpperCase()}: only an article in REVIEW can be rejected`,
      );
    }
    const [moved] = await moveContents(s, caller, [id], 'draft', note);
    return moved!;
  });
}

/** Deletes articles with their revisions and images (and the image files nothing else shows). */
export async function deleteContents(s: WriterServices, caller: Caller, ids: readonly string[]): Promise<number> {
  const { deleted, images } = await inWriter(s, caller, async (tx) => {
    const images = await imagesStore.imagesOfContents(tx, caller.accountId, ids);
    return { deleted: (await contentsStore.deleteContents(tx, caller.accountId, ids)).length, images };
  });
  await removeUnusedFiles(s, caller.accountId, images);
  return deleted;
}

export function listRevisions(s: WriterServices, caller: Caller, contentId: string): Promise<RevisionRow[]> {
  return inWriter(s, caller, async (tx) => {
    await contentOf(tx, caller.accountId, contentId);
    return contentsStore.listRevisions(tx, caller.accountId, contentId);
  });
}

async function revisionOf(tx: Tx, accountId: string, contentId: string, number: number) {
  const row = await contentsStore.findRevision(tx, accountId, contentId, number);
  if (!row) throw BadUserInputError.field('number', `no revision ${number} of this article`);
  return row;
}

/** What changed between two revisions, word by word (titles and bodies). */
export function revisionDiff(
  s: WriterServices,
  caller: Caller,
  contentId: string,
  from: number,
  to: number,
): Promise<WordDiff> {
  return inWriter(s, caller, async (tx) => {
    await contentOf(tx, caller.accountId, contentId);
    const [a, b] = [
      await revisionOf(tx, caller.accountId, contentId, from),
      await revisionOf(tx, caller.accountId, contentId, to),
    ];
    return htmlRevisionDiff(`<h1>${escapeHtml(a.title)}</h1>${a.html}`, `<h1>${escapeHtml(b.title)}</h1>${b.html}`);
  });
}

/** Brings an older revision back as the article's text: a RESTORE revision, version-checked. */
export function restoreRevision(
  s: WriterServices,
  caller: Caller,
  contentId: string,
  number: number,
  version: number,
): Promise<ContentRow> {
  return inWriter(s, caller, async (tx) => {
    const accountId = caller.accountId;
    const row = await contentOf(tx, accountId, contentId);
    if (row.version !== version) throw conflict(row);
    const revision = await revisionOf(tx, accountId, contentId, number);
    const saved = await contentsStore.updateContent(tx, accountId, contentId, version, {
      title: revision.title,
      html: revision.html,
      metaTitle: revision.metaTitle,
      metaDescription: revision.metaDescription,
      wordCount: revision.wordCount,
      updatedBy: caller.userId,
    });
    if (!saved) throw conflict(await contentOf(tx, accountId, contentId));
    await keepRevision(tx, saved, 'restore', { createdBy: caller.userId, restoredFrom: number });
    return saved;
  });
}
