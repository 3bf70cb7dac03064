// Identity: registration, sign-in, refresh-token rotation, password changes and resets,
// and the exchange of an API key for a short-lived access token.
import { randomBytes } from 'node:crypto';
import type { Tx } from '@igny8/db';
import { newId } from '@igny8/db';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  BadUserInputError,
  type Caller,
  ConflictError,
  ForbiddenError,
  isUniqueViolation,
  type Principal,
  type TokenClaims,
  type TokenSession,
  type TokenState,
  UnauthenticatedError,
} from '@igny8/lib';
import type { AccountRow } from '../store/accounts.js';
import * as accountsStore from '../store/accounts.js';
import * as keysStore from '../store/api-keys.js';
import * as sessions from '../store/sessions.js';
import type { UserRow } from '../store/users.js';
import * as usersStore from '../store/users.js';
import { apiKeyPrincipal, parseApiKey } from './api-keys.js';
import { passwordResetMail } from './mails.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { randomToken, sameHash, sha256 } from './secrets.js';
import type { SystemServices } from './services.js';

export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;
const RESET_TOKEN_TTL_MS = 3600 * 1000;
const FREE_PLAN = 'free';
const TRIAL_DAYS = 14;

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: UserRow;
  account: AccountRow;
}

/** Who asks before signing in (register, sign-in, reset), for throttling: the client address the gateway saw. */
export interface Visitor {
  ip: string;
}

const userPrincipal = (user: UserRow): Principal => ({
  userId: user.id,
  accountId: user.accountId,
  role: user.role,
  scopes: ['read', 'write'],
});

async function signFor(s: SystemServices, principal: Principal, session: TokenSession): Promise<string> {
  return s.keys.signAccessToken(principal, session, s.config.JWT_AUDIENCE, s.config.JWT_ISSUER);
}

/**
 * Starts a session, or continues one on refresh (`familyId`): a refresh token and an access token
 * naming the session and the user's token version, so signing out or a change of access ends it.
 */
async function openSession(s: SystemServices, tx: Tx, user: UserRow, account: AccountRow, familyId = newId()) {
  const refreshToken = randomToken();
  await sessions.insertRefreshToken(tx, {
    accountId: user.accountId,
    userId: user.id,
    familyId,
    tokenHash: sha256(refreshToken),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
  });
  return {
    accessToken: await signFor(s, userPrincipal(user), { sessionId: familyId, tokenVersion: user.tokenVersion }),
    refreshToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user,
    account,
  };
}

function assertAccountUsable(account: AccountRow): void {
  if (account.status === 'suspended' || account.status === 'cancelled') {
    throw new ForbiddenError(`This account is ${account.status}. Contact support to reactivate it.`);
  }
}

function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return base || 'account';
}

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  accountName: string;
}

