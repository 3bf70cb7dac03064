// Jobs through the gateway, as the web app and integrators use them: the Job API (automation
// subgraph) and live progress over graphql-ws. A real job runtime (pg-boss, credit holds in the
// billing subgraph) runs a job whose steps the test releases one by one.
import { type CreditHolds, createLogger, defineJob, type JobRuntime } from '@igny8/lib';
import { followJob, Gates } from '@igny8/lib/testing';
import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { loadGatewayConfig, startGateway } from '../src/server.js';
import { type Platform, registerOwner, startPlatform } from './harness.js';

type Result = FormattedExecutionResult<any, any>;

/** Gates the test job's steps: the job waits at each step until the test opens it. */
const gates = new Gates();

const steppedJob = defineJob({
  kind: 'test.stepped',
  inputSchema: z.object({ gate: z.string(), fail: z.boolean().default(false) }),
  summarize: (input) => `stepped job ${input.gate}`,
  retryLimit: 0,
  async handler(input, ctx) {
    await gates.wait(`${input.gate}:start`);
    await ctx.progress(25, 'PREP', 'Preparing');
    await gates.wait(`${input.gate}:middle`);
    await ctx.progress(60, 'AI_CALL', 'Working on it');
    if (input.fail) throw new Error('the provider broke');
    await ctx.progress(90, 'SAVE', 'Saving');
    return { result: { ok: true }, summary: 'All steps done' };
  },
});

/** The same job, charged as one generated image (5 credits by default). */
const paidJob = defineJob({ ...steppedJob, kind: 'test.paid', operation: 'image_generation' });
/** A paid job with a title, as the product's jobs have ("Auto-cluster"). */
const namedJob = defineJob({ ...paidJob, kind: 'test.named', title: 'Named test' });
/** Jobs whose capture billing answers a second late (the runtime's billing is wrapped to do so). */
const slowCaptures = new Set<string>();
const slowToCapture = (billing: CreditHolds): CreditHolds => ({
  ...billing,
  capture: async (input) => {
    if (slowCaptures.has(input.jobId)) await new Promise((resolve) => setTimeout(resolve, 1000));
    return billing.capture(input);
  },
});

