// The job runtime over a real database and a real pg-boss queue: lifecycle and live events,
// credits (reserve, capture once, release), retries, cancel, bad input and tenancy.
import { newId } from '@igny8/db';
import { openTestDatabase, type TestDatabase } from '@igny8/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiProviderError } from '../src/ai/errors.js';
import { BadUserInputError, ConflictError, InsufficientCreditsError, NotFoundError } from '../src/errors.js';
import {
  createJobEventSource,
  createJobRuntime,
  defineJob,
  type JobEventSource,
  type JobRuntime,
} from '../src/jobs/index.js';
import { createLogger } from '../src/logger.js';
import {
  collectUntil,
  queuedJobsOf,
  queueJob,
  TestCreditHolds,
  uniqueSuffix,
  waitFor,
} from './fixtures/jobs-fixtures.js';

/** Waits until pg-boss has the job in `state`: the runtime settles credits before it tells pg-boss. */
const queueSettled = (jobId: string, state: string) =>
  waitFor(`pg-boss state ${state}`, async () => (await queueJob(db.database, jobId))?.state === state);

const suffix = uniqueSuffix();
const kind = (name: string) => `test.${name}-${suffix}`;
const PRICE = 2;

const echoJob = defineJob({
  kind: kind('echo'),
  inputSchema: z.object({
    text: z.string().min(1),
    count: z.number().int().min(1).default(1),
    note: z.string().optional(),
  }),
  operation: 'test.echo',
  units: (input) => input.count,
  summarize: (input) => `Echo "${input.text}" ×${input.count}`,
  async handler(input, ctx) {
    await ctx.progress(10, 'INIT', 'Reading the input');
    await ctx.progress(30, 'AI_CALL', input.note ?? `Echoing ${input.count} times`);
    await ctx.progress(85, 'PARSE');
    await ctx.progress(95, 'SAVE', 'Saving');
    return {
      result: { echoed: Array(input.count).fill(input.text) },
      summary: `Echoed "${input.text}" ${input.count} times`,
      usage: { inputTokens: 12, outputTokens: 34, model: 'test-model' },
    };
  },
});

const flakyJob = defineJob({
  kind: kind('flaky'),
  inputSchema: z.object({ text: z.string() }),
  operation: 'test.echo',
  summarize: (input) => input.text,
  retryLimit: 2,
  retryDelaySeconds: 0,
  async handler(input, ctx) {
    if (ctx.attempt === 1) {
      throw new AiProviderError('AI_RATE_LIMITED', 'The AI provider is limiting requests; try again shortly.', true);
    }
    return { result: input.text, summary: `Done on attempt ${ctx.attempt}` };
  },
});

const brokenJob = defineJob({
  kind: kind('broken'),
  inputSchema: z.object({ mode: z.enum(['domain', 'unexpected', 'ai-auth']) }),
  operation: 'test.echo',
  summarize: (input) => `Break: ${input.mode}`,
  retryLimit: 1,
  retryDelaySeconds: 0,
  async handler(input, ctx) {
    await ctx.progress(20, 'AI_CALL');
    if (input.mode === 'domain') throw new NotFoundError('Cluster', '0190-gone');
    if (input.mode === 'ai-auth') {
      throw new AiProviderError('AI_AUTH_FAILED', 'The AI provider refused the API key; check it in Settings.', false);
    }
    throw new Error('connect ECONNREFUSED 10.0.0.7:5432 while running SELECT secret FROM vault');
  },
});

// Waits until it is cancelled, then reports progress as a well-behaved handler would.
const handlerEnded = new Map<string, string>();
const waiterJob = defineJob({
  kind: kind('waiter'),
  inputSchema: z.object({}),
  operation: 'test.echo',
  summarize: () => 'Wait for cancel',
  async handler(_input, ctx) {
    await ctx.progress(20, 'AI_CALL', 'Waiting');
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
    try {
      await ctx.progress(50, 'AI_CALL', 'Still going');
      handlerEnded.set(ctx.jobId, 'progress did not throw');
    } catch (error) {
      handlerEnded.set(ctx.jobId, (error as Error).name);
    }
    return { result: null, summary: 'should not be recorded' };
  },
});

