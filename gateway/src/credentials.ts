// Turns what a client sends (Bearer access token, or an API key as Bearer, `ApiKey <key>` or
// X-API-Key) into a verified access token the subgraphs verify again.
import { createHash } from 'node:crypto';
import { type AccessTokenVerifier, type Principal, RateLimitedError, UnauthenticatedError } from '@igny8/lib';
import type { Request } from 'express';

export interface Credential {
  accessToken: string;
  principal: Principal;
}

const API_KEY = /^igny8_[a-f0-9]{12}_[A-Za-z0-9_-]{43}$/;
const CACHE_MAX = 10_000;
const EXCHANGE_TIMEOUT_MS = 5_000;

/** The `exp` claim (seconds) of a token that has been verified, or undefined. */
export function expiryOf(token: string): number | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

export interface CredentialResolver {
  /** Undefined when the request carries no credential; throws UNAUTHENTICATED for a bad one. */
  resolve(headers: {
    authorization?: string | undefined;
    'x-api-key'?: string | string[] | undefined;
  }): Promise<Credential | undefined>;
  /**
   * The credential of an HTTP request, resolved once however many steps ask (the REST throttle,
   * then the operation's context).
   */
  forRequest(req: Pick<Request, 'headers'>): Promise<Credential | undefined>;
}

export function createCredentialResolver(options: {
  verify: AccessTokenVerifier;
  /** System's API-key exchange endpoint. */
  exchangeUrl: string;
  cacheSeconds: number;
}): CredentialResolver {
  // An API key is exchanged for a short-lived token at most once per cacheSeconds (and never
  // kept past that token's expiry); the token names the key as its session, so a revocation ends
  // it at once. Concurrent first requests with the same key share one exchange.
  const cacheMs = options.cacheSeconds * 1000;
  const exchanged = new Map<string, { accessToken: string; principal: Principal; until: number }>();
  const pending = new Map<string, Promise<Credential>>();
  const byRequest = new WeakMap<object, Promise<Credential | undefined>>();

  async function exchangeNow(key: string, cacheKey: string): Promise<Credential> {
    let res: Response;
    try {
      res = await fetch(options.exchangeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key }),
        signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error('The API key could not be checked: the system subgraph did not answer.', { cause: error });
    }
    const body = (await res.json().catch(() => ({}))) as { accessToken?: string; message?: string; code?: string };
    if (res.status === 429) throw new RateLimitedError(body.message ?? 'Too many requests.', 60);
    if (res.status >= 500)
      throw new Error(`The API key could not be checked: the system subgraph answered ${res.status}.`);
    if (!res.ok || !body.accessToken) throw new UnauthenticatedError(body.message ?? 'The API key is not valid.');
    const principal = await options.verify(body.accessToken);
    const exp = expiryOf(body.accessToken);
    const until = Math.min(Date.now() + cacheMs, exp ? exp * 1000 - 30_000 : Number.POSITIVE_INFINITY);
    const entry = { accessToken: body.accessToken, principal, until };
    if (exchanged.size >= CACHE_MAX) exchanged.clear();
    if (until > Date.now()) exchanged.set(cacheKey, entry);
    return entry;
  }

  async function exchange(key: string): Promise<Credential> {
    const cacheKey = createHash('sha256').update(key).digest('hex');
    const hit = exchanged.get(cacheKey);
    if (hit && hit.until > Date.now()) {
      // The exchanged token is checked again on every use: a revoked key (its session) or a
      // change of its creator's access ends it at once, and the key is then exchanged anew.
      try {
        await options.verify(hit.accessToken);
        return hit;
      } catch (error) {
        if (!(error instanceof UnauthenticatedError)) throw error;
        exchanged.delete(cacheKey);
      }
    }
    let inFlight = pending.get(cacheKey);
    if (!inFlight) {
      inFlight = exchangeNow(key, cacheKey).finally(() => pending.delete(cacheKey));
      pending.set(cacheKey, inFlight);
    }
    return inFlight;
  }

  const resolver: CredentialResolver = {
    async resolve(headers) {
      const apiKeyHeader = Array.isArray(headers['x-api-key']) ? headers['x-api-key'][0] : headers['x-api-key'];
      if (apiKeyHeader) return exchange(apiKeyHeader.trim());
      const authorization = headers.authorization?.trim();
      if (!authorization) return undefined;
      const [scheme, value, ...rest] = authorization.split(/\s+/);
      if (!value || rest.length) {
        throw new UnauthenticatedError('The Authorization header must be "Bearer <token>" or "ApiKey <key>".');
      }
      if (/^apikey$/i.test(scheme!)) return exchange(value);
      if (!/^bearer$/i.test(scheme!)) {
        throw new UnauthenticatedError('The Authorization header must be "Bearer <token>" or "ApiKey <key>".');
      }
      if (API_KEY.test(value)) return exchange(value);
      return { accessToken: value, principal: await options.verify(value) };
    },
    forRequest(req) {
      let credential = byRequest.get(req);
      if (!credential) {
        credential = resolver.resolve({
          authorization: req.headers.authorization,
          'x-api-key': req.headers['x-api-key'],
        });
        byRequest.set(req, credential);
      }
      return credential;
    },
  };
  return resolver;
}
