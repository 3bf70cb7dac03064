// graphql-ws on /graphql. The connection authenticates in `connection_init` (`authorization:
// 'Bearer <token>'`, or an API key as `apiKey`); anything else is refused with 4403. Queries and
// mutations run through the federated graph with the same limits, caches and error masking as
// HTTP. Subscriptions validate against the API schema and are served by the `SubscriptionFields`
// passed in (job progress, wired to a pub/sub) — until there are some, they answer a clear error.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import {
  createErrorFormatter,
  DomainError,
  jsonValueTooDeep,
  type Logger,
  type RevocationFeed,
  tooDeepMessage,
} from '@igny8/lib';
import {
  buildASTSchema,
  type DocumentNode,
  defaultFieldResolver,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  getOperationAST,
  parse,
  printSchema,
  subscribe,
  validate,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import type { GatewayContext } from './context.js';
import { type CredentialResolver, expiryOf } from './credentials.js';
import type { Graph } from './graph.js';

/** One field of the Subscription type. */
export interface SubscriptionField {
  /**
   * The events for this caller and these arguments (an async iterator over a pub/sub channel).
   * Check access here and throw a DomainError to refuse; send the current state first (NOTIFY has
   * no replay).
   */
  subscribe(
    args: Record<string, unknown>,
    context: GatewayContext,
    /** The subscription's field, selection and variables (to fetch what the events lack). */
    info: GraphQLResolveInfo,
  ): AsyncIterable<unknown> | Promise<AsyncIterable<unknown>>;
  /** Turns an event into the field's value; by default the event's property named like the field. */
  resolve?(event: unknown, args: Record<string, unknown>, context: GatewayContext): unknown;
}
export type SubscriptionFields = Record<string, SubscriptionField>;

interface CredentialInput {
  authorization?: string | undefined;
  'x-api-key'?: string | undefined;
}

type ConnectionExtra = {
  input?: CredentialInput;
  clientIp?: string;
  expiry?: NodeJS.Timeout;
  /** Removes the socket from the revocation watch. */
  unwatch?: () => void;
};

/** What an operation carries from onSubscribe to execute/subscribe. */
type OperationContext = GatewayContext & { query: string; started: number };

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  graph: Graph;
  credentials: CredentialResolver;
  /** Token revocations: an open socket whose credential is revoked is closed (4403) at once. */
  revocations?: RevocationFeed | undefined;
  log: Logger;
  production: boolean;
  /** Express's compiled `trust proxy` function: which hops may name the client's address. */
  trustProxy: (address: string, hop: number) => boolean;
  subscriptions?: SubscriptionFields | undefined;
  /** Largest accepted message, in bytes. */
  maxPayload?: number;
  onConnectionCount?: (delta: 1 | -1) => void;
  /** Counts each operation against the caller's rate limit; throws RATE_LIMITED when over it. */
  throttle?: (context: GatewayContext) => Promise<void>;
}

const DOCUMENT_CACHE = 500;
/** Longer documents are parsed each time (the cache must stay small). */
const DOCUMENT_CACHE_MAX_CHARS = 8 * 1024;
const REQUEST_ID = /^[\w-]{8,64}$/;

const coded = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

/** The client's address: the first untrusted hop from the right (proxy-addr's rule). */
function clientIpOf(request: http.IncomingMessage, trust: (address: string, hop: number) => boolean): string {
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  const chain = [request.socket.remoteAddress ?? 'unknown', ...forwarded];
  for (let hop = 0; hop < chain.length - 1; hop++) if (!trust(chain[hop]!, hop)) return chain[hop]!;
  return chain[chain.length - 1]!;
}

/** `connection_init` payload → the headers an HTTP client would have sent. */
function credentialInputOf(params: Record<string, unknown>): CredentialInput {
  const raw =
    params.authorization ?? params.Authorization ?? (params.token ? `Bearer ${String(params.token)}` : undefined);
  const apiKey = params.apiKey ?? params['x-api-key'] ?? params['X-API-Key'];
  return {
    authorization: typeof raw === 'string' ? raw : undefined,
    'x-api-key': typeof apiKey === 'string' ? apiKey : undefined,
  };
}