const slowFirstJob = defineJob({
  kind: kind('slow-first'),
  inputSchema: z.object({}),
  summarize: () => 'Slow first attempt',
  expireInSeconds: 1,
  retryDelaySeconds: 0,
  async handler(_input, ctx) {
    // The first attempt ignores its signal and would run forever: the time limit must stop it.
    if (ctx.attempt === 1) await new Promise(() => {});
    return { result: ctx.attempt, summary: `Finished on attempt ${ctx.attempt}` };
  },
});

const ranParked: string[] = [];
const parkedJob = defineJob({
  kind: kind('parked'),
  inputSchema: z.object({ n: z.number() }),
  operation: 'test.echo',
  summarize: (input) => `Parked ${input.n}`,
  async handler(input, ctx) {
    ranParked.push(ctx.jobId);
    return { result: input.n, summary: `Ran ${input.n}` };
  },
});

const logLines: string[] = [];
const log = createLogger('jobs-test', 'info', { write: (line: string) => void logLines.push(line) });

let db: TestDatabase;
let runtime: JobRuntime;
let events: JobEventSource;
const holds = new TestCreditHolds({ 'test.echo': PRICE });
const url = process.env.DATABASE_URL;

const newAccount = (credits: number) => {
  const accountId = newId();
  holds.grant(accountId, credits);
  return { accountId, userId: newId() };
};

beforeAll(async () => {
  db = await openTestDatabase();
  events = createJobEventSource(db.database);
  await events.ready();
  runtime = createJobRuntime({
    database: db.database,
    url,
    holds,
    log,
    events,
    jobs: [echoJob, flakyJob, brokenJob, waiterJob, slowFirstJob],
    workers: 2,
    pollingIntervalSeconds: 0.5,
  });
  await runtime.start();
});

afterAll(async () => {
  await runtime?.stop({ graceful: false });
  await events?.close();
  await db?.close();
});

describe('a job that succeeds', () => {
  it('runs queued → running → its steps → succeeded, and a subscriber sees every change in order', async () => {
    const who = newAccount(100);
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, echoJob, { text: 'hello', count: 3 }, { requestId: 'req-echo-1' });
    expect(job).toMatchObject({
      status: 'queued',
      kind: echoJob.kind,
      inputSummary: 'Echo "hello" ×3',
      creditsReserved: 3 * PRICE,
      creditsCharged: 0,
      createdBy: who.userId,
    });
    expect(holds.hold(job.id)).toMatchObject({ status: 'held', credits: 6 });

    const seen = await collectUntil(stream, (e) => e.status === 'succeeded', job.id);
    expect(seen.map((e) => [e.status, e.step, e.progress])).toEqual([
      ['queued', 'QUEUED', 0],
      ['running', 'INIT', 0],
      ['running', 'INIT', 10],
      ['running', 'AI_CALL', 30],
      ['running', 'PARSE', 85],
      ['running', 'SAVE', 95],
      ['succeeded', 'DONE', 100],
    ]);
    expect(seen[3]!.message).toBe('Echoing 3 times');
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ resultSummary: 'Echoed "hello" 3 times', creditsCharged: 6, attempts: 1 });
    expect(last.finishedAt).toBeInstanceOf(Date);
    expect(last).not.toHaveProperty('input');
    expect(last).not.toHaveProperty('result');

    await queueSettled(job.id, 'completed');
    const row = await runtime.get(who.accountId, job.id);
    expect(row).toMatchObject({ status: 'succeeded', progress: 100, step: 'DONE', creditsCharged: 6, attempts: 1 });
    expect(row.result).toEqual({ echoed: ['hello', 'hello', 'hello'] });
    expect(row.input).toEqual({ text: 'hello', count: 3 });
    expect(holds.hold(job.id)).toMatchObject({ status: 'captured', charged: 6 });
    expect(holds.chargesOf(job.id)).toBe(1);
    expect(holds.balance(who.accountId)).toBe(94);
  });

  it('publishes SUCCEEDED only once the charge is captured: a subscriber reading the balance then sees it', async () => {
    const who = newAccount(100);
    const balanceOnSucceeded = new Promise<number>((resolve) => {
      const unsubscribe = events.subscribe((event) => {
        if (event.accountId !== who.accountId || event.status !== 'succeeded') return;
        unsubscribe();
        resolve(holds.balance(who.accountId));
      });
    });
    const job = await runtime.enqueue(who, echoJob, { text: 'paid', count: 2 });
    expect(await balanceOnSucceeded).toBe(100 - 2 * PRICE);
    expect(holds.hold(job.id)).toMatchObject({ status: 'captured', charged: 2 * PRICE });
  });

  it('keeps a huge progress message in the row and publishes it cut to fit NOTIFY', async () => {
    const who = newAccount(10);
    const note = 'ключевое слово — '.repeat(1500);
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, echoJob.kind, { text: 'big', note });
    const seen = await collectUntil(stream, (e) => e.status === 'succeeded', job.id);
    const published = seen.find((e) => e.step === 'AI_CALL')!;
    expect(published.message.endsWith('…')).toBe(true);
    expect(note.startsWith(published.message.slice(0, -1))).toBe(true);
    expect(Buffer.byteLength(published.message)).toBeLessThan(2000);
    expect(seen.at(-1)!.status).toBe('succeeded');
  });
});

