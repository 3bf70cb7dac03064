// Queue overhead: no-op jobs per second through the job runtime (@igny8/lib createJobRuntime, i.e.
// pg-boss + the jobs.jobs record + a NOTIFY per change) on PostgreSQL vs on PGlite, side by side
// in one process, rounds alternating A/B/A/B. Run by `npm run bench` after run.mjs, or alone:
//
//   node --import tsx bench/queue.ts
//
// tsx compiles the TypeScript sources of @igny8/lib and @igny8/db once, at load; what is measured
// is database-bound (some twenty SQL statements per job, BEGIN and COMMIT included), so tsx's
// overhead is negligible here.
//
// Each round, for a fresh account: enqueue N jobs one call after another with no worker running
// (the enqueue-only rate), then start a runtime with W workers and time it from start() until
// every job is SUCCEEDED (watched through the runtime's own `events`, checked against `list`).
//
// Two settings (W workers : N jobs), because a pg-boss worker sleeps out the rest of its polling
// interval after every fetch, job or no job: it runs at most one job per interval (the runtime
// fetches one at a time), so 4 workers at 0.5 s cannot pass 8 jobs/s whatever the database. That
// is what a subgraph with few workers gets. The wide setting puts that ceiling far above what
// either database sustains, so its jobs/s are the database-bound cost of a job.
//
// Knobs (env): BENCH_QUEUE_SETTINGS (4:100,256:600), BENCH_QUEUE_ROUNDS (2), BENCH_POSTGRES_URL
// (postgres://postgres@127.0.0.1:5432/postgres: where the throwaway database igny8_bench_<pid> is
// created, and dropped after), BENCH_RESULTS (the JSON file the figures are added to, under
// `queue`; bench/results/latest.json).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database, newId } from '@igny8/db';
import { type CreditHolds, createJobRuntime, createLogger, defineJob, type JobRuntime } from '@igny8/lib';
import postgres from 'postgres';
import { z } from 'zod';
import { addResults, fmt } from './results.js';

const ENV = process.env;

/** Workers in the runtime, and how many jobs a round queues for them. */
interface Setting {
  workers: number;
  jobs: number;
}
const SETTINGS: Setting[] = (ENV.BENCH_QUEUE_SETTINGS ?? '4:100,256:600').split(',').map((pair) => {
  const [workers, jobs] = pair.split(':').map(Number);
  if (!(Number.isInteger(workers) && workers! >= 1 && Number.isInteger(jobs) && jobs! >= 1)) {
    throw new Error(`BENCH_QUEUE_SETTINGS: "${pair}" is not workers:jobs, e.g. 4:100`);
  }
  return { workers: workers!, jobs: jobs! };
});
const ROUNDS = Number(ENV.BENCH_QUEUE_ROUNDS ?? 2);
const POLLING_SECONDS = 0.5;
const ADMIN_URL = ENV.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** A round that has not finished by then has lost jobs: it fails instead of hanging. */
const ROUND_TIMEOUT_MS = 10 * 60_000;

const log = createLogger('bench-queue', 'warn');

const noopJob = defineJob({
  kind: 'bench.noop',
  inputSchema: z.object({ n: z.number().int() }),
  // No `operation`: the job costs nothing, so the runtime never reserves, captures or releases.
  summarize: (input) => `No-op ${input.n}`,
  handler: async (input) => ({ result: null, summary: `No-op ${input.n} done` }),
});

/** Counts calls so the output can show the runtime never touched credits for these jobs. */
function countingHolds() {
  const calls = { reserve: 0, capture: 0, release: 0 };
  const holds: CreditHolds = {
    async reserve() {
      calls.reserve++;
      return { credits: 0 };
    },
    async capture() {
      calls.capture++;
      return { credits: 0 };
    },
    async release() {
      calls.release++;
    },
  };
  return { holds, calls };
}

interface Backend {
  name: 'pglite' | 'postgres';
  database: Database;
  url?: string;
  dispose(): Promise<void>;
}

