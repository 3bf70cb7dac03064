// /api/v1/planner/ (keywords, clusters, ideas) and /api/v1/keywords-library/: the original's
// Planner paths, answered by running GraphQL operations through the gateway.
import type { Router } from 'express';
import { mountClusterRoutes } from './planner-clusters.js';
import { mountIdeaRoutes } from './planner-ideas.js';
import { type KeywordImportOptions, mountKeywordImportRoute } from './planner-import.js';
import { mountKeywordRoutes } from './planner-keywords.js';
import { mountSeedRoutes } from './planner-seeds.js';
import type { OperationRunner } from './runner.js';

export function mountPlannerRoutes(router: Router, graph: OperationRunner, upload: KeywordImportOptions): void {
  // Before the keyword routes: `import/` is no keyword id.
  mountKeywordImportRoute(router, graph, upload);
  mountKeywordRoutes(router, graph);
  mountClusterRoutes(router, graph);
  mountIdeaRoutes(router, graph);
  mountSeedRoutes(router, graph);
}
