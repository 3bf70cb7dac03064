// A job's state as pages read it: whether it has ended, the step it is at in words, and where its page is.
import type { JobStatus } from '../gql/graphql';
import { humanize } from '../ui/format';

/** A job in one of these changes no more (its credits are captured or given back). */
export const FINISHED_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** The phases a job reports (SPEC.md), as a person reads them. */
const STEP_LABELS: Record<string, string> = {
  QUEUED: 'Queued',
  INIT: 'Starting',
  PREP: 'Preparing',
  AI_CALL: 'AI at work',
  PARSE: 'Reading the answer',
  SAVE: 'Saving',
  DONE: 'Done',
};

export const jobStepLabel = (step: string) => STEP_LABELS[step] ?? humanize(step);

export const JOB_STATUS_TONE: Record<JobStatus, 'neutral' | 'accent' | 'success' | 'danger' | 'warning'> = {
  QUEUED: 'neutral',
  RUNNING: 'accent',
  SUCCEEDED: 'success',
  FAILED: 'danger',
  CANCELLED: 'warning',
};

/** The job's own page (billing/section.tsx): what it did, where, and what it cost. */
export const jobPath = (id: string) => `/billing/jobs/${id}`;
