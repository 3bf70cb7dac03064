// The job runtime: enqueue (validate, reserve credits, record, queue), the pg-boss workers that run
// the handlers (progress, capture on success, release on failure or cancel, retries), and cancel.
//
// The job row is the arbiter between workers and cancel: every change is a guarded UPDATE (only
// from the statuses it may follow, only by the job's latest attempt), and credits move only after
// the row change that decides them committed. An attempt's outcome is recorded first (the job is
// then settling: it can no longer be cancelled or re-run), billing captures the charge (or gives
// the credits back), and only then does the row turn succeeded (or failed) and is published; a
// cancel is announced once its credits are back. Whoever reads the balance on a job's final event
// sees it settled. The job is charged once whatever crashes around it, because capture and release
// are idempotent by job id and a worker that finds a settling job only repeats the settlement.
import type { Database } from '@igny8/db';
import { newId } from '@igny8/db';
import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { AiError } from '../ai/errors.js';
import { ConflictError, DomainError, isTemporaryOutage, NotFoundError } from '../errors.js';
import type { CreditHolds } from './credits.js';
import {
  JobCancelledError,
  type JobContext,
  type JobDefinition,
  type JobOutcome,
  JobStoppedError,
  jobLabel,
  jobTitle,
  parseJobInput,
} from './definition.js';
import { createJobEventSource, type JobEventSource } from './events.js';
import type { JobNotices } from './notices.js';
import { createQueueEngine } from './queue.js';
import {
  announceJobRecord,
  cancelJobRecord,
  createJobStore,
  insertJobRecord,
  type JobRecord,
  type JobStore,
  recordJobOutcome,
  SETTLING_STEP,
  startJobAttempt,
  updateJobRecord,
} from './store.js';

/** Who starts a job: the request's principal, or a system actor with no user. */
export interface JobPrincipal {
  accountId: string;
  userId?: string | null;
}

export interface EnqueueOptions {
  /** The request that started the job; the worker's log lines carry it. */
  requestId?: string;
}

export interface JobRuntimeOptions {
  database: Database;
  /** The PostgreSQL connection string when `database` is PostgreSQL (pg-boss opens its own pool). */
  url?: string | undefined;
  holds: CreditHolds;
  /** Tells whoever started a job how it ended (the header bell); none when absent. */
  notices?: JobNotices | undefined;
  log: Logger;
  jobs: readonly JobDefinition[];
  /** Run workers for these kinds; false for a process that only enqueues, cancels and reads. */
  work?: boolean;
  /** Concurrent jobs per kind in this process. Default 2. */
  workers?: number;
  /** How often an idle worker looks for a job (≥ 0.5). Default 0.5, for a snappy UI. */
  pollingIntervalSeconds?: number;
  /** How often pg-boss looks for expired (crashed) attempts. Default 60. */
  maintenanceIntervalSeconds?: number;
  /** pg-boss's PostgreSQL schema. Default 'pgboss'. */
  schema?: string;
  /** The process's event source, when it already has one; otherwise the runtime opens its own. */
  events?: JobEventSource;
  /**
   * Connections in pg-boss's pool on PostgreSQL. Default: one per worker plus two (for enqueue,
   * cancel and maintenance), at least 4 — a worker left waiting for a connection when the pool
   * closes would keep pg-boss's stop waiting for ever.
   */
  poolSize?: number;
}

export interface JobRuntime extends JobStore {
  readonly events: JobEventSource;
  start(): Promise<void>;
  /**
   * Stops taking jobs. Graceful: running jobs may finish (up to `timeoutSeconds`); otherwise (and
   * after the timeout) running attempts are stopped and retried later.
   */
  stop(options?: { graceful?: boolean; timeoutSeconds?: number }): Promise<void>;
  /**
   * Validates the input (BadUserInputError naming the fields), reserves the credits
   * (InsufficientCreditsError: nothing recorded, nothing queued), records the job and queues it.
   */
  enqueue<In>(
    principal: JobPrincipal,
    job: JobDefinition<unknown, unknown, In> | string,
    input: In,
    options?: EnqueueOptions,
  ): Promise<JobRecord>;
  /** Cancels a queued or running job and releases its credits; cancelling twice is harmless. */
  cancel(accountId: string, jobId: string): Promise<JobRecord>;
}

