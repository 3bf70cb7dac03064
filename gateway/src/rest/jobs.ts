// /api/v1/automation/jobs/: background jobs for clients that poll instead of subscribing.
import type { Router } from 'express';
import { RestFailure } from './envelope.js';
import { RestCancelJobDocument, RestJobDocument, RestJobsDocument } from './gql/graphql.js';
import { action, get, list, mountRoutes } from './kit/routes.js';
import { enumValues } from './kit/schema.js';
import type { OperationRunner } from './runner.js';

const NOT_FOUND = 'Job not found.';

export function mountJobRoutes(router: Router, graph: OperationRunner): void {
  const statuses = enumValues('JobStatus');

  mountRoutes(router, graph, [
    list({
      path: '/automation/jobs/',
      operation: RestJobsDocument,
      variables: ({ query }) => {
        const status = query.list('status');
        const wrong = status?.filter((s) => !statuses.includes(s));
        if (wrong?.length) {
          throw new RestFailure(400, `status must be among ${statuses.join(', ')}.`, {
            status: wrong.map((s) => `"${s}" is not a job status`),
          });
        }
        return { status, kind: query.list('kind') };
      },
    }),
    get({
      path: '/automation/jobs/:id/',
      operation: RestJobDocument,
      variables: ({ params }) => ({ id: params.id }),
      notFound: NOT_FOUND,
    }),
    action({
      path: '/automation/jobs/:id/cancel/',
      operation: RestCancelJobDocument,
      variables: ({ params }) => ({ id: params.id }),
      message: 'Job cancelled.',
      notFound: NOT_FOUND,
    }),
  ]);
}
