// Stored files (generated images, CSV exports): a small interface with a local-disk implementation
// under DATA_DIR/files, and signed, expiring URLs. Browsers fetch images with <img src> and
// downloads with a plain link, which send no bearer token, so a file is reachable only through a
// URL its account's API answer handed out: HMAC-signed over the path and an expiry, like an S3
// pre-signed URL. Files are written and served as streams: an export of any size never sits in memory.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Express } from 'express';

export interface StoredFile {
  key: string;
  size: number;
  mimeType: string;
}

export interface OpenedFile {
  stream: Readable;
  size: number;
  mimeType: string;
}

export interface FileStorage {
  put(accountId: string, key: string, data: Buffer, mimeType: string): Promise<StoredFile>;
  /**
   * Writes the chunks as they come (a generator of CSV lines, say). A failure part-way removes
   * the partial file, so a key is either whole or absent.
   */
  write(
    accountId: string,
    key: string,
    chunks: AsyncIterable<string | Uint8Array>,
    mimeType: string,
  ): Promise<StoredFile>;
  /** The file as a stream, or null when there is none. */
  open(accountId: string, key: string): Promise<OpenedFile | null>;
  delete(accountId: string, key: string): Promise<void>;
  /** Removes an account's files of one type last written before `before` (expired exports). */
  sweep(accountId: string, mimeType: string, before: Date): Promise<number>;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'text/csv': 'csv',
};
const MIME_TYPES = Object.fromEntries(Object.entries(EXTENSIONS).map(([mime, ext]) => [ext, mime]));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Keys are names we make (`<uuid>.<ext>`): nothing a path could escape through. */
const KEY = /^[0-9a-f-]{36}\.(png|jpg|webp|gif|svg|csv)$/;
/** Text files are served as UTF-8. */
const contentTypeOf = (mimeType: string) => (mimeType.startsWith('text/') ? `${mimeType}; charset=utf-8` : mimeType);

/** The file name for a new file of this type. */
export function fileKeyFor(id: string, mimeType: string): string {
  const ext = EXTENSIONS[mimeType];
  if (!ext) throw new Error(`Files of type ${mimeType} are not stored.`);
  return `${id}.${ext}`;
}

function checkPath(accountId: string, key: string) {
  if (!UUID.test(accountId) || !KEY.test(key)) throw new Error('Invalid file reference.');
}

