// /api/v1/planner/ (keywords, clusters, ideas) and /api/v1/keywords-library/: the original's
// Planner paths, answered by running GraphQL operations through the gateway.
import type { Router } from 'express';
import type { FileProxy } from '../files.js';
import { mountClusterRoutes } from './planner-clusters.js';
import { mountIdeaRoutes } from './planner-ideas.js';
import { type KeywordImportOptions, mountKeywordImportRoute } from './planner-import.js';
import { mountKeywordRoutes } from './planner-keywords.js';
import { mountSeedRoutes } from './planner-seeds.js';
import type { OperationRunner } from './runner.js';

export function mountPlannerRoutes(
  router: Router,
  graph: OperationRunner,
  upload: KeywordImportOptions,
  files: FileProxy,
): void {
  // Before the keyword routes: `import/` is no keyword id.
  mountKeywordImportRoute(router, graph, upload);
  mountKeywordRoutes(router, graph, files);
  mountClusterRoutes(router, graph, files);
  mountIdeaRoutes(router, graph, files);
  mountSeedRoutes(router, graph);
}
