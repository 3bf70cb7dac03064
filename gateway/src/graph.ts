// The federated graph: Apollo Gateway over the checked-in supergraph, served by Apollo Server.
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloGateway, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createErrorFormatter, type Logger, REQUEST_ID_HEADER } from '@igny8/lib';
import nodeFetch from 'node-fetch';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';

/** Forwards the verified credential, the request id and the client address to a subgraph. */
class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http!.headers;
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.clientIp) headers.set('x-forwarded-for', context.clientIp);
    if (context.credential) headers.set('authorization', `Bearer ${context.credential.accessToken}`);
  }
}

export interface GraphOptions {
  config: GatewayConfig;
  supergraphSdl: string;
  urls: Record<string, string>;
  httpServer: http.Server;
  log: Logger;
  plugins: ApolloServerPlugin<GatewayContext>[];
}

export async function createGraph(options: GraphOptions): Promise<ApolloServer<GatewayContext>> {
  const { config } = options;
  const production = config.NODE_ENV === 'production';
  // Bounded keep-alive sockets per subgraph: no TCP handshake per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.SUBGRAPH_MAX_SOCKETS });
  const fetcher = ((url: string, init: Record<string, unknown>) => nodeFetch(url, { ...init, agent })) as never;

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphSource({ url: options.urls[name] ?? url, fetcher }),
    logger: options.log,
  });

  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH },
    maxAliases: { n: config.MAX_ALIASES },
    costLimit: { maxCost: config.MAX_COST },
    maxTokens: { n: config.MAX_TOKENS },
    maxDirectives: { n: config.MAX_DIRECTIVES },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();

  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(options.log),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...options.plugins,
    ],
  });
  await server.start();
  return server;
}
