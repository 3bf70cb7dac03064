// The gateway's HTTP client for subgraph requests: undici's dispatcher over a keep-alive pool,
// shaped as the small part of the Fetch API that @apollo/gateway's data source reads (ok, status,
// headers.get, json, text, clone). node-fetch v2 costs about twice the CPU per request for the
// same work; on a gateway whose every query is at least one subgraph hop, that is the largest
// avoidable cost after query planning (DESIGN §8b).
import { STATUS_CODES } from 'node:http';
import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent } from 'undici';

export interface SubgraphFetcher {
  fetch(url: string, init?: FetcherRequestInit): Promise<FetcherResponse>;
  /** The connection pool (its settings are what tests and /metrics look at). */
  agent: Agent;
  readonly maxConnectionsPerSubgraph: number;
  close(): Promise<void>;
}

class BufferedResponse implements FetcherResponse {
  readonly ok: boolean;
  readonly statusText: string;
  readonly redirected = false;
  readonly bodyUsed = false;
  readonly headers: FetcherResponse['headers'];
  constructor(
    readonly url: string,
    readonly status: number,
    rawHeaders: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
    this.headers = {
      get: (name: string) => {
        const value = rawHeaders[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    } as FetcherResponse['headers'];
  }
  async text() {
    return this.body;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new TextEncoder().encode(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  async json() {
    return JSON.parse(this.body) as unknown;
  }
  clone(): FetcherResponse {
    return this;
  }
}

/** Response headers as undici's `request` gives them: lower-case names, latin1 values, repeats as arrays. */
function headersOf(raw: Buffer[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
    const known = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (known === undefined) headers[name] = value;
    else if (Array.isArray(known)) known.push(value);
    else headers[name] = [known, value];
  }
  return headers;
}

/** The body as undici's `text()` decodes it: UTF-8, a leading BOM dropped. */
function textOf(chunks: Buffer[], length: number): string {
  if (length === 0) return '';
  const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  const start = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return buffer.toString('utf8', start);
}

export function createSubgraphFetcher(options: { maxConnections: number; timeoutMs: number }): SubgraphFetcher {
  // Idle sockets close after 30 s, before a subgraph's 65 s keep-alive timeout can race a reuse.
  const agent = new Agent({
    connections: options.maxConnections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  // A handful of subgraph URLs, each parsed once.
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      targets.set(url, target);
    }
    return target;
  };
  return {
    agent,
    maxConnectionsPerSubgraph: options.maxConnections,
    // The dispatcher's own handler interface, buffering the answer: undici's `request` wraps every
    // answer in a Readable stream and an async resource that a buffered JSON body never needs.
    fetch(url, init = {}) {
      return new Promise<FetcherResponse>((resolve, reject) => {
        let status = 0;
        let rawHeaders: Buffer[] = [];
        const chunks: Buffer[] = [];
        let length = 0;
        agent.dispatch(
          {
            ...targetOf(url),
            method: (init.method ?? 'GET') as 'POST',
            headers: init.headers as Record<string, string>,
            body: init.body as string | undefined,
          },
          {
            onConnect() {},
            onHeaders(statusCode, headers) {
              // Informational (1xx) answers precede the real one.
              if (statusCode >= 200) {
                status = statusCode;
                rawHeaders = headers;
              }
              return true;
            },
            onData(chunk) {
              chunks.push(chunk);
              length += chunk.length;
              return true;
            },
            onComplete() {
              resolve(new BufferedResponse(url, status, headersOf(rawHeaders), textOf(chunks, length)));
            },
            onError: reject,
          },
        );
      });
    },
    close: () => agent.close(),
  };
}
