// The Apollo Client of the app: an auth link that sends the access token, refreshes it silently
// (before it expires, or once when the server answers UNAUTHENTICATED) and retries, over HTTP.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
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

export function createApolloClient(): ApolloClient {
  const client = new ApolloClient({
    link: ApolloLink.from([authLink, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache(),
  });
  // Nothing of one user's data may outlive their session.
  subscribeSession(() => {
    if (sessionStatus() === 'signed-out') void client.clearStore();
  });
  return client;
}
