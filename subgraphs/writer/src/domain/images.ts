// Article images: the list, one image, editing its words, deleting, starting the prompt and image
// jobs (checked before any credits are held), saving a rendered or uploaded file (one file per
// content hash) and placing an article's images in its HTML.
import type { Tx } from '@igny8/db';
import { BadUserInputError, type Caller, type JobRecord, NotFoundError, type PageWindow, pageOf } from '@igny8/lib';
import * as contentsStore from '../store/contents.js';
import type { ImageFilter, ImageRow } from '../store/images.js';
import * as imagesStore from '../store/images.js';
import { inWriter, writerWorkspace } from './access.js';
import {
  GENERATE_IMAGE_PROMPTS_JOB,
  GENERATE_IMAGES_JOB,
  hashedFileKey,
  IMAGE_CREDITS,
  MAX_CONTENTS_PER_IMAGE_JOB,
  MAX_IMAGES_PER_JOB,
  placeImages,
} from './image-generation.js';
import { reencodeUpload } from './image-upload.js';
import type { WriterServices } from './services.js';

export type { ImageFilter, ImageRow } from '../store/images.js';

export function listImages(s: WriterServices, caller: Caller, filter: ImageFilter, page: PageWindow) {
  const accountId = caller.accountId;
  return inWriter(s, caller, (tx) =>
    pageOf(
      page,
      () => imagesStore.countImages(tx, accountId, filter),
      (range) => imagesStore.listImages(tx, accountId, filter, range),
    ),
  );
}

async function imageOf(tx: Tx, accountId: string, id: string): Promise<ImageRow> {
  const [row] = await imagesStore.findImagesByIds(tx, accountId, [id]);
  if (!row) throw new NotFoundError('Image', id);
  return row;
}

export function getImage(s: WriterServices, caller: Caller, id: string): Promise<ImageRow> {
  return inWriter(s, caller, (tx) => imageOf(tx, caller.accountId, id));
}

export function imagesByIds(s: WriterServices, caller: Caller, ids: readonly string[]) {
  return s.database.tenant(caller.accountId, (tx) => imagesStore.findImagesByIds(tx, caller.accountId, ids));
}

/** The images of each article, in the order asked for. */
export async function imagesOfContents(s: WriterServices, caller: Caller, contentIds: readonly string[]) {
  const rows = await s.database.tenant(caller.accountId, (tx) =>
    imagesStore.imagesOfContents(tx, caller.accountId, contentIds),
  );
  return contentIds.map((id) => rows.filter((row) => row.contentId === id));
}

/** A short-lived signed link to the image's file, or null before it has one. */
export const imageUrl = (s: WriterServices, row: ImageRow) =>
  row.fileKey ? s.files.urls.url(row.accountId, row.fileKey) : null;

export interface ImageEdit {
  prompt?: string | null;
  altText?: string | null;
  caption?: string | null;
}

/** Saves an image's words; a changed caption or alt text shows in the article at once. */
export function updateImage(s: WriterServices, caller: Caller, id: string, edit: ImageEdit): Promise<ImageRow> {
  return inWriter(s, caller, async (tx) => {
    const accountId = caller.accountId;
    await imageOf(tx, accountId, id);
    const changes: imagesStore.ImageChanges = {};
    if (edit.prompt != null) changes.prompt = edit.prompt;
    if (edit.altText != null) changes.altText = edit.altText;
    if (edit.caption != null) changes.caption = edit.caption;
    const row = (await imagesStore.updateImage(tx, accountId, id, changes))!;
    if (row.fileKey) await placeArticleImages(tx, accountId, row.contentId);
    return row;
  });
}

/** Deletes images (and their files, when no other image shows the same one); the article loses them too. */
export async function deleteImages(s: WriterServices, caller: Caller, ids: readonly string[]): Promise<number> {
  const rows = await inWriter(s, caller, async (tx) => {
    const deleted = await imagesStore.deleteImages(tx, caller.accountId, ids);
    for (const contentId of new Set(deleted.map((row) => row.contentId))) {
      await placeArticleImages(tx, caller.accountId, contentId);
    }
    return deleted;
  });
  await removeUnusedFiles(s, caller.accountId, rows);
  return rows.length;
}

/**
 * Removes the files of deleted images that no image shows any more; run once the deletion is
 * committed, so a rolled-back one never loses a file.
 */
export async function removeUnusedFiles(
  s: Pick<WriterServices, 'database' | 'files'>,
  accountId: string,
  deleted: readonly Pick<ImageRow, 'fileKey'>[],
): Promise<void> {
  const keys = [...new Set(deleted.map((row) => row.fileKey).filter((key) => key !== null))];
  if (keys.length === 0) return;
  const unused = await s.database.tenant(accountId, async (tx) => {
    const free: string[] = [];
    for (const key of keys) if (!(await imagesStore.fileInUse(tx, accountId, key, []))) free.push(key);
    return free;
  });
  for (const key of unused) await s.files.storage.delete(accountId, key);
}

