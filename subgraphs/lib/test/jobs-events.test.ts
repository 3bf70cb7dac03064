// Job events through a real LISTEN/NOTIFY: one listener fanned out to many subscribers, each job's
// events in commit order, no event crossing accounts, payloads that always fit NOTIFY.
import { newId } from '@igny8/db';
import { openTestDatabase, type TestDatabase } from '@igny8/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobEventSource, type JobEvent, type JobEventSource, toJobEvent } from '../src/jobs/events.js';
import { createJobStore, insertJobRecord, updateJobRecord } from '../src/jobs/store.js';
import { collectUntil } from './fixtures/jobs-fixtures.js';

let db: TestDatabase;
let events: JobEventSource;

beforeAll(async () => {
  db = await openTestDatabase();
  events = createJobEventSource(db.database);
  await events.ready();
});

afterAll(async () => {
  await events?.close();
  await db?.close();
});

const insertJob = (accountId: string) =>
  insertJobRecord(db.database, {
    accountId,
    id: newId(),
    kind: 'test.events',
    input: {},
    inputSummary: 'Events test',
  });

const advance = (accountId: string, id: string, progress: number) =>
  updateJobRecord(
    db.database,
    accountId,
    id,
    { statuses: ['queued', 'running'] },
    { status: 'running', progress, step: 'AI_CALL', message: `At ${progress}` },
  );

describe('job events', () => {
  it('gives each of 1,000 subscribers of a job all its changes, in order, and nothing of other accounts', async () => {
    const accountId = newId();
    const other = newId();
    const job = await insertJob(accountId);
    const streams = Array.from({ length: 1000 }, () => events.forJob(accountId, job.id));
    const sameIdOtherAccount = events.forJob(other, job.id);
    const otherAccount = events.forAccount(other);
    const everything: JobEvent[] = [];
    const unsubscribe = events.subscribe((event) => {
      if (event.id === job.id) everything.push(event);
    });

    for (const progress of [10, 20, 30, 40, 50]) await advance(accountId, job.id, progress);
    await updateJobRecord(db.database, accountId, job.id, { statuses: ['running'] }, { status: 'succeeded' });

    // The insert's own event may still be on its way when the streams subscribed (PostgreSQL
    // delivers NOTIFY after the commit returns): the changes after it are what counts.
    const changes = (seen: JobEvent[]) => seen.filter((e) => e.status !== 'queued').map((e) => e.progress);
    const expected = [10, 20, 30, 40, 50, 50];
    for (const stream of streams) {
      const seen = await collectUntil(stream, (e) => e.status === 'succeeded', job.id);
      expect(changes(seen)).toEqual(expected);
      await stream.return!();
    }
    expect(changes(everything)).toEqual(expected);
    const firstChange = everything.find((e) => e.status === 'running');
    expect(firstChange).toMatchObject({
      accountId,
      kind: 'test.events',
      message: 'At 10',
      inputSummary: 'Events test',
    });
    expect(firstChange!.createdAt).toBeInstanceOf(Date);
    unsubscribe();

    // The other account sees its own job's events, and never saw the first one's.
    const own = await insertJob(other);
    const [first] = await collectUntil(otherAccount, () => true, own.id);
    expect(first).toMatchObject({ id: own.id, accountId: other, status: 'queued' });
    await otherAccount.return!();
    await sameIdOtherAccount.return!();
    expect(await sameIdOtherAccount.next()).toEqual({ value: undefined, done: true });
  });

  it('publishes a change whose texts are far beyond NOTIFY’s 8000 bytes, cut to fit', async () => {
    const accountId = newId();
    const job = await insertJob(accountId);
    const stream = events.forJob(accountId, job.id);
    const message = '📈 ranking '.repeat(20_000);
    const error = 'é'.repeat(50_000);
    const row = await updateJobRecord(
      db.database,
      accountId,
      job.id,
      { statuses: ['queued'] },
      { status: 'failed', message, error },
    );
    expect(row?.message).toBe(message);
    const [event] = (await collectUntil(stream, (e) => e.status === 'failed', job.id)).slice(-1);
    expect(event!.status).toBe('failed');
    expect(message.startsWith(event!.message.slice(0, -1))).toBe(true);
    expect(event!.message.endsWith('…')).toBe(true);
    // No half of a surrogate pair left at the cut: the text survives a UTF-8 round trip.
    expect(Buffer.from(event!.message).toString()).toBe(event!.message);
    expect(Buffer.byteLength(event!.message) + Buffer.byteLength(event!.error!)).toBeLessThan(3100);
    await stream.return!();
  });

  it('follows a job: its current state first, then only the changes after it', async () => {
    const accountId = newId();
    const job = await insertJob(accountId);
    for (const progress of [10, 20, 30]) await advance(accountId, job.id, progress);
    const store = createJobStore(db.database);
    const load = async () => {
      const row = await store.find(accountId, job.id);
      return row && toJobEvent(row);
    };
    const follow = events.followJob(accountId, job.id, load);
    expect((await follow.next()).value).toMatchObject({ status: 'running', progress: 30 });
    await advance(accountId, job.id, 40);
    expect((await follow.next()).value).toMatchObject({ status: 'running', progress: 40 });
    expect(await follow.return!()).toEqual({ value: undefined, done: true });
    expect(await follow.next()).toEqual({ value: undefined, done: true });

    const stranger = newId();
    const denied = events.followJob(stranger, job.id, async () => {
      const row = await store.find(stranger, job.id);
      return row && toJobEvent(row);
    });
    expect(await denied.next()).toEqual({ value: undefined, done: true });
  });

  it('ends open streams when the source closes', async () => {
    const source = createJobEventSource(db.database);
    await source.ready();
    const stream = source.forAccount(newId());
    const next = stream.next();
    await source.close();
    expect(await next).toEqual({ value: undefined, done: true });
    expect(await source.forJob(newId(), newId()).next()).toEqual({ value: undefined, done: true });
  });
});
