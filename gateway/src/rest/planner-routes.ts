// The routes every planner collection (keywords, clusters, ideas) has in the same shape: the CSV
// export, and deleting by id (`DELETE <id>/`) or in bulk (`POST bulk_delete/ {ids}`).
import type { Request, Router } from 'express';
import { RestFailure, sendData, sendNoContent } from './envelope.js';
import { idsOf, orNotFound, sendCsv } from './planner-params.js';
import { bodyOf, handle, type OperationRunner } from './runner.js';

export interface CollectionRoutes {
  /** `/planner/keywords/` */
  path: string;
  /** What people call one item: `keyword`. */
  singular: string;
  /** The GraphQL name stem: `Keywords` for `deleteKeywords` / `DeleteKeywordsInput`. */
  graphqlName: string;
  /** The GraphQL query returning the CSV and its filter type: `keywordsCsv`, `KeywordFilter`. */
  csvQuery: string;
  filterType: string;
  filterOf(req: Request): Record<string, unknown>;
  /** The file name stem of the download: `keywords`. */
  csvName: string;
}

/** GET `<path>export/`: the matching items as a CSV download. Mount before `<path>:id/`. */
export function mountCsvExport(router: Router, graph: OperationRunner, c: CollectionRoutes): void {
  router.get(
    `${c.path}export/`,
    handle(async (req, res) => {
      const data = await graph.run<Record<string, string>>(
        req,
        `query Export($filter: ${c.filterType}) { ${c.csvQuery}(filter: $filter) }`,
        { filter: c.filterOf(req) },
      );
      sendCsv(res, c.csvName, data[c.csvQuery] ?? '');
    }),
  );
}

/** `POST <path>bulk_delete/ {ids}` and `DELETE <path>:id/` (404 for an id that is not the caller's). */
export function mountDeletes(router: Router, graph: OperationRunner, c: CollectionRoutes): void {
  const field = `delete${c.graphqlName}`;
  const mutation = `mutation Delete($input: Delete${c.graphqlName}Input!) { ${field}(input: $input) { deletedCount } }`;
  const thing = c.singular.charAt(0).toUpperCase() + c.singular.slice(1);

  router.post(
    `${c.path}bulk_delete/`,
    handle(async (req, res) => {
      const data = await graph.run<Record<string, { deletedCount: number }>>(req, mutation, {
        input: { ids: idsOf(bodyOf(req)) },
      });
      const deletedCount = data[field]!.deletedCount;
      sendData(res, { deletedCount }, 200, `${deletedCount} ${c.singular}${deletedCount === 1 ? '' : 's'} deleted.`);
    }),
  );

  router.delete(
    `${c.path}:id/`,
    handle(async (req, res) => {
      const data = await orNotFound(thing, () =>
        graph.run<Record<string, { deletedCount: number }>>(
          req,
          mutation,
          { input: { ids: [req.params.id] } },
          { ids: 'id' },
        ),
      );
      if (data[field]!.deletedCount === 0) throw new RestFailure(404, `${thing} not found.`);
      sendNoContent(res);
    }),
  );
}
