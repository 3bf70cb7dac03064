// PostgreSQL goes away under load, as in a restart, and comes back: the platform answers cleanly
// meanwhile and normally afterwards without being restarted; the running job is neither lost nor
// charged twice; job subscriptions carry on. The platform reaches PostgreSQL through a TCP proxy on
// loopback that the test cuts (connections dropped by the server's own pg_terminate_backend, new
// ones refused) — the shared server itself is never restarted. PostgreSQL only: PGlite is in the
// process and cannot go away.
import { defineJob, type JobRuntime } from '@igny8/lib';
import { followJob, Gates, type Session, startTcpProxy, type TcpProxy } from '@igny8/lib/testing';
import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { type Platform, registerOwner, startPlatform } from './harness.js';

type Result = FormattedExecutionResult<any, any>;

const gates = new Gates();

/** A paid job (one generated image: 5 credits) that waits at two steps for the test. */
const heldJob = defineJob({
  kind: 'test.restart',
  title: 'Restart test',
  operation: 'image_generation',
  inputSchema: z.object({ gate: z.string() }),
  summarize: (input) => `held job ${input.gate}`,
  retryLimit: 2,
  retryDelaySeconds: 0,
  async handler(input, ctx) {
    await gates.wait(`${input.gate}:start`, ctx.signal);
    await ctx.progress(25, 'PREP', 'Preparing');
    await gates.wait(`${input.gate}:middle`, ctx.signal);
    await ctx.progress(60, 'AI_CALL', 'Working on it');
    return { result: { ok: true }, summary: 'Done after the restart' };
  },
});

const OUTAGE_MS = 4000;
/** How long an answer may take while the database is away before it counts as a hang. */
const ANSWER_WITHIN_MS = 10_000;

