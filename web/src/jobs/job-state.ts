// A job's state as pages read it: whether it has ended, and the step it is at in words.
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
