// An account's article images: their prompts, where they go, and the stored file each one shows.
import { anyOf, type Tx } from '@igny8/db';
import { contents, type ImageKind, type ImageStatus, images } from '@igny8/db/writer';
import { and, asc, count, eq, inArray, ne, not, type SQL, sql } from 'drizzle-orm';

export type ImageRow = typeof images.$inferSelect;
export type ImageChanges = Partial<
  Pick<
    ImageRow,
    | 'prompt'
    | 'altText'
    | 'caption'
    | 'status'
    | 'error'
    | 'fileKey'
    | 'mimeType'
    | 'bytes'
    | 'width'
    | 'height'
    | 'provider'
    | 'model'
    | 'uploaded'
  >
>;

export interface ImageFilter {
  contentId?: string | null | undefined;
  taskId?: string | null | undefined;
  siteId?: string | null | undefined;
  kinds?: readonly ImageKind[] | null | undefined;
  statuses?: readonly ImageStatus[] | null | undefined;
}

function imageWhere(accountId: string, f: ImageFilter): SQL {
  const parts: SQL[] = [eq(images.accountId, accountId)];
  if (f.contentId) parts.push(eq(images.contentId, f.contentId));
  if (f.kinds?.length) parts.push(inArray(images.kind, [...f.kinds]));
  if (f.statuses?.length) parts.push(inArray(images.status, [...f.statuses]));
  if (f.siteId || f.taskId) {
    const of: SQL[] = [eq(contents.accountId, accountId)];
    if (f.siteId) of.push(eq(contents.siteId, f.siteId));
    if (f.taskId) of.push(eq(contents.taskId, f.taskId));
    parts.push(sql`${images.contentId} in (select ${contents.id} from ${contents} where ${and(...of)})`);
  }
  return and(...parts)!;
}

export function listImages(
  tx: Tx,
  accountId: string,
  filter: ImageFilter,
  page: { limit: number; offset: number },
): Promise<ImageRow[]> {
  return tx
    .select()
    .from(images)
    .where(imageWhere(accountId, filter))
    .orderBy(asc(images.createdAt), asc(images.contentId), asc(images.kind), asc(images.position), asc(images.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countImages(tx: Tx, accountId: string, filter: ImageFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(images).where(imageWhere(accountId, filter));
  return row?.n ?? 0;
}

export function findImagesByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<ImageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(images)
    .where(and(eq(images.accountId, accountId), anyOf(images.id, ids, 'uuid')));
}

/** The images of these articles: the featured one first, then in-article ones in their order. */
export function imagesOfContents(tx: Tx, accountId: string, contentIds: readonly string[]): Promise<ImageRow[]> {
  if (contentIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(images)
    .where(and(eq(images.accountId, accountId), anyOf(images.contentId, contentIds, 'uuid')))
    .orderBy(asc(images.contentId), asc(images.kind), asc(images.position));
}

export interface ImagePrompt {
  kind: ImageKind;
  position: number;
  prompt: string;
  altText: string;
  caption: string;
}

/**
 * Sets an article's image prompts: one row per place (kind, position), kept when it exists (its
 * file too, until it is generated again), made PENDING otherwise; places no longer asked for go.
 */
export async function replacePrompts(
  tx: Tx,
  accountId: string,
  contentId: string,
  prompts: readonly ImagePrompt[],
): Promise<ImageRow[]> {
  const rows = await tx
    .insert(images)
    .values(prompts.map((p) => ({ accountId, contentId, ...p, status: 'pending' as const })))
    .onConflictDoUpdate({
      target: [images.accountId, images.contentId, images.kind, images.position],
      set: {
        prompt: sql`excluded.prompt`,
        altText: sql`excluded.alt_text`,
        caption: sql`excluded.caption`,
        status: sql`case when ${images.fileKey} is null then 'pending' else ${images.status} end`,
        updatedAt: new Date(),
      },
    })
    .returning();
  const kept = rows.map((row) => row.id);
  await tx
    .delete(images)
    .where(
      and(
        eq(images.accountId, accountId),
        eq(images.contentId, contentId),
        eq(images.uploaded, false),
        not(anyOf(images.id, kept, 'uuid')),
      ),
    );
  return rows;
}

export async function insertUploaded(
  tx: Tx,
  row: Omit<typeof images.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>,
): Promise<ImageRow> {
  const [inserted] = await tx.insert(images).values(row).returning();
  return inserted!;
}

/** The next free position of an article's in-article images (for an uploaded one). */
export async function nextPosition(tx: Tx, accountId: string, contentId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${images.position}), 0) + 1` })
    .from(images)
    .where(and(eq(images.accountId, accountId), eq(images.contentId, contentId), eq(images.kind, 'in_article')));
  return Number(row?.n ?? 1);
}

export async function updateImage(
  tx: Tx,
  accountId: string,
  id: string,
  changes: ImageChanges,
): Promise<ImageRow | undefined> {
  const [row] = await tx
    .update(images)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(images.accountId, accountId), eq(images.id, id)))
    .returning();
  return row;
}

export function deleteImages(tx: Tx, accountId: string, ids: readonly string[]): Promise<ImageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .delete(images)
    .where(and(eq(images.accountId, accountId), anyOf(images.id, ids, 'uuid')))
    .returning();
}

/** Whether another image of the account still shows this file (files are shared by content hash). */
export async function fileInUse(tx: Tx, accountId: string, fileKey: string, exceptIds: readonly string[]) {
  const parts: SQL[] = [eq(images.accountId, accountId), eq(images.fileKey, fileKey)];
  for (const id of exceptIds) parts.push(ne(images.id, id));
  const [row] = await tx
    .select({ n: count() })
    .from(images)
    .where(and(...parts));
  return (row?.n ?? 0) > 0;
}