describe('credits', () => {
  it('refuses a job the account cannot pay for: nothing recorded, nothing queued', async () => {
    const who = newAccount(PRICE * 2 - 1);
    const attempt = runtime.enqueue(who, echoJob, { text: 'too dear', count: 2 });
    await expect(attempt).rejects.toBeInstanceOf(InsufficientCreditsError);
    await expect(attempt).rejects.toMatchObject({ needed: 4, available: 3 });
    expect(await runtime.list(who.accountId, { limit: 10, offset: 0 })).toEqual({ rows: [], totalCount: 0 });
    expect(await queuedJobsOf(db.database, echoJob.kind, who.accountId)).toBe(0);
    expect(holds.holdsOf(who.accountId)).toEqual([]);
  });

  it('accepts exactly as many of 20 concurrent jobs as the credits pay for', async () => {
    const who = newAccount(PRICE * 10);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => runtime.enqueue(who, echoJob, { text: `job ${i}` })),
    );
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(accepted).toHaveLength(10);
    expect(refused.every((r) => r.reason instanceof InsufficientCreditsError)).toBe(true);
    expect((await runtime.list(who.accountId, { limit: 50, offset: 0 })).totalCount).toBe(10);
    expect(await queuedJobsOf(db.database, echoJob.kind, who.accountId)).toBe(10);
    await waitFor('all ten to succeed', async () => {
      const page = await runtime.list(who.accountId, { status: 'succeeded', limit: 50, offset: 0 });
      return page.totalCount === 10;
    });
    // A succeeded job is a charged one.
    expect(holds.balance(who.accountId)).toBe(0);
  });

  it('gives the credits back when the job cannot be queued', async () => {
    const doomed = defineJob({ ...parkedJob, kind: kind('doomed') });
    const front = createJobRuntime({ database: db.database, url, holds, log, jobs: [doomed], work: false });
    await front.start();
    try {
      // The queue disappears under the runtime (an operator dropped it): pg-boss refuses the job.
      await db.database.db.execute(sql`select pgboss.delete_queue(${doomed.kind})`);
      const who = newAccount(10);
      await expect(front.enqueue(who, doomed, { n: 1 })).rejects.toThrow(/did not queue/);
      const [hold] = holds.holdsOf(who.accountId);
      expect(hold?.status).toBe('released');
      expect(holds.available(who.accountId)).toBe(10);
      const { rows } = await front.list(who.accountId, { limit: 10, offset: 0 });
      expect(rows).toMatchObject([{ status: 'failed', error: 'The job could not be queued. Try again.' }]);
    } finally {
      await front.stop();
    }
  });

  it('refuses bad input naming the field, before reserving anything', async () => {
    const who = newAccount(100);
    const attempt = runtime.enqueue(who, echoJob.kind, { text: '', count: 0 });
    await expect(attempt).rejects.toBeInstanceOf(BadUserInputError);
    const error = (await attempt.catch((e: unknown) => e)) as BadUserInputError;
    expect(Object.keys(error.fields).sort()).toEqual(['count', 'text']);
    expect(error.message).toMatch(/^text: .*count: /);
    expect(holds.holdsOf(who.accountId)).toEqual([]);
    expect((await runtime.list(who.accountId, { limit: 10, offset: 0 })).totalCount).toBe(0);
  });
});

