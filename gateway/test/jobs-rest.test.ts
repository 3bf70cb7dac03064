// Background jobs through the REST compatibility layer, for clients that poll: /api/v1/automation/
// jobs/ (list, one job, cancel) over the real automation subgraph and the library's job runtime.
import { defineJob, type JobRecord, type JobRuntime } from '@igny8/lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addMember, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const JOBS = '/automation/jobs/';
const UNKNOWN_JOB = '00000000-0000-4000-8000-000000000000';
const JOB_FIELDS = [
  'created_at',
  'credits_charged',
  'credits_reserved',
  'error',
  'finished_at',
  'id',
  'input_summary',
  'kind',
  'message',
  'progress',
  'result_summary',
  'started_at',
  'status',
  'step',
];

/**
 * A job that waits for a worker: no process in this test runs its kind, so it stays queued
 * (holding its credits) until it is cancelled — what a polling client sees of a busy queue.
 */
const linkingJob = defineJob({
  kind: 'gateway.rest-polling',
  inputSchema: z.object({ title: z.string() }),
  operation: 'linking',
  summarize: (input) => `Links for "${input.title}"`,
  handler: async () => ({ result: null, summary: 'Links added' }),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('gateway: REST /api/v1/automation/jobs', () => {
  let p: Platform;
  let front: JobRuntime;
  let owner: Session;

  beforeAll(async () => {
    p = await startPlatform();
    front = await p.jobRuntime([linkingJob], { work: false });
    owner = await registerOwner(p, 'Polling Agency');
  });
  afterAll(async () => {
    // No queued job of this suite is left holding credits or waiting in a shared database's queue.
    for (const job of enqueued) await front.cancel(job.accountId, job.id);
    await p?.close();
  });

  const enqueued: JobRecord[] = [];
  const enqueue = async (s: Session, title: string) => {
    const job = await front.enqueue({ accountId: s.accountId, userId: s.userId }, linkingJob, { title });
    enqueued.push(job);
    return job;
  };
  const available = async (s: Session) =>
    (await p.rest('GET', '/billing/credits/balance/', { token: s.token })).body.data.available as number;

  it('lists no jobs for a new account', async () => {
    const fresh = await registerOwner(p, 'Idle Agency');
    const res = await p.rest('GET', JOBS, { token: fresh.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      count: 0,
      next: null,
      previous: null,
      results: [],
      request_id: expect.any(String),
    });
    expect((await p.rest('GET', JOBS)).status).toBe(401);
  });

  it('answers a waiting job with its progress and credits, and lists jobs newest first, paged and filtered', async () => {
    const team = await registerOwner(p, 'Queue Agency');
    const job = await enqueue(team, 'Pruning roses');
    const res = await p.rest('GET', `${JOBS}${job.id}/`, { token: team.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(JOB_FIELDS);
    expect(res.body.data).toMatchObject({
      id: job.id,
      kind: 'gateway.rest-polling',
      status: 'queued',
      progress: 0,
      step: 'QUEUED',
      message: 'Waiting for a worker',
      error: null,
      input_summary: 'Links for "Pruning roses"',
      result_summary: null,
      credits_reserved: 8,
      credits_charged: 0,
      created_at: expect.any(String),
      started_at: null,
      finished_at: null,
    });
    expect(await available(team)).toBe(92);

    const second = await enqueue(team, 'Planting tulips');
    const third = await enqueue(team, 'Mulching beds');
    const first = await p.rest('GET', `${JOBS}?page_size=2`, { token: team.token });
    expect(first.body).toMatchObject({ success: true, count: 3, previous: null });
    expect(first.body.results.map((j: { id: string }) => j.id)).toEqual([third.id, second.id]);
    expect(first.body.next).toContain('page=2');
    const last = await p.rest('GET', `${JOBS}?page=2&page_size=2`, { token: team.token });
    expect(last.body).toMatchObject({ count: 3, next: null });
    expect(last.body.results.map((j: { id: string }) => j.id)).toEqual([job.id]);

    const count = async (query: string) => (await p.rest('GET', `${JOBS}${query}`, { token: team.token })).body.count;
    expect(await count('?status=queued')).toBe(3);
    expect(await count('?status=running,succeeded')).toBe(0);
    expect(await count('?status=succeeded&status=queued')).toBe(3);
    expect(await count('?kind=gateway.rest-polling')).toBe(3);
    expect(await count('?kind=system.test-image')).toBe(0);

    const badStatus = await p.rest('GET', `${JOBS}?status=queued,done`, { token: team.token });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body).toMatchObject({ success: false, errors: { status: ['"done" is not a job status'] } });
    const badKind = await p.rest('GET', `${JOBS}?kind=Not A Kind`, { token: team.token });
    expect(badKind.status).toBe(400);
    expect(Object.keys(badKind.body.errors)).toEqual(['kind']);
  });

  it('cancels a waiting job and gives its credits back; editors may, viewers may not', async () => {
    const team = await registerOwner(p, 'Cancelling Agency');
    await setPlan(p, team.accountId, 'growth');
    const viewer = await addMember(p, team, 'VIEWER');
    const editor = await addMember(p, team, 'EDITOR');
    const before = await available(team);
    const job = await enqueue(team, 'Spring borders');
    expect(await available(team)).toBe(before - 8);

    const refused = await p.rest('POST', `${JOBS}${job.id}/cancel/`, { token: viewer.token });
    expect(refused.status).toBe(403);
    expect((await p.rest('GET', `${JOBS}${job.id}/`, { token: viewer.token })).body.data.status).toBe('queued');

    const cancelled = await p.rest('POST', `${JOBS}${job.id}/cancel/`, { token: editor.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      success: true,
      message: 'Job cancelled.',
      data: { id: job.id, status: 'cancelled', message: 'Cancelled', credits_charged: 0 },
    });
    expect(cancelled.body.data.finished_at).toEqual(expect.any(String));
    expect(await available(team)).toBe(before);
    // A client that retries its cancel gets the same answer.
    const again = await p.rest('POST', `${JOBS}${job.id}/cancel/`, { token: team.token });
    expect(again.status).toBe(200);
    expect(again.body.data.status).toBe('cancelled');
    expect(await available(team)).toBe(before);
  });

  it('follows a test image to its end by polling, and refuses to cancel a finished job', async () => {
    const started = await p.rest('POST', '/system/image-testing/', {
      token: owner.token,
      body: { prompt: 'A watering can on a windowsill' },
    });
    expect(started.status).toBe(202);
    const url = `${JOBS}${started.body.data.id}/`;
    // As the original's progress modal does: ask again until the job has ended.
    let job = (await p.rest('GET', url, { token: owner.token })).body.data;
    while (job.status === 'queued' || job.status === 'running') {
      await sleep(100);
      job = (await p.rest('GET', url, { token: owner.token })).body.data;
    }
    expect(job).toMatchObject({
      kind: 'system.test-image',
      status: 'succeeded',
      progress: 100,
      step: 'DONE',
      error: null,
      result_summary: '1024×1024 image generated',
      credits_reserved: 5,
      credits_charged: 5,
      started_at: expect.any(String),
      finished_at: expect.any(String),
    });
    const listed = await p.rest('GET', `${JOBS}?kind=system.test-image&status=succeeded`, { token: owner.token });
    expect(listed.body.results.map((j: { id: string }) => j.id)).toEqual([job.id]);

    const late = await p.rest('POST', `${url}cancel/`, { token: owner.token });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ success: false, error: expect.stringContaining('already succeeded') });
  });

  it("answers 404 in the envelope for an unknown job and for another account's", async () => {
    for (const id of [UNKNOWN_JOB, 'not-a-job-id']) {
      const res = await p.rest('GET', `${JOBS}${id}/`, { token: owner.token });
      expect(res.status, id).toBe(404);
      expect(res.body, id).toEqual({ success: false, error: expect.any(String), request_id: expect.any(String) });
    }

    const other = await registerOwner(p, 'Other Agency');
    const theirs = await enqueue(other, 'Private hedges');
    const read = await p.rest('GET', `${JOBS}${theirs.id}/`, { token: owner.token });
    expect(read.status).toBe(404);
    expect(read.body).toMatchObject({ success: false, error: expect.any(String) });
    const cancel = await p.rest('POST', `${JOBS}${theirs.id}/cancel/`, { token: owner.token });
    expect(cancel.status).toBe(404);
    const mine = await p.rest('GET', JOBS, { token: owner.token });
    expect(mine.body.results.map((j: { id: string }) => j.id)).not.toContain(theirs.id);
    // Untouched for its own account.
    const own = await p.rest('GET', `${JOBS}${theirs.id}/`, { token: other.token });
    expect(own.body.data).toMatchObject({ id: theirs.id, status: 'queued' });
  });
});
