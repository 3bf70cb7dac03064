// The gateway: one HTTP server for the federated graph (/graphql, also over graphql-ws), the REST
// adapter (/api/v1), JWKS, metrics, and the built web app.
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { expressMiddleware } from '@as-integrations/express5';
import { createDatabase } from '@igny8/db';
import {
  createAccessTokenVerifier,
  createJobEventSource,
  createLogger,
  createRevocationCheck,
  createRevocationFeed,
  DomainError,
  isTemporaryOutage,
  type JobEventSource,
  jsonBody,
  jwksUrlOf,
  type Logger,
  outageGraphQLError,
  RateLimitedError,
  type RevocationFeed,
  requestIdOf,
  toGraphQLError,
  tokenStateFromSystem,
  unreadableBodyHandler,
} from '@igny8/lib';
import { readSupergraphSdl } from '@igny8/schema';
import express, { type Request } from 'express';
import { type GatewayConfig, loadGatewayConfig, subgraphUrls } from './config.js';
import { type GatewayContext, HttpRequestContext } from './context.js';
import { createCredentialResolver } from './credentials.js';
import { createFileProxy, mountFileProxy } from './files.js';
import { createGraph, type WarmOperation } from './graph.js';
import { createMetrics } from './metrics.js';
import { requestLogger } from './request-log.js';
import { mountAccountRoutes } from './rest/account.js';
import { mountAiSettingsRoutes } from './rest/ai-settings.js';
import { mountAuthRoutes } from './rest/auth.js';
import { mountBillingRoutes } from './rest/billing.js';
import { RestFailure, sendFailure } from './rest/envelope.js';
import { mountJobRoutes } from './rest/jobs.js';
import { mountNotificationRoutes } from './rest/notifications.js';
import { mountPlannerRoutes } from './rest/planner.js';
import { createOperationRunner } from './rest/runner.js';
import { mountSitesRoutes } from './rest/sites.js';
import { mountSystemRoutes } from './rest/system.js';
import { mountThinkerRoutes } from './rest/thinker.js';
import { mountWriterRoutes } from './rest/writer.js';
import { mountWriterImageRoutes } from './rest/writer-images.js';
import { mountWriterTaxonomyRoutes } from './rest/writer-taxonomies.js';
import type { SubgraphFetcher } from './subgraph-fetcher.js';
import { jobSubscriptionFields } from './subscriptions/jobs.js';
import { createThrottles, rateLimitedHttpError } from './throttles.js';
import { mountWebApp } from './web-app.js';
import { attachSubscriptions, type SubscriptionFields } from './ws.js';

export { type GatewayConfig, loadGatewayConfig } from './config.js';
export type { WarmOperation } from './graph.js';
export type { SubscriptionField, SubscriptionFields } from './ws.js';

export const VERSION = process.env.npm_package_version ?? '0.1.0';

export interface GatewayOptions {
  config?: GatewayConfig;
  log?: Logger;
  port?: number;
  /** Subgraph name → GraphQL URL; defaults from the config. */
  urls?: Record<string, string>;
  /** The composed supergraph; defaults to the checked-in schema/supergraph.graphql. */
  supergraphSdl?: string;
  /**
   * Job events for `jobProgress`/`jobUpdates` (the all-in-one launcher shares its database's).
   * Without it the gateway LISTENs on DATABASE_URL itself; with neither, subscriptions answer a
   * clear error.
   */
  jobEvents?: JobEventSource;
  /**
   * Token revocations (the all-in-one launcher shares its subgraphs'). Without it the gateway
   * LISTENs on DATABASE_URL itself; with neither, every request asks the system subgraph.
   */
  revocations?: RevocationFeed;
  /** Further Subscription fields served over graphql-ws. */
  subscriptions?: SubscriptionFields;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Where METRICS_PORT serves /metrics, when it is set. */
  metricsUrl?: string;
  /** Plans these operations now (also done at start from WARM_OPERATIONS_FILE); returns how many. */
  warm(operations: WarmOperation[]): Promise<number>;
  /** The keep-alive connection pool to the subgraphs. */
  subgraphs: SubgraphFetcher;
  /**
   * Graceful stop: websockets are told the server is going away, the listener closes (new
   * connections are refused), in-flight requests finish (10 s grace), then the graph stops.
   */
  close(): Promise<void>;
}

