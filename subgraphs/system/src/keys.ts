// The access-token signing key: Ed25519, from JWT_PRIVATE_JWK or generated once into DATA_DIR/keys.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '@igny8/db';
import {
  ACCESS_TOKEN_ALG,
  ACCESS_TOKEN_TTL_SECONDS,
  ACCESS_TOKEN_TYP,
  type Principal,
  type TokenSession,
} from '@igny8/lib';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  SignJWT,
} from 'jose';

export interface SigningKeys {
  kid: string;
  jwks: JSONWebKeySet;
  /** The token names its session and the user's token version, so either can revoke it (revocations.ts). */
  signAccessToken(principal: Principal, session: TokenSession, audience: string, issuer: string): Promise<string>;
}

async function readOrCreatePrivateJwk(dataDir: string, fromEnv: string | undefined): Promise<JWK> {
  if (fromEnv) return JSON.parse(fromEnv) as JWK;
  const file = join(dataDir, 'keys', 'signing-key.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  mkdirSync(join(dataDir, 'keys'), { recursive: true });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
  return jwk;
}

export async function loadSigningKeys(dataDir: string, fromEnv?: string): Promise<SigningKeys> {
  const privateJwk = await readOrCreatePrivateJwk(dataDir, fromEnv);
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || !privateJwk.d) {
    throw new Error('JWT_PRIVATE_JWK must be an Ed25519 private key (kty OKP, crv Ed25519, with d)');
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const key = await importJWK(privateJwk, ACCESS_TOKEN_ALG);
  return {
    kid,
    jwks: { keys: [{ ...publicJwk, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' }] },
    signAccessToken: (principal, session, audience, issuer) =>
      new SignJWT({
        acct: principal.accountId,
        role: principal.role,
        scope: principal.scopes.join(' '),
        ...(principal.apiKeyId ? { akid: principal.apiKeyId } : {}),
        sid: session.sessionId,
        ver: session.tokenVersion,
      })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid, typ: ACCESS_TOKEN_TYP })
        .setSubject(principal.userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setJti(newId())
        .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
        .sign(key),
  };
}