/** Puts an article's generated in-article images after their H2s (and takes out those no longer there). */
export async function placeArticleImages(tx: Tx, accountId: string, contentId: string): Promise<void> {
  const content = await contentsStore.findContent(tx, accountId, contentId);
  if (!content) return;
  const rows = await imagesStore.imagesOfContents(tx, accountId, [contentId]);
  const placed = rows
    .filter((row) => row.kind === 'in_article' && row.status === 'generated' && row.fileKey)
    .map((row) => ({
      id: row.id,
      position: row.position,
      fileKey: row.fileKey!,
      altText: row.altText,
      caption: row.caption,
    }));
  const html = placeImages(content.html, accountId, placed);
  if (html !== content.html) await contentsStore.updateContent(tx, accountId, contentId, null, { html });
}

/**
 * Stores an image's bytes once per content hash and records the file on the image. The file it
 * showed before is `replaced`: the caller removes it with `removeUnusedFiles` once this commits.
 */
export async function saveImageFile(
  s: Pick<WriterServices, 'files'>,
  tx: Tx,
  row: ImageRow,
  file: { data: Buffer; mimeType: string; width: number; height: number; provider: string; model: string },
  extra: Pick<imagesStore.ImageChanges, 'uploaded'> = {},
): Promise<{ image: ImageRow; replaced: Pick<ImageRow, 'fileKey'>[] }> {
  const key = hashedFileKey(file.data, file.mimeType);
  const existing = await s.files.storage.open(row.accountId, key);
  if (existing) existing.stream.destroy();
  else await s.files.storage.put(row.accountId, key, file.data, file.mimeType);
  const previous = row.fileKey;
  const saved = (await imagesStore.updateImage(tx, row.accountId, row.id, {
    status: 'generated',
    error: null,
    fileKey: key,
    mimeType: file.mimeType,
    bytes: file.data.length,
    width: file.width,
    height: file.height,
    provider: file.provider,
    model: file.model,
    ...extra,
  }))!;
  await placeArticleImages(tx, row.accountId, row.contentId);
  return { image: saved, replaced: previous && previous !== key ? [{ fileKey: previous }] : [] };
}

async function contentsFor(s: WriterServices, caller: Caller, contentIds: readonly string[]) {
  const ids = [...new Set(contentIds)];
  if (ids.length > MAX_CONTENTS_PER_IMAGE_JOB) {
    throw BadUserInputError.field('contentIds', `must name at most ${MAX_CONTENTS_PER_IMAGE_JOB} articles per job`);
  }
  return inWriter(s, caller, async (tx) => {
    const rows = await contentsStore.findContentsByIds(tx, caller.accountId, ids);
    const missing = ids.find((id) => !rows.some((row) => row.id === id));
    if (missing) throw new NotFoundError('Content', missing);
    return ids.map((id) => rows.find((row) => row.id === id)!);
  });
}

async function placeName(s: WriterServices, caller: Caller, siteIds: readonly string[]) {
  const sites = new Set(siteIds);
  if (sites.size !== 1) return `${sites.size} sites`;
  const workspace = await writerWorkspace(s, caller, { siteId: siteIds[0]! });
  return workspace.site?.name ?? '';
}

/** Starts drawing image prompts from articles: 2 credits per article are held now. */
export async function startImagePrompts(
  s: WriterServices,
  caller: Caller,
  contentIds: readonly string[],
  inArticleCount?: number | null,
): Promise<JobRecord> {
  const rows = await contentsFor(s, caller, contentIds);
  return s.jobs.enqueue(
    caller,
    GENERATE_IMAGE_PROMPTS_JOB,
    {
      contentIds: rows.map((row) => row.id),
      ...(inArticleCount != null ? { inArticleCount } : {}),
      placeName: await placeName(
        s,
        caller,
        rows.map((row) => row.siteId),
      ),
    },
    { requestId: caller.requestId },
  );
}

export interface ImageTarget {
  imageIds?: readonly string[] | null;
  contentIds?: readonly string[] | null;
}

/** What rendering would take, for the dialog to say before anything is held. */
export interface ImageEstimate {
  images: number;
  credits: number;
}

export async function estimateImages(s: WriterServices, caller: Caller, target: ImageTarget): Promise<ImageEstimate> {
  const rows = await renderableImages(s, caller, target);
  return { images: rows.length, credits: rows.length * IMAGE_CREDITS };
}

/**
 * Starts rendering images: the images named, or every image of the articles named that has no
 * file yet (or failed); 5 credits per image are held now.
 */
