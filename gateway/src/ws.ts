// graphql-ws on /graphql: the connection authenticates in `connection_init`; queries and
// mutations run through the federated graph. Job subscriptions plug in here.
import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { Supergraph } from '@apollo/federation-internals';
import { DomainError, type Logger } from '@igny8/lib';
import { GraphQLError, print, type ExecutionResult } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from './context.js';
import type { Credential, CredentialResolver } from './credentials.js';
import { randomUUID } from 'node:crypto';

type ConnectionExtra = {
  credential?: Credential;
  clientIp?: string;
};

export function attachSubscriptions(options: {
  httpServer: http.Server;
  graph: ApolloServer<GatewayContext>;
  credentials: CredentialResolver;
  supergraphSdl: string;
  log: Logger;
}): { close(): Promise<void> } {
  const schema = Supergraph.build(options.supergraphSdl).apiSchema().toGraphQLJSSchema();
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });

  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema,
      // Only signed-in callers may open a socket: returning false closes it with 4403.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw = params.authorization ?? params.Authorization ?? (params.token ? `Bearer ${params.token}` : undefined);
        try {
          const credential = await options.credentials.resolve({
            authorization: typeof raw === 'string' ? raw : undefined,
            'x-api-key': typeof params.apiKey === 'string' ? params.apiKey : undefined,
          });
          if (!credential) return false;
          ctx.extra.credential = credential;
          return { accountId: credential.principal.accountId };
        } catch (error) {
          if (error instanceof DomainError) return false;
          options.log.error({ err: error }, 'websocket authentication failed');
          return false;
        }
      },
      execute: async (args): Promise<ExecutionResult> => {
        const requestId = randomUUID();
        const extra = (args.contextValue as { extra?: ConnectionExtra } | undefined)?.extra;
        const response = await options.graph.executeOperation(
          {
            query: print(args.document),
            variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
            operationName: args.operationName ?? undefined,
          },
          {
            contextValue: {
              requestId,
              clientIp: extra?.clientIp ?? 'unknown',
              credential: extra?.credential,
              log: options.log.child({ requestId }),
            },
          },
        );
        if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported over websocket');
        return response.body.singleResult as ExecutionResult;
      },
      subscribe: async () => ({
        errors: [new GraphQLError('No subscriptions are available yet.', { extensions: { code: 'BAD_REQUEST' } })],
      }),
      context: (ctx) => ({ extra: ctx.extra }),
    },
    wss,
  );

  wss.on('connection', (socket, req) => {
    (socket as unknown as { clientIp?: string }).clientIp = req.socket.remoteAddress;
  });
  void CloseCode;

  return {
    close: async () => {
      await cleanup.dispose();
      await new Promise<void>((done) => wss.close(() => done()));
    },
  };
}
