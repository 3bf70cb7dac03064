// The Apollo Client of the app: queries and mutations over HTTP through an auth link that sends the
// access token, refreshes it silently (before it expires, or once when the server answers
// UNAUTHENTICATED) and retries; subscriptions over one graphql-ws socket that authenticates in
// `connection_init`.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { currentAccessToken, refreshAccessToken, sessionStatus, subscribeSession } from './session';

/** Operations made without a session: an expired token sent along would make the gateway refuse them. */
const PUBLIC_OPERATIONS = new Set([
  'Login',
  'Register',
  'RequestPasswordReset',
  'ConfirmPasswordReset',
  'AcceptInvite',
]);

const isUnauthenticated = (result: ApolloLink.Result) =>
  !!result.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED');

const authLink = new ApolloLink((operation, forward) => {
  if (PUBLIC_OPERATIONS.has(operation.operationName ?? '')) return forward(operation);

  const send = (token: string | null): Observable<ApolloLink.Result> => {
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => {
      const { authorization: _stale, ...rest } = headers ?? {};
      return { headers: token ? { ...rest, authorization: `Bearer ${token}` } : rest };
    });
    return forward(operation);
  };

  return from(currentAccessToken()).pipe(
    mergeMap((token) => {
      if (!token) return send(null);
      // One retry with a fresh token; if the session cannot be renewed the user is signed out and
      // the original answer goes through.
      let retried = false;
      const retryOr = (original: Observable<ApolloLink.Result>) => {
        if (retried) return original;
        retried = true;
        return from(refreshAccessToken(token)).pipe(mergeMap((fresh) => (fresh ? send(fresh) : original)));
      };
      return send(token).pipe(
        mergeMap((result) => (isUnauthenticated(result) ? retryOr(of(result)) : of(result))),
        catchError((error: unknown) =>
          ServerError.is(error) && error.statusCode === 401
            ? retryOr(throwError(() => error))
            : throwError(() => error),
        ),
      );
    }),
  );
});

const reconnectListeners = new Set<() => void>();

/**
 * Calls `listener` each time the subscription socket comes back after it dropped (the access
 * token expired, the network or the gateway went away). Events sent meanwhile are not replayed:
 * whoever shows live data reads it again. Returns the unsubscribe function.
 */
export function onSubscriptionsReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** 1 s, 2 s, 4 s … up to 30 s, with jitter so a restarted gateway is not met by every tab at once. */
const backoff = async (retries: number) => {
  const seconds = Math.min(2 ** retries, 30);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 * (0.5 + Math.random() / 2)));
};

/** graphql-ws's close code when the gateway refuses the socket's token (expired, or revoked). */
const TOKEN_REFUSED = 4403;

function openSubscriptionSocket(): Client {
  const { protocol, host } = window.location;
  // A token the gateway refused can be unexpired (a role change, a sign-out elsewhere): the next
  // connection refreshes it instead of offering it again.
  let sent: string | null = null;
  let refused: string | null = null;
  return createClient({
    url: `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`,
    // Connects with the first subscription, closes a moment after the last one ends.
    lazy: true,
    lazyCloseTimeout: 3_000,
    // Read at every (re)connection: the gateway closes the socket when the access token it was
    // opened with expires or is revoked, and the retry then signs in with a fresh one.
    connectionParams: async () => {
      const token = refused ? await refreshAccessToken(refused) : await currentAccessToken();
      refused = null;
      // Thrown here, the socket closes with a code graphql-ws does not retry.
      if (!token) throw new Error('Signed out: live updates need a session.');
      sent = token;
      return { authorization: `Bearer ${token}` };
    },
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: backoff,
    keepAlive: 25_000,
    on: {
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) for (const listener of reconnectListeners) listener();
      },
      closed: (event) => {
        if ((event as { code?: number }).code === TOKEN_REFUSED) refused = sent;
      },
    },
  });
}

/**
 * One socket per session: signing in or out disposes it (a signed-out tab keeps nothing open, and
 * the next user's subscriptions never ride on the previous user's connection).
 */
function createSubscriptionLink(): ApolloLink {
  let socket = new GraphQLWsLink(openSubscriptionSocket());
  subscribeSession(() => {
    void socket.client.dispose();
    socket = new GraphQLWsLink(openSubscriptionSocket());
  });
  return new ApolloLink((operation) => socket.request(operation));
}

export function createApolloClient(): ApolloClient {
  const client = new ApolloClient({
    link: ApolloLink.split(
      (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
      createSubscriptionLink(),
      ApolloLink.from([authLink, new HttpLink({ uri: '/graphql' })]),
    ),
    cache: new InMemoryCache({
      typePolicies: {
        // Identified without an `id`: one balance per account, one cost per operation, so the
        // header, the billing pages and the admin's edits share them.
        CreditBalance: { keyFields: ['accountId'] },
        CreditCost: { keyFields: ['operation'] },
      },
    }),
  });
  // Nothing of one user's data may outlive their session.
  subscribeSession(() => {
    if (sessionStatus() === 'signed-out') void client.clearStore();
  });
  return client;
}
