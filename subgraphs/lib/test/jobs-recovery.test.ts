// A worker that dies mid-job leaves its pg-boss job active; after the job's expireInSeconds another
// worker takes it over. The two worst moments to die are tested: inside the handler, and after
// billing captured the credits but before the job turned succeeded (it turns succeeded only once
// its charge is settled). Either way the job ends succeeded and is charged exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { createDatabase, type Database, newId } from '@igny8/db';
import { openTestDatabase, type TestDatabase } from '@igny8/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobEventSource, createJobRuntime, createJobStore, type JobRuntime } from '../src/jobs/index.js';
import { createLogger } from '../src/logger.js';
import {
  CRASH_PRICE,
  collectUntil,
  crashJob,
  type HoldsReply,
  queueJob,
  TestCreditHolds,
  uniqueSuffix,
  type WorkerMessage,
  waitFor,
} from './fixtures/jobs-fixtures.js';

const url = process.env.DATABASE_URL;
const log = createLogger('jobs-recovery-test', 'silent');
const kind = `test.crash-${uniqueSuffix()}`;
const definition = crashJob(kind);

const recoveryRuntime = (database: Database, holds: TestCreditHolds) =>
  createJobRuntime({
    database,
    url,
    holds,
    log,
    jobs: [definition],
    workers: 1,
    // Expired attempts are looked for every second, so a dead worker's job moves on quickly.
    maintenanceIntervalSeconds: 1,
  });

const expectChargedOnce = async (database: Database, holds: TestCreditHolds, accountId: string, jobId: string) => {
  await waitFor(
    'pg-boss to complete the recovered job',
    async () => (await queueJob(database, jobId))?.state === 'completed',
  );
  expect(await createJobStore(database).get(accountId, jobId)).toMatchObject({
    status: 'succeeded',
    attempts: 2,
    resultSummary: 'Wrote 300 words',
    creditsCharged: CRASH_PRICE,
  });
  // The killed second attempt captured; the recovery captured again and billing charged nothing more.
  expect(holds.capturesOf(jobId)).toBe(2);
  expect(holds.chargesOf(jobId)).toBe(1);
  expect(holds.balance(accountId)).toBe(20 - CRASH_PRICE);
};