async function openPglite(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'igny8-bench-queue-'));
  // File-backed, as `npm start` runs it (memory:// would flatter PGlite).
  const database = createDatabase({ dataDir: join(dir, 'pglite') });
  await database.migrate();
  return {
    name: 'pglite',
    database,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A throwaway PostgreSQL database, or the reason there is none. */
async function openPostgres(): Promise<Backend | { unavailable: string }> {
  const admin = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  const name = `igny8_bench_${process.pid}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    return { unavailable: `${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}: ${(error as Error).message}` };
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = createDatabase({ url: url.toString() });
  const dispose = async () => {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  try {
    await database.migrate();
  } catch (error) {
    await dispose();
    throw error;
  }
  return { name: 'postgres', database, url: url.toString(), dispose };
}

interface RoundResult {
  backend: Backend['name'];
  workers: number;
  round: number;
  jobs: number;
  /** Enqueueing the jobs with no worker running, one call after another. */
  enqueueSeconds: number;
  enqueuePerSecond: number;
  /** From the worker runtime's start() until every job is SUCCEEDED. */
  drainSeconds: number;
  jobsPerSecond: number;
  /** Of drainSeconds: the worker runtime's start() (queue check, LISTEN, worker registration). */
  startSeconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until every job in `ids` is SUCCEEDED: the runtime's own events are the clock, and a
 * `list` every 2 s is the safety net should an event be missed.
 */
async function untilSucceeded(runtime: JobRuntime, accountId: string, ids: ReadonlySet<string>) {
  const succeeded = new Set<string>();
  let resolve: () => void = () => {};
  const done = new Promise<void>((r) => {
    resolve = r;
  });
  const unsubscribe = runtime.events.subscribe((event) => {
    if (event.accountId !== accountId || event.status !== 'succeeded' || !ids.has(event.id)) return;
    succeeded.add(event.id);
    if (succeeded.size === ids.size) resolve();
  });
  await runtime.events.ready();
  return {
    async wait(): Promise<void> {
      const deadline = Date.now() + ROUND_TIMEOUT_MS;
      try {
        for (;;) {
          if (await Promise.race([done.then(() => true), sleep(2000).then(() => false)])) return;
          const page = await runtime.list(accountId, { status: 'succeeded', limit: 1, offset: 0 });
          if (page.totalCount === ids.size) return;
          if (Date.now() > deadline) {
            throw new Error(`${page.totalCount} of ${ids.size} jobs succeeded after ${ROUND_TIMEOUT_MS / 1000} s`);
          }
        }
      } finally {
        unsubscribe();
      }
    },
  };
}

async function runRound(backend: Backend, setting: Setting, round: number): Promise<RoundResult> {
  const { holds, calls } = countingHolds();
  const accountId = newId();
  const ids = new Set<string>();
  const runtimeFor = (work: boolean) =>
    createJobRuntime({
      database: backend.database,
      url: backend.url,
      holds,
      log,
      jobs: [noopJob],
      work,
      workers: setting.workers,
      pollingIntervalSeconds: POLLING_SECONDS,
    });

  // Enqueue with no worker running, so the rate is the enqueue path's alone.
  const enqueuer = runtimeFor(false);
  await enqueuer.start();
  let enqueueSeconds: number;
  try {
    const started = performance.now();
    for (let n = 0; n < setting.jobs; n++) ids.add((await enqueuer.enqueue({ accountId }, noopJob, { n })).id);
    enqueueSeconds = (performance.now() - started) / 1000;
  } finally {
    await enqueuer.stop();
  }

  // Then a runtime per round with the workers: an idle one's pollers would load the database the
  // next round measures.
  const runtime = runtimeFor(true);
  try {
    const watch = await untilSucceeded(runtime, accountId, ids);
    const started = performance.now();
    await runtime.start();
    const startSeconds = (performance.now() - started) / 1000;
    await watch.wait();
    const drainSeconds = (performance.now() - started) / 1000;

    const touched = calls.reserve + calls.capture + calls.release;
    if (touched) throw new Error(`the runtime called CreditHolds ${touched} times for jobs without an operation`);
    return {
      backend: backend.name,
      workers: setting.workers,
      round,
      jobs: setting.jobs,
      enqueueSeconds,
      enqueuePerSecond: setting.jobs / enqueueSeconds,
      drainSeconds,
      jobsPerSecond: setting.jobs / drainSeconds,
      startSeconds,
    };
  } finally {
    await runtime.stop();
  }
}

/** The open databases: disposed at the end, or on Ctrl-C (the PostgreSQL one is dropped). */
const backends: Backend[] = [];
const disposeAll = async () => {
  for (const backend of backends.splice(0)) await backend.dispose().catch((e: unknown) => console.error(e));
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    disposeAll().finally(() => process.exit(130));
  });
}

async function main() {
  const loadBefore = loadavg()[0]!;
  let postgresNote: string | null = null;
  try {
    backends.push(await openPglite());
    const pg = await openPostgres();
    if ('unavailable' in pg) postgresNote = `PostgreSQL unreachable, PGlite only (${pg.unavailable})`;
    else backends.push(pg);

    console.log(
      `queue: no-op jobs through createJobRuntime (pg-boss), polling ${POLLING_SECONDS} s, ${ROUNDS} rounds ` +
        `alternating ${backends.map((b) => b.name).join('/')}; each round enqueues with no worker running, then ` +
        'times the workers from start() until every job is SUCCEEDED',
    );
    if (postgresNote) console.log(`  ${postgresNote}`);

    const results: RoundResult[] = [];
    for (const setting of SETTINGS) {
      console.log(
        `\n  ${setting.workers} workers, ${setting.jobs} jobs (pg-boss ceiling ${fmt(setting.workers / POLLING_SECONDS)} ` +
          'jobs/s: a worker fetches once per polling interval)',
      );
      for (let round = 1; round <= ROUNDS; round++) {
        for (const backend of backends) {
          const r = await runRound(backend, setting, round);
          results.push(r);
          console.log(
            `    round ${round} ${r.backend.padEnd(8)} ${fmt(r.jobsPerSecond, 1).padStart(6)} jobs/s ` +
              `(${fmt(r.drainSeconds, 2)} s, start ${fmt(r.startSeconds * 1000)} ms)   ` +
              `enqueue ${fmt(r.enqueuePerSecond, 0).padStart(4)} jobs/s`,
          );
        }
      }
    }
    console.log('\n  CreditHolds calls for these jobs without an operation: 0 (checked each round)');

    const summary = (setting: Setting) => {
      const of = (name: Backend['name']) => {
        const rs = results.filter((r) => r.backend === name && r.workers === setting.workers);
        if (!rs.length) return null;
        const jobs = rs.reduce((a, r) => a + r.jobs, 0);
        return {
          jobsPerSecond: jobs / rs.reduce((a, r) => a + r.drainSeconds, 0),
          enqueuePerSecond: jobs / rs.reduce((a, r) => a + r.enqueueSeconds, 0),
        };
      };
      const pglite = of('pglite');
      const pg = of('postgres');
      return {
        ...setting,
        ceilingJobsPerSecond: setting.workers / POLLING_SECONDS,
        pglite,
        postgres: pg,
        postgresOverPglite: pg && pglite ? pg.jobsPerSecond / pglite.jobsPerSecond : null,
        enqueuePostgresOverPglite: pg && pglite ? pg.enqueuePerSecond / pglite.enqueuePerSecond : null,
      };
    };
    const summaries = SETTINGS.map(summary);
    console.log('\n  workers  backend    jobs/s  enqueue/s');
    for (const s of summaries) {
      for (const [name, side] of [
        ['pglite', s.pglite],
        ['postgres', s.postgres],
      ] as const) {
        if (!side) continue;
        console.log(
          `  ${String(s.workers).padStart(7)}  ${name.padEnd(8)} ${fmt(side.jobsPerSecond, 1).padStart(7)} ` +
            `${fmt(side.enqueuePerSecond, 0).padStart(10)}`,
        );
      }
      if (s.postgresOverPglite !== null && s.enqueuePostgresOverPglite !== null) {
        console.log(
          `           PostgreSQL / PGlite: ×${fmt(s.postgresOverPglite, 2)} jobs/s, ×${fmt(s.enqueuePostgresOverPglite, 2)} enqueue`,
        );
      }
    }
    const loadAfter = loadavg()[0]!;
    if (Math.max(loadBefore, loadAfter) > cpus().length + 1) {
      console.log(
        `  note: load average ${fmt(loadBefore, 1)} → ${fmt(loadAfter, 1)} on ${cpus().length} cores: other work ran, figures are noisy`,
      );
    }

    addResults('queue', {
      date: new Date().toISOString(),
      settings: SETTINGS,
      rounds: ROUNDS,
      pollingIntervalSeconds: POLLING_SECONDS,
      postgres: postgresNote ?? 'measured',
      creditHoldsCalls: 0,
      runs: results,
      summaries,
      loadAverage: { before: loadBefore, after: loadAfter },
    });
  } finally {
    await disposeAll();
  }
}

try {
  await main();
} catch (error) {
  console.error(`queue bench failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
// Exit explicitly: on PostgreSQL, a stopped runtime can leave pg-boss polling forever. Workers whose
// fetch was still waiting for one of its pool's connections when stop() closed the pool never get
// an answer (pg-pool drops its queued requests at end()), and pg-boss checks every second for
// them to stop. With 256 workers on a pool of 4 that happens in some runs.
process.exit();
