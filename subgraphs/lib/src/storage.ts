// Stored files (generated images, exports): a small interface with a local-disk implementation
// under DATA_DIR/files, and signed, expiring URLs. Browsers fetch images with <img src>, which
// sends no bearer token, so a file is reachable only through a URL its account's API answer
// handed out: HMAC-signed over the path and an expiry, like an S3 pre-signed URL.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Express } from 'express';

export interface StoredFile {
  key: string;
  size: number;
  mimeType: string;
}

export interface FileStorage {
  put(accountId: string, key: string, data: Buffer, mimeType: string): Promise<StoredFile>;
  read(accountId: string, key: string): Promise<{ data: Buffer; mimeType: string } | null>;
  delete(accountId: string, key: string): Promise<void>;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
};
const MIME_TYPES = Object.fromEntries(Object.entries(EXTENSIONS).map(([mime, ext]) => [ext, mime]));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Keys are names we make (`<uuid>.<ext>`): nothing a path could escape through. */
const KEY = /^[0-9a-f-]{36}\.(png|jpg|webp|gif|svg)$/;

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
  return {
    async put(accountId, key, data, mimeType) {
      checkPath(accountId, key);
      await mkdir(join(dir, accountId), { recursive: true });
      await writeFile(join(dir, accountId, key), data);
      return { key, size: data.length, mimeType };
    },
    async read(accountId, key) {
      if (!UUID.test(accountId) || !KEY.test(key)) return null;
      try {
        const data = await readFile(join(dir, accountId, key));
        return { data, mimeType: MIME_TYPES[key.split('.').pop()!] ?? 'application/octet-stream' };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(accountId, key) {
      checkPath(accountId, key);
      await rm(join(dir, accountId, key), { force: true });
    },
  };
}

export interface FileUrlSigner {
  /** A URL (path and query) that serves the file until it expires. */
  url(accountId: string, key: string): string;
  verify(accountId: string, key: string, expires: string, signature: string): boolean;
}

/**
 * `publicPrefix` is where clients reach the files (the gateway's `/files/<subgraph>`); the
 * signature covers the account, the key and the expiry, so a URL opens one file, for a while.
 */
export function createFileUrlSigner(
  secret: Uint8Array,
  options: { publicPrefix: string; ttlSeconds?: number },
): FileUrlSigner {
  const ttl = options.ttlSeconds ?? 3600;
  const mac = (accountId: string, key: string, expires: string) =>
    createHmac('sha256', secret).update(`files:${accountId}/${key}:${expires}`).digest('base64url');
  return {
    url(accountId, key) {
      // Rounded up to the next ttl/4 so repeated answers reuse the URL (and the browser's cache).
      const step = Math.max(60, Math.floor(ttl / 4));
      const expires = String((Math.ceil(Date.now() / 1000 / step) + 4) * step);
      return `${options.publicPrefix}/${accountId}/${key}?expires=${expires}&signature=${mac(accountId, key, expires)}`;
    },
    verify(accountId, key, expires, signature) {
      if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < Date.now()) return false;
      const expected = Buffer.from(mac(accountId, key, expires));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/** GET /files/:accountId/:key?expires&signature — the subgraph side of signed file URLs. */
export function mountFileRoutes(app: Express, storage: FileStorage, signer: FileUrlSigner) {
  app.get('/files/:accountId/:key', async (req, res, next) => {
    try {
      const { accountId, key } = req.params;
      const expires = typeof req.query.expires === 'string' ? req.query.expires : '';
      const signature = typeof req.query.signature === 'string' ? req.query.signature : '';
      if (!signer.verify(accountId, key, expires, signature)) {
        res.status(403).json({ error: 'This file link is invalid or has expired: reload the page for a fresh one.' });
        return;
      }
      const file = await storage.read(accountId, key);
      if (!file) {
        res.status(404).json({ error: 'The file was not found.' });
        return;
      }
      res
        .set({
          'Content-Type': file.mimeType,
          'Cache-Control': 'private, max-age=3600',
          'X-Content-Type-Options': 'nosniff',
          // An SVG opened on its own is a document: it may not run scripts or load anything.
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        })
        .send(file.data);
    } catch (error) {
      next(error);
    }
  });
}
