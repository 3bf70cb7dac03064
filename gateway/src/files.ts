// GET /files/<subgraph>/<path>: files a subgraph stores (generated images), passed through from
// that subgraph's own /files/<path>. The links are signed by the subgraph, which checks them; the
// gateway only forwards, streaming the answer with its headers.
import { pipeline } from 'node:stream/promises';
import type { Express, Request, Response } from 'express';
import { type Agent, request } from 'undici';

/** One path segment of a file link: no `.` or `..`, nothing that URL parsing could reinterpret. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Request headers worth passing on: caching, ranges and the request id. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'if-none-match', 'if-modified-since', 'range', 'x-request-id'];
/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the gateway sets itself. */
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'x-request-id',
  'date',
]);

const origin = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

export function mountFileProxy(
  app: Express,
  options: { urls: Record<string, string>; agent: Agent; timeoutMs?: number },
): void {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const notFound = (res: Response) => res.status(404).json({ error: 'The file was not found.' });

  app.get('/files/:subgraph/*path', async (req: Request, res: Response) => {
    const graphqlUrl = Object.hasOwn(options.urls, req.params.subgraph as string)
      ? options.urls[req.params.subgraph as string]
      : undefined;
    const segments = req.params.path as unknown as string[];
    if (!graphqlUrl || !segments.every((segment) => SEGMENT.test(segment))) return notFound(res);
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    try {
      const upstream = await request(`${origin(graphqlUrl)}/files/${segments.join('/')}${query}`, {
        method: 'GET',
        headers,
        dispatcher: options.agent,
        signal: AbortSignal.timeout(timeoutMs),
      });
      res.status(upstream.statusCode);
      for (const [name, value] of Object.entries(upstream.headers)) {
        if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) res.setHeader(name, value);
      }
      await pipeline(upstream.body, res);
    } catch (error) {
      req.log.error({ err: error, subgraph: req.params.subgraph }, 'file request to a subgraph failed');
      if (res.headersSent) res.destroy();
      else res.status(502).json({ error: 'The file could not be fetched right now. Try again shortly.' });
    }
  });
}
