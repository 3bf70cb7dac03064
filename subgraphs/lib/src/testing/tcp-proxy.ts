// A TCP proxy on loopback between the platform and its PostgreSQL, so a test can take the database
// away as a restart does (every connection dropped, new ones refused) without touching the real
// server, which other suites share.
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  readonly port: number;
  /** `url` with its host and port pointing at the proxy. */
  via(url: string): string;
  /** The local ports of the proxy's connections to the target (`pg_stat_activity.client_port`). */
  upstreamPorts(): number[];
  /**
   * The outage: refuses new connections (ECONNREFUSED, as a server that is down) and, unless
   * `keepOpen`, drops every open one.
   */
  cut(options?: { keepOpen?: boolean }): Promise<void>;
  /** Listens again on the same port: the server is back. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Forwards 127.0.0.1:<random port> to `target` until told otherwise. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const serve = (client: Socket) => {
    const upstream = tcpConnect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  let server: Server | null = createServer(serve);
  const port = await listen(server, 0);
  // The listening socket closes at once; `close`'s callback would also wait for open connections.
  const stopListening = () => {
    server?.close();
    server = null;
  };
  const dropAll = () => {
    for (const { client, upstream } of [...pairs]) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    via(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    upstreamPorts: () =>
      [...pairs].map(({ upstream }) => upstream.localPort).filter((p): p is number => typeof p === 'number'),
    async cut({ keepOpen = false } = {}) {
      stopListening();
      if (!keepOpen) dropAll();
    },
    async restore() {
      if (server) return;
      server = createServer(serve);
      await listen(server, port);
    },
    async close() {
      stopListening();
      dropAll();
    },
  };
}
