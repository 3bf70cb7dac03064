// Tables of the job runtime (schema "jobs"): one row per background job, the record users see
// (status, progress, credits). The queue itself is pg-boss's own schema; this is the library's
// shared plumbing, written only by the job runtime in @igny8/lib, like the queue.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const jobsSchema = pgSchema('jobs');

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const jobs = jobsSchema.table(
  'jobs',
  {
    accountId: uuid('account_id').notNull(),
    /** Also the pg-boss job id and the credit hold's idempotency key. */
    id: uuid('id').notNull(),
    /** `<subgraph>.<name>`, also the pg-boss queue name. */
    kind: text('kind').notNull(),
    /** What a person calls the job ("Auto-cluster"): its definition's title when it was started. */
    title: text('title').notNull().default(''),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    step: text('step').notNull().default('QUEUED'),
    message: text('message').notNull().default(''),
    error: text('error'),
    input: jsonb('input').$type<unknown>().notNull(),
    /** A line a person reads in the jobs list ("1024x1024 image: a red bicycle"). */
    inputSummary: text('input_summary').notNull().default(''),
    result: jsonb('result').$type<unknown>(),
    resultSummary: text('result_summary'),
    /** The credit operation (CreditCostConfig) this job is charged as, when it costs credits. */
    operation: text('operation'),
    creditsReserved: integer('credits_reserved').notNull().default(0),
    creditsCharged: integer('credits_charged').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('jobs_id').on(t.id),
    index('jobs_account_created').on(t.accountId, t.createdAt.desc()),
    index('jobs_account_status').on(t.accountId, t.status),
    check('jobs_progress_range', sql`${t.progress} between 0 and 100`),
    check('jobs_credits_non_negative', sql`${t.creditsReserved} >= 0 and ${t.creditsCharged} >= 0`),
  ],
);

export const JOB_TENANT_TABLES = ['jobs'] as const;
