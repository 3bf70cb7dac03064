// The account's jobs: read, listed and cancelled for the caller. Jobs are recorded by the library's
// job runtime wherever they are started; this module only serves them.
import type { JobStatus } from '@igny8/db/jobs';
import { BadUserInputError, type Caller, type JobRecord, type PageWindow, pageOf } from '@igny8/lib';
import type { AutomationServices } from './services.js';

/** `<subgraph>.<job>`, e.g. system.test-image. */
const KIND = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

export interface JobFilter {
  status?: readonly JobStatus[] | null;
  kind?: readonly string[] | null;
}

export const getJob = (s: AutomationServices, caller: Caller, id: string) => s.jobs.get(caller.accountId, id);

/** Jobs of the caller's account by id (another account's are left out). */
export const jobsByIds = (s: AutomationServices, caller: Caller, ids: readonly string[]) =>
  s.jobs.findMany(caller.accountId, ids);

/** The caller's jobs, newest first. */
export async function listJobs(s: AutomationServices, caller: Caller, input: JobFilter & { page: PageWindow }) {
  const kinds = input.kind ?? undefined;
  const badKind = kinds?.find((kind) => !KIND.test(kind));
  if (badKind !== undefined) {
    throw BadUserInputError.field('kind', `"${badKind}" is not a job kind (e.g. system.test-image)`);
  }
  const filter = { status: input.status ?? undefined, kind: kinds };
  return pageOf<JobRecord>(
    input.page,
    () => s.jobs.count(caller.accountId, filter),
    async (page) => (await s.jobs.list(caller.accountId, { ...filter, ...page })).rows,
  );
}

export const cancelJob = (s: AutomationServices, caller: Caller, id: string) => s.cancelJob(caller.accountId, id);