describe('jobs through the gateway', () => {
  let p: Platform;
  let runtime: JobRuntime;
  let owner: Awaited<ReturnType<typeof registerOwner>>;
  let other: Awaited<ReturnType<typeof registerOwner>>;
  const clients: Client[] = [];

  const connect = (token?: string, base = p.url) => {
    const client = createClient({
      url: `${base.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  };

  /** Collects a subscription's results; `done` resolves when it completes or fails. */
  const follow = (client: Client, query: string, variables: Record<string, unknown> = {}) => {
    const results: Result[] = [];
    let error: unknown;
    const done = new Promise<void>((resolve) => {
      client.subscribe(
        { query, variables },
        {
          next: (value) => {
            results.push(value);
          },
          error: (e) => {
            error = e;
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
    return { results, done, error: () => error };
  };

  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  const enqueue = (who: typeof owner, gate: string, fail = false) =>
    runtime.enqueue({ accountId: who.accountId, userId: who.userId }, steppedJob, { gate, fail });

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Live Progress Co');
    other = await registerOwner(p, 'Other Co');
    runtime = await p.jobRuntime([steppedJob, paidJob, namedJob], { billingAs: slowToCapture });
    await p.jobEvents.ready();
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await p?.close();
  });

  it('sends the current state first, then every step in order, and completes after SUCCEEDED', async () => {
    const job = await enqueue(owner, 'ordered');
    const sub = follow(
      connect(owner.token),
      `subscription($id: ID!) { jobProgress(id: $id) { id title label status progress step message resultSummary } }`,
      { id: job.id },
    );
    await until(() => sub.results.length >= 1, 'the current state');
    expect(sub.results[0]!.data.jobProgress).toMatchObject({
      id: job.id,
      status: expect.stringMatching(/QUEUED|RUNNING/),
    });
    gates.open('ordered:start');
    gates.open('ordered:middle');
    await sub.done;
    expect(sub.error()).toBeUndefined();
    const events = sub.results.map((r) => r.data.jobProgress);
    expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', progress: 100, resultSummary: 'All steps done' });
    const progress = events.map((e: { progress: number }) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(events.map((e: { step: string }) => e.step)).toEqual(expect.arrayContaining(['PREP', 'AI_CALL', 'SAVE']));
    // Every event names the job in words: a definition without a title is named by its kind.
    for (const event of events) {
      expect(event).toMatchObject({ title: 'Stepped', label: 'Stepped: stepped job ordered' });
    }
  });

  it('resolves fields the event does not carry through the federated graph (the user, from system)', async () => {
    const job = await enqueue(owner, 'federated');
    const sub = follow(
      connect(owner.token),
      `subscription($id: ID!) { jobProgress(id: $id) { state: status progress createdBy { email } } }`,
      { id: job.id },
    );
    await until(() => sub.results.length >= 1, 'the current state');
    gates.open('federated:start');
    gates.open('federated:middle');
    await sub.done;
    expect(sub.results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const events = sub.results.map((r) => r.data.jobProgress);
    expect(events.at(-1)).toMatchObject({ state: 'SUCCEEDED', createdBy: { email: owner.email } });
    for (const event of events) expect(event.createdBy.email).toBe(owner.email);
  });

  it('gives a late subscriber the finished state at once, and a failed job its readable error', async () => {
    const job = await enqueue(owner, 'failing', true);
    gates.open('failing:start');
    gates.open('failing:middle');
    const watcher = follow(connect(owner.token), `subscription($id: ID!) { jobProgress(id: $id) { status error } }`, {
      id: job.id,
    });
    await watcher.done;
    const last = watcher.results.at(-1)!.data.jobProgress;
    if (last.status !== 'FAILED') {
      // It was still running when the subscriber arrived: the stream followed it to the end.
      expect(watcher.results.length).toBeGreaterThan(1);
    }
    expect(last).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/unexpectedly|broke/) });

    const late = follow(connect(owner.token), `subscription($id: ID!) { jobProgress(id: $id) { status } }`, {
      id: job.id,
    });
    await late.done;
    expect(late.results.map((r) => r.data.jobProgress.status)).toEqual(['FAILED']);
  });

  it('refuses an unauthenticated connection and another account’s job', async () => {
    const job = await enqueue(owner, 'private');
    const anonymous = follow(connect(), `subscription($id: ID!) { jobProgress(id: $id) { status } }`, { id: job.id });
    await anonymous.done;
    expect((anonymous.error() as { code?: number }).code).toBe(4403);

    const intruder = follow(connect(other.token), `subscription($id: ID!) { jobProgress(id: $id) { status } }`, {
      id: job.id,
    });
    await intruder.done;
    expect(intruder.results).toEqual([]);
    expect((intruder.error() as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('NOT_FOUND');
    gates.open('private:start');
    gates.open('private:middle');
  });

  // The production shape (docker compose): a gateway in its own process, told only DATABASE_URL,
  // LISTENs there itself. PGlite's LISTEN works only inside the process that opened it, so this
  // runs in the PostgreSQL run.
  it.runIf(process.env.DATABASE_URL)('serves progress from a gateway that LISTENs on DATABASE_URL itself', async () => {
    const standalone = await startGateway({
      config: loadGatewayConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
        WEB_DIST: '',
        DATABASE_URL: process.env.DATABASE_URL,
      }),
      port: 0,
      urls: p.urls,
      log: createLogger('test', 'silent'),
    });
    try {
      const job = await enqueue(owner, 'standalone');
      const sub = follow(
        connect(owner.token, standalone.url),
        `subscription($id: ID!) { jobProgress(id: $id) { status progress } }`,
        { id: job.id },
      );
      await until(() => sub.results.length >= 1, 'the current state');
      gates.open('standalone:start');
      gates.open('standalone:middle');
      await sub.done;
      expect(sub.error()).toBeUndefined();
      expect(sub.results.at(-1)!.data.jobProgress).toEqual({ status: 'SUCCEEDED', progress: 100 });
      expect(sub.results.length).toBeGreaterThan(2);
    } finally {
      await standalone.close();
    }
  });

  it('streams every change of the account’s own jobs on jobUpdates, and nothing of other accounts', async () => {
    const mine = follow(connect(owner.token), 'subscription { jobUpdates { id status progress } }');
    const theirs = follow(connect(other.token), 'subscription { jobUpdates { id status } }');
    // Both sockets are subscribed once a first event of each account arrives.
    const warmOwner = await enqueue(owner, 'warm-owner');
    const warmOther = await enqueue(other, 'warm-other');
    await until(
      () =>
        mine.results.some((r) => r.data.jobUpdates.id === warmOwner.id) &&
        theirs.results.some((r) => r.data.jobUpdates.id === warmOther.id),
      'the first events',
    );
    // Free the workers the warm-up jobs hold.
    for (const gate of ['warm-owner', 'warm-other']) {
      gates.open(`${gate}:start`);
      gates.open(`${gate}:middle`);
    }
    const job = await enqueue(owner, 'updates');
    gates.open('updates:start');
    gates.open('updates:middle');
    await until(
      () => mine.results.some((r) => r.data.jobUpdates.id === job.id && r.data.jobUpdates.status === 'SUCCEEDED'),
      'the job to succeed',
    );
    const seen = mine.results.filter((r) => r.data.jobUpdates.id === job.id).map((r) => r.data.jobUpdates.progress);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(theirs.results.some((r) => r.data.jobUpdates.id === job.id)).toBe(false);
    expect(mine.results.some((r) => r.data.jobUpdates.id === warmOther.id)).toBe(false);
  });

  it('publishes SUCCEEDED once the credits are charged: a subscriber reading the balance then sees the charge', async () => {
    const balance = async () =>
      (await p.gql('{ creditBalance { balance reserved } }', {}, owner.token)).data.creditBalance as {
        balance: number;
        reserved: number;
      };
    const before = await balance();
    const job = await runtime.enqueue({ accountId: owner.accountId, userId: owner.userId }, paidJob, {
      gate: 'settled',
    });
    // Billing answers this capture slowly (as it may under load): had SUCCEEDED gone out before the
    // capture, the subscriber's read would land in that second and see the old balance.
    slowCaptures.add(job.id);
    let readOnSucceeded: { balance: number; reserved: number } | undefined;
    const following = followJob<{ status: string; creditsCharged: number }>({
      url: p.url,
      token: owner.token,
      jobId: job.id,
      selection: 'creditsCharged',
      onEvent: async (event) => {
        if (event.status === 'SUCCEEDED') readOnSucceeded = await balance();
      },
    });
    gates.open('settled:start');
    gates.open('settled:middle');
    const event = (await following).at(-1)!;
    const read = readOnSucceeded;
    expect(event.creditsCharged).toBe(5);
    expect(read).toEqual({ balance: before.balance - 5, reserved: before.reserved });
  });

  it('names a job in its credit transaction as the job names itself, and the entry leads to the job', async () => {
    const job = await runtime.enqueue({ accountId: owner.accountId, userId: owner.userId }, namedJob, {
      gate: 'named',
    });
    const following = followJob({ url: p.url, token: owner.token, jobId: job.id });
    gates.open('named:start');
    gates.open('named:middle');
    expect((await following).at(-1)?.status).toBe('SUCCEEDED');
    const line = 'Named test: stepped job named';
    const read = await p.gql(
      `query($id: ID!) {
        job(id: $id) { title inputSummary label }
        creditTransactions(type: DEDUCTION, first: 50) { edges { node { amount description job { id label } } } }
      }`,
      { id: job.id },
      owner.token,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.job).toEqual({ title: 'Named test', inputSummary: 'stepped job named', label: line });
    const entries = read.data.creditTransactions.edges.map((e: { node: { job: { id: string } | null } }) => e.node);
    expect(entries.filter((e: { job: { id: string } | null }) => e.job?.id === job.id)).toEqual([
      { amount: -5, description: line, job: { id: job.id, label: line } },
    ]);
  });
});

describe('the Job API', () => {
  let p: Platform;
  let runtime: JobRuntime;
  let owner: Awaited<ReturnType<typeof registerOwner>>;
  let other: Awaited<ReturnType<typeof registerOwner>>;

  const available = async (token: string) =>
    (await p.gql<{ creditBalance: { available: number } }>('{ creditBalance { available } }', {}, token)).data!
      .creditBalance.available;

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Job API Co');
    other = await registerOwner(p, 'Job API Other');
    runtime = await p.jobRuntime([steppedJob, paidJob]);
  });
  afterAll(() => p?.close());

  it('lists the account’s jobs newest first, filters them, and reads one with who started it', async () => {
    const first = await runtime.enqueue(owner, steppedJob, { gate: 'api-first' });
    const second = await runtime.enqueue(owner, paidJob, { gate: 'api-second' });
    const list = await p.gql(
      `{ jobs(first: 10) { totalCount edges { node { id kind status creditsReserved inputSummary } } } }`,
      {},
      owner.token,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data.jobs.totalCount).toBe(2);
    expect(list.data.jobs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([second.id, first.id]);
    expect(list.data.jobs.edges[0].node).toMatchObject({ kind: 'test.paid', creditsReserved: 5 });

    const paid = await p.gql(`{ jobs(kind: ["test.paid"]) { totalCount } }`, {}, owner.token);
    expect(paid.data.jobs.totalCount).toBe(1);
    const done = await p.gql(`{ jobs(status: [SUCCEEDED]) { totalCount } }`, {}, owner.token);
    expect(done.data.jobs.totalCount).toBe(0);
    const bad = await p.gql(`{ jobs(kind: ["no kind"]) { totalCount } }`, {}, owner.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { kind: [expect.any(String)] },
    });

    const one = await p.gql(
      `query($id: ID!) { job(id: $id) { id inputSummary createdBy { email } } }`,
      { id: first.id },
      owner.token,
    );
    expect(one.data.job).toEqual({
      id: first.id,
      inputSummary: 'stepped job api-first',
      createdBy: { email: owner.email },
    });
    for (const gate of ['api-first', 'api-second']) {
      gates.open(`${gate}:start`);
      gates.open(`${gate}:middle`);
    }
  });

  it('cancels a running job and gives its credits back; cancelling again changes nothing', async () => {
    const before = await available(owner.token);
    const job = await runtime.enqueue(owner, paidJob, { gate: 'api-cancel' });
    expect(await available(owner.token)).toBe(before - 5);
    const cancel = `mutation($id: ID!) { cancelJob(id: $id) { id status creditsCharged } }`;
    const cancelled = await p.gql(cancel, { id: job.id }, owner.token);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelJob).toMatchObject({ status: 'CANCELLED', creditsCharged: 0 });
    gates.open('api-cancel:start');
    gates.open('api-cancel:middle');
    // The cancel answered once the credits were given back.
    expect(await available(owner.token)).toBe(before);
    const again = await p.gql(cancel, { id: job.id }, owner.token);
    expect(again.data?.cancelJob?.status ?? again.errors?.[0]?.extensions?.code).toMatch(/CANCELLED|CONFLICT/);
  });

  it('keeps jobs to their account, and cancelling to members who may write', async () => {
    const job = await runtime.enqueue(owner, steppedJob, { gate: 'api-private' });
    const read = await p.gql(`query($id: ID!) { job(id: $id) { id } }`, { id: job.id }, other.token);
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await p.gql(`{ jobs { totalCount } }`, {}, other.token);
    expect(list.data.jobs.totalCount).toBe(0);
    const cancel = await p.gql(`mutation($id: ID!) { cancelJob(id: $id) { id } }`, { id: job.id }, other.token);
    expect(cancel.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const key = await p.gql(
      `mutation { createApiKey(input: { name: "reader", scopes: [READ] }) { secret } }`,
      {},
      owner.token,
    );
    const res = await fetch(`${p.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key.data.createApiKey.secret },
      body: JSON.stringify({ query: `mutation($id: ID!) { cancelJob(id: $id) { id } }`, variables: { id: job.id } }),
    });
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'FORBIDDEN',
    );
    gates.open('api-private:start');
    gates.open('api-private:middle');
  });
});
