// Token revocations through a real LISTEN/NOTIFY: a warm cache answers without loading, a NOTIFY
// committed anywhere reaches it, and a dropped LISTEN connection (PostgreSQL) is never trusted:
// the cache is emptied and every check loads until the LISTEN is back.
import { newId } from '@igny8/db';
import { openTestDatabase, type TestDatabase } from '@igny8/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRevocationCheck,
  createRevocationFeed,
  publishRevocation,
  type Revocation,
  type RevocationFeed,
  type TokenClaims,
  type TokenState,
} from '../src/revocations.js';

let db: TestDatabase;
let feed: RevocationFeed;
const applicationName = `igny8-revocations-test-${process.pid}`;

beforeAll(async () => {
  db = await openTestDatabase();
  feed = createRevocationFeed(db.database, undefined, applicationName);
  await feed.ready();
});

afterAll(async () => {
  await feed?.close();
  await db?.close();
});

/** The system subgraph's record of one user and session, and a check that counts its loads. */
function holder() {
  const claims: TokenClaims = { userId: newId(), accountId: newId(), sessionId: newId(), version: 1, apiKey: false };
  const record: TokenState = { version: 1, active: true, sessionLive: true };
  const counted = { loads: 0 };
  const check = createRevocationCheck({
    feed,
    load: async () => {
      counted.loads++;
      return { ...record };
    },
  });
  return { claims, record, counted, check };
}

/** Commits a revocation as the system subgraph does, and waits until this process heard it. */
async function revoke(revocation: Revocation) {
  await db.database.system((tx) => publishRevocation(tx, revocation));
  await feed.flush();
}

describe('token revocations', () => {
  it('answers from the cache once warm, and refuses at once when a new version is announced', async () => {
    const { claims, record, counted, check } = holder();
    for (let i = 0; i < 5; i++) await check.assertCurrent('token', claims);
    expect(counted.loads).toBe(1);

    record.version = 2;
    await revoke({ userId: claims.userId, version: 2, active: true });
    await expect(check.assertCurrent('token', claims)).rejects.toThrow(/access changed/);
    // The refreshed token (version 2) is current, and nothing was loaded for either answer.
    await check.assertCurrent('token', { ...claims, version: 2 });
    expect(counted.loads).toBe(1);
  });

  it('refuses a signed-out session and a removed member, but not the member’s other sessions', async () => {
    const { claims, counted, check } = holder();
    const laptop = { ...claims, sessionId: newId() };
    await check.assertCurrent('token', claims);
    await check.assertCurrent('token', laptop);
    await revoke({ userId: claims.userId, sessionId: laptop.sessionId });
    await expect(check.assertCurrent('token', laptop)).rejects.toThrow(/signed out/);
    await check.assertCurrent('token', claims);
    expect(counted.loads).toBe(2);

    await revoke({ userId: claims.userId, version: Number.MAX_SAFE_INTEGER, active: false });
    await expect(check.assertCurrent('token', claims)).rejects.toThrow(/no longer an active member/);
  });

  it('loads when a token is newer than the cached version (its notification is on its way)', async () => {
    const { claims, record, counted, check } = holder();
    await check.assertCurrent('token', claims);
    record.version = 2;
    await check.assertCurrent('token', { ...claims, version: 2 });
    expect(counted.loads).toBe(2);
    // A stale answer never undoes what was heard: the old token stays refused.
    await expect(check.assertCurrent('token', claims)).rejects.toThrow(/access changed/);
  });

  it('loads on every check without a feed', async () => {
    const counted = { loads: 0 };
    const check = createRevocationCheck({
      load: async () => {
        counted.loads++;
        return { version: 1, active: true, sessionLive: true };
      },
    });
    const claims: TokenClaims = { userId: newId(), accountId: newId(), sessionId: newId(), version: 1, apiKey: false };
    await check.assertCurrent('token', claims);
    await check.assertCurrent('token', claims);
    expect(counted.loads).toBe(2);
  });

  // PGlite LISTENs inside its own process: there is no connection to lose.
  it.runIf(!!process.env.DATABASE_URL)(
    'empties the cache when the LISTEN connection drops, and trusts nothing until it is back',
    async () => {
      const { claims, record, counted, check } = holder();
      await check.assertCurrent('token', claims);
      expect(counted.loads).toBe(1);

      const resets: boolean[] = [];
      const backAgain = new Promise<void>((resolve) => {
        feed.subscribe({
          revoked: () => {},
          reset: () => {
            resets.push(feed.live);
            if (feed.live) resolve();
          },
        });
      });
      await db.database.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${applicationName}`,
      );
      // A revocation committed while the connection is being replaced is never heard…
      record.sessionLive = false;
      await db.database.system((tx) => publishRevocation(tx, { userId: claims.userId, sessionId: claims.sessionId }));
      await backAgain;
      expect(resets).toEqual([false, true]);
      // …and still refused: the cache was emptied, so the check asked the record again.
      await expect(check.assertCurrent('token', claims)).rejects.toThrow(/signed out/);
      expect(counted.loads).toBe(2);
      // Notifications reach the feed again.
      const other = holder();
      await other.check.assertCurrent('token', other.claims);
      await revoke({ userId: other.claims.userId, version: 5, active: true });
      await expect(other.check.assertCurrent('token', other.claims)).rejects.toThrow(/access changed/);
    },
  );
});