async function until<T>(what: string, check: () => T | Promise<T>, deadlineMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves with what the call answered, or rejects if it took longer than `ms`. */
async function within<T>(ms: number, what: string, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe.runIf(process.env.DATABASE_URL)('a PostgreSQL restart under load', () => {
  const target = new URL(process.env.DATABASE_URL ?? 'postgres://unused');
  let proxy: TcpProxy;
  let p: Platform;
  let runtime: JobRuntime;
  let owner: Session;
  const admin = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  const clients: Client[] = [];

  const connect = () => {
    const client = createClient({
      url: `${p.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${owner.token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  };

  /** A subscription's results as they come; `ended` says whether it completed or failed. */
  const follow = (query: string, variables: Record<string, unknown> = {}) => {
    const results: Result[] = [];
    const state: { ended: boolean; error: unknown } = { ended: false, error: undefined };
    connect().subscribe(
      { query, variables },
      {
        next: (value) => {
          results.push(value);
        },
        error: (error) => {
          state.error = error;
          state.ended = true;
        },
        complete: () => {
          state.ended = true;
        },
      },
    );
    return { results, state };
  };

  /** The outage: new connections refused, then every open one ended by the server, as a restart does. */
  const takeDatabaseAway = async () => {
    await proxy.cut({ keepOpen: true });
    await admin`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and client_port = any(${proxy.upstreamPorts()}::int[])`;
    await proxy.cut();
  };

  const balance = async () => {
    const res = await p.gql('{ creditBalance { balance reserved } }', {}, owner.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.creditBalance as { balance: number; reserved: number };
  };

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    p = await startPlatform({}, { databaseUrl: proxy.via(process.env.DATABASE_URL!) });
    owner = await registerOwner(p, 'Restart Co');
    runtime = await p.jobRuntime([heldJob], { maintenanceIntervalSeconds: 1 });
    await p.jobEvents.ready();
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await runtime?.stop({ graceful: false });
    await proxy?.restore();
    await p?.close();
    await proxy?.close();
    await admin.end();
  });

  it('answers cleanly while the database is away, recovers by itself, and keeps jobs and their charges whole', async () => {
    const before = await balance();

    // Under load: a job running, a subscription to it and to every job of the account.
    const job = await runtime.enqueue({ accountId: owner.accountId, userId: owner.userId }, heldJob, {
      gate: 'outage',
    });
    const progress = follow('subscription($id: ID!) { jobProgress(id: $id) { id status progress step } }', {
      id: job.id,
    });
    const updates = follow('subscription { jobUpdates { id status progress } }');
    gates.open('outage:start');
    await until('the job to run', () => progress.results.some((r) => r.data?.jobProgress.step === 'PREP'));
    await until('jobUpdates to be live', () => updates.results.length > 0 || true);

    await takeDatabaseAway();
    // The job reaches its next write while the database is away.
    gates.open('outage:middle');
    const outageEnds = Date.now() + OUTAGE_MS;
    const answers: { what: string; status: number; headers: Headers; body: any }[] = [];
    const ask = async (what: string, call: () => Promise<{ status: number; headers: Headers; body: any }>) => {
      answers.push({ what, ...(await within(ANSWER_WITHIN_MS, what, call())) });
    };
    const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${p.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    };
    // Requests keep coming while it is away.
    while (Date.now() < outageEnds - 1500) {
      await Promise.all([
        ask('creditBalance', () => graphql('{ creditBalance { balance } }')),
        ask('me', () => graphql('{ me { email } }')),
        ask('jobs', () => graphql('{ jobs(first: 5) { totalCount } }')),
        ask('REST sites', () => p.rest('GET', '/auth/sites/', { token: owner.token })),
        ask('generateTestImage', () =>
          graphql('mutation($input: GenerateTestImageInput!) { generateTestImage(input: $input) { id } }', {
            input: { prompt: 'A lighthouse in fog' },
          }),
        ),
      ]);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageEnds - Date.now())));
    await proxy.restore();

    // Each answered within moments, saying what happened and when to try again — no hang, no crash.
    expect(answers.length).toBeGreaterThanOrEqual(5);
    for (const { what, status, headers, body } of answers) {
      if (what.startsWith('REST')) {
        expect({ what, status, retryAfter: headers.get('retry-after'), body }).toMatchObject({
          status: 503,
          retryAfter: '5',
          body: { success: false, error: expect.stringMatching(/database is unavailable.*try again/) },
        });
      } else {
        expect({ what, status, errors: body.errors }).toMatchObject({
          status: 200,
          errors: [
            {
              message: expect.stringMatching(/database is unavailable.*try again/),
              extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 5 },
            },
          ],
        });
        expect(JSON.stringify(body)).not.toMatch(/stack|ECONNREFUSED|terminat|select /i);
      }
    }

    // Back without a restart: the same processes answer normally again.
    await until('the platform to answer again', async () => (await balance()).balance >= 0, 20_000);
    expect((await p.gql('{ me { email } }', {}, owner.token)).data.me.email).toBe(owner.email);

    // The running job waited the outage out and finished in its first attempt; the subscription to
    // it stayed connected and saw it through, and so did the one to the account's jobs.
    await until('the job to end', () => progress.state.ended, 60_000);
    expect(progress.state.error, JSON.stringify(progress.state.error)).toBeUndefined();
    const events = progress.results.map((r) => r.data.jobProgress);
    // A change made before the LISTEN was back may be missed; never the end, nor the order.
    expect(events.map((e: { step: string }) => e.step)).toContain('PREP');
    const percents = events.map((e: { progress: number }) => e.progress);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', progress: 100 });
    await until('jobUpdates to see the end', () =>
      updates.results.some((r) => r.data?.jobUpdates.id === job.id && r.data.jobUpdates.status === 'SUCCEEDED'),
    );
    expect(updates.state.ended).toBe(false);

    // Charged once: one deduction for the job, and the balance moved by exactly its cost. The
    // test image refused during the outage left neither a job nor a hold behind.
    const read = await p.gql(
      `query($id: ID!) {
        job(id: $id) { status creditsCharged attempts }
        jobs(kind: ["system.test-image"]) { totalCount }
        creditTransactions(type: DEDUCTION, first: 50) { edges { node { amount job { id } } } }
      }`,
      { id: job.id },
      owner.token,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.job).toEqual({ status: 'SUCCEEDED', creditsCharged: 5, attempts: 1 });
    expect(read.data.jobs.totalCount).toBe(0);
    const deductions = read.data.creditTransactions.edges.map((e: { node: unknown }) => e.node);
    expect(deductions).toEqual([{ amount: -5, job: { id: job.id } }]);
    expect(await balance()).toEqual({ balance: before.balance - 5, reserved: before.reserved });

    // New work runs and streams live as before.
    const after = await runtime.enqueue({ accountId: owner.accountId, userId: owner.userId }, heldJob, {
      gate: 'after',
    });
    const following = followJob({ url: p.url, token: owner.token, jobId: after.id, selection: 'progress' });
    gates.open('after:start');
    gates.open('after:middle');
    const afterEvents = await following;
    expect(afterEvents.length).toBeGreaterThan(2);
    expect(afterEvents.at(-1)).toEqual({ status: 'SUCCEEDED', progress: 100 });
  }, 120_000);

  // NOTIFY has no replay: what is published while this process's LISTEN is down never reaches it.
  // Here only the LISTEN's connection drops (a network cut, or a restart it noticed last) and the job
  // finishes meanwhile over the connections still open: its subscribers learn the end when the
  // LISTEN is back, by reading the job again.
  it('gives job subscriptions the state they missed while the LISTEN was down', async () => {
    const job = await runtime.enqueue({ accountId: owner.accountId, userId: owner.userId }, heldJob, {
      gate: 'listen',
    });
    const progress = follow('subscription($id: ID!) { jobProgress(id: $id) { status progress step } }', {
      id: job.id,
    });
    const updates = follow('subscription { jobUpdates { id status progress } }');
    gates.open('listen:start');
    await until('the job to run, seen on both subscriptions', () =>
      [progress.results, updates.results].every((results) =>
        results.some((r) => (r.data?.jobProgress ?? r.data?.jobUpdates)?.progress === 25),
      ),
    );

    await proxy.cut({ keepOpen: true });
    const dropped = await admin`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and client_port = any(${proxy.upstreamPorts()}::int[])
        and query ilike 'listen %igny8_jobs%'`;
    expect(dropped).toHaveLength(1);
    gates.open('listen:middle');
    await until('the job to succeed in the database', async () => {
      const [row] = await admin`select status from jobs.jobs where id = ${job.id}`;
      return row?.status === 'succeeded';
    });
    // Nobody heard of it: the LISTEN is down.
    const heard = () => progress.results.some((r) => r.data?.jobProgress.status === 'SUCCEEDED');
    expect(heard()).toBe(false);

    await proxy.restore();
    await until('jobProgress to show the end it missed', () => progress.state.ended, 20_000);
    expect(progress.state.error, JSON.stringify(progress.state.error)).toBeUndefined();
    expect(progress.results.at(-1)?.data.jobProgress).toEqual({ status: 'SUCCEEDED', progress: 100, step: 'DONE' });
    await until('jobUpdates to show the end it missed', () =>
      updates.results.some((r) => r.data?.jobUpdates.id === job.id && r.data.jobUpdates.status === 'SUCCEEDED'),
    );
  }, 60_000);
});
