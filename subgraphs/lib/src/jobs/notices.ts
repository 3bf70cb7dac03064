// Tells people how their jobs ended: a notification in the header bell of whoever started the job
// (the account's owners and admins for a job no person started), through the system subgraph's
// service-only `notify`. Keyed by job and outcome, so a settlement repeated by another worker
// notifies once.
import type { Logger } from 'pino';
import type { ServiceClient } from '../service.js';
import { jobLabel } from './definition.js';
import type { JobRecord } from './store.js';

export interface JobNotices {
  /** The job succeeded or failed (its credits are settled). Never throws: a lost notice must not undo a job. */
  jobEnded(job: JobRecord): Promise<void>;
}

const NOTIFY = `mutation Notify($input: NotifyInput!) { notify(input: $input) }`;

/** The notification a job's end makes (severity in lower case, as the system domain takes it). */
export function jobEndNotice(job: JobRecord) {
  const succeeded = job.status === 'succeeded';
  return {
    accountId: job.accountId,
    userId: job.createdBy,
    kind: succeeded ? 'job_succeeded' : 'job_failed',
    severity: succeeded ? ('success' as const) : ('error' as const),
    title: `${job.title} ${succeeded ? 'finished' : 'failed'}`,
    message: succeeded
      ? [jobLabel(job), job.resultSummary].filter(Boolean).join(' — ')
      : [jobLabel(job), job.error].filter(Boolean).join(' — '),
    link: null,
    sourceKey: `job:${job.id}:${job.status}`,
  };
}

/** `client` targets the system subgraph with this service's credentials. */
export function createSystemJobNotices(client: ServiceClient, log: Logger): JobNotices {
  return {
    async jobEnded(job) {
      try {
        const notice = jobEndNotice(job);
        await client.request(NOTIFY, { input: { ...notice, severity: notice.severity.toUpperCase() } });
      } catch (error) {
        log.warn({ err: error, jobId: job.id, accountId: job.accountId }, 'could not notify the end of a job');
      }
    },
  };
}
