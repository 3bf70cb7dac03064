// Serves one federation subgraph over HTTP: Apollo Server on express 5, on its own http.Server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { AccessTokenVerifier } from './auth.js';
import { createContextFactory, type RequestContext } from './context.js';
import { createErrorFormatter } from './errors.js';

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
  /** Extra HTTP routes beside /graphql (mounted before it). */
  routes?: (app: express.Express) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
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
  // Only the gateway (on loopback or the private network) may tell us the client's address.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;

  const apollo = new ApolloServer<Ctx>({
    schema: options.schema,
    formatError: createErrorFormatter(options.log),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      operationLogPlugin<Ctx>(options.name),
    ],
  });
  await apollo.start();
  const baseContext = createContextFactory(options.verify, options.log);

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
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async (args) => {
        const base = await baseContext(args);
        return options.extendContext ? options.extendContext(base) : (base as Ctx);
      },
    }),
  );

  await new Promise<void>((resolve) =>
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  options.log.info({ url }, `${options.name} subgraph listening`);
  return {
    url,
    port,
    close: () => apollo.stop(),
  };
}
