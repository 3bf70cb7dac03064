// The job records (jobs.jobs): reads for the Job API, and the writes the runtime makes. Every
// query runs in the tenant's transaction; every change is published in that same transaction, so
// subscribers see exactly the committed changes, in commit order — except the two a job's credits
// must follow before anyone hears of them: the outcome a worker records while the credits are
// settled (`recordJobOutcome`; the job still looks running), and a cancel, announced once its
// credits are given back (`cancelJobRecord`, then `announceJobRecord`).
import type { Database, Tx } from '@igny8/db';
import { type JobStatus, jobs } from '@igny8/db/jobs';
import { and, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { NotFoundError } from '../errors.js';
import { JOB_EVENTS_CHANNEL, jobEventPayload } from './events.js';

export type JobRecord = typeof jobs.$inferSelect;

export interface JobListQuery {
  status?: JobStatus | readonly JobStatus[] | undefined;
  kind?: string | readonly string[] | undefined;
  limit: number;
  offset: number;
}

export interface JobPage {
  rows: JobRecord[];
  totalCount: number;
}

/** Reads of an account's jobs; needs no queue or workers (a subgraph serving only the Job API). */
export interface JobStore {
  /** The job, or null when the account has no such job. */
  find(accountId: string, id: string): Promise<JobRecord | null>;
  /** The job; NotFoundError when the account has no such job. */
  get(accountId: string, id: string): Promise<JobRecord>;
  /** The account's jobs among `ids` (in no particular order), for DataLoaders and entity references. */
  findMany(accountId: string, ids: readonly string[]): Promise<JobRecord[]>;
  /** Newest first, with the number of jobs that match. */
  list(accountId: string, query: JobListQuery): Promise<JobPage>;
  /** How many of the account's jobs match (a connection's totalCount, before its page is read). */
  count(accountId: string, query: Pick<JobListQuery, 'status' | 'kind'>): Promise<number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const listFilter = (accountId: string, query: Pick<JobListQuery, 'status' | 'kind'>): SQL => {
  const parts: SQL[] = [eq(jobs.accountId, accountId)];
  const statuses = query.status === undefined ? [] : typeof query.status === 'string' ? [query.status] : query.status;
  if (statuses.length) parts.push(inArray(jobs.status, [...statuses]));
  const kinds = query.kind === undefined ? [] : typeof query.kind === 'string' ? [query.kind] : query.kind;
  if (kinds.length) parts.push(inArray(jobs.kind, [...kinds]));
  return and(...parts)!;
};

async function countJobs(tx: Tx, where: SQL): Promise<number> {
  const [total] = await tx.select({ n: count() }).from(jobs).where(where);
  return total?.n ?? 0;
}

async function selectJob(tx: Tx, accountId: string, id: string): Promise<JobRecord | null> {
  const [row] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.accountId, accountId), eq(jobs.id, id)));
  return row ?? null;
}

export function createJobStore(database: Database): JobStore {
  const find = async (accountId: string, id: string) => {
    // A malformed id names no job; PostgreSQL would refuse the uuid cast instead.
    if (!UUID.test(id)) return null;
    return database.tenant(accountId, (tx) => selectJob(tx, accountId, id));
  };
  return {
    find,
    async get(accountId, id) {
      const row = await find(accountId, id);
      if (!row) throw new NotFoundError('Job', id);
      return row;
    },
    async findMany(accountId, ids) {
      const wanted = ids.filter((id) => UUID.test(id));
      if (wanted.length === 0) return [];
      return database.tenant(accountId, (tx) =>
        tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.accountId, accountId), inArray(jobs.id, wanted))),
      );
    },
    list(accountId, query) {
      return database.tenant(accountId, async (tx) => {
        const where = listFilter(accountId, query);
        const rows = await tx
          .select()
          .from(jobs)
          .where(where)
          .orderBy(desc(jobs.createdAt), desc(jobs.id))
          .limit(query.limit)
          .offset(query.offset);
        return { rows, totalCount: await countJobs(tx, where) };
      });
    },
    count(accountId, query) {
      return database.tenant(accountId, (tx) => countJobs(tx, listFilter(accountId, query)));
    },
  };
}

// ---- writes (the runtime's only) ----

async function publish(tx: Tx, row: JobRecord): Promise<void> {
  await tx.execute(sql`select pg_notify(${JOB_EVENTS_CHANNEL}, ${jobEventPayload(row)})`);
}

export async function insertJobRecord(database: Database, values: typeof jobs.$inferInsert): Promise<JobRecord> {
  return database.tenant(values.accountId, async (tx) => {
    const [row] = await tx.insert(jobs).values(values).returning();
    await publish(tx, row!);
    return row!;
  });
}

type ChangeableColumn =
  | 'status'
  | 'progress'
  | 'step'
  | 'message'
  | 'error'
  | 'result'
  | 'resultSummary'
  | 'creditsCharged'
  | 'finishedAt';

