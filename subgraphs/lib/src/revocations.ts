// Access tokens that stop working before they expire. Every token names its session (`sid`: the
// sign-in's refresh-token family, or the API key it was exchanged for) and its user's token
// version (`ver`). The system subgraph raises a user's version (role, status or password change,
// removal, sign-out everywhere) or ends a session, and says so on one NOTIFY channel in the same
// transaction. Every process that verifies tokens (the gateway, each subgraph) LISTENs on it and
// keeps a bounded cache of the state it has seen: a request costs two map lookups when the cache
// is warm, one small query (in system) or one call to system (elsewhere) on a miss. While the
// LISTEN is down nothing is cached, so a revocation missed then is never trusted away.
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@igny8/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { DATABASE_UNAVAILABLE_MESSAGE, ServiceUnavailableError, UnauthenticatedError } from './errors.js';

export const TOKEN_REVOCATIONS_CHANNEL = 'igny8_token_revocations';
/** The system subgraph's route answering whether a token still stands (the token is the credential). */
export const TOKEN_STATE_PATH = '/internal/token-state';
/** The version of a member who was removed: no token of theirs is current again. */
export const REMOVED_VERSION = Number.MAX_SAFE_INTEGER;

/** What a token's holder is now, as the system subgraph knows it. */
export interface TokenState {
  /** The user's token version (REMOVED_VERSION once removed). */
  version: number;
  /** False for a disabled, invited or removed member. */
  active: boolean;
  /** False once the session was signed out (or the API key revoked). */
  sessionLive: boolean;
}

/** The claims a revocation check reads, from a token whose signature was verified. */
export interface TokenClaims {
  userId: string;
  accountId: string;
  sessionId: string;
  version: number;
  /** The session is an API key (`akid`), not a sign-in. */
  apiKey: boolean;
}

/** A NOTIFY on the channel: a user's new version, or a session that ended. */
export type Revocation = { userId: string; version: number; active: boolean } | { userId: string; sessionId: string };

export function revocationPayload(revocation: Revocation): string {
  return 'sessionId' in revocation
    ? JSON.stringify({ u: revocation.userId, s: revocation.sessionId })
    : JSON.stringify({ u: revocation.userId, v: revocation.version, a: revocation.active });
}

export function parseRevocation(payload: string): Revocation | undefined {
  try {
    const p = JSON.parse(payload) as { u?: unknown; s?: unknown; v?: unknown; a?: unknown };
    if (typeof p.u !== 'string') return undefined;
    if (typeof p.s === 'string') return { userId: p.u, sessionId: p.s };
    if (typeof p.v === 'number' && typeof p.a === 'boolean') return { userId: p.u, version: p.v, active: p.a };
  } catch {
    // Not ours: ignored.
  }
  return undefined;
}

/** Says a revocation on the channel; delivered when `tx` commits (and not at all if it rolls back). */
export async function publishRevocation(tx: Tx, revocation: Revocation): Promise<void> {
  await tx.execute(sql`select pg_notify(${TOKEN_REVOCATIONS_CHANNEL}, ${revocationPayload(revocation)})`);
}

export interface RevocationListener {
  revoked(revocation: Revocation): void;
  /** The LISTEN dropped or came back: whatever was cached may have missed a revocation. */
  reset(): void;
}

