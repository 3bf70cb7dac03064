// The system subgraph verifies every access token itself (RFC 8725): it never trusts a caller
// because a gateway let the request through.
import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOwner, type Session, startTestSystem, type TestSystem } from './harness.js';

const ME = '{ me { id role } }';

describe('system subgraph: access-token verification', () => {
  let sys: TestSystem;
  let owner: Session;
  let privateJwk: JWK;
  let good: JWTPayload;
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const sign = async (claims: JWTPayload, header: Record<string, unknown> = {}, jwk: JWK = privateJwk) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: sys.server.services.keys.kid, ...header })
      .sign(await importJWK(jwk, 'EdDSA'));
  const call = (token: string) => sys.post({ query: ME }, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    sys = await startTestSystem();
    owner = await registerOwner(sys);
    privateJwk = JSON.parse(readFileSync(join(sys.dataDir, 'keys', 'signing-key.json'), 'utf8'));
    const { config } = sys.server.services;
    // The session and token version of the owner's real sign-in (a token naming none is refused).
    const { sid, ver } = JSON.parse(Buffer.from(owner.token.split('.')[1]!, 'base64url').toString()) as JWTPayload;
    good = {
      sub: owner.userId,
      acct: owner.accountId,
      sid,
      ver,
      role: 'viewer',
      scope: 'read',
      iss: config.JWT_ISSUER,
      aud: config.JWT_AUDIENCE,
      iat: now,
      exp: now + 900,
    };
  });
  afterAll(() => sys.close());

  it('accepts a well-formed token signed with its key (so every refusal below is about one defect)', async () => {
    const res = await call(await sign(good));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ me: { id: owner.userId, role: 'OWNER' } });
  });

  it('publishes only the public half of the signing key', async () => {
    const res = await fetch(sys.server.url.replace(/\/graphql$/, '/.well-known/jwks.json'));
    const jwks = (await res.json()) as { keys: JWK[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', x: privateJwk.x });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses each forged or stale token with 401 UNAUTHENTICATED', async () => {
    const publicJwk = sys.server.services.keys.jwks.keys[0]!;
    const pem = String(
      createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }),
    );
    const hs256 = (secret: string) => {
      const input = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: publicJwk.kid })}.${b64(good)}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    };
    const strangerJwk = await exportJWK(generateKeyPairSync('ed25519').privateKey);
    const real = await sign(good);
    const [header, , signature] = real.split('.');

    const forged: Record<string, string> = {
      'payload swapped under a real signature': `${header}.${b64({ ...good, role: 'owner', scope: 'read write' })}.${signature}`,
      'signature of another token': `${header}.${b64(good)}.${(await sign({ ...good, jti: 'x' })).split('.')[2]}`,
      expired: await sign({ ...good, iat: now - 3600, exp: now - 1800 }),
      'issued too long ago': await sign({ ...good, iat: now - 7200, exp: now + 600 }),
      'issued in the future': await sign({ ...good, iat: now + 3600, exp: now + 4000 }),
      'wrong audience': await sign({ ...good, aud: 'igny8-admin' }),
      'wrong issuer': await sign({ ...good, iss: 'not-igny8' }),
      'without exp': await sign({ ...good, exp: undefined }),
      'typ JWT': await sign(good, { typ: 'JWT' }),
      'alg none': `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(good)}.`,
      'HS256 keyed with the PEM public key': hs256(pem),
      'HS256 keyed with the JWK': hs256(JSON.stringify(publicJwk)),
      'signed by a stranger with our kid': await sign(good, {}, strangerJwk),
      'not a JWT': 'hello',
    };
    for (const [label, token] of Object.entries(forged)) {
      const res = await call(token);
      expect(res.status, label).toBe(401);
      expect(res.errors?.[0]?.extensions?.code, label).toBe('UNAUTHENTICATED');
      expect(res.data ?? null, label).toBeNull();
    }
  });

  it('refuses a token without account or role claims', async () => {
    const { acct: _acct, ...noAccount } = good;
    const res = await call(await sign(noAccount));
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.message).toMatch(/missing its subject, account or role/);
  });
});