describe('failures and retries', () => {
  it('fails a job whose handler throws a domain error: readable error, hold released, nothing charged', async () => {
    const who = newAccount(100);
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, brokenJob, { mode: 'domain' });
    const seen = await collectUntil(stream, (e) => e.status === 'failed', job.id);
    expect(seen.at(-1)).toMatchObject({ status: 'failed', error: 'Cluster 0190-gone was not found.', attempts: 1 });
    expect(seen.map((e) => e.status)).not.toContain('succeeded');
    await queueSettled(job.id, 'failed');
    expect((await queueJob(db.database, job.id))?.retry_count).toBe(0);
    expect(holds.hold(job.id)?.status).toBe('released');
    expect(holds.chargesOf(job.id)).toBe(0);
    expect(holds.balance(who.accountId)).toBe(100);
  });

  it('does not retry an AI error that cannot get better, and shows its message', async () => {
    const who = newAccount(100);
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, brokenJob, { mode: 'ai-auth' });
    const seen = await collectUntil(stream, (e) => e.status === 'failed', job.id);
    expect(seen.at(-1)).toMatchObject({
      error: 'The AI provider refused the API key; check it in Settings.',
      attempts: 1,
    });
    await queueSettled(job.id, 'failed');
    expect((await queueJob(db.database, job.id))?.retry_count).toBe(0);
    expect(holds.hold(job.id)?.status).toBe('released');
  });

  it('retries an unexpected error, then fails with a reference instead of the internals', async () => {
    const who = newAccount(100);
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, brokenJob, { mode: 'unexpected' });
    const seen = await collectUntil(stream, (e) => e.status === 'failed', job.id);
    const expected = `The job failed unexpectedly (ref ${job.id}).`;
    expect(seen.find((e) => e.status === 'queued' && e.attempts === 1)?.message).toBe(
      `Attempt 1 failed: ${expected} Retrying.`,
    );
    expect(seen.at(-1)).toMatchObject({ status: 'failed', error: expected, attempts: 2 });
    expect(JSON.stringify(seen)).not.toContain('ECONNREFUSED');
    expect(logLines.some((line) => line.includes('ECONNREFUSED') && line.includes(job.id))).toBe(true);
    await queueSettled(job.id, 'failed');
    expect(holds.hold(job.id)?.status).toBe('released');
    expect(holds.chargesOf(job.id)).toBe(0);
  });

  it('retries a retryable failure and charges the job once when it then succeeds', async () => {
    const who = newAccount(100);
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, flakyJob, { text: 'again' });
    const seen = await collectUntil(stream, (e) => e.status === 'succeeded', job.id);
    expect(seen.map((e) => [e.status, e.attempts])).toEqual([
      ['queued', 0],
      ['running', 1],
      ['queued', 1],
      ['running', 2],
      ['succeeded', 2],
    ]);
    expect(seen[2]!.message).toBe(
      'Attempt 1 failed: The AI provider is limiting requests; try again shortly. Retrying.',
    );
    expect(seen[3]!.message).toBe('Attempt 2 started');
    expect(seen.at(-1)).toMatchObject({ resultSummary: 'Done on attempt 2', creditsCharged: PRICE });
    await queueSettled(job.id, 'completed');
    expect(holds.capturesOf(job.id)).toBe(1);
    expect(holds.chargesOf(job.id)).toBe(1);
    expect(holds.balance(who.accountId)).toBe(100 - PRICE);
  });

  it('stops an attempt that runs past its time limit and retries it', async () => {
    const who = newAccount(0);
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, slowFirstJob, {});
    expect(job.creditsReserved).toBe(0);
    const seen = await collectUntil(stream, (e) => e.status === 'succeeded', job.id);
    expect(seen.find((e) => e.status === 'queued' && e.attempts === 1)?.message).toBe(
      'Attempt 1 failed: The job took longer than 1 second. Retrying.',
    );
    expect(seen.at(-1)).toMatchObject({ resultSummary: 'Finished on attempt 2', creditsCharged: 0 });
  });
});

