// Job: one background operation (AI work and the like), its live progress and its credits. Jobs
// are recorded by the library's job runtime wherever they are started; this subgraph serves them.

import { JOB_STATUSES } from '@igny8/db/jobs';
import {
  BadUserInputError,
  callerOf,
  connectionOf,
  type JobRecord,
  jobLabel,
  loadReference,
  scopePresets,
} from '@igny8/lib';
import { type AutomationContext, builder } from '../builder.js';
import { cancelJob, getJob, jobsByIds, listJobs } from '../domain/jobs.js';

export const JobStatusEnum = builder.enumType('JobStatus', {
  description: 'Where a job is: QUEUED → RUNNING → SUCCEEDED, FAILED or CANCELLED.',
  values: Object.fromEntries(JOB_STATUSES.map((status) => [status.toUpperCase(), { value: status }])) as {
    [K in (typeof JOB_STATUSES)[number] as Uppercase<K>]: { value: K };
  },
});

/** The person who started a job: a reference the system subgraph resolves. */
const UserRef = builder.objectRef<{ id: string }>('User');
builder.asEntity(UserRef, {
  key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
  resolveReference: (ref) => ref,
});
UserRef.implement({ fields: (t) => ({ id: t.exposeID('id') }) });

export const JobRef = builder.objectRef<JobRecord>('Job');

/** A job of the caller's own account (entity references of other accounts resolve to null). */
const loadJob = (ctx: AutomationContext, id: string) =>
  loadReference(ctx, 'Job', (caller, ids) => jobsByIds(ctx.automation, caller, ids), id);

builder.asEntity(JobRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadJob(ctx, ref.id),
});

JobRef.implement({
  description: 'Work that runs in the background; follow it with `subscription { jobProgress(id) }`.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'What the job does, e.g. `system.test-image`.' }),
    title: t.exposeString('title', { description: 'What a person calls the job, e.g. "Auto-cluster".' }),
    status: t.field({ type: JobStatusEnum, resolve: (job) => job.status }),
    progress: t.exposeInt('progress', { description: '0–100.' }),
    step: t.exposeString('step', { description: 'The phase: INIT, PREP, AI_CALL, PARSE, SAVE, DONE.' }),
    message: t.exposeString('message'),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed, for a person to act on.' }),
    inputSummary: t.exposeString('inputSummary', {
      description: 'What the job works on, and where: "55 keywords · Paws & Claws Blog → Dogs".',
    }),
    label: t.string({
      description:
        'The line a person reads for the job, as its credit transaction says it: "Auto-cluster: 55 keywords · Paws & Claws Blog → Dogs".',
      resolve: (job) => jobLabel(job),
    }),
    resultSummary: t.exposeString('resultSummary', { nullable: true }),
    result: t.field({ type: 'JSON', nullable: true, resolve: (job) => job.result ?? null }),
    creditsReserved: t.exposeInt('creditsReserved'),
    creditsCharged: t.exposeInt('creditsCharged'),
    attempts: t.exposeInt('attempts'),
    createdBy: t.field({
      type: UserRef,
      nullable: true,
      resolve: (job) => (job.createdBy ? { id: job.createdBy } : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (job) => job.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (job) => job.updatedAt }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (job) => job.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (job) => job.finishedAt }),
  }),
});

builder.queryFields((t) => ({
  job: t.field({
    type: JobRef,
    description: 'One job of your account.',
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getJob(ctx.automation, callerOf(ctx), String(args.id)),
  }),
  jobs: t.connection({
    type: JobRef,
    description: "Your account's jobs, newest first.",
    authScopes: scopePresets.member,
    args: {
      status: t.arg({ type: [JobStatusEnum], required: false }),
      kind: t.arg.stringList({ required: false }),
    },
    resolve: (_root, { status, kind, ...page }, ctx) =>
      connectionOf(page, (window) => listJobs(ctx.automation, callerOf(ctx), { status, kind, page: window })),
  }),
}));

builder.mutationFields((t) => ({
  cancelJob: t.field({
    type: JobRef,
    description: 'Stops a queued or running job; its held credits are given back.',
    authScopes: scopePresets.editor,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => cancelJob(ctx.automation, callerOf(ctx), String(args.id)),
  }),
}));

// Subscriptions are served by the gateway's websocket (LISTEN/NOTIFY); they are declared here so
// the composed schema, codegen and integrators see them.
const viaGateway = (): AsyncIterable<JobRecord> => {
  throw new BadUserInputError('Subscribe through the gateway: a websocket on /graphql (graphql-ws).');
};
builder.subscriptionFields((t) => ({
  jobProgress: t.field({
    type: JobRef,
    description: 'One job: its current state first, then every change until it ends.',
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true }) },
    subscribe: viaGateway,
    resolve: (job) => job,
  }),
  jobUpdates: t.field({
    type: JobRef,
    description: "Every change to any of your account's jobs.",
    authScopes: scopePresets.member,
    subscribe: viaGateway,
    resolve: (job) => job,
  }),
}));
