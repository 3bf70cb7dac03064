// Serves one federation subgraph over HTTP: Apollo Server on express 5, on its own http.Server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { Database } from '@igny8/db';
import express from 'express';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Logger } from 'pino';
import type { AccessTokenVerifier, VerifierOptions } from './auth.js';
import { createContextFactory, REQUEST_ID_HEADER, type RequestContext, requestIdOf } from './context.js';
import { createErrorFormatter, DomainError, isTemporaryOutage, outageGraphQLError } from './errors.js';
import type { JobRuntime } from './jobs/runtime.js';
import { jsonBody, unreadableBodyHandler } from './json-body.js';
import { type QueryLimits, queryProtection } from './query-limits.js';
import type { RevocationFeed } from './revocations.js';
import type { ServiceCredentials } from './service.js';

export interface SubgraphServerOptions<Ctx extends RequestContext = RequestContext> {
  name: string;
  schema: GraphQLSchema;
  verify: AccessTokenVerifier;
  log: Logger;
  port?: number;
  host?: string;
  /** Checked by GET /health (the database, typically). */
  health?: () => Promise<void>;
  /** Adds the subgraph's services to each request's context. */
  extendContext?: (base: RequestContext) => Ctx;
  /** Verifies service tokens; without it the subgraph refuses service calls. */
  serviceCredentials?: ServiceCredentials;
  /** Extra HTTP routes beside /graphql (mounted before it). */
  routes?: (app: express.Express) => void;
  /** The query limits the gateway applies too: a subgraph's port is reachable without the gateway. */
  limits: QueryLimits;
  /** NODE_ENV=production: no introspection, no suggestions, `_service` only for service calls. */
  production: boolean;
  /** Who may name the client's address in X-Forwarded-For (TRUST_PROXY): the gateway. None by default. */
  trustProxy?: readonly string[];
}

export interface RunningServer {
  url: string;
  port: number;
  /** The listening server (connection counts, tests). */
  httpServer: http.Server;
  /** Stops accepting connections, lets in-flight requests finish (10 s grace), then stops. */
  close(): Promise<void>;
}

/** True when the document asks for `Query._service` (the subgraph's SDL), directly or in a fragment. */
function asksForServiceSdl(schema: GraphQLSchema, document: DocumentNode): boolean {
  const query = schema.getQueryType();
  const typeInfo = new TypeInfo(schema);
  let asked = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === '_service' && getNamedType(typeInfo.getParentType()) === query) asked = true;
      },
    }),
  );
  return asked;
}

/**
 * In production `_service { sdl }` — the whole subgraph schema, service-only operations included —
 * answers only a service credential. Nothing in the platform needs it: the gateway runs on the
 * supergraph composed at build time (schema/), and composition reads the schemas in-process.
 */