export function attachSubscriptions(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const { graph, log } = options;
  const schema = graph.apiSchema;
  // Subscription events execute against a clean copy: Apollo Server wraps every field resolver of
  // the gateway's schema object in place (for its plugins), which would bypass `fieldResolver`.
  const eventSchema = buildASTSchema(parse(printSchema(schema)));
  const formatError = createErrorFormatter(log);
  const fields = options.subscriptions ?? {};
  const subscriptionType = eventSchema.getSubscriptionType();
  const available = Object.keys(fields).filter((name) => subscriptionType?.getFields()[name]);

  // Parsed documents by query text: a client repeats the same few operations.
  const documents = new Map<string, DocumentNode>();
  const parseCached = (query: string): DocumentNode => {
    let document = documents.get(query);
    if (!document) {
      document = parse(query, graph.parseOptions);
      if (query.length > DOCUMENT_CACHE_MAX_CHARS) return document;
      if (documents.size >= DOCUMENT_CACHE) documents.delete(documents.keys().next().value!);
      documents.set(query, document);
    }
    return document;
  };

  // Open sockets by user: a revocation naming the user checks their sockets' credentials again,
  // and closes those that no longer hold (an open subscription must not outlive its access).
  const socketsByUser = new Map<string, Map<WebSocket, CredentialInput>>();
  const recheck = async (sockets: Iterable<[WebSocket, CredentialInput]>) => {
    for (const [socket, input] of [...sockets]) {
      try {
        await options.credentials.resolve(input);
      } catch (error) {
        if (!(error instanceof DomainError)) {
          log.error({ err: error }, 'websocket credential recheck failed');
          continue;
        }
        socket.close(CloseCode.Forbidden, error.message.slice(0, 120));
      }
    }
  };
  const unsubscribeRevocations = options.revocations?.subscribe({
    revoked: (revocation) => {
      const sockets = socketsByUser.get(revocation.userId);
      if (sockets) void recheck(sockets);
    },
    // The LISTEN dropped or came back: a revocation may have been missed, so every socket is checked.
    reset: () => void recheck([...socketsByUser.values()].flatMap((sockets) => [...sockets])),
  });

  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: options.maxPayload ?? 1024 * 1024,
  });
  wss.on('connection', (socket) => {
    options.onConnectionCount?.(1);
    socket.once('close', () => options.onConnectionCount?.(-1));
  });

  const fieldResolver: GraphQLFieldResolver<unknown, OperationContext> = (source, args, context, info) => {
    const field = info.parentType === subscriptionType ? fields[info.fieldName] : undefined;
    if (field?.resolve) return field.resolve(source, args, context);
    // Events answered through the graph are keyed as the client named the fields (aliases).
    const key = info.path.key;
    if (source && typeof source === 'object' && typeof key === 'string' && key in source) {
      return (source as Record<string, unknown>)[key];
    }
    return defaultFieldResolver(source, args, context, info);
  };
  const subscribeFieldResolver: GraphQLFieldResolver<unknown, OperationContext> = async (
    _source,
    args,
    context,
    info,
  ) => {
    const field = fields[info.fieldName];
    if (!field) throw coded(`The subscription field ${info.fieldName} is not available.`, 'BAD_REQUEST');
    return field.subscribe(args, context, info);
  };

  const formatAll = (errors: ReadonlyArray<GraphQLError | GraphQLFormattedError>): GraphQLFormattedError[] =>
    errors.map((error) => (error instanceof GraphQLError ? formatError(error.toJSON(), error) : error));

  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      isProd: options.production,
      // Only callers with a valid credential may open a socket: returning false closes it with 4403.
      onConnect: async (ctx) => {
        const input = credentialInputOf(ctx.connectionParams ?? {});
        try {
          const credential = await options.credentials.resolve(input);
          if (!credential) return false;
          ctx.extra.input = input;
          ctx.extra.clientIp = clientIpOf(ctx.extra.request, options.trustProxy);
          const { userId } = credential.principal;
          const socket = ctx.extra.socket;
          const sockets = socketsByUser.get(userId) ?? new Map<WebSocket, CredentialInput>();
          socketsByUser.set(userId, sockets);
          sockets.set(socket, input);
          ctx.extra.unwatch = () => {
            sockets.delete(socket);
            if (sockets.size === 0 && socketsByUser.get(userId) === sockets) socketsByUser.delete(userId);
          };
          // A signed-in session lasts as long as its access token: then the client reconnects
          // with a fresh one (graphql-ws retries; lazy connectionParams read the new token).
          // API keys are exchanged again as needed, per operation.
          if (!input['x-api-key'] && !/^apikey\s/i.test(input.authorization ?? '')) {
            const exp = expiryOf(credential.accessToken);
            if (exp) {
              ctx.extra.expiry = setTimeout(
                () => socket.close(CloseCode.Forbidden, 'The access token has expired: reconnect with a fresh one.'),
                Math.max(0, exp * 1000 - Date.now()),
              );
              ctx.extra.expiry.unref();
            }
          }
          return true;
        } catch (error) {
          if (!(error instanceof DomainError)) log.error({ err: error }, 'websocket authentication failed');
          return false;
        }
      },
      onClose: (ctx) => {
        if (ctx.extra.expiry) clearTimeout(ctx.extra.expiry);
        ctx.extra.unwatch?.();
      },
      onSubscribe: async (ctx, _id, payload): Promise<ExecutionArgs | GraphQLError[]> => {
        let document: DocumentNode;
        try {
          document = parseCached(payload.query);
        } catch (error) {
          return [
            coded(error instanceof Error ? error.message : 'The query could not be parsed.', 'GRAPHQL_PARSE_FAILED'),
          ];
        }
        // graphql-ws has parsed the message (without recursion); coercion would walk it recursively.
        if (jsonValueTooDeep(payload.variables) || jsonValueTooDeep(payload.extensions)) {
          return [coded(tooDeepMessage(), 'BAD_REQUEST')];
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [coded('Name the operation to run: the document has several, or none.', 'BAD_REQUEST')];
        }
        // The credential is checked again per operation: a revoked API key or an expired token
        // stops working on an open socket too.
        let credential: GatewayContext['credential'];
        try {
          credential = await options.credentials.resolve(ctx.extra.input ?? {});
        } catch (error) {
          if (error instanceof DomainError) return [coded(error.message, error.code)];
          throw error;
        }
        const given = (payload.extensions as { requestId?: unknown } | undefined)?.requestId;
        const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        const contextValue: OperationContext = {
          requestId,
          clientIp: ctx.extra.clientIp ?? 'unknown',
          credential,
          log: log.child({ requestId }),
          query: payload.query,
          started: performance.now(),
        };
        try {
          await options.throttle?.(contextValue);
        } catch (error) {
          if (error instanceof DomainError) {
            return [new GraphQLError(error.message, { extensions: { code: error.code, ...error.extensions() } })];
          }
          throw error;
        }
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue,
        };
        if (operation.operation !== 'subscription') return args;

        if (!subscriptionType || available.length === 0) {
          return [
            coded(
              'Subscriptions are not available yet: this graph has no subscription fields. Poll with a query instead.',
              'BAD_REQUEST',
            ),
          ];
        }
        const errors = validate(schema, document, graph.validationRules, { maxErrors: graph.maxValidationErrors });
        if (errors.length) {
          return errors.map(
            (e) =>
              new GraphQLError(e.message, {
                nodes: e.nodes,
                extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
          );
        }
        return args;
      },
      // Queries and mutations: the gateway's own pipeline (document cache, limits, query plans,
      // subgraph fetches, formatted errors).
      execute: async (args): Promise<ExecutionResult> => {
        const context = args.contextValue as OperationContext;
        const response = await graph.server.executeOperation(
          {
            query: context.query,
            variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
            operationName: args.operationName ?? undefined,
          },
          { contextValue: context },
        );
        if (response.body.kind !== 'single') {
          return { errors: [coded('Incremental delivery is not supported over websocket.', 'BAD_REQUEST')] };
        }
        const result = response.body.singleResult;
        context.log.info(
          {
            operation: args.operationName ?? null,
            ms: Math.round(performance.now() - context.started),
            errors: result.errors?.length ?? 0,
          },
          'websocket operation',
        );
        // Errors are already formatted (onNext passes them through as they are).
        return result as ExecutionResult;
      },
      subscribe: (args) => {
        (args.contextValue as OperationContext).log.info(
          { operation: args.operationName ?? null },
          'websocket subscription',
        );
        return subscribe({ ...args, schema: eventSchema, fieldResolver, subscribeFieldResolver });
      },
      onNext: (_ctx, _id, _payload, _args, result): FormattedExecutionResult => {
        const { errors, ...rest } = result;
        return errors?.length ? { ...rest, errors: formatAll(errors) } : rest;
      },
      onError: (_ctx, _id, _payload, errors) => formatAll(errors),
    },
    wss,
  );

  return {
    close: async () => {
      unsubscribeRevocations?.();
      // Open sockets are told the server is going away (1001); clients reconnect elsewhere.
      await cleanup.dispose();
    },
  };
}