export function createLocalFileStorage(dir: string): FileStorage {
  const pathOf = (accountId: string, key: string) => join(dir, accountId, key);
  return {
    async put(accountId, key, data, mimeType) {
      checkPath(accountId, key);
      await mkdir(join(dir, accountId), { recursive: true });
      await writeFile(pathOf(accountId, key), data);
      return { key, size: data.length, mimeType };
    },
    async write(accountId, key, chunks, mimeType) {
      checkPath(accountId, key);
      await mkdir(join(dir, accountId), { recursive: true });
      // Written under a temporary name and renamed once whole: a reader never sees half a file.
      const partial = pathOf(accountId, `${key}.${randomUUID()}.part`);
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(Readable.from(chunks), counter, createWriteStream(partial));
        await rename(partial, pathOf(accountId, key));
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { key, size, mimeType };
    },
    async open(accountId, key) {
      if (!UUID.test(accountId) || !KEY.test(key)) return null;
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(pathOf(accountId, key), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const { size } = await handle.stat();
      return {
        stream: handle.createReadStream(),
        size,
        mimeType: MIME_TYPES[key.split('.').pop()!] ?? 'application/octet-stream',
      };
    },
    async delete(accountId, key) {
      checkPath(accountId, key);
      await rm(pathOf(accountId, key), { force: true });
    },
    async sweep(accountId, mimeType, before) {
      if (!UUID.test(accountId)) return 0;
      const ext = EXTENSIONS[mimeType];
      let names: string[];
      try {
        names = await readdir(join(dir, accountId));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names.filter((n) => n.endsWith(`.${ext}`) && KEY.test(n))) {
        const path = join(dir, accountId, name);
        const info = await stat(path).catch(() => null);
        if (info && info.mtime < before) {
          await rm(path, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

export interface FileUrlSigner {
  /**
   * A URL (path and query) that serves the file until it expires. With `downloadName`
   * (`keywords-2026-12-07.csv`) it is served as an attachment of that name.
   */
  url(accountId: string, key: string, options?: { downloadName?: string }): string;
  /** When the URLs made now stop working. */
  expiresAt(): Date;
  verify(accountId: string, key: string, expires: string, signature: string, downloadName?: string): boolean;
}

/** A download name: plain letters, digits, dots, dashes and underscores (nothing a header could break on). */
const DOWNLOAD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * `publicPrefix` is where clients reach the files (the gateway's `/files/<subgraph>`); the
 * signature covers the account, the key, the expiry and the download name, so a URL opens one
 * file, for a while, under the name it was given.
 */
export function createFileUrlSigner(
  secret: Uint8Array,
  options: { publicPrefix: string; ttlSeconds?: number },
): FileUrlSigner {
  const ttl = options.ttlSeconds ?? 3600;
  const mac = (accountId: string, key: string, expires: string, name?: string) =>
    createHmac('sha256', secret)
      .update(`files:${accountId}/${key}:${expires}${name ? `:${name}` : ''}`)
      .digest('base64url');
  // Rounded up to the next ttl/4 so repeated answers reuse the URL (and the browser's cache).
  const step = Math.max(60, Math.floor(ttl / 4));
  const expiry = () => (Math.ceil(Date.now() / 1000 / step) + 4) * step;
  return {
    url(accountId, key, { downloadName } = {}) {
      if (downloadName !== undefined && !DOWNLOAD_NAME.test(downloadName)) {
        throw new Error(`Invalid download name: ${downloadName}`);
      }
      const expires = String(expiry());
      const name = downloadName ? `&name=${downloadName}` : '';
      return `${options.publicPrefix}/${accountId}/${key}?expires=${expires}${name}&signature=${mac(accountId, key, expires, downloadName)}`;
    },
    expiresAt: () => new Date(expiry() * 1000),
    verify(accountId, key, expires, signature, downloadName) {
      if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < Date.now()) return false;
      if (downloadName !== undefined && !DOWNLOAD_NAME.test(downloadName)) return false;
      const expected = Buffer.from(mac(accountId, key, expires, downloadName));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/**
 * A subgraph's stored files (DATA_DIR/files, keys are fresh ids) and the signer of their links,
 * reached through the gateway at `/files/<subgraph>/…`. The signing key is derived from the
 * service secret for this subgraph's links alone: a leaked link signs nothing else.
 */
export function subgraphFiles(subgraph: string, dataDir: string, serviceSecret: Uint8Array) {
  return {
    storage: createLocalFileStorage(join(dataDir, 'files')),
    urls: createFileUrlSigner(createHmac('sha256', serviceSecret).update(`file-urls:${subgraph}`).digest(), {
      publicPrefix: `/files/${subgraph}`,
    }),
  };
}

/** GET /files/:accountId/:key?expires&signature[&name] — the subgraph side of signed file URLs. */
export function mountFileRoutes(app: Express, storage: FileStorage, signer: FileUrlSigner) {
  app.get('/files/:accountId/:key', async (req, res, next) => {
    try {
      const { accountId, key } = req.params;
      const query = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
      const downloadName = query('name');
      if (!signer.verify(accountId, key, query('expires') ?? '', query('signature') ?? '', downloadName)) {
        res.status(403).json({ error: 'This file link is invalid or has expired: reload the page for a fresh one.' });
        return;
      }
      const file = await storage.open(accountId, key);
      if (!file) {
        res.status(404).json({ error: 'The file was not found.' });
        return;
      }
      res.set({
        'Content-Type': contentTypeOf(file.mimeType),
        'Content-Length': String(file.size),
        'Cache-Control': 'private, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
        // An SVG opened on its own is a document: it may not run scripts or load anything.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      });
      if (downloadName) res.set('Content-Disposition', `attachment; filename="${downloadName}"`);
      await pipeline(file.stream, res);
    } catch (error) {
      if (res.headersSent) res.destroy();
      else next(error);
    }
  });
}

export type SubgraphFiles = ReturnType<typeof subgraphFiles>;

/** A file made for one download (an export): where to fetch it, under which name, until when. */
export interface Download {
  /** The signed link, on the API's host (`/files/<subgraph>/…`); no token needed. */
  url: string;
  fileName: string;
  bytes: number;
  expiresAt: Date;
}

/**
 * Streams the chunks into a new file of the account's and answers its signed download link. The
 * account's earlier downloads of this type whose links have all expired are removed first.
 */
export async function saveDownload(
  files: SubgraphFiles,
  accountId: string,
  download: { fileName: string; mimeType: string },
  chunks: AsyncIterable<string | Uint8Array>,
): Promise<Download> {
  const expiresAt = files.urls.expiresAt();
  // A link made now lives until expiresAt: anything older than its lifetime has no live link left.
  await files.storage.sweep(
    accountId,
    download.mimeType,
    new Date(Date.now() - 2 * (expiresAt.getTime() - Date.now())),
  );
  const key = fileKeyFor(randomUUID(), download.mimeType);
  const file = await files.storage.write(accountId, key, chunks, download.mimeType);
  return {
    url: files.urls.url(accountId, key, { downloadName: download.fileName }),
    fileName: download.fileName,
    bytes: file.size,
    expiresAt,
  };
}