function serviceSdlGuard<Ctx extends RequestContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          if (!contextValue.service && asksForServiceSdl(schema, document)) {
            throw new GraphQLError('_service is answered to service calls only.', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

/** Logs each operation with the request id the gateway sent, so one id follows a request everywhere. */
function operationLogPlugin<Ctx extends RequestContext>(name: string): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = performance.now();
      return {
        async willSendResponse({ errors }) {
          contextValue.log.info(
            {
              subgraph: name,
              operation: request.operationName ?? null,
              ms: Math.round(performance.now() - started),
              errors: errors?.length ?? 0,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}

export async function startSubgraph<Ctx extends RequestContext = RequestContext>(
  options: SubgraphServerOptions<Ctx>,
): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // Only the gateway, named in TRUST_PROXY, may tell us the client's address: anyone else calling
  // this port directly is known by their connection, whatever X-Forwarded-For they send.
  app.set('trust proxy', options.trustProxy?.length ? [...options.trustProxy] : false);
  const httpServer = http.createServer(app);
  // The gateway keeps connections open (keep-alive agent, idle sockets dropped after 30 s): the
  // server must not close an idle socket first, and must wait for headers longer than that.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const { production } = options;
  const protection = queryProtection<Ctx>(options.limits, production);
  const apollo = new ApolloServer<Ctx>({
    schema: options.schema,
    formatError: createErrorFormatter(options.log),
    includeStacktraceInErrorResponses: false,
    // The same limits and masking as the gateway's (graph.ts).
    validationRules: protection.validationRules,
    validationOptions: protection.validationOptions,
    hideSchemaDetailsFromClientErrors: production,
    introspection: !production,
    nodeEnv: production ? 'production' : 'development',
    // The process entry point owns SIGINT/SIGTERM (Apollo's own handler would re-raise the
    // signal and kill the process before the database is closed).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ...protection.plugins,
      ...(production ? [serviceSdlGuard<Ctx>()] : []),
      operationLogPlugin<Ctx>(options.name),
    ],
  });
  await apollo.start();
  const baseContext = createContextFactory(options.verify, options.log, options.serviceCredentials);

  // The request id the gateway sent (or a fresh one) goes back on every response.
  app.use((req, res, next) => {
    const id = requestIdOf(req);
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  });

  app.get('/health', async (_req, res) => {
    try {
      await options.health?.();
      res.json({ status: 'ok', subgraph: options.name });
    } catch (error) {
      options.log.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', subgraph: options.name });
    }
  });
  options.routes?.(app);
  app.use(
    '/graphql',
    jsonBody('2mb'),
    expressMiddleware(apollo, {
      context: async (args) => {
        let base: Awaited<ReturnType<typeof baseContext>>;
        try {
          base = await baseContext(args);
        } catch (error) {
          // Checking the token met an outage (the database restarting): said so, not a 500.
          if (!(error instanceof DomainError) && isTemporaryOutage(error)) throw outageGraphQLError(error);
          throw error;
        }
        return options.extendContext ? options.extendContext(base) : (base as Ctx);
      },
    }),
  );

  app.use(unreadableBodyHandler((error) => options.log.error({ err: error }, 'request failed')));

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  options.log.info({ url }, `${options.name} subgraph listening`);
  return {
    url,
    port,
    httpServer,
    // The drain plugin closes the listener, lets in-flight requests finish, then closes idle
    // keep-alive sockets.
    close: () => apollo.stop(),
  };
}

/** How a subgraph is started: alone from its config, or by the all-in-one launcher and tests. */
export interface SubgraphStartOptions<Config> {
  config?: Config;
  /** An open database; otherwise one is opened from the config and closed with the server. */
  database?: Database;
  log?: Logger;
  port?: number;
  /**
   * The system subgraph's GraphQL URL (default: SYSTEM_URL), or a function when it is known only
   * after start: its origin serves the JWKS unless `jwks` is given.
   */
  systemUrl?: string | (() => string);
  /** The billing subgraph's GraphQL URL (default: BILLING_URL), or a function when known only after start. */
  billingUrl?: string | (() => string);
  /** The planner subgraph's GraphQL endpoint (default: the config's PLANNER_URL). */
  plannerUrl?: string | (() => string);
  /** The access-token public keys, when known in-process (the all-in-one launcher). */
  jwks?: VerifierOptions['jwks'];
  /** The process's token revocations (one LISTEN for every subgraph of the all-in-one launcher). */
  revocations?: RevocationFeed;
  /**
   * The URL the gateway started in this process serves the app at (the all-in-one launcher),
   * known only after start: links start there unless PUBLIC_URL is set.
   */
  publicUrl?: () => string;
}

/**
 * Starts a listening subgraph's job workers. The returned server's `close` stops taking requests,
 * gives running jobs a moment to finish (the rest are stopped and retried after the next start),
 * then releases the database; a failed start closes what was opened.
 */
export async function withJobWorkers<S extends RunningServer>(
  server: S,
  jobs: Pick<JobRuntime, 'start' | 'stop'>,
  release: () => Promise<void>,
): Promise<S> {
  try {
    await jobs.start();
  } catch (error) {
    await server.close();
    await release();
    throw error;
  }
  return {
    ...server,
    close: async () => {
      await server.close();
      await jobs.stop();
      await release();
    },
  };
}
