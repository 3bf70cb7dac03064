// The gateway's HTTP client for subgraph requests: undici's `request` over a keep-alive pool,
// shaped as the small part of the Fetch API that @apollo/gateway's data source reads (ok, status,
// headers.get, json, text, clone). node-fetch v2 costs about twice the CPU per request for the
// same work; on a gateway whose every query is at least one subgraph hop, that is the largest
// avoidable cost after query planning (DESIGN §8b).
import { STATUS_CODES } from 'node:http';
import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';

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

export function createSubgraphFetcher(options: { maxConnections: number; timeoutMs: number }): SubgraphFetcher {
  // Idle sockets close after 30 s, before a subgraph's 65 s keep-alive timeout can race a reuse.
  const agent = new Agent({
    connections: options.maxConnections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  return {
    agent,
    maxConnectionsPerSubgraph: options.maxConnections,
    async fetch(url, init = {}) {
      const response = await request(url, {
        dispatcher: agent,
        method: (init.method ?? 'GET') as 'POST',
        headers: init.headers as Record<string, string>,
        body: init.body as string | undefined,
      });
      const body = await response.body.text();
      return new BufferedResponse(url, response.statusCode, response.headers, body);
    },
    close: () => agent.close(),
  };
}
