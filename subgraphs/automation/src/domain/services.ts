import type { Database } from '@igny8/db';
import type { JobRecord, JobStore, Logger } from '@igny8/lib';

/** What the automation domain needs, built once per process by server.ts. */
export interface AutomationServices {
  database: Database;
  log: Logger;
  jobs: JobStore;
  /** Cancels a queued or running job and gives its credits back. */
  cancelJob(accountId: string, jobId: string): Promise<JobRecord>;
}