const origin = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = options.config ?? loadGatewayConfig();
  const log = options.log ?? createLogger('gateway', config.LOG_LEVEL);
  const urls = options.urls ?? subgraphUrls(config);
  const systemOrigin = origin(urls.system!);

  // In its own process the gateway LISTENs on the database for job events and token revocations;
  // it reads no tables.
  const eventDatabase =
    (!options.jobEvents || !options.revocations) && config.DATABASE_URL
      ? createDatabase({ url: config.DATABASE_URL, poolSize: 1 })
      : undefined;
  const ownRevocations =
    !options.revocations && eventDatabase
      ? createRevocationFeed(eventDatabase, log.child({ component: 'revocations' }))
      : undefined;
  const revocations = options.revocations ?? ownRevocations;
  if (!revocations) log.warn('no DATABASE_URL: every request asks the system subgraph whether its token was revoked');
  const verify = createAccessTokenVerifier({
    systemUrl: urls.system,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    revocations: createRevocationCheck({ feed: revocations, load: tokenStateFromSystem(urls.system!) }),
  });
  const credentials = createCredentialResolver({
    verify,
    exchangeUrl: `${systemOrigin}/internal/api-key-token`,
    cacheSeconds: config.API_KEY_CACHE_SECONDS,
  });
  const throttles = createThrottles(config, credentials);

  const production = config.NODE_ENV === 'production';
  const app = express();
  app.disable('x-powered-by');
  // Express's own error pages follow this (stack traces only outside production).
  app.set('env', config.NODE_ENV);
  // Forwarded headers only from the proxies TRUST_PROXY names (none by default): anyone else's
  // X-Forwarded-For is ignored, so rotating it cannot dodge a per-address throttle.
  app.set('trust proxy', config.TRUST_PROXY.length ? config.TRUST_PROXY : false);
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const metrics = createMetrics();

  // Every request gets an id (the client's if sane), echoed back and passed to every subgraph.
  app.use((req, res, next) => {
    const id = requestIdOf(req);
    req.headers['x-request-id'] = id;
    res.setHeader('x-request-id', id);
    next();
  });
  app.use(requestLogger(log, (path) => path === '/metrics' || path.startsWith('/assets/')));
  app.use(metrics.httpMiddleware);

  const contextOf = async (req: Request): Promise<GatewayContext> =>
    new HttpRequestContext(
      String(req.headers['x-request-id']),
      req.ip ?? 'unknown',
      await credentials.forRequest(req),
      req,
    );

  const graph = await createGraph({
    config,
    supergraphSdl: options.supergraphSdl ?? readSupergraphSdl(),
    urls,
    httpServer,
    log,
    plugins: [metrics.graphqlPlugin],
    onCacheLookup: metrics.cacheLookup,
  });

  // Metrics tell an outsider the traffic and the routes: never public on this port.
  const sendMetrics = async (_req: Request, res: express.Response) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  };
  if (config.METRICS_TOKEN) {
    const expected = createHash('sha256').update(`Bearer ${config.METRICS_TOKEN}`).digest();
    app.get(
      '/metrics',
      (req, res, next) => {
        const given = createHash('sha256')
          .update(req.headers.authorization ?? '')
          .digest();
        if (timingSafeEqual(given, expected)) return next();
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer')
          .json({ error: 'Send "Authorization: Bearer <METRICS_TOKEN>" to read the metrics.' });
      },
      sendMetrics,
    );
  } else {
    // Not the web app's page either: a scraper pointed here learns it must be configured.
    app.get('/metrics', (_req, res) => {
      res.status(404).json({ error: 'Metrics are not served on this port: set METRICS_TOKEN or METRICS_PORT.' });
    });
  }
  const metricsApp = config.METRICS_PORT === undefined ? undefined : express();
  metricsApp?.disable('x-powered-by');
  metricsApp?.get('/metrics', sendMetrics);
  const metricsServer = metricsApp && http.createServer(metricsApp);
  const files = createFileProxy({ urls, agent: graph.subgraphs.agent });
  mountFileProxy(app, files);

  let jwksCache: { body: unknown; until: number } | undefined;
  app.get('/.well-known/jwks.json', async (_req, res) => {
    try {
      if (!jwksCache || jwksCache.until < Date.now()) {
        const upstream = await fetch(jwksUrlOf(urls.system!), { signal: AbortSignal.timeout(2000) });
        if (!upstream.ok) throw new Error(`system answered ${upstream.status}`);
        jwksCache = { body: await upstream.json(), until: Date.now() + 300_000 };
      }
      res.set('Cache-Control', 'public, max-age=300').json(jwksCache.body);
    } catch (error) {
      log.error({ err: error }, 'JWKS unavailable');
      res.status(503).json({ error: 'The signing keys are unavailable right now.' });
    }
  });

  const rest = express.Router();
  // Counted before the body is read: a refused request costs no parsing.
  rest.use(throttles.rest);
  rest.use(jsonBody('1mb'));
  const runner = createOperationRunner(graph.server, contextOf);
  mountAuthRoutes(rest, runner);
  mountAccountRoutes(rest, runner);
  mountSitesRoutes(rest, runner);
  mountThinkerRoutes(rest, runner);
  mountBillingRoutes(rest, runner);
  mountJobRoutes(rest, runner);
  mountPlannerRoutes(rest, runner, { plannerGraphqlUrl: urls.planner, credentials }, files);
  mountWriterRoutes(rest, runner);
  mountAiSettingsRoutes(rest, runner);
  mountWriterTaxonomyRoutes(rest, runner);
  mountNotificationRoutes(rest, runner);
  mountWriterImageRoutes(rest, runner, files, { writerGraphqlUrl: urls.writer, credentials });
  mountSystemRoutes(
    rest,
    runner,
    {
      async subgraphs() {
        const entries = await Promise.all(
          Object.entries(urls).map(async ([name, url]) => {
            const started = performance.now();
            const ok = await fetch(`${origin(url)}/health`, { signal: AbortSignal.timeout(2000) })
              .then((r) => r.ok)
              .catch(() => false);
            return [name, { status: ok ? 'ok' : 'unavailable', ms: Math.round(performance.now() - started) }] as const;
          }),
        );
        return Object.fromEntries(entries);
      },
    },
    VERSION,
  );
  rest.use((req, res) =>
    sendFailure(res, new RestFailure(404, `No endpoint ${req.method} ${req.baseUrl}${req.path}.`)),
  );
  // Malformed JSON bodies and the like.
  rest.use((error: Error & { status?: number }, _req: Request, res: express.Response, _next: express.NextFunction) => {
    sendFailure(
      res,
      new RestFailure(
        error.status && error.status < 500 ? error.status : 400,
        `The request could not be read: ${error.message}`,
      ),
    );
  });
  app.use('/api/v1', rest);

  app.use(
    '/graphql',
    jsonBody('1mb'),
    // A body express.json did not read (text/plain, form-encoded, multipart) stays unset; Apollo's
    // CSRF prevention must be the one that refuses it (400), not the integration (500).
    (req: Request, _res: express.Response, next: express.NextFunction) => {
      if (!('body' in req) || req.body === undefined) req.body = {};
      next();
    },
    expressMiddleware(graph.server, {
      context: async ({ req }) => {
        try {
          const context = await contextOf(req);
          await throttles.graphql(context);
          return context;
        } catch (error) {
          if (error instanceof RateLimitedError) throw rateLimitedHttpError(error);
          if (error instanceof DomainError) throw toGraphQLError(error, 401);
          if (isTemporaryOutage(error)) throw outageGraphQLError(error);
          throw error;
        }
      },
    }),
  );

  const webDist = resolve(config.WEB_DIST);
  if (config.WEB_DIST && existsSync(join(webDist, 'index.html'))) {
    mountWebApp(app, { webDist, production });
  } else if (config.WEB_DIST) {
    log.warn({ webDist }, 'web app not built: run `npm run build` to serve it');
  }

  // Last: unreadable bodies and anything else that escaped a route answer JSON, no stack trace.
  app.use(unreadableBodyHandler((error, req) => req.log.error({ err: error }, 'request failed')));

  const jobEvents =
    options.jobEvents ??
    (eventDatabase ? createJobEventSource(eventDatabase, log.child({ component: 'job-events' })) : undefined);
  if (!jobEvents) log.warn('no DATABASE_URL: job progress subscriptions are unavailable');
  const subscriptions = attachSubscriptions({
    httpServer,
    graph,
    credentials,
    revocations,
    log,
    production,
    trustProxy: app.get('trust proxy fn') as (address: string, hop: number) => boolean,
    subscriptions: { ...(jobEvents ? jobSubscriptionFields(jobEvents, graph) : {}), ...options.subscriptions },
    onConnectionCount: (delta) => metrics.wsConnections.inc(delta),
    throttle: throttles.graphql,
  });

  await new Promise<void>((done) => httpServer.listen(options.port ?? config.PORT, config.HOST, done));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  log.info({ port }, 'gateway listening');
  let metricsUrl: string | undefined;
  if (metricsServer) {
    await new Promise<void>((done) => metricsServer.listen(config.METRICS_PORT, config.METRICS_HOST, done));
    const metricsHost = config.METRICS_HOST === '0.0.0.0' ? 'localhost' : config.METRICS_HOST;
    metricsUrl = `http://${metricsHost}:${(metricsServer.address() as AddressInfo).port}/metrics`;
    log.info({ url: metricsUrl }, 'metrics listening');
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    metricsUrl,
    warm: (operations) => graph.warm(operations),
    subgraphs: graph.subgraphs,
    close: () => {
      closing ??= (async () => {
        await subscriptions.close();
        metricsServer?.closeAllConnections();
        await new Promise<void>((done) => (metricsServer ? metricsServer.close(() => done()) : done()));
        // Apollo's drain plugin: stop listening, end idle keep-alive sockets, wait for in-flight
        // requests; then the gateway stops and the subgraph sockets are released.
        await graph.stop();
        if (eventDatabase) {
          if (!options.jobEvents) await jobEvents?.close();
          await ownRevocations?.close();
          await eventDatabase.close();
        }
        log.info('gateway stopped');
      })();
      return closing;
    },
  };
}
