import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFileUrlSigner,
  createLocalFileStorage,
  fileKeyFor,
  mountFileRoutes,
  saveDownload,
} from '../src/storage.js';

const A = '01900000-0000-7000-8000-0000000000a1';
const B = '01900000-0000-7000-8000-0000000000b2';
const FILE_ID = '01900000-0000-7000-8000-00000000f11e';

describe('stored files behind signed URLs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'igny8-files-'));
  const storage = createLocalFileStorage(dir);
  const signer = createFileUrlSigner(new TextEncoder().encode('x'.repeat(32)), { publicPrefix: '/files' });
  let server: http.Server;
  let base = '';
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"></svg>');
  const key = fileKeyFor(FILE_ID, 'image/svg+xml');

  beforeAll(async () => {
    const app = express();
    mountFileRoutes(app, storage, signer);
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await storage.put(A, key, svg, 'image/svg+xml');
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the file through its signed URL, as an inert image', async () => {
    const res = await fetch(base + signer.url(A, key));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(svg)).toBe(true);
  });

  it('refuses a tampered signature, an expired link and a link moved to another account', async () => {
    const url = new URL(base + signer.url(A, key));
    const tampered = new URL(url);
    tampered.searchParams.set('signature', `${url.searchParams.get('signature')!.slice(0, -2)}xx`);
    expect((await fetch(tampered)).status).toBe(403);

    const expired = new URL(url);
    expired.searchParams.set('expires', String(Math.floor(Date.now() / 1000) - 10));
    expect((await fetch(expired)).status).toBe(403);

    const moved = new URL(url.href.replace(A, B));
    const res = await fetch(moved);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/invalid or has expired/);
  });

  it('answers 404 for a signed link to a file that is gone, and never reads outside its folder', async () => {
    const missing = fileKeyFor('01900000-0000-7000-8000-00000000dead', 'image/png');
    expect((await fetch(base + signer.url(A, missing))).status).toBe(404);
    await expect(storage.put(A, '../escape.png', svg, 'image/png')).rejects.toThrow(/Invalid file reference/);
    expect(await storage.open(A, '../../etc/passwd')).toBeNull();
  });

  it('streams a download into a file and serves it under its name; a failed write leaves no file', async () => {
    const files = { storage, urls: signer };
    async function* lines() {
      yield 'keyword,volume\n';
      for (let n = 0; n < 50_000; n++) yield `keyword ${n},${n}\n`;
    }
    const download = await saveDownload(
      files,
      A,
      { fileName: 'keywords-2026-12-07.csv', mimeType: 'text/csv' },
      lines(),
    );
    const res = await fetch(base + download.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="keywords-2026-12-07.csv"');
    const text = await res.text();
    expect(Buffer.byteLength(text)).toBe(download.bytes);
    expect(text.split('\n')).toHaveLength(50_002);

    async function* broken() {
      yield 'keyword\n';
      throw new Error('the database went away');
    }
    const before = readdirSync(join(dir, A)).sort();
    await expect(saveDownload(files, A, { fileName: 'broken.csv', mimeType: 'text/csv' }, broken())).rejects.toThrow(
      /database went away/,
    );
    expect(readdirSync(join(dir, A)).sort()).toEqual(before);
  });

  it('removes the downloads whose links have all expired, and nothing else', async () => {
    const files = { storage, urls: signer };
    async function* one() {
      yield 'a\n';
    }
    const old = await saveDownload(files, B, { fileName: 'old.csv', mimeType: 'text/csv' }, one());
    const oldKey = new URL(base + old.url).pathname.split('/').pop()!;
    const dayAgo = new Date(Date.now() - 86_400_000);
    utimesSync(join(dir, B, oldKey), dayAgo, dayAgo);
    await storage.put(B, key, svg, 'image/svg+xml');
    utimesSync(join(dir, B, key), dayAgo, dayAgo);

    const fresh = await saveDownload(files, B, { fileName: 'new.csv', mimeType: 'text/csv' }, one());
    expect((await fetch(base + old.url)).status).toBe(404);
    expect((await fetch(base + fresh.url)).status).toBe(200);
    // An image is no download: it stays whatever its age.
    expect((await fetch(base + signer.url(B, key))).status).toBe(200);
  });
});
