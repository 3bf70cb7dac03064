// The planner subgraph, as the writer calls it: service-only operations with a service token,
// typed from operations/planner.graphql (checked against the supergraph by codegen).
import type { ContentType } from '@igny8/db/writer';
import type { ServiceClient } from '@igny8/lib';
import type { PlannerDirectory, PlannerIdea } from './domain/services.js';
import { type IdeaStatus, IdeasForWriterDocument, MarkIdeasForWriterDocument } from './gql/graphql.js';

export function createPlannerDirectory(planner: ServiceClient): PlannerDirectory {
  return {
    async ideas(accountId, ids, requestId) {
      if (ids.length === 0) return [];
      const { ideasForWriter } = await planner.query(IdeasForWriterDocument, { accountId, ids: [...ids] }, requestId);
      // Enum values arrive in their GraphQL (upper-case) form.
      return ideasForWriter.map(
        (idea): PlannerIdea => ({
          ...idea,
          contentType: idea.contentType.toLowerCase() as ContentType,
          status: idea.status.toLowerCase() as PlannerIdea['status'],
        }),
      );
    },
    async markIdeas(accountId, ids, status, requestId) {
      if (ids.length === 0) return;
      await planner.query(
        MarkIdeasForWriterDocument,
        { input: { accountId, ids: [...ids], status: status.toUpperCase() as IdeaStatus } },
        requestId,
      );
    },
  };
}
