// What every planner collection (keywords, clusters, ideas) declares the same way: the CSV export,
// deleting by id (`DELETE <id>/`) or in bulk (`POST bulk_delete/ {ids}`), and the `filter_options/`
// answer made from the facet counts its GraphQL `…Facets` field gives (one SQL statement in the planner).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { FileProxy } from '../files.js';
import { counted, idsOf } from './kit/params.js';
import { action, type Call, custom, type Route, remove } from './kit/routes.js';

export interface Collection {
  /** `/planner/keywords/` */
  path: string;
  /** What people call one item: `keyword`. */
  singular: string;
  /** The list's filters in REST terms (`export/` and `filter_options/` take the same). */
  filterOf(call: Call): Record<string, unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: the delete inputs differ only in name.
type Deletes = TypedDocumentNode<{ [field: string]: { deletedCount: number } }, any>;

// biome-ignore lint/suspicious/noExplicitAny: the CSV queries differ only in their filter type.
type CsvExportOperation = TypedDocumentNode<Record<string, { url: string }>, any>;

/**
 * GET `<path>export/`: the matching items as a CSV download named `<name>-<date>.csv`. Before
 * `<path>:id/`. The planner writes the file as it reads the rows; its bytes stream from there to
 * the client.
 */
export function csvExport(c: Collection, operation: CsvExportOperation, files: FileProxy): Route {
  return custom({
    method: 'get',
    path: `${c.path}export/`,
    async handle(call, res) {
      const data = await call.run(operation, { filter: c.filterOf(call) });
      await files.forward(call.req, res, Object.values(data)[0]!.url);
    },
  });
}

/** `POST <path>bulk_delete/ {ids}` and `DELETE <path>:id/` (404 for an id that is not the caller's). */
export function deletes(c: Collection, operation: Deletes): Route[] {
  const deletedCount = (data: Record<string, { deletedCount: number }>) => Object.values(data)[0]!.deletedCount;
  const thing = c.singular.charAt(0).toUpperCase() + c.singular.slice(1);
  return [
    action({
      path: `${c.path}bulk_delete/`,
      operation,
      variables: (call) => ({ input: { ids: idsOf(call.body) } }),
      answer: (data) => ({ deletedCount: deletedCount(data) }),
      message: (answer) => `${counted(answer.deletedCount, c.singular)} deleted.`,
    }),
    remove({
      path: `${c.path}:id/`,
      operation,
      variables: (call) => ({ input: { ids: [call.params.id] } }),
      restNames: { ids: 'id' },
      notFound: `${thing} not found.`,
      found: (data) => deletedCount(data) > 0,
    }),
  ];
}

/** A lower-case enum value as a person reads it: `ideas_generated` → "Ideas generated". */
const labelOf = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ');

export interface Facet {
  /** The REST filter name (`status`, `content_type`), also the answer's key. */
  name: string;
  /** Every value it can take, lower case. */
  values: readonly string[];
  /** "All statuses": the first option, as the original's dropdowns show it. */
  allLabel: string;
}

export interface FacetOption {
  value: string;
  label: string;
  /** Matching items; absent on the "All" option. */
  count?: number;
}

/**
 * A facet's options from counts the planner made (in one SQL statement): "All …" first, then the
 * values that occur, in the facet's own order.
 */
export function facetOptions(facet: Facet, counts: readonly { value: string; count: number }[]): FacetOption[] {
  const countOf = new Map(counts.map((c) => [c.value, c.count]));
  const present = facet.values
    .filter((value) => (countOf.get(value) ?? 0) > 0)
    .map((value) => ({ value, label: labelOf(value), count: countOf.get(value)! }));
  return [{ value: '', label: facet.allLabel }, ...present];
}
