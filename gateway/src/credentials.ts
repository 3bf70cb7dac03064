// Turns what a client sends (Bearer access token, or an API key as Bearer, `ApiKey <key>` or
// X-API-Key) into a verified access token the subgraphs verify again.
import { createHash } from 'node:crypto';
import {
  type AccessTokenVerifier,
  type Principal,
  RateLimitedError,
  UnauthenticatedError,
} from '@igny8/lib';

export interface Credential {
  accessToken: string;
  principal: Principal;
}

const API_KEY = /^igny8_[a-f0-9]{12}_[A-Za-z0-9_-]{43}$/;
const CACHE_MAX = 10_000;

export interface CredentialResolver {
  /** Undefined when the request carries no credential; throws UNAUTHENTICATED for a bad one. */
  resolve(headers: { authorization?: string | undefined; 'x-api-key'?: string | string[] | undefined }): Promise<
    Credential | undefined
  >;
}

export function createCredentialResolver(options: {
  verify: AccessTokenVerifier;
  /** System's API-key exchange endpoint. */
  exchangeUrl: string;
  cacheSeconds: number;
}): CredentialResolver {
  // An API key is exchanged for a short-lived token at most once per cacheSeconds: revocation
  // takes effect within that time.
  const cacheMs = options.cacheSeconds * 1000;
  const exchanged = new Map<string, { accessToken: string; principal: Principal; until: number }>();

  async function exchange(key: string): Promise<Credential> {
    const cacheKey = createHash('sha256').update(key).digest('hex');
    const hit = exchanged.get(cacheKey);
    if (hit && hit.until > Date.now()) return hit;
    const res = await fetch(options.exchangeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    const body = (await res.json()) as { accessToken?: string; message?: string; code?: string };
    if (res.status === 429) throw new RateLimitedError(body.message ?? 'Too many requests.', 60);
    if (!res.ok || !body.accessToken) throw new UnauthenticatedError(body.message ?? 'The API key is not valid.');
    const principal = await options.verify(body.accessToken);
    if (exchanged.size >= CACHE_MAX) exchanged.clear();
    const entry = { accessToken: body.accessToken, principal, until: Date.now() + cacheMs };
    exchanged.set(cacheKey, entry);
    return entry;
  }

  return {
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
  };
}
