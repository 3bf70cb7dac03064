export { createBillingCreditHolds } from './billing-holds.js';
export type { AiUsageRecord, CreditHolds } from './credits.js';
export {
  defineJob,
  JOB_STEPS,
  JobCancelledError,
  type JobContext,
  type JobDefinition,
  type JobOutcome,
  type JobStep,
  JobStoppedError,
  jobLabel,
  jobTitle,
  parseJobInput,
} from './definition.js';
export {
  createJobEventSource,
  JOB_EVENTS_CHANNEL,
  type JobEvent,
  type JobEventHandler,
  type JobEventSource,
  toJobEvent,
} from './events.js';
export { createSystemJobNotices, type JobNotices, jobEndNotice } from './notices.js';
export {
  createJobRuntime,
  type EnqueueOptions,
  type JobPrincipal,
  type JobRuntime,
  type JobRuntimeOptions,
} from './runtime.js';
export { createJobStore, type JobListQuery, type JobPage, type JobRecord, type JobStore } from './store.js';
