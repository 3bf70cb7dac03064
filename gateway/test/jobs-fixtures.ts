// Following a job the way the web app does: `subscription { jobProgress(id) }` over graphql-ws,
// through the test kit, on a test platform.
import { followJob as follow, waitForJob as waitFor } from '@igny8/lib/testing';
import type { Platform } from './harness.js';

/**
 * Every event of a job's progress stream, until it ends (the job succeeded, failed or was
 * cancelled). `selection` is the Job fields to ask for besides `status`.
 */
export const followJob = <E extends { status: string } = any>(
  p: Platform,
  token: string,
  jobId: string,
  selection = '',
): Promise<E[]> => follow<E>({ url: p.url, token, jobId, selection });

/** The job's last event, once its progress stream ends. */
export const waitForJob = <E extends { status: string } = any>(
  p: Platform,
  token: string,
  jobId: string,
  selection = '',
): Promise<E> => waitFor<E>({ url: p.url, token, jobId, selection });