export async function startImageGeneration(s: WriterServices, caller: Caller, target: ImageTarget): Promise<JobRecord> {
  const accountId = caller.accountId;
  const rows = await renderableImages(s, caller, target);
  const contents = await s.database.tenant(accountId, (tx) =>
    contentsStore.findContentsByIds(tx, accountId, [...new Set(rows.map((row) => row.contentId))]),
  );
  return s.jobs.enqueue(
    caller,
    GENERATE_IMAGES_JOB,
    {
      imageIds: rows.map((row) => row.id),
      placeName: await placeName(
        s,
        caller,
        contents.map((row) => row.siteId),
      ),
    },
    { requestId: caller.requestId },
  );
}

/** The images a render would draw, checked: the caller's, not uploaded, at most MAX_IMAGES_PER_JOB. */
async function renderableImages(s: WriterServices, caller: Caller, target: ImageTarget): Promise<ImageRow[]> {
  const accountId = caller.accountId;
  const rows = await inWriter(s, caller, async (tx) => {
    if (target.imageIds?.length) {
      const ids = [...new Set(target.imageIds)];
      const found = await imagesStore.findImagesByIds(tx, accountId, ids);
      const missing = ids.find((id) => !found.some((row) => row.id === id));
      if (missing) throw new NotFoundError('Image', missing);
      const uploaded = found.find((row) => row.uploaded);
      if (uploaded)
        throw BadUserInputError.field('imageIds', `image ${uploaded.id} was uploaded: it has no prompt to render`);
      return ids.map((id) => found.find((row) => row.id === id)!);
    }
    if (target.contentIds?.length) {
      const ids = [...new Set(target.contentIds)];
      const contents = await contentsStore.findContentsByIds(tx, accountId, ids);
      const missing = ids.find((id) => !contents.some((row) => row.id === id));
      if (missing) throw new NotFoundError('Content', missing);
      const all = await imagesStore.imagesOfContents(tx, accountId, ids);
      const todo = all.filter((row) => !row.uploaded && row.status !== 'generated');
      if (todo.length === 0) {
        throw BadUserInputError.field(
          'contentIds',
          'these articles have no image waiting to be rendered: generate image prompts first, or regenerate one image',
        );
      }
      return todo;
    }
    throw BadUserInputError.field('imageIds', 'name the images (imageIds) or the articles (contentIds) to render');
  });
  if (rows.length > MAX_IMAGES_PER_JOB) {
    throw BadUserInputError.field('imageIds', `must be at most ${MAX_IMAGES_PER_JOB} images per job`);
  }
  return rows;
}

/** Renders one image again, with a new prompt when given (saved first). */
export async function regenerateImage(
  s: WriterServices,
  caller: Caller,
  id: string,
  prompt?: string | null,
): Promise<JobRecord> {
  if (prompt != null) {
    await inWriter(s, caller, async (tx) => {
      const row = await imageOf(tx, caller.accountId, id);
      if (row.uploaded) throw BadUserInputError.field('id', 'was uploaded: it has no prompt to render');
      await imagesStore.updateImage(tx, caller.accountId, id, { prompt });
    });
  }
  return startImageGeneration(s, caller, { imageIds: [id] });
}

/**
 * Adds a person's own image to an article: re-encoded (PNG, JPEG or WebP only), stored once per
 * content hash. The featured image replaces the article's featured one; an in-article image takes
 * the next free place (after the next H2 without an image).
 */
export async function uploadImage(
  s: WriterServices,
  caller: Caller,
  target: { contentId: string; kind: 'featured' | 'in_article'; altText?: string; caption?: string },
  data: Buffer,
): Promise<ImageRow> {
  const facts = await reencodeUpload(data);
  const { image, replaced } = await inWriter(s, caller, async (tx) => {
    const accountId = caller.accountId;
    const content = await contentsStore.findContent(tx, accountId, target.contentId);
    if (!content) throw new NotFoundError('Content', target.contentId);
    const all = await imagesStore.imagesOfContents(tx, accountId, [content.id]);
    const featured = all.find((row) => row.kind === 'featured');
    const base =
      target.kind === 'featured' && featured
        ? featured
        : await imagesStore.insertUploaded(tx, {
            accountId,
            contentId: content.id,
            kind: target.kind,
            position: target.kind === 'featured' ? 0 : await imagesStore.nextPosition(tx, accountId, content.id),
            altText: target.altText ?? '',
            caption: target.caption ?? '',
            uploaded: true,
          });
    return saveImageFile(s, tx, base, { ...facts, provider: 'upload', model: 'upload' }, { uploaded: true });
  });
  await removeUnusedFiles(s, caller.accountId, replaced);
  return image;
}
