// The signed-in session. The rotating refresh token lives in localStorage (it survives reloads and
// is shared by tabs); the 15-minute access token lives in memory only. A refresh token works once
// and reusing a spent one revokes the whole session, so every refresh goes through
// `refreshAccessToken`: one at a time per tab (a shared promise) and across tabs (a Web Lock),
// always with the newest refresh token in storage.
import { type DocumentNode, print } from 'graphql';
import {
  EndSessionDocument,
  RefreshSessionDocument,
  type RefreshSessionMutation,
  type SessionTokensFragment,
} from '../gql/graphql';

const REFRESH_TOKEN_KEY = 'igny8.refreshToken';
const LOCK_NAME = 'igny8.session';
/** Refresh this long before the access token expires, so no request leaves with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

export type SessionStatus = 'signed-in' | 'signed-out';
/** Why the last session ended: the login page explains an expired one. */
export type SignOutReason = 'logout' | 'expired';

interface AccessToken {
  value: string;
  expiresAt: number;
}

let access: AccessToken | null = null;
let status: SessionStatus = readRefreshToken() ? 'signed-in' : 'signed-out';
let lastSignOutReason: SignOutReason | null = null;
let refreshing: Promise<string | null> | null = null;
const listeners = new Set<() => void>();

function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_TOKEN_KEY);
  } catch {
    return null;
  }
}

function setStatus(next: SessionStatus) {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

export const sessionStatus = (): SessionStatus => status;
export const signOutReason = (): SignOutReason | null => lastSignOutReason;

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Stores a new pair from login, register, refresh, accept-invite or change-password. */
export function startSession(tokens: SessionTokensFragment): void {
  access = { value: tokens.accessToken, expiresAt: Date.now() + tokens.expiresIn * 1000 };
  localStorage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  lastSignOutReason = null;
  setStatus('signed-in');
}

function dropSession(reason: SignOutReason): void {
  access = null;
  localStorage.removeItem(REFRESH_TOKEN_KEY);
  lastSignOutReason = reason;
  setStatus('signed-out');
}

// Another tab signed in, rotated the token or signed out.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== REFRESH_TOKEN_KEY && event.key !== null) return;
    if (readRefreshToken()) return setStatus('signed-in');
    access = null;
    lastSignOutReason = 'logout';
    setStatus('signed-out');
  });
}

/** A refresh that went wrong for a reason that may pass (network, rate limit): the session stays. */
export class SessionUnavailableError extends Error {}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Session calls bypass Apollo: they must never carry a (possibly expired) access token. */
async function postGraphQL<T>(document: DocumentNode, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: print(document), variables }),
    });
  } catch {
    throw new SessionUnavailableError('Could not reach the server to renew your session.');
  }
  if (response.status >= 500) throw new SessionUnavailableError(`The server answered ${response.status}.`);
  try {
    return (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new SessionUnavailableError('The server sent an unreadable answer.');
  }
}

/** Runs `work` while holding the session lock shared by every tab of this origin. */
async function withSessionLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return await navigator.locks.request(LOCK_NAME, work);
  }
  return await work();
}

async function exchangeRefreshToken(): Promise<string | null> {
  // Read inside the lock: another tab may have rotated the token since this tab last looked.
  const refreshToken = readRefreshToken();
  if (!refreshToken) {
    dropSession('expired');
    return null;
  }
  const result = await postGraphQL<RefreshSessionMutation>(RefreshSessionDocument, { refreshToken });
  const tokens = result.data?.refreshToken;
  if (tokens) {
    startSession(tokens);
    return tokens.accessToken;
  }
  const error = result.errors?.[0];
  if (error?.extensions?.code === 'RATE_LIMITED') throw new SessionUnavailableError(error.message);
  dropSession('expired');
  return null;
}

/**
 * Trades the refresh token for a new pair and returns the new access token, or null when the
 * session is over (the user is signed out). Concurrent callers share one refresh. `rejected` is the
 * access token the server just refused: when another call already replaced it, no refresh is made.
 */
export function refreshAccessToken(rejected?: string): Promise<string | null> {
  if (rejected && access && access.value !== rejected && access.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
    return Promise.resolve(access.value);
  }
  refreshing ??= withSessionLock(exchangeRefreshToken).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** A usable access token (refreshed first when missing or about to expire), or null if signed out. */
export function currentAccessToken(): Promise<string | null> {
  if (status === 'signed-out') return Promise.resolve(null);
  if (access && access.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return Promise.resolve(access.value);
  return refreshAccessToken();
}

/** Logs out on the server (ending every token rotated from this sign-in) and forgets the session. */
export async function endSession(): Promise<void> {
  await refreshing?.catch(() => null);
  await withSessionLock(async () => {
    const refreshToken = readRefreshToken();
    dropSession('logout');
    if (refreshToken) await postGraphQL(EndSessionDocument, { refreshToken }).catch(() => undefined);
  });
}
