// GET /files/<subgraph>/<path>: files a subgraph stores (generated images, CSV exports), passed
// through from that subgraph's own /files/<path>. The links are signed by the subgraph, which checks
// them; the gateway only forwards, streaming the answer with its headers.
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

export interface FileProxy {
  /**
   * Streams the file a signed link names (`/files/<subgraph>/<path>?…`, as a subgraph's answer
   * gives it) from its subgraph to `res`, with the subgraph's status and headers. Used by the
   * `/files/` route and by REST downloads (a CSV export), so a file never sits in the gateway's memory.
   */
  forward(req: Request, res: Response, link: string): Promise<void>;
}

export function createFileProxy(options: {
  urls: Record<string, string>;
  agent: Agent;
  timeoutMs?: number;
}): FileProxy {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const notFound = (res: Response) => res.status(404).json({ error: 'The file was not found.' });
  return {
    async forward(req, res, link) {
      const queryAt = link.indexOf('?');
      const path = queryAt < 0 ? link : link.slice(0, queryAt);
      const query = queryAt < 0 ? '' : link.slice(queryAt);
      const [empty, files, subgraph, ...segments] = path.split('/');
      const graphqlUrl =
        empty === '' && files === 'files' && subgraph && Object.hasOwn(options.urls, subgraph)
          ? options.urls[subgraph]
          : undefined;
      if (!graphqlUrl || !segments.length || !segments.every((segment) => SEGMENT.test(segment))) {
        notFound(res);
        return;
      }
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
        req.log.error({ err: error, subgraph }, 'file request to a subgraph failed');
        if (res.headersSent) res.destroy();
        else res.status(502).json({ error: 'The file could not be fetched right now. Try again shortly.' });
      }
    },
  };
}

/** GET /files/<subgraph>/<path>: the signed links subgraphs hand out. */
export function mountFileProxy(app: Express, proxy: FileProxy): void {
  app.get('/files/:subgraph/*path', (req: Request, res: Response) => proxy.forward(req, res, req.originalUrl));
}