if (url) {
  describe('crash recovery on PostgreSQL (real worker processes killed with SIGKILL)', () => {
    let db: TestDatabase;
    const holds = new TestCreditHolds({ 'test.crash': CRASH_PRICE });
    const children: ChildProcess[] = [];
    const runtimes: JobRuntime[] = [];

    beforeAll(async () => {
      db = await openTestDatabase();
    });
    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      for (const runtime of runtimes) await runtime.stop({ graceful: false });
      await db?.close();
    });

    /** Starts a worker process; `onCapture` runs when its capture reached (our) billing. */
    const startWorker = async (onCapture?: (child: ChildProcess) => void) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./fixtures/jobs-crash-worker.ts', import.meta.url))],
        {
          cwd: fileURLToPath(new URL('../../../', import.meta.url)),
          env: { ...process.env, JOB_KIND: kind },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        },
      );
      children.push(child);
      child.on('message', async (message: WorkerMessage) => {
        if (message.type !== 'holds') return;
        let reply: HoldsReply;
        try {
          reply = { id: message.id, result: await holds[message.method](message.input) };
        } catch (error) {
          reply = { id: message.id, error: (error as Error).message };
        }
        if (message.method === 'capture' && onCapture) return onCapture(child);
        child.send(reply);
      });
      const [first] = (await once(child, 'message')) as [WorkerMessage];
      expect(first.type).toBe('ready');
      return child;
    };

    it('charges once when workers die inside the handler and right after the capture', async () => {
      const events = createJobEventSource(db.database);
      await events.ready();
      const front = createJobRuntime({ database: db.database, url, holds, log, jobs: [definition], work: false });
      runtimes.push(front);
      await front.start();
      const accountId = newId();
      holds.grant(accountId, 20);
      const stream = events.forAccount(accountId);
      const job = await front.enqueue({ accountId, userId: null }, definition, { words: 300 });

      // Worker 1 takes the job and is killed in the middle of its handler.
      const first = await startWorker();
      const midway = await collectUntil(stream, (e) => e.step === 'AI_CALL', job.id);
      expect(midway.at(-1)).toMatchObject({ status: 'running', attempts: 1 });
      first.kill('SIGKILL');
      await once(first, 'exit');

      // Worker 2 takes it over after it expired, finishes, and is killed once billing captured.
      let capturedAndKilled!: () => void;
      const captured = new Promise<void>((resolve) => {
        capturedAndKilled = resolve;
      });
      const second = await startWorker((child) => {
        child.kill('SIGKILL');
        capturedAndKilled();
      });
      await captured;
      if (second.exitCode === null && second.signalCode === null) await once(second, 'exit');
      const decided = await front.get(accountId, job.id);
      // Its outcome is recorded and charged, but the job is not succeeded before its row says so.
      expect(decided).toMatchObject({ status: 'running', step: 'DONE', attempts: 2, resultSummary: 'Wrote 300 words' });
      expect((await queueJob(db.database, job.id))?.state).toBe('active');
      expect(holds.chargesOf(job.id)).toBe(1);

      // A worker in this process finds the job expired again and finishes what worker 2 began.
      const recoverer = recoveryRuntime(db.database, holds);
      runtimes.push(recoverer);
      await recoverer.start();
      await expectChargedOnce(db.database, holds, accountId, job.id);
      await events.close();
    });
  });
} else {
  describe('crash recovery on PGlite (snapshots of the database taken mid-job)', () => {
    // PGlite is one process's database: no second process can open it, and killing the runtime
    // would kill the test. What a killed worker leaves behind is exactly what it had committed,
    // so a clone of the database taken mid-job is the crash; a new runtime on the clone recovers.
    const opened: { close(): Promise<void> }[] = [];
    afterAll(async () => {
      for (const database of opened.reverse()) await database.close().catch(() => {});
    });
    const snapshot = async (database: Database) => {
      const copy = createDatabase({ pglite: (await database.pglite!.clone()) as PGlite });
      opened.push(copy);
      return copy;
    };

    it('charges once when workers die inside the handler and right after the capture', async () => {
      const original: TestDatabase = await openTestDatabase();
      opened.push(original);
      const holds = new TestCreditHolds({ 'test.crash': CRASH_PRICE });
      const accountId = newId();
      holds.grant(accountId, 20);

      // Worker 1 takes the job; the database as it stands mid-handler is the first crash.
      const first = recoveryRuntime(original.database, holds);
      await first.start();
      const stream = first.events.forAccount(accountId);
      const job = await first.enqueue({ accountId, userId: null }, definition, { words: 300 });
      await collectUntil(stream, (e) => e.step === 'AI_CALL', job.id);
      const afterFirstCrash = await snapshot(original.database);
      await first.stop({ graceful: false });

      // Worker 2 recovers the job after it expired; the database right after its capture is the second crash.
      let afterSecondCrash: Database | undefined;
      holds.afterCapture = async () => {
        holds.afterCapture = null;
        afterSecondCrash = await snapshot(afterFirstCrash);
      };
      const second = recoveryRuntime(afterFirstCrash, holds);
      await second.start();
      const crashed = await waitFor('worker 2 to capture', async () => afterSecondCrash);
      await second.stop();
      // Its outcome is recorded and charged, but the job is not succeeded before its row says so.
      expect(await createJobStore(crashed).get(accountId, job.id)).toMatchObject({
        status: 'running',
        step: 'DONE',
        attempts: 2,
        resultSummary: 'Wrote 300 words',
      });
      expect((await queueJob(crashed, job.id))?.state).toBe('active');
      expect(holds.chargesOf(job.id)).toBe(1);

      // Worker 3 finds the job expired again and finishes what worker 2 began.
      const third = recoveryRuntime(crashed, holds);
      await third.start();
      try {
        await expectChargedOnce(crashed, holds, accountId, job.id);
      } finally {
        await third.stop();
      }
    });
  });
}
