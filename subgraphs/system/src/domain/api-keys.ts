// API keys for integrators: `igny8_<prefix>_<secret>`, shown once, stored as a hash, scoped.
import { randomBytes } from 'node:crypto';
import {
  BadUserInputError,
  type Caller,
  NotFoundError,
  type PageWindow,
  type Principal,
  pageOf,
  type Role,
} from '@igny8/lib';
import type { ApiKeyRow } from '../store/api-keys.js';
import * as keysStore from '../store/api-keys.js';
import { randomToken, sha256 } from './secrets.js';
import type { SystemServices } from './services.js';

export type { ApiKeyRow } from '../store/api-keys.js';

export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
const FORMAT = /^igny8_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = FORMAT.exec(key.trim());
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

/**
 * An API key acts as an editor when it may write, as a viewer otherwise; never as an admin. It
 * never does more than its creator may now: a creator demoted to viewer leaves a read-only key.
 */
export function apiKeyPrincipal(row: ApiKeyRow, creatorRole: Role): Principal {
  const writes = row.scopes.includes('write') && creatorRole !== 'viewer';
  return {
    userId: row.createdBy,
    accountId: row.accountId,
    role: writes ? 'editor' : 'viewer',
    scopes: writes ? row.scopes : row.scopes.filter((scope) => scope !== 'write'),
    apiKeyId: row.id,
  };
}

export async function createApiKey(
  s: SystemServices,
  caller: Caller,
  input: { name: string; scopes: ApiKeyScope[]; expiresAt?: Date | null },
): Promise<{ apiKey: ApiKeyRow; secret: string }> {
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw BadUserInputError.field('scopes', 'must name at least one scope');
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw BadUserInputError.field('expiresAt', 'must be in the future');
  }
  const hexPrefix = randomBytes(6).toString('hex');
  const secret = randomToken(32);
  const apiKey = await s.database.tenant(caller.accountId, (tx) =>
    keysStore.insertApiKey(tx, {
      accountId: caller.accountId,
      name: input.name,
      prefix: hexPrefix,
      secretHash: sha256(secret),
      scopes,
      createdBy: caller.userId,
      expiresAt: input.expiresAt ?? null,
    }),
  );
  return { apiKey, secret: `igny8_${hexPrefix}_${secret}` };
}

/** The account's keys, revoked ones included, newest first. */
export const listApiKeys = (s: SystemServices, caller: Caller, input: { page: PageWindow }) =>
  s.database.tenant(caller.accountId, (tx) =>
    pageOf(
      input.page,
      () => keysStore.countApiKeys(tx, caller.accountId),
      (range) => keysStore.listApiKeys(tx, caller.accountId, range),
    ),
  );

export async function revokeApiKey(s: SystemServices, caller: Caller, id: string): Promise<ApiKeyRow> {
  const row = await s.database.tenant(caller.accountId, async (tx) => {
    const revoked = await keysStore.revokeApiKey(tx, caller.accountId, id);
    if (revoked) return revoked;
    const existing = await keysStore.findApiKey(tx, caller.accountId, id);
    if (!existing) throw new NotFoundError('API key', id);
    return existing;
  });
  // The tokens exchanged for the key stop everywhere before the answer (revocations.ts).
  await s.revocations.flush();
  return row;
}
