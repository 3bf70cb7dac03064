// Shared steps for the gateway's auth, tenancy, bad-input, REST and API-key suites: members with
// roles, plan changes, forged tokens and row counts read straight from the database.

import { createHmac, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accounts, apiKeys, sectors, sites, subscriptions, users } from '@igny8/db/system';
import { gqlData, type Session } from '@igny8/lib/testing';
import { setAccountPlan } from '@igny8/system';
import { eq } from 'drizzle-orm';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { PASSWORD, type Platform, registerOwner, uniqueEmail } from './harness.js';

export type { Session };
export { PASSWORD, registerOwner, uniqueEmail };

/** POST /graphql with any headers; the HTTP status comes back too. */
export async function postGraphql(
  p: Platform,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${p.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

/** Moves an account to another plan (what billing will do on payment). */
export async function setPlan(p: Platform, accountId: string, slug: string): Promise<void> {
  await setAccountPlan(p.system.services, accountId, slug);
}

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteUrl member { id } } }`;
const ACCEPT = `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) {
  accessToken refreshToken user { id email role } account { id } } }`;

/** Invites someone with `role` into `by`'s account and accepts the invitation for them. */
export async function addMember(p: Platform, by: Session, role: string): Promise<Session & { role: string }> {
  const email = uniqueEmail(role.toLowerCase());
  const invited = await p.gql(INVITE, { input: { email, role } }, by.token);
  if (invited.errors) throw new Error(`invite failed: ${JSON.stringify(invited.errors)}`);
  const token = new URL(invited.data.inviteMember.inviteUrl).searchParams.get('token');
  const accepted = await p.gql(ACCEPT, { input: { token, password: PASSWORD } });
  if (accepted.errors) throw new Error(`accept failed: ${JSON.stringify(accepted.errors)}`);
  const a = accepted.data.acceptInvite;
  return {
    email,
    role,
    token: a.accessToken,
    refreshToken: a.refreshToken,
    userId: a.user.id,
    accountId: a.account.id,
  };
}

const TABLES = { users, sites, sectors, apiKeys, subscriptions };

/** Rows of a system table that belong to an account, counted by the database itself. */
export async function countRows(p: Platform, table: keyof typeof TABLES | 'accounts', accountId: string) {
  return p.system.services.database.system(async (tx) => {
    if (table === 'accounts') return tx.$count(accounts, eq(accounts.id, accountId));
    const t = TABLES[table];
    return tx.$count(t, eq(t.accountId, accountId));
  });
}

/** Tokens made the way an attacker (or a clock) would: real key with bad claims, wrong algorithms. */
export function tokenForge(p: Platform) {
  const { config, keys } = p.system.services;
  const privateJwk = JSON.parse(readFileSync(join(config.DATA_DIR, 'keys', 'signing-key.json'), 'utf8')) as JWK;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);

  // The session and token version of a real sign-in: a forged token that names none is refused anyway.
  const sessionOf = (token: string) => {
    const { sid, ver } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as JWTPayload;
    return { sid, ver };
  };
  const claimsFor = (s: { userId: string; accountId: string; token: string }, role = 'owner'): JWTPayload => ({
    sub: s.userId,
    acct: s.accountId,
    ...sessionOf(s.token),
    role,
    scope: 'read write',
    iss: config.JWT_ISSUER,
    aud: config.JWT_AUDIENCE,
    iat: now,
    exp: now + 900,
  });

  return {
    claimsFor,
    /** Signed with the platform's real private key. */
    async signed(claims: JWTPayload, header: Record<string, unknown> = {}) {
      const key = await importJWK(privateJwk, 'EdDSA');
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: keys.kid, ...header })
        .sign(key);
    },
    unsigned(claims: JWTPayload) {
      return `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`;
    },
    /** HS256 keyed with the public key (PEM, and the JWK as published): the algorithm-confusion attack. */
    hmacWithPublicKey(claims: JWTPayload): string[] {
      const publicJwk = keys.jwks.keys[0]!;
      const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
      return [String(pem), JSON.stringify(publicJwk), publicJwk.x!].map((secret) => {
        const input = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: keys.kid })}.${b64(claims)}`;
        return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      });
    },
    /** The same token with its payload swapped for `claims` and the original signature kept. */
    tampered(token: string, changes: Record<string, unknown>) {
      const [header, payload, signature] = token.split('.');
      const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), ...changes };
      return `${header}.${b64(claims)}.${signature}`;
    },
    now,
  };
}

/** POST /graphql and return its data; a GraphQL error fails the calling step with the errors. */
export async function gqlOk<T = any>(
  p: Platform,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  return gqlData<T>(p.gql, query, variables, token);
}
