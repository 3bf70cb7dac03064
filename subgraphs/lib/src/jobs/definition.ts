// What a background job is: its kind, input rules, credit operation and handler (`defineJob`), and
// what a handler sees while it runs (`JobContext`).
import type { Logger } from 'pino';
import type { z } from 'zod';
import { BadUserInputError } from '../errors.js';
import type { AiUsageRecord } from './credits.js';

/** The phases SPEC.md names (INIT 0-10, PREP 10-20, AI_CALL 20-80, PARSE 80-90, SAVE 90-100, DONE). */
export const JOB_STEPS = ['INIT', 'PREP', 'AI_CALL', 'PARSE', 'SAVE', 'DONE'] as const;
export type JobStep = (typeof JOB_STEPS)[number];

/** Thrown into a running job when a person cancelled it: the handler should stop. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was cancelled.`);
  }
}

/**
 * Stops one attempt of a job without cancelling the job: the worker is shutting down, the attempt
 * ran past its time limit, or a newer attempt took the job over (after a worker crash).
 */
export class JobStoppedError extends Error {
  override readonly name = 'JobStoppedError';
  constructor(
    readonly reason: 'shutdown' | 'timeout' | 'superseded',
    message: string,
  ) {
    super(message);
  }
}

export interface JobContext {
  jobId: string;
  accountId: string;
  /** Who started the job; null for jobs the system started. */
  userId: string | null;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  log: Logger;
  /** Aborted when the job is cancelled or this attempt is stopped; pass it to AI calls and fetches. */
  signal: AbortSignal;
  /**
   * Records progress (0-100) and the current step; subscribers see it at once. Throws
   * JobCancelledError (or JobStoppedError) when the job was cancelled or this attempt stopped.
   */
  progress(percent: number, step: string, message?: string): Promise<void>;
}

export interface JobOutcome<R> {
  result: R;
  /** A line a person reads in the jobs list ("Clustered 120 keywords into 14 clusters"). */
  summary: string;
  /** Tokens and model of the AI calls, logged by billing beside the charge. */
  usage?: AiUsageRecord;
  /**
   * Units of `operation` the job completed, when fewer than `units(input)` reserved (tasks written,
   * images rendered): it is charged that share of its hold, at whatever price billing held it;
   * the whole hold when absent.
   */
  units?: number;
}

// Methods, not function properties: a definition for a specific input type must still fit the
// runtime's list of definitions of any input (method parameters are checked bivariantly).
/** `I` is the parsed input the handler gets; `In` what callers pass to enqueue (before defaults). */
export interface JobDefinition<I = unknown, R = unknown, In = I> {
  /** `<subgraph>.<name>`, e.g. `planner.auto-cluster`; also the pg-boss queue name. */
  kind: string;
  /** Validates the input at enqueue; the parsed value (JSON) is what the handler receives. */
  inputSchema: z.ZodType<I, In>;
  /** The billing operation the job is charged as; a job without one costs nothing. */
  operation?: string;
  /** How many units of `operation` this input is (billing prices operation × units); 1 if absent. */
  units?(input: I): number;
  /** The site the job works on, if any: its usage is counted for that site (usage analytics). */
  siteOf?(input: I): string | null | undefined;
  /**
   * What a person calls the job ("Auto-cluster"): with the input's summary it makes the line of its
   * credit transaction ("Auto-cluster: 55 keywords · Paws & Claws Blog → Dogs"). When absent, the
   * kind's name in words (`system.test-image` → "Test image").
   */
  title?: string;
  /** A line a person reads in the jobs list, e.g. "300 keywords · example.com → Dogs". */
  summarize(input: I): string;
  handler(input: I, ctx: JobContext): Promise<JobOutcome<R>>;
  /** Retries after a failed attempt (pg-boss `retryLimit`); 2 when absent. */
  retryLimit?: number;
  /** Seconds before the first retry; later retries back off exponentially. 10 when absent. */
  retryDelaySeconds?: number;
  /**
   * How long one attempt may run: a longer one is stopped and, when its worker died, picked up
   * again by another worker after this long (pg-boss `expireInSeconds`). 900 when absent.
   */
  expireInSeconds?: number;
  /** Whether an attempt that threw this error may be retried; the runtime's rule when absent. */
  retryable?(error: unknown): boolean;
}

/** What a person calls a job of this definition: its title, or its kind's name in words. */
export function jobTitle(definition: Pick<JobDefinition, 'kind' | 'title'>): string {
  if (definition.title) return definition.title;
  const name = (definition.kind.split('.').at(-1) ?? definition.kind).replaceAll('-', ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The line a person reads for a job wherever it is named — its credit transaction, the jobs list:
 * "Auto-cluster: 55 keywords · Paws & Claws Blog → Dogs" (the title alone when nothing is summarized).
 */
export const jobLabel = (job: { title: string; inputSummary: string }): string =>
  job.inputSummary ? `${job.title}: ${job.inputSummary}` : job.title;

export function defineJob<I, R, In = I>(definition: JobDefinition<I, R, In>): JobDefinition<I, R, In> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/.test(definition.kind)) {
    throw new Error(`Job kind "${definition.kind}" must look like "<subgraph>.<name>" (lower case, dots, dashes).`);
  }
  if (definition.retryLimit !== undefined && !(Number.isInteger(definition.retryLimit) && definition.retryLimit >= 0)) {
    throw new Error(`Job ${definition.kind}: retryLimit must be a whole number ≥ 0.`);
  }
  if (
    definition.expireInSeconds !== undefined &&
    !(Number.isInteger(definition.expireInSeconds) && definition.expireInSeconds >= 1)
  ) {
    throw new Error(`Job ${definition.kind}: expireInSeconds must be a whole number ≥ 1.`);
  }
  if (
    definition.retryDelaySeconds !== undefined &&
    !(Number.isInteger(definition.retryDelaySeconds) && definition.retryDelaySeconds >= 0)
  ) {
    throw new Error(`Job ${definition.kind}: retryDelaySeconds must be a whole number ≥ 0.`);
  }
  return definition;
}

/** Parses a job's input, or throws BadUserInputError naming each offending field. */
export function parseJobInput<I>(definition: JobDefinition<I, unknown, unknown>, input: unknown): I {
  const parsed = definition.inputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path.map(String).join('.') || 'input';
    fields[name] = [...(fields[name] ?? []), issue.message];
  }
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
    .join(' · ');
  throw new BadUserInputError(summary, fields);
}
