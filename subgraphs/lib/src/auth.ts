// Who is calling: verified access tokens (jose, pinned to EdDSA) and the roles of SPEC.md.
import type { Role } from '@igny8/db/system';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, errors as joseErrors, jwtVerify } from 'jose';
import { UnauthenticatedError } from './errors.js';
import type { RevocationCheck } from './revocations.js';

export type { Role };

export const ACCESS_TOKEN_ALG = 'EdDSA';
export const ACCESS_TOKEN_TYP = 'at+jwt';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface Principal {
  userId: string;
  accountId: string;
  role: Role;
  /** `read` and/or `write`; user sessions have both, an API key what it was given. */
  scopes: string[];
  /** Set when the caller authenticated with an API key. */
  apiKeyId?: string | undefined;
}

/** What a signed access token says beyond the principal: the session and the user's token version (revocations.ts). */
export interface TokenSession {
  /** The sign-in's refresh-token family, or the API key's id. */
  sessionId: string;
  tokenVersion: number;
}

/** Account roles from least to most powerful; `system_bot` acts as an editor. */
const RANK: Record<Role, number> = { viewer: 1, editor: 2, system_bot: 2, admin: 3, owner: 4, developer: 5 };

export function hasRole(principal: Principal | null | undefined, minimum: Role): boolean {
  return !!principal && RANK[principal.role] >= RANK[minimum];
}

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** The public keys, when known in-process (the system subgraph's own). */
  jwks?: JSONWebKeySet | undefined;
  /** Where to fetch them otherwise (the system subgraph's /.well-known/jwks.json). */
  jwksUrl?: string | undefined;
  /** Or the system subgraph's GraphQL URL (a function when only known after start): its JWKS. */
  systemUrl?: string | (() => string) | undefined;
  /**
   * Refuses tokens whose session ended or whose user's access changed since signing. Without it
   * only the signature and claims are checked (the system subgraph's own token-state route).
   */
  revocations?: RevocationCheck | undefined;
}

/** The system subgraph's JWKS, from its GraphQL endpoint's URL. */
export const jwksUrlOf = (systemGraphqlUrl: string) =>
  `${systemGraphqlUrl.replace(/\/graphql$/, '')}/.well-known/jwks.json`;

export type AccessTokenVerifier = (token: string) => Promise<Principal>;

/** How long a verified token's principal is reused without verifying the signature again. */
const VERIFIED_CACHE_MS = 60_000;
const VERIFIED_CACHE_MAX = 10_000;

/** A verified access token: who, in which session at which token version, until when (`exp`, seconds). */
export interface VerifiedAccessToken {
  principal: Principal;
  session: TokenSession;
  exp: number;
}

/** Checks an access token's signature and claims only (no revocations): see createAccessTokenVerifier. */
export function createAccessTokenReader(
  options: Omit<VerifierOptions, 'revocations'>,
): (token: string) => Promise<VerifiedAccessToken> {
  // The remote key set is fetched once and cached by jose (refetched on an unknown `kid`, at most
  // every 30 s).
  const system = typeof options.systemUrl === 'function' ? options.systemUrl() : options.systemUrl;
  const jwksUrl = options.jwksUrl ?? (system ? jwksUrlOf(system) : undefined);
  const keys = options.jwks
    ? createLocalJWKSet(options.jwks)
    : jwksUrl
      ? createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000 })
      : undefined;
  if (!keys) throw new Error('createAccessTokenVerifier needs jwks, jwksUrl or systemUrl');

  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ACCESS_TOKEN_ALG],
        issuer: options.issuer,
        audience: options.audience,
        typ: ACCESS_TOKEN_TYP,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: ACCESS_TOKEN_TTL_SECONDS + 60,
        clockTolerance: 5,
      });
      const { sub, acct, role, scope, akid, sid, ver, exp } = payload as Record<string, unknown>;
      if (typeof sub !== 'string' || typeof acct !== 'string' || typeof role !== 'string') {
        throw new UnauthenticatedError('The access token is missing its subject, account or role.');
      }
      if (typeof sid !== 'string' || typeof ver !== 'number' || !Number.isSafeInteger(ver)) {
        throw new UnauthenticatedError('The access token is missing its session or token version: sign in again.');
      }
      return {
        principal: {
          userId: sub,
          accountId: acct,
          role: role as Role,
          scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [],
          apiKeyId: typeof akid === 'string' ? akid : undefined,
        },
        session: { sessionId: sid, tokenVersion: ver },
        exp: exp as number,
      };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) {
        throw new UnauthenticatedError('The access token has expired: refresh it or sign in again.');
      }
      throw new UnauthenticatedError('The access token is not valid: sign in again.');
    }
  };
}

/** The claims a revocation check reads. */
export const revocationClaimsOf = ({ principal, session }: Pick<VerifiedAccessToken, 'principal' | 'session'>) => ({
  userId: principal.userId,
  accountId: principal.accountId,
  sessionId: session.sessionId,
  version: session.tokenVersion,
  apiKey: !!principal.apiKeyId,
});

export function createAccessTokenVerifier(options: VerifierOptions): AccessTokenVerifier {
  const read = createAccessTokenReader(options);
  const { revocations } = options;
  // A client sends the same token on every request for its 15 minutes: the signature check's
  // result is kept for a minute (never past the token's expiry), keyed by the exact token text.
  // The revocation check runs on every request, cached signature or not.
  const verified = new Map<string, VerifiedAccessToken & { until: number }>();

  return async (token) => {
    const now = Date.now();
    let entry = verified.get(token);
    if (!entry || entry.until <= now) {
      const fresh = await read(token);
      entry = { ...fresh, until: Math.min(now + VERIFIED_CACHE_MS, fresh.exp * 1000) };
      if (verified.size >= VERIFIED_CACHE_MAX) verified.clear();
      verified.set(token, entry);
    }
    await revocations?.assertCurrent(token, revocationClaimsOf(entry));
    return entry.principal;
  };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
  return match[1];
}
