// How the gateway serves the built web app: hashed assets in the encoding the browser takes, with
// a year's cache, index.html never cached, and no source maps in production.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createLogger } from '@igny8/lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../src/server.js';

/** A build as web/vite.config.ts writes it: hashed script, its compressed copies, its source map. */
const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(500))};\n`;
const SCRIPT_PATH = '/assets/index-Ab12Cd34.js';

function writeBuild(dir: string) {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, SCRIPT_PATH), SCRIPT);
  writeFileSync(join(dir, `${SCRIPT_PATH}.br`), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, `${SCRIPT_PATH}.gz`), gzipSync(SCRIPT));
  writeFileSync(join(dir, `${SCRIPT_PATH}.map`), '{"version":3,"sources":["src/main.tsx"],"mappings":""}');
}

/** A raw GET (fetch would decode the body and hide what was sent). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

async function startServing(webDist: string, nodeEnv: string): Promise<RunningGateway> {
  return startGateway({
    config: loadGatewayConfig({ NODE_ENV: nodeEnv, LOG_LEVEL: 'silent', HOST: '127.0.0.1', WEB_DIST: webDist }),
    port: 0,
    // Serving files asks no subgraph: nothing listens here.
    urls: { system: 'http://127.0.0.1:9/graphql' },
    log: createLogger('test', 'silent'),
  });
}

describe('the web app as the gateway serves it', () => {
  let webDist: string;
  let production: RunningGateway;
  let development: RunningGateway;

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'igny8-web-dist-'));
    writeBuild(webDist);
    production = await startServing(webDist, 'production');
    development = await startServing(webDist, 'development');
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('sends a script brotli-compressed to a browser that takes brotli, cached for a year', async () => {
    const res = await get(`${production.url}${SCRIPT_PATH}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(Number(res.headers['content-length'])).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that takes neither', async () => {
    const gzipped = await get(`${production.url}${SCRIPT_PATH}`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gzipped.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(gunzipSync(gzipped.body).toString()).toBe(SCRIPT);

    const plain = await get(`${production.url}${SCRIPT_PATH}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.headers['content-type']).toMatch(/^text\/javascript/);
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers the app shell for client-side routes, never cached', async () => {
    for (const path of ['/', '/login', '/planner/keywords', '/index.html']) {
      const res = await get(`${production.url}${path}`, { accept: 'text/html' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body.toString()).toContain('<div id="root">');
    }
  });

  it('answers 404 for an asset that is not in the build, not the app shell', async () => {
    const res = await get(`${production.url}/assets/index-Gone0000.js`, { accept: '*/*' });
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('<div id="root">');
  });

  it('sends the security headers with the app shell and its assets; HSTS only over HTTPS', async () => {
    for (const path of ['/login', SCRIPT_PATH]) {
      const res = await get(`${production.url}${path}`, { accept: 'text/html' });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      // Plain HTTP: a Strict-Transport-Security header would mean nothing.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    // Behind a TLS-terminating proxy the gateway trusts, the app is served over HTTPS: HSTS.
    const behindProxy = await startGateway({
      config: loadGatewayConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
        WEB_DIST: webDist,
        TRUST_PROXY: 'loopback',
      }),
      port: 0,
      urls: { system: 'http://127.0.0.1:9/graphql' },
      log: createLogger('test', 'silent'),
    });
    try {
      const secure = await get(`${behindProxy.url}/login`, { accept: 'text/html', 'x-forwarded-proto': 'https' });
      expect(secure.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
    } finally {
      await behindProxy.close();
    }
  });

  it('serves no source map in production; outside production it does', async () => {
    const hidden = await get(`${production.url}${SCRIPT_PATH}.map`, { 'accept-encoding': 'gzip, br' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.toString()).not.toContain('mappings');

    const shown = await get(`${development.url}${SCRIPT_PATH}.map`);
    expect(shown.status).toBe(200);
    expect(shown.body.toString()).toContain('mappings');
  });
});