/** Column values, or SQL such as `now()` (timestamps come from the database's clock). */
export type JobChanges = { [K in ChangeableColumn]?: JobRecord[K] | SQL };

/**
 * The step of a running job whose attempt ended: its outcome is recorded (a result, or an `error`)
 * and its credits are being settled (captured, or given back). Such a job can no longer be
 * cancelled, report progress or start another attempt; it only turns succeeded (or failed) once
 * billing settled its credits.
 */
export const SETTLING_STEP = 'DONE';

export interface JobGuard {
  /** The change applies only while the job is in one of these statuses. */
  statuses: readonly JobStatus[];
  /** …and only while this attempt is the job's latest (a stale worker cannot overwrite a newer one). */
  attempt?: number;
  /** …and only while the job is (true) or is not (false) settling its charge (`SETTLING_STEP`). */
  settling?: boolean;
}

async function changeJob(
  database: Database,
  accountId: string,
  id: string,
  guard: JobGuard,
  changes: JobChanges,
  announce: boolean,
): Promise<JobRecord | null> {
  return database.tenant(accountId, async (tx) => {
    const where = [eq(jobs.accountId, accountId), eq(jobs.id, id), inArray(jobs.status, [...guard.statuses])];
    if (guard.attempt !== undefined) where.push(eq(jobs.attempts, guard.attempt));
    if (guard.settling !== undefined) {
      where.push(guard.settling ? eq(jobs.step, SETTLING_STEP) : ne(jobs.step, SETTLING_STEP));
    }
    const [row] = await tx
      .update(jobs)
      // The moment of the change, not of the transaction's start: events order by it.
      .set({ ...changes, updatedAt: sql`clock_timestamp()` })
      .where(and(...where))
      .returning();
    if (!row) return null;
    if (announce) await publish(tx, row);
    return row;
  });
}

/** Changes a job when the guard holds; returns the new row, or null when it did not apply. */
export function updateJobRecord(
  database: Database,
  accountId: string,
  id: string,
  guard: JobGuard,
  changes: JobChanges,
): Promise<JobRecord | null> {
  return changeJob(database, accountId, id, guard, changes, true);
}

/**
 * Records what attempt `attempt` of a running job produced — a result, or (`error`) why it failed
 * for good — and moves it to `SETTLING_STEP`, unannounced (see the file's header); null when the
 * job was cancelled or taken over first.
 */
export function recordJobOutcome(
  database: Database,
  accountId: string,
  id: string,
  attempt: number,
  outcome:
    | (Pick<JobChanges, 'message' | 'result' | 'resultSummary' | 'creditsCharged'> & { error: null; progress: 100 })
    | { message: string; error: string },
): Promise<JobRecord | null> {
  return changeJob(
    database,
    accountId,
    id,
    { statuses: ['running'], attempt, settling: false },
    { ...outcome, step: SETTLING_STEP },
    false,
  );
}

/** Decides that a queued or running job is cancelled, unannounced until its credits are back. */
export function cancelJobRecord(database: Database, accountId: string, id: string): Promise<JobRecord | null> {
  return changeJob(
    database,
    accountId,
    id,
    { statuses: ['queued', 'running'], settling: false },
    { status: 'cancelled', message: 'Cancelled', finishedAt: sql`now()` },
    false,
  );
}

/** Publishes a job's current state (a cancel whose credits are given back). */
export async function announceJobRecord(database: Database, accountId: string, id: string): Promise<void> {
  await database.tenant(accountId, async (tx) => {
    const row = await selectJob(tx, accountId, id);
    if (row) await publish(tx, row);
  });
}

/**
 * Starts the next attempt of a queued (or crashed-while-running) job; null when it is no longer
 * runnable (decided, or settling the charge of an attempt that finished its work).
 */
export async function startJobAttempt(database: Database, accountId: string, id: string): Promise<JobRecord | null> {
  return database.tenant(accountId, async (tx) => {
    const [row] = await tx
      .update(jobs)
      .set({
        status: 'running',
        attempts: sql`${jobs.attempts} + 1`,
        progress: 0,
        step: 'INIT',
        message: sql`case when ${jobs.attempts} = 0 then 'Started' else 'Attempt ' || (${jobs.attempts} + 1) || ' started' end`,
        error: null,
        startedAt: sql`coalesce(${jobs.startedAt}, now())`,
        updatedAt: sql`clock_timestamp()`,
      })
      .where(
        and(
          eq(jobs.accountId, accountId),
          eq(jobs.id, id),
          inArray(jobs.status, ['queued', 'running']),
          ne(jobs.step, SETTLING_STEP),
        ),
      )
      .returning();
    if (!row) return null;
    await publish(tx, row);
    return row;
  });
}