describe('cancel', () => {
  it('cancels a queued job: no worker runs it and its credits come back', async () => {
    // This runtime queues `parked` jobs but runs no workers, so the job stays queued.
    const front = createJobRuntime({ database: db.database, url, holds, log, jobs: [parkedJob], work: false });
    await front.start();
    try {
      const who = newAccount(10);
      const job = await front.enqueue(who, parkedJob, { n: 1 });
      expect(holds.available(who.accountId)).toBe(10 - PRICE);
      const cancelled = await front.cancel(who.accountId, job.id);
      expect(cancelled).toMatchObject({ status: 'cancelled', creditsCharged: 0 });
      expect(cancelled.finishedAt).toBeInstanceOf(Date);
      expect(holds.hold(job.id)?.status).toBe('released');
      expect(holds.available(who.accountId)).toBe(10);
      expect((await queueJob(db.database, job.id))?.state).toBe('cancelled');
      // Cancelling again changes nothing.
      expect((await front.cancel(who.accountId, job.id)).status).toBe('cancelled');

      // A worker for the kind starts: it runs the next job, never the cancelled one.
      const back = createJobRuntime({ database: db.database, url, holds, log, jobs: [parkedJob] });
      await back.start();
      try {
        const next = await front.enqueue(who, parkedJob, { n: 2 });
        await waitFor(
          'the next job to run',
          async () => (await back.get(who.accountId, next.id)).status === 'succeeded',
        );
        expect(ranParked).toEqual([next.id]);
        expect((await back.get(who.accountId, job.id)).status).toBe('cancelled');
      } finally {
        await back.stop();
      }
    } finally {
      await front.stop();
    }
  });

  it('cancels a running job: the handler is told, the row stays cancelled, nothing is charged', async () => {
    const who = newAccount(10);
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, waiterJob, {});
    const jobId = job.id;
    const before = await collectUntil(stream, (e) => e.step === 'AI_CALL', jobId);
    expect(before.at(-1)).toMatchObject({ status: 'running', message: 'Waiting' });

    const cancelled = await runtime.cancel(who.accountId, jobId);
    expect(cancelled.status).toBe('cancelled');
    const after = await collectUntil(stream, (e) => e.status === 'cancelled', jobId);
    expect([...before, ...after].map((e) => e.status)).toEqual(['queued', 'running', 'running', 'cancelled']);
    expect(holds.hold(jobId)?.status).toBe('released');
    expect((await queueJob(db.database, jobId))?.state).toBe('cancelled');
    await waitFor('the handler to stop', async () => handlerEnded.get(jobId));
    expect(handlerEnded.get(jobId)).toBe('JobCancelledError');
    expect(holds.chargesOf(jobId)).toBe(0);
    expect(await runtime.get(who.accountId, jobId)).toMatchObject({ status: 'cancelled', creditsCharged: 0 });
  });

  it('refuses to cancel a job that already finished', async () => {
    const who = newAccount(10);
    const job = await runtime.enqueue(who, echoJob, { text: 'quick' });
    await waitFor('the job to succeed', async () => (await runtime.get(who.accountId, job.id)).status === 'succeeded');
    await queueSettled(job.id, 'completed');
    await expect(runtime.cancel(who.accountId, job.id)).rejects.toBeInstanceOf(ConflictError);
    expect(holds.hold(job.id)?.status).toBe('captured');
  });
});