/** One LISTEN on the revocation channel, shared by every verifier of a process. */
export interface RevocationFeed {
  /** True while LISTENing: only then may a cache be trusted. */
  readonly live: boolean;
  subscribe(listener: RevocationListener): () => void;
  /** Resolves once LISTENing (the first time). */
  ready(): Promise<void>;
  /**
   * Resolves once this process has heard every revocation committed before the call: it NOTIFYs a
   * marker and waits for it (PostgreSQL delivers notifications in commit order). The system
   * subgraph answers a revoking mutation only then, so the client's next request cannot outrun it.
   */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;
/** A flush never holds an answer longer than this (the feed is down, or the database slow). */
const FLUSH_TIMEOUT_MS = 2_000;
const markerPayload = (id: string) => JSON.stringify({ flush: id });

/**
 * LISTENs on the database: PGlite's own LISTEN when embedded (one process, never drops), a
 * dedicated PostgreSQL connection otherwise. That connection's close is seen at once (postgres.js
 * `onclose`): the feed goes down (caches clear and stop caching) and LISTENs again with backoff.
 */
export function createRevocationFeed(
  database: Pick<Database, 'pglite' | 'url'>,
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void },
  /** The PostgreSQL connection's application_name (tests find their own connection by it). */
  applicationName = 'igny8-token-revocations',
): RevocationFeed {
  const listeners = new Set<RevocationListener>();
  let live = false;
  let closed = false;
  const each = (call: (listener: RevocationListener) => void) => {
    for (const listener of listeners) {
      try {
        call(listener);
      } catch (error) {
        log?.error({ err: error }, 'a token revocation listener threw');
      }
    }
  };
  const markers = new Map<string, () => void>();
  const onPayload = (payload: string) => {
    const marker = markers.get(payload);
    if (marker) return marker();
    const revocation = parseRevocation(payload);
    if (revocation) each((listener) => listener.revoked(revocation));
  };
  const setLive = (now: boolean) => {
    if (live === now) return;
    live = now;
    each((listener) => listener.reset());
  };

  let ready: Promise<void>;
  let stop: () => Promise<void>;
  let notify: (payload: string) => Promise<unknown>;
  if (database.pglite) {
    const pglite = database.pglite;
    const unlisten = pglite.listen(TOKEN_REVOCATIONS_CHANNEL, onPayload).then((off) => {
      setLive(true);
      return off;
    });
    ready = unlisten.then(() => undefined);
    notify = (payload) => pglite.query('select pg_notify($1, $2)', [TOKEN_REVOCATIONS_CHANNEL, payload]);
    stop = async () => {
      const off = await unlisten.catch(() => null);
      await off?.().catch(() => {});
    };
  } else if (database.url) {
    let retry: NodeJS.Timeout | undefined;
    let delay = RECONNECT_MIN_MS;
    // postgres.js calls `onnotify` for every NOTIFY on this connection (its types omit the option).
    const clientOptions: postgres.Options<Record<string, never>> & {
      onnotify: (channel: string, payload: string) => void;
    } = {
      max: 1,
      max_lifetime: null,
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: applicationName },
      onnotify: (channel, payload) => {
        if (channel === TOKEN_REVOCATIONS_CHANNEL) onPayload(payload);
      },
      onclose: () => {
        if (closed) return;
        setLive(false);
        scheduleListen();
      },
    };
    const client = postgres(database.url, clientOptions);
    const listen = async () => {
      await client.unsafe(`LISTEN "${TOKEN_REVOCATIONS_CHANNEL}"`);
      delay = RECONNECT_MIN_MS;
      setLive(true);
    };
    function scheduleListen() {
      if (retry || closed) return;
      retry = setTimeout(() => {
        retry = undefined;
        listen().catch((error: unknown) => {
          log?.warn({ err: error, retryInMs: delay }, 'could not LISTEN for token revocations');
          delay = Math.min(delay * 2, RECONNECT_MAX_MS);
          scheduleListen();
        });
      }, delay);
      retry.unref();
    }
    ready = listen();
    ready.catch(() => scheduleListen());
    notify = (payload) => client.notify(TOKEN_REVOCATIONS_CHANNEL, payload);
    stop = async () => {
      if (retry) clearTimeout(retry);
      await client.end({ timeout: 2 });
    };
  } else {
    throw new Error('createRevocationFeed: the database has neither PGlite nor a PostgreSQL URL');
  }

  return {
    get live() {
      return live && !closed;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: () => ready,
    async flush() {
      // Down, nothing is cached anywhere it matters: every check loads.
      if (!live || closed) return;
      const id = randomUUID();
      const payload = markerPayload(id);
      let timer: NodeJS.Timeout | undefined;
      const heard = new Promise<void>((resolve) => {
        markers.set(payload, resolve);
        timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
        timer.unref();
      });
      try {
        await notify(payload);
        await heard;
      } catch (error) {
        log?.warn({ err: error }, 'could not flush token revocations');
      } finally {
        clearTimeout(timer);
        markers.delete(payload);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      setLive(false);
      listeners.clear();
      await stop();
    },
  };
}

/** Loads a token holder's current state (a miss, or the feed is down). */
export type TokenStateLoader = (token: string, claims: TokenClaims) => Promise<TokenState>;

/** Asks the system subgraph (whose URL may be known only after start) about a token it signed. */
export function tokenStateFromSystem(systemGraphqlUrl: string | (() => string)): TokenStateLoader {
  return async (token) => {
    const base = typeof systemGraphqlUrl === 'function' ? systemGraphqlUrl() : systemGraphqlUrl;
    let res: Response;
    try {
      res = await fetch(`${base.replace(/\/graphql$/, '')}${TOKEN_STATE_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      throw new ServiceUnavailableError(
        'The access token could not be checked: the system service did not answer. Try again shortly.',
        true,
      );
    }
    if (res.status === 401) throw new UnauthenticatedError('The access token is not valid: sign in again.');
    if (res.status === 503) {
      throw new ServiceUnavailableError(DATABASE_UNAVAILABLE_MESSAGE, true);
    }
    if (!res.ok) throw new Error(`The access token could not be checked: the system subgraph answered ${res.status}.`);
    const state = (await res.json().catch(() => null)) as Partial<TokenState> | null;
    if (
      typeof state?.version !== 'number' ||
      typeof state.active !== 'boolean' ||
      typeof state.sessionLive !== 'boolean'
    ) {
      throw new Error('The access token could not be checked: the system subgraph sent an unreadable answer.');
    }
    return state as TokenState;
  };
}

export interface RevocationCheck {
  /** Throws UNAUTHENTICATED when the token's session ended or its user's access changed since it was signed. */
  assertCurrent(token: string, claims: TokenClaims): Promise<void>;
}

/** Entries kept per map (users, sessions); the oldest go first. */
const DEFAULT_CACHE_ENTRIES = 10_000;

export function createRevocationCheck(options: {
  /** Without a feed (or while it is down) every check loads. */
  feed?: RevocationFeed | undefined;
  load: TokenStateLoader;
  maxEntries?: number;
}): RevocationCheck {
  const max = options.maxEntries ?? DEFAULT_CACHE_ENTRIES;
  const users = new Map<string, { version: number; active: boolean }>();
  const sessions = new Map<string, boolean>();
  const pending = new Map<string, Promise<void>>();
  // Raised on every reset: a load that started before one must not fill the cache after it.
  let epoch = 0;

  const put = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    if (map.size >= max) map.delete(map.keys().next().value!);
    map.set(key, value);
  };
  // Versions only rise and ended sessions stay ended: a stale answer never undoes a notification.
  const mergeUser = (userId: string, state: { version: number; active: boolean }) => {
    const known = users.get(userId);
    if (!known || known.version < state.version) put(users, userId, state);
  };
  const endSession = (sessionId: string) => put(sessions, sessionId, false);

  options.feed?.subscribe({
    revoked(revocation) {
      if ('sessionId' in revocation) endSession(revocation.sessionId);
      else mergeUser(revocation.userId, revocation);
    },
    reset() {
      epoch++;
      users.clear();
      sessions.clear();
    },
  });

  const refused = (message: string) => new UnauthenticatedError(message);
  const verdict = (claims: TokenClaims, user: { version: number; active: boolean }, sessionLive: boolean) => {
    if (!user.active || user.version === REMOVED_VERSION) {
      return refused('This user is no longer an active member of the account.');
    }
    if (!sessionLive) {
      return refused(
        claims.apiKey ? 'The API key has been revoked.' : 'This session has been signed out: sign in again.',
      );
    }
    if (claims.version !== user.version) {
      return refused(
        'Your access changed since this token was issued (role, password or sign-out): refresh it or sign in again.',
      );
    }
    return undefined;
  };

  async function load(token: string, claims: TokenClaims): Promise<TokenState> {
    const started = epoch;
    const state = await options.load(token, claims);
    if (options.feed?.live && started === epoch) {
      mergeUser(claims.userId, state);
      if (!state.sessionLive) endSession(claims.sessionId);
      else if (!sessions.has(claims.sessionId)) put(sessions, claims.sessionId, true);
    }
    return state;
  }

  return {
    async assertCurrent(token, claims) {
      if (options.feed?.live) {
        const user = users.get(claims.userId);
        const session = sessions.get(claims.sessionId);
        // A token newer than the cached version: that version's notification is still on its way.
        if (user && session !== undefined && claims.version <= user.version) {
          const error = verdict(claims, user, session);
          if (error) throw error;
          return;
        }
        const key = `${claims.userId}:${claims.sessionId}`;
        let inFlight = pending.get(key);
        if (!inFlight) {
          inFlight = load(token, claims)
            .then(() => undefined)
            .finally(() => pending.delete(key));
          pending.set(key, inFlight);
        }
        await inFlight;
        const cachedUser = users.get(claims.userId);
        const cachedSession = sessions.get(claims.sessionId);
        if (cachedUser && cachedSession !== undefined) {
          const error = verdict(claims, cachedUser, cachedSession);
          if (error) throw error;
          return;
        }
      }
      // No feed, the feed is down, or the entry was pushed out meanwhile: decide on a fresh load.
      const state = await load(token, claims);
      const error = verdict(claims, state, state.sessionLive);
      if (error) throw error;
    },
  };
}
