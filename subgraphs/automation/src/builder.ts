import type { Database } from '@igny8/db';
import { createBuilder, type JobRecord, type JobStore, type Logger, type RequestContext } from '@igny8/lib';

export interface AutomationServices {
  database: Database;
  log: Logger;
  jobs: JobStore;
  /** Cancels a queued or running job and gives its credits back. */
  cancelJob(accountId: string, jobId: string): Promise<JobRecord>;
}

export interface AutomationContext extends RequestContext {
  automation: AutomationServices;
}

export const builder = createBuilder<AutomationContext>();