describe('settling the charge', () => {
  /** What `read` gives when the account's job first shows `status` to a subscriber. */
  const readOn = <T>(accountId: string, status: string, read: () => T) =>
    new Promise<T>((resolve) => {
      const unsubscribe = events.subscribe((event) => {
        if (event.accountId !== accountId || event.status !== status) return;
        unsubscribe();
        resolve(read());
      });
    });

  it('gives the credits back before FAILED or CANCELLED is published', async () => {
    const failing = newAccount(10);
    const availableOnFailed = readOn(failing.accountId, 'failed', () => holds.available(failing.accountId));
    await runtime.enqueue(failing, brokenJob, { mode: 'domain' });
    expect(await availableOnFailed).toBe(10);

    const cancelling = newAccount(10);
    const stream = events.forAccount(cancelling.accountId);
    const job = await runtime.enqueue(cancelling, waiterJob, {});
    await collectUntil(stream, (e) => e.step === 'AI_CALL', job.id);
    const availableOnCancelled = readOn(cancelling.accountId, 'cancelled', () => holds.available(cancelling.accountId));
    await runtime.cancel(cancelling.accountId, job.id);
    expect(await availableOnCancelled).toBe(10);
  });

  it('refuses a cancel that comes while the charge is captured: the job ends succeeded, charged once', async () => {
    const who = newAccount(10);
    let cancelDuringCapture: Promise<unknown> | undefined;
    holds.afterCapture = async (jobId) => {
      holds.afterCapture = null;
      cancelDuringCapture = runtime.cancel(who.accountId, jobId).catch((error: unknown) => error);
      await cancelDuringCapture;
    };
    const stream = events.forAccount(who.accountId);
    const job = await runtime.enqueue(who, echoJob, { text: 'settle' });
    const seen = await collectUntil(stream, (e) => e.status !== 'running' && e.status !== 'queued', job.id);
    expect(seen.at(-1)).toMatchObject({ status: 'succeeded', creditsCharged: PRICE });
    const refusal = await cancelDuringCapture;
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).message).toBe(
      'This job has finished its work and its credits are being charged; it cannot be cancelled.',
    );
    expect(holds.hold(job.id)).toMatchObject({ status: 'captured', charged: PRICE });
    expect(holds.chargesOf(job.id)).toBe(1);
    expect(holds.balance(who.accountId)).toBe(10 - PRICE);
  });
});

describe('tenancy', () => {
  it('does not let another account get, list or cancel a job', async () => {
    const a = newAccount(10);
    const b = newAccount(10);
    const front = createJobRuntime({ database: db.database, url, holds, log, jobs: [parkedJob], work: false });
    await front.start();
    try {
      const job = await front.enqueue(a, parkedJob, { n: 3 });
      await expect(front.get(b.accountId, job.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await front.find(b.accountId, job.id)).toBeNull();
      expect(await front.findMany(b.accountId, [job.id])).toEqual([]);
      expect((await front.list(b.accountId, { limit: 10, offset: 0 })).totalCount).toBe(0);
      await expect(front.cancel(b.accountId, job.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(front.get(a.accountId, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);

      const mine = await front.get(a.accountId, job.id);
      expect(mine.status).toBe('queued');
      expect(holds.hold(job.id)?.status).toBe('held');
      const page = await front.list(a.accountId, { status: ['queued'], kind: parkedJob.kind, limit: 10, offset: 0 });
      expect(page.rows.map((r) => r.id)).toEqual([job.id]);
      await front.cancel(a.accountId, job.id);
    } finally {
      await front.stop();
    }
  });
});