interface QueuedJobData {
  accountId: string;
  requestId?: string;
}

const DEFAULTS = { retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 900 };

const now = sql`now()`;

/** Whether a job's handler finished and its charge is being settled (see `SETTLING_STEP`). */
const isSettling = (row: JobRecord) => row.status === 'running' && row.step === SETTLING_STEP;

/**
 * How long a running job's own writes (progress, outcome, the charge) wait for the database or
 * billing to come back: a restart takes seconds, and a job that waits it out just carries on.
 * Past this the attempt fails as any other error would, and pg-boss retries it.
 */
const OUTAGE_PATIENCE_MS = 60_000;

/**
 * Runs `write`, trying again while the database or billing is away (up to OUTAGE_PATIENCE_MS).
 * Only for writes that are safe to repeat: guarded row changes, and holds idempotent by job id.
 */
async function outlastingOutages<T>(write: () => Promise<T>, log: Logger, signal?: AbortSignal): Promise<T> {
  const giveUpAt = Date.now() + OUTAGE_PATIENCE_MS;
  let warned = false;
  for (let pause = 250; ; pause = Math.min(pause * 2, 2000)) {
    try {
      return await write();
    } catch (error) {
      if (!isTemporaryOutage(error) || signal?.aborted || Date.now() + pause > giveUpAt) throw error;
      if (!warned) log.warn({ err: error }, 'the database or billing is away; the job waits for it');
      warned = true;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

const seconds = (n: number) => (n === 1 ? '1 second' : `${n} seconds`);

function sendOptions(definition: JobDefinition): PgBoss.SendOptions {
  const retryDelay = definition.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds;
  return {
    retryLimit: definition.retryLimit ?? DEFAULTS.retryLimit,
    retryDelay,
    retryBackoff: retryDelay > 0,
    expireInSeconds: definition.expireInSeconds ?? DEFAULTS.expireInSeconds,
  };
}

interface Failure {
  /** What a person reads in the job's error. */
  message: string;
  /** Whether another attempt could help. */
  retryable: boolean;
  /** Not an error the product expects (a bug, an outage): logged as an error, shown as a reference. */
  unexpected: boolean;
}

function describeFailure(definition: JobDefinition, error: unknown, jobId: string): Failure {
  let failure: Failure;
  if (error instanceof JobStoppedError) return { message: error.message, retryable: true, unexpected: false };
  if (error instanceof DomainError) failure = { message: error.message, retryable: false, unexpected: false };
  else if (error instanceof AiError)
    failure = { message: error.message, retryable: error.retryable, unexpected: false };
  // Anything else may carry SQL, paths or provider internals: the log keeps it, people get a reference.
  else failure = { message: `The job failed unexpectedly (ref ${jobId}).`, retryable: true, unexpected: true };
  if (definition.retryable) failure.retryable = definition.retryable(error);
  return failure;
}

/** What a job that completed `units` of what it reserved is charged: that share of its hold. */
function chargeFor(definition: JobDefinition, started: JobRecord, units: number | undefined): number {
  const reserved = definition.units ? definition.units(started.input) : 1;
  if (units === undefined || !(reserved > 0)) return started.creditsReserved;
  const share = Math.min(1, Math.max(0, units / reserved));
  return Math.min(started.creditsReserved, Math.round(started.creditsReserved * share));
}

export function createJobRuntime(options: JobRuntimeOptions): JobRuntime {
  const { database, holds } = options;
  const log = options.log.child({ component: 'jobs' });
  const workers = options.workers ?? 2;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 0.5;
  if (!(pollingIntervalSeconds >= 0.5)) throw new Error('createJobRuntime: pollingIntervalSeconds must be ≥ 0.5');
  if (!(Number.isInteger(workers) && workers >= 1)) throw new Error('createJobRuntime: workers must be ≥ 1');
  const schema = options.schema ?? 'pgboss';

  const definitions = new Map<string, JobDefinition>();
  for (const definition of options.jobs) {
    if (definitions.has(definition.kind)) throw new Error(`createJobRuntime: job kind ${definition.kind} given twice`);
    definitions.set(definition.kind, definition);
  }

  const store = createJobStore(database);
  const events = options.events ?? createJobEventSource(database, log);
  const ownsEvents = !options.events;
  const engine = createQueueEngine(database, {
    url: options.url,
    schema,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    poolSize: options.poolSize ?? Math.max(4, (options.work === false ? 0 : workers * definitions.size) + 2),
  });
  const { boss } = engine;
  boss.on('error', (error: unknown) => log.error({ err: error }, 'job queue error'));

  /** The abort controllers of the attempts running in this process, by job id. */
  const active = new Map<string, AbortController>();
  const executions = new Set<Promise<void>>();
  let state: 'new' | 'started' | 'stopping' | 'stopped' = 'new';
  let unsubscribe: (() => void) | null = null;

  const assertStarted = () => {
    if (state !== 'started') throw new Error('The job runtime is not running: call start() first.');
  };

  const releaseHold = async (row: JobRecord) => {
    if (row.operation) await holds.release({ accountId: row.accountId, jobId: row.id });
  };

  /**
   * Finishes a settling job. A result: billing captures what its row records (once: capture is
   * idempotent by job id, and billing's answer wins when an interrupted worker already captured a
   * different amount), then the row turns succeeded with that charge. An error: the credits go
   * back, then the row turns failed. Either change is published. Any worker may do this for a
   * settling job; the first to mark it wins, the others only repeated the settlement. If billing
   * cannot be reached, this throws, pg-boss retries, and the next attempt comes back here. The
   * starter is told how the job ended once its credits are settled and before the final event, so
   * whoever sees the job end finds the notification (told once: notices are keyed by job and outcome).
   */
  const settleOutcome = async (row: JobRecord, jobLog: Logger, usage?: JobOutcome<unknown>['usage']) => {
    const guard = { statuses: ['running'] as const, settling: true };
    const patiently = <T>(write: () => Promise<T>) => outlastingOutages(write, jobLog);
    if (row.error !== null) {
      await patiently(() => releaseHold(row));
      await options.notices?.jobEnded({ ...row, status: 'failed' });
      await patiently(() =>
        updateJobRecord(database, row.accountId, row.id, guard, { status: 'failed', finishedAt: now }),
      );
      return;
    }
    const charged = row.operation
      ? (
          await patiently(() =>
            holds.capture({
              accountId: row.accountId,
              jobId: row.id,
              credits: row.creditsCharged,
              ...(usage ? { usage } : {}),
              description: jobLabel(row),
            }),
          )
        ).credits
      : 0;
    await options.notices?.jobEnded({ ...row, status: 'succeeded', creditsCharged: charged });
    const done = await patiently(() =>
      updateJobRecord(database, row.accountId, row.id, guard, {
        status: 'succeeded',
        creditsCharged: charged,
        finishedAt: now,
      }),
    );
    if (done) jobLog.info({ creditsCharged: charged }, 'job succeeded');
  };

  /**
   * After the row says cancelled: pg-boss must not run or complete the job, and the credits go
   * back. Both are idempotent, so the canceller and the worker may each do it.
   */
  const settleCancel = async (row: JobRecord) => {
    await boss.cancel(row.kind, row.id);
    await releaseHold(row);
  };

  /** Pg-boss would retry a failure it still has retries for; this one must not be retried. */
  const stopRetries = (kind: string, id: string) =>
    boss
      .getDb()
      .executeSql(
        `UPDATE ${schema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND state = 'active'`,
        [kind, id],
      );

  function contextFor(row: JobRecord, attempt: number, controller: AbortController, jobLog: Logger): JobContext {
    let chain: Promise<unknown> = Promise.resolve();
    const write = async (percent: number, step: string, message: string | undefined) => {
      if (controller.signal.aborted) throw controller.signal.reason;
      if (step === SETTLING_STEP) throw new Error(`progress(): the step ${SETTLING_STEP} is the runtime's`);
      if (!Number.isFinite(percent)) throw new Error(`progress(): percent must be a number, got ${percent}`);
      const changes = {
        progress: Math.max(0, Math.min(100, Math.round(percent))),
        step,
        ...(message === undefined ? {} : { message }),
      };
      const updated = await outlastingOutages(
        () =>
          updateJobRecord(
            database,
            row.accountId,
            row.id,
            { statuses: ['running'], attempt, settling: false },
            changes,
          ),
        jobLog,
        controller.signal,
      );
      if (updated) return;
      const current = await store.find(row.accountId, row.id);
      const reason =
        current?.status === 'cancelled'
          ? new JobCancelledError(row.id)
          : new JobStoppedError('superseded', 'A newer attempt of this job took it over.');
      controller.abort(reason);
      throw reason;
    };
    return {
      jobId: row.id,
      accountId: row.accountId,
      userId: row.createdBy,
      attempt,
      log: jobLog,
      signal: controller.signal,
      // One write at a time, in call order, so the row never steps back to an older progress.
      progress(percent, step, message) {
        const next = chain.then(
          () => write(percent, step, message),
          () => write(percent, step, message),
        );
        chain = next.catch(() => {});
        return next;
      },
    };
  }

  /**
   * When recording an attempt's outcome found the row already decided: if the connection dropped
   * after a first try committed, that was this very attempt, and it is this attempt's to settle.
   */
  async function settlingAfterOutage(accountId: string, jobId: string, attempt: number) {
    const row = await store.find(accountId, jobId);
    return row && isSettling(row) && row.attempts === attempt ? row : null;
  }

  async function runAttempt(definition: JobDefinition, job: PgBoss.JobWithMetadata<QueuedJobData>): Promise<void> {
    const fetchedAt = Date.now();
    const { accountId, requestId } = job.data ?? {};
    const jobLog = log.child({ jobId: job.id, kind: definition.kind, accountId, ...(requestId ? { requestId } : {}) });
    if (typeof accountId !== 'string') {
      jobLog.error('queued job without an account; dropping it');
      return;
    }
    const row = await store.find(accountId, job.id);
    if (!row) {
      jobLog.error('queued job has no record; dropping it');
      return;
    }
    // A previous attempt decided the job and died before telling pg-boss: finish what it started.
    // (A succeeded job's charge was captured before it turned succeeded.)
    if (row.status === 'succeeded') return;
    if (row.status === 'cancelled') {
      // The canceller may have died before giving the credits back and announcing the cancel.
      await settleCancel(row);
      return announceJobRecord(database, accountId, row.id);
    }
    if (row.status === 'failed') return releaseHold(row);
    if (isSettling(row)) return settleOutcome(row, jobLog);

    const started = await startJobAttempt(database, accountId, job.id);
    if (!started) {
      // Another worker's attempt recorded its outcome meanwhile; it may die before settling.
      const current = await store.find(accountId, job.id);
      if (current && isSettling(current)) return settleOutcome(current, jobLog);
      return;
    }
    const attempt = started.attempts;
    const attemptLog = jobLog.child({ attempt });
    const controller = new AbortController();
    active.set(job.id, controller);
    // Stop the handler a little before pg-boss gives up on this attempt (and retries it), so this
    // worker records the failure before the retry can start.
    const expireMs = Number(job.expireInSeconds) * 1000;
    const margin = Math.min(1000, Math.max(200, expireMs / 10));
    const timer = setTimeout(
      () =>
        controller.abort(
          new JobStoppedError('timeout', `The job took longer than ${seconds(Number(job.expireInSeconds))}.`),
        ),
      Math.max(0, expireMs - margin - (Date.now() - fetchedAt)),
    );

    let outcome: JobOutcome<unknown>;
    try {
      const aborted = new Promise<never>((_, reject) => {
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      });
      const handled = Promise.resolve().then(() =>
        definition.handler(started.input, contextFor(started, attempt, controller, attemptLog)),
      );
      // A handler that ignores its signal keeps running, but nothing waits for it.
      handled.catch(() => {});
      aborted.catch(() => {});
      outcome = await Promise.race([handled, aborted]);
    } catch (error) {
      // Cancel wrote the row; this attempt stops. Whoever cancelled settles the queue and the
      // credits too, but that may be another process that has not got there yet.
      if (controller.signal.reason instanceof JobCancelledError) {
        attemptLog.info('job cancelled while running');
        return settleCancel(started);
      }
      return failAttempt(definition, job, started, attempt, error, attemptLog);
    } finally {
      clearTimeout(timer);
      active.delete(job.id);
    }

    const charge = started.operation ? chargeFor(definition, started, outcome.units) : 0;
    const settling = await outlastingOutages(
      () =>
        recordJobOutcome(database, accountId, job.id, attempt, {
          progress: 100,
          error: null,
          message: outcome.summary,
          result: outcome.result ?? null,
          resultSummary: outcome.summary,
          creditsCharged: charge,
        }),
      attemptLog,
    ).then((recorded) => recorded ?? settlingAfterOutage(accountId, job.id, attempt));
    if (!settling) {
      attemptLog.info('job was cancelled or taken over before it could finish');
      return;
    }
    try {
      await settleOutcome(settling, attemptLog, outcome.usage);
    } catch (error) {
      // The work is done and stays done; the job waits, settling, for a retry to charge it.
      attemptLog.error({ err: error }, 'could not settle the charge of a finished job; a retry will');
      throw error;
    }
  }

  async function failAttempt(
    definition: JobDefinition,
    job: PgBoss.JobWithMetadata<QueuedJobData>,
    row: JobRecord,
    attempt: number,
    error: unknown,
    attemptLog: Logger,
  ): Promise<void> {
    const failure = describeFailure(definition, error, row.id);
    const retriesLeft = job.retryCount < job.retryLimit;
    const willRetry = failure.retryable && retriesLeft;
    attemptLog[failure.unexpected ? 'error' : 'warn'](
      { err: error },
      willRetry ? 'job attempt failed; it will be retried' : 'job failed',
    );
    const guard = { statuses: ['running'] as const, attempt, settling: false };
    if (willRetry) {
      const queued = await outlastingOutages(
        () =>
          updateJobRecord(database, row.accountId, row.id, guard, {
            status: 'queued',
            step: 'QUEUED',
            progress: 0,
            message: `Attempt ${attempt} failed: ${failure.message} Retrying.`,
          }),
        attemptLog,
      );
      // Cancelled or taken over meanwhile: that decided the job, and pg-boss has nothing to retry.
      if (!queued) return;
      throw error;
    }
    const failing = await outlastingOutages(
      () => recordJobOutcome(database, row.accountId, row.id, attempt, { message: 'Failed', error: failure.message }),
      attemptLog,
    ).then((recorded) => recorded ?? settlingAfterOutage(row.accountId, row.id, attempt));
    if (!failing) return;
    await settleOutcome(failing, attemptLog);
    // Only now: had this worker died before the job turned failed, a retry had to finish it.
    if (retriesLeft) await stopRetries(definition.kind, row.id);
    throw error;
  }

  async function startQueue(): Promise<void> {
    await boss.start();
    for (const definition of definitions.values()) {
      await boss.createQueue(definition.kind, { name: definition.kind, ...sendOptions(definition) });
    }
    if (options.work === false) return;
    // A cancel made by any process reaches the worker running the job through the one LISTEN.
    unsubscribe = events.subscribe((event) => {
      if (event.status === 'cancelled') active.get(event.id)?.abort(new JobCancelledError(event.id));
    });
    await events.ready();
    for (const definition of definitions.values()) {
      for (let i = 0; i < workers; i++) {
        await boss.work<QueuedJobData>(
          definition.kind,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds },
          async ([job]) => {
            if (!job) return;
            const execution = runAttempt(definition, job);
            executions.add(execution);
            try {
              await execution;
            } finally {
              executions.delete(execution);
            }
          },
        );
      }
    }
  }

  const runtime: JobRuntime = {
    ...store,
    events,

    async start() {
      if (state !== 'new') throw new Error('The job runtime starts once.');
      state = 'started';
      try {
        await startQueue();
      } catch (error) {
        await runtime.stop({ graceful: false }).catch(() => {});
        throw error;
      }
    },

    async stop({ graceful = true, timeoutSeconds = 30 } = {}) {
      if (state !== 'started') return;
      state = 'stopping';
      const interrupt = () => {
        for (const controller of active.values()) {
          controller.abort(new JobStoppedError('shutdown', 'The worker stopped before the job finished.'));
        }
      };
      if (!graceful) interrupt();
      await boss.stop({ graceful, wait: true, timeout: timeoutSeconds * 1000 });
      interrupt();
      await Promise.allSettled([...executions]);
      unsubscribe?.();
      if (ownsEvents) await events.close();
      await engine.drain();
      state = 'stopped';
    },

    async enqueue(principal, job, input, enqueueOptions = {}) {
      assertStarted();
      const kind = typeof job === 'string' ? job : job.kind;
      const definition = definitions.get(kind);
      if (!definition) throw new Error(`The job runtime has no job kind "${kind}".`);
      const parsed = parseJobInput(definition, input);
      const { accountId } = principal;
      const userId = principal.userId ?? null;
      const id = newId();

      let creditsReserved = 0;
      if (definition.operation) {
        const units = definition.units ? definition.units(parsed) : 1;
        if (!(Number.isFinite(units) && units >= 0)) throw new Error(`Job ${kind}: units() gave ${units}`);
        const siteId = definition.siteOf?.(parsed) ?? null;
        const hold = await holds.reserve({
          accountId,
          jobId: id,
          operation: definition.operation,
          units,
          userId,
          siteId,
        });
        creditsReserved = hold.credits;
      }

      let row: JobRecord | null = null;
      try {
        row = await insertJobRecord(database, {
          accountId,
          id,
          kind,
          title: jobTitle(definition),
          status: 'queued',
          step: 'QUEUED',
          message: 'Waiting for a worker',
          input: parsed,
          inputSummary: definition.summarize(parsed),
          operation: definition.operation ?? null,
          creditsReserved,
          createdBy: userId,
        });
        const data: QueuedJobData = {
          accountId,
          ...(enqueueOptions.requestId ? { requestId: enqueueOptions.requestId } : {}),
        };
        const queued = await boss.send(kind, data, { id, ...sendOptions(definition) });
        if (queued !== id) throw new Error(`pg-boss did not queue job ${id}`);
        return row;
      } catch (error) {
        log.error({ err: error, jobId: id, kind, accountId }, 'could not queue a job; its credits are released');
        if (row) {
          await updateJobRecord(
            database,
            accountId,
            id,
            { statuses: ['queued'] },
            { status: 'failed', message: 'Failed', error: 'The job could not be queued. Try again.', finishedAt: now },
          ).catch((e: unknown) => log.error({ err: e, jobId: id }, 'could not mark an unqueued job failed'));
        }
        if (definition.operation) {
          await holds
            .release({ accountId, jobId: id })
            .catch((e: unknown) =>
              log.error({ err: e, jobId: id }, 'could not release the credits of an unqueued job'),
            );
        }
        throw error;
      }
    },

    async cancel(accountId, jobId) {
      assertStarted();
      let row = await store.find(accountId, jobId);
      if (!row) throw new NotFoundError('Job', jobId);
      if (row.status === 'queued' || row.status === 'running') {
        const cancelled = await cancelJobRecord(database, accountId, jobId);
        row = cancelled ?? (await store.get(accountId, jobId));
      }
      if (isSettling(row) && row.error !== null) {
        throw new ConflictError('This job has already failed; only a queued or running job can be cancelled.');
      }
      if (isSettling(row)) {
        throw new ConflictError(
          'This job has finished its work and its credits are being charged; it cannot be cancelled.',
        );
      }
      if (row.status !== 'cancelled') {
        throw new ConflictError(`This job has already ${row.status}; only a queued or running job can be cancelled.`);
      }
      // Also when it was cancelled before: this settles whatever an interrupted first cancel left.
      // The queue first, so a worker told to stop cannot complete the job in pg-boss meanwhile.
      await settleCancel(row);
      // Only now is the cancel published (a worker elsewhere hears of it then, and stops); a second
      // cancel publishes it again, which finishes what a canceller that died left unannounced.
      await announceJobRecord(database, accountId, jobId);
      active.get(jobId)?.abort(new JobCancelledError(jobId));
      return row;
    },
  };
  return runtime;
}