export async function register(s: SystemServices, caller: Visitor, input: RegisterInput): Promise<AuthPayload> {
  await s.limiter.authCall(caller.ip);
  const passwordHash = await hashPassword(input.password);
  const [firstName, ...rest] = input.name.trim().split(/\s+/);
  try {
    return await s.database.system(async (tx) => {
      if (await usersStore.findUserByEmail(tx, input.email)) {
        throw new ConflictError('An account with this e-mail already exists: sign in instead.', {
          email: ['is already registered'],
        });
      }
      const plan = await accountsStore.findPlanBySlug(tx, FREE_PLAN);
      if (!plan) throw new Error('The free plan is missing: reference data was not seeded');
      // A taken slug (also by a registration racing this one) gets a random suffix; checking
      // first and inserting after would let the race fail as a bogus e-mail conflict.
      const base = slugify(input.accountName);
      let account: AccountRow | undefined;
      for (let attempt = 0; !account; attempt++) {
        if (attempt === 5) throw new Error('could not find a free account slug');
        account = await accountsStore.insertAccountIfSlugFree(tx, {
          name: input.accountName.trim(),
          slug: attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`,
          planId: plan.id,
          status: 'trial',
          billingEmail: input.email,
          enabledModules: ['planner', 'writer', 'linker', 'optimizer', 'thinker', 'automation'],
        });
      }
      const now = new Date();
      await accountsStore.insertSubscription(tx, {
        accountId: account.id,
        planId: plan.id,
        status: 'trialing',
        currentPeriodStart: now,
        currentPeriodEnd: new Date(now.getTime() + TRIAL_DAYS * 86_400_000),
      });
      const user = await usersStore.insertUser(tx, {
        accountId: account.id,
        email: input.email,
        username: input.email.split('@')[0]!.slice(0, 60),
        firstName: firstName ?? '',
        lastName: rest.join(' '),
        passwordHash,
        role: 'owner',
        status: 'active',
        lastLoginAt: now,
      });
      return openSession(s, tx, user, account);
    });
  } catch (error) {
    // Two registrations racing for one e-mail: the unique index decides, the loser gets the same answer.
    if (isUniqueViolation(error)) {
      throw new ConflictError('An account with this e-mail already exists: sign in instead.', {
        email: ['is already registered'],
      });
    }
    throw error;
  }
}

export async function login(
  s: SystemServices,
  caller: Visitor,
  input: { email: string; password: string },
): Promise<AuthPayload> {
  await s.limiter.loginAttempt(caller.ip, input.email);
  const user = await s.database.system((tx) => usersStore.findUserByEmail(tx, input.email));
  const ok = await verifyPassword(user?.status === 'active' ? (user.passwordHash ?? null) : null, input.password);
  if (!user || !ok) throw new UnauthenticatedError('The e-mail or password is incorrect.');
  return s.database.tenant(user.accountId, async (tx) => {
    const account = await accountsStore.findAccount(tx, user.accountId);
    assertAccountUsable(account!);
    const updated = await usersStore.updateUser(tx, user.accountId, user.id, { lastLoginAt: new Date() });
    return openSession(s, tx, updated, account!);
  });
}

type RotationOutcome = { ok: AuthPayload } | { refused: string };

/**
 * Rotates a refresh token. A token that was already used means it leaked (or a client retried
 * with an old copy): the whole family is revoked, signing out every session descended from it.
 */
export async function refresh(s: SystemServices, caller: Visitor, refreshToken: string): Promise<AuthPayload> {
  await s.limiter.authCall(caller.ip);
  const outcome = await s.database.system(async (tx): Promise<RotationOutcome> => {
    const row = await sessions.findRefreshTokenForUpdate(tx, sha256(refreshToken));
    if (!row) return { refused: 'The refresh token is not valid: sign in again.' };
    if (row.usedAt || row.revokedAt) {
      await sessions.revokeFamily(tx, row.accountId, row.userId, row.familyId);
      return {
        refused: 'This refresh token was already used, so the session was closed for safety: sign in again.',
      };
    }
    if (row.expiresAt.getTime() < Date.now()) return { refused: 'The session has expired: sign in again.' };
    const user = await usersStore.findUser(tx, row.accountId, row.userId);
    const account = await accountsStore.findAccount(tx, row.accountId);
    if (user?.status !== 'active' || !account) {
      await sessions.revokeFamily(tx, row.accountId, row.userId, row.familyId);
      return { refused: 'This user can no longer sign in.' };
    }
    assertAccountUsable(account);
    await sessions.markRefreshTokenUsed(tx, row.accountId, row.id);
    return { ok: await openSession(s, tx, user, account, row.familyId) };
  });
  if ('refused' in outcome) throw new UnauthenticatedError(outcome.refused);
  return outcome.ok;
}

/**
 * Ends the refresh token's session — its access tokens too, at once — or, `everywhere`, every
 * session of its user (the token version rises: every access token of theirs stops).
 */
export async function logout(s: SystemServices, refreshToken: string, everywhere = false): Promise<boolean> {
  await s.database.system(async (tx) => {
    const row = await sessions.findRefreshTokenForUpdate(tx, sha256(refreshToken));
    if (!row) return;
    if (everywhere) {
      await usersStore.bumpTokenVersion(tx, row.accountId, row.userId);
      await sessions.revokeUserSessions(tx, row.accountId, row.userId);
    }
    await sessions.revokeFamily(tx, row.accountId, row.userId, row.familyId);
  });
  // Its access tokens stop everywhere before the answer (revocations.ts).
  await s.revocations.flush();
  return true;
}

/**
 * Changes the caller's password and signs them out everywhere — every access token signed before,
 * this session's too, stops at once — and answers a fresh session for the one that asked.
 */
export async function changePassword(
  s: SystemServices,
  caller: Caller,
  input: { currentPassword: string; newPassword: string },
): Promise<AuthPayload> {
  if (caller.apiKeyId) throw new ForbiddenError('API keys cannot change passwords.');
  const user = await s.database.tenant(caller.accountId, (tx) =>
    usersStore.findUser(tx, caller.accountId, caller.userId),
  );
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw BadUserInputError.field('currentPassword', 'is not your current password');
  }
  if (input.currentPassword === input.newPassword) {
    throw BadUserInputError.field('newPassword', 'must differ from the current password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const session = await s.database.tenant(caller.accountId, async (tx) => {
    const updated = await usersStore.updateUser(tx, user.accountId, user.id, { passwordHash });
    await sessions.revokeUserSessions(tx, user.accountId, user.id);
    const account = await accountsStore.findAccount(tx, user.accountId);
    return openSession(s, tx, updated, account!);
  });
  await s.revocations.flush();
  return session;
}

/**
 * Starts a password reset: mails a link to an active login's address. Always answers the same,
 * and as fast, whether or not the e-mail is known: the mail is sent after the answer, and a
 * failure to send it is only logged.
 */
export async function requestPasswordReset(s: SystemServices, caller: Visitor, emailAddress: string): Promise<boolean> {
  await s.limiter.authCall(caller.ip);
  const token = randomToken();
  const user = await s.database.system(async (tx) => {
    const found = await usersStore.findUserByEmail(tx, emailAddress);
    if (found?.status !== 'active') return undefined;
    await sessions.insertPasswordReset(tx, {
      accountId: found.accountId,
      userId: found.id,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS),
    });
    return found;
  });
  if (user) {
    void s.mailer.send(passwordResetMail, {
      to: user.email,
      data: {
        firstName: user.firstName,
        resetUrl: s.links.to('/reset-password', { token }),
        validMinutes: RESET_TOKEN_TTL_MS / 60_000,
      },
      about: { userId: user.id },
    });
  }
  return true;
}

export async function confirmPasswordReset(
  s: SystemServices,
  caller: Visitor,
  input: { token: string; newPassword: string },
): Promise<boolean> {
  // Throttled like the other auth calls: each attempt costs an argon2 hash.
  await s.limiter.authCall(caller.ip);
  const passwordHash = await hashPassword(input.newPassword);
  const done = await s.database.system(async (tx) => {
    const row = await sessions.findPasswordResetForUpdate(tx, sha256(input.token));
    if (!row || row.usedAt || row.expiresAt.getTime() < Date.now()) return false;
    await sessions.markPasswordResetUsed(tx, row.accountId, row.id);
    await usersStore.updateUser(tx, row.accountId, row.userId, { passwordHash });
    await sessions.revokeUserSessions(tx, row.accountId, row.userId);
    return true;
  });
  if (!done) throw BadUserInputError.field('token', 'is invalid or has expired: request a new reset link');
  await s.revocations.flush();
  return true;
}

/** Accepts an invitation: the invited member sets a password and is signed in. */
export async function acceptInvite(
  s: SystemServices,
  caller: Visitor,
  input: { token: string; password: string; firstName?: string | null; lastName?: string | null },
): Promise<AuthPayload> {
  await s.limiter.authCall(caller.ip);
  const passwordHash = await hashPassword(input.password);
  const result = await s.database.system(async (tx) => {
    const invited = await usersStore.findUserByInviteHash(tx, sha256(input.token));
    if (invited?.status !== 'invited') return undefined;
    const user = await usersStore.updateUser(tx, invited.accountId, invited.id, {
      passwordHash,
      status: 'active',
      inviteTokenHash: null,
      lastLoginAt: new Date(),
      ...(input.firstName ? { firstName: input.firstName } : {}),
      ...(input.lastName ? { lastName: input.lastName } : {}),
    });
    const account = await accountsStore.findAccount(tx, user.accountId);
    assertAccountUsable(account!);
    return openSession(s, tx, user, account!);
  });
  if (!result) throw BadUserInputError.field('token', 'is invalid or was already used: ask for a new invitation');
  return result;
}

/** Trades an API key for a short-lived access token that every subgraph can verify. */
export async function exchangeApiKey(
  s: SystemServices,
  key: string,
): Promise<{ accessToken: string; expiresIn: number }> {
  const parsed = parseApiKey(key);
  if (!parsed) throw new UnauthenticatedError('The API key is malformed.');
  const row = await s.database.system((tx) => keysStore.findApiKeyByPrefix(tx, parsed.prefix));
  if (!row || !sameHash(row.secretHash, sha256(parsed.secret))) {
    throw new UnauthenticatedError('The API key is not valid.');
  }
  if (row.revokedAt) throw new UnauthenticatedError('The API key has been revoked.');
  if (row.expiresAt && row.expiresAt.getTime() < Date.now()) throw new UnauthenticatedError('The API key has expired.');
  const creator = await s.database.tenant(row.accountId, async (tx) => {
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await keysStore.touchApiKey(tx, row.accountId, row.id);
    }
    return usersStore.findUser(tx, row.accountId, row.createdBy);
  });
  if (creator?.status !== 'active') {
    throw new UnauthenticatedError('The API key belongs to someone who is no longer a member of the account.');
  }
  return {
    // The key is the session: revoking it, or a change of its creator's access, ends the token.
    accessToken: await signFor(s, apiKeyPrincipal(row, creator.role), {
      sessionId: row.id,
      tokenVersion: creator.tokenVersion,
    }),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  };
}

/** Whether a token this subgraph signed still stands (asked on a cache miss by every verifier). */
export const tokenState = (s: SystemServices, claims: TokenClaims): Promise<TokenState> =>
  s.database.tenant(claims.accountId, (tx) =>
    sessions.findTokenState(tx, claims.accountId, claims.userId, claims.sessionId, claims.apiKey),
  );
