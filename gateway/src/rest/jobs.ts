// /api/v1/automation/jobs/: background jobs for clients that poll instead of subscribing.
import type { Request, Router } from 'express';
import { enumValue } from './case.js';
import { RestFailure, sendData, sendList } from './envelope.js';
import { pageOf } from './kit/params.js';
import { handle, type OperationRunner } from './runner.js';

const JOB = `id kind status progress step message error inputSummary resultSummary
  creditsReserved creditsCharged createdAt startedAt finishedAt`;

const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

/** `?name=a,b` or `?name=a&name=b`: the values given, or undefined for none. */
function listParam(req: Request, name: string): string[] | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

export function mountJobRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    '/automation/jobs/',
    handle(async (req, res) => {
      const page = pageOf(req);
      const status = listParam(req, 'status');
      const wrong = status?.filter((s) => !JOB_STATUSES.includes(s));
      if (wrong?.length) {
        throw new RestFailure(400, `status must be among ${JOB_STATUSES.join(', ')}.`, {
          status: wrong.map((s) => `"${s}" is not a job status`),
        });
      }
      const data = await graph.run<{ jobs: { totalCount: number; edges: { node: unknown }[] } }>(
        req,
        `query Jobs($first: Int, $after: String, $status: [JobStatus!], $kind: [String!]) {
          jobs(first: $first, after: $after, status: $status, kind: $kind) { totalCount edges { node { ${JOB} } } } }`,
        { first: page.first, after: page.after, status: status?.map(enumValue), kind: listParam(req, 'kind') },
      );
      sendList(
        req,
        res,
        data.jobs.edges.map((e) => e.node),
        data.jobs.totalCount,
        page,
      );
    }),
  );

  router.get(
    '/automation/jobs/:id/',
    handle(async (req, res) => {
      const data = await graph.run<{ job: unknown }>(req, `query Job($id: ID!) { job(id: $id) { ${JOB} } }`, {
        id: req.params.id,
      });
      sendData(res, data.job);
    }),
  );

  router.post(
    '/automation/jobs/:id/cancel/',
    handle(async (req, res) => {
      const data = await graph.run<{ cancelJob: unknown }>(
        req,
        `mutation CancelJob($id: ID!) { cancelJob(id: $id) { ${JOB} } }`,
        { id: req.params.id },
      );
      sendData(res, data.cancelJob, 200, 'Job cancelled.');
    }),
  );
}
