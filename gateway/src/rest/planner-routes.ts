// What every planner collection (keywords, clusters, ideas) declares the same way: the CSV export,
// deleting by id (`DELETE <id>/`) or in bulk (`POST bulk_delete/ {ids}`), and the `filter_options/`
// facets of its list.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Response } from 'express';
import { parse, validate } from 'graphql';
import { operationCasing } from './kit/casing.js';
import { counted, idsOf } from './kit/params.js';
import { action, type Call, custom, type Route, remove } from './kit/routes.js';
import { apiSchema } from './kit/schema.js';
import type { OperationRunner } from './runner.js';

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

/** GET `<path>export/`: the matching items as a CSV download named `<name>-<date>.csv`. Before `<path>:id/`. */
// biome-ignore lint/suspicious/noExplicitAny: the CSV queries differ only in their filter type.
export function csvExport(c: Collection, operation: TypedDocumentNode<Record<string, string>, any>): Route {
  return custom({
    method: 'get',
    path: `${c.path}export/`,
    async handle(call, res) {
      const data = await call.run(operation, { filter: c.filterOf(call) });
      sendCsv(res, `${c.singular}s`, Object.values(data)[0] ?? '');
    },
  });
}

function sendCsv(res: Response, name: string, csv: string): void {
  const day = new Date().toISOString().slice(0, 10);
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${name}-${day}.csv"`)
    .send(csv);
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

/**
 * The original's cascading filter options: for each facet, the values that occur among the items
 * matching every *other* filter given, with their counts. One count per value (`first: 0`), all in
 * one GraphQL operation made from the facets' values; it is checked against the schema when the
 * route is declared, as the `.graphql` documents are by codegen.
 */
export function facetCounter(
  graph: OperationRunner,
  list: { field: string; filterType: string },
  facets: readonly Facet[],
) {
  const counted = facets.flatMap((facet) =>
    facet.values.map((value) => ({ facet, value, alias: `${facet.name}_${value}` })),
  );
  const query = `query RestFilterOptions(${counted.map((c) => `$${c.alias}: ${list.filterType}`).join(', ')}) {
    ${counted.map((c) => `${c.alias}: ${list.field}(filter: $${c.alias}, first: 0) { totalCount }`).join('\n')} }`;
  const document = parse(query);
  const invalid = validate(apiSchema(), document);
  if (invalid.length) throw new Error(`${list.field} filter options: ${invalid.map((e) => e.message).join('; ')}`);
  const casing = operationCasing(apiSchema(), document);

  return async (call: Call, filter: Record<string, unknown>): Promise<Record<string, FacetOption[]>> => {
    const variables = Object.fromEntries(counted.map((c) => [c.alias, { ...filter, [c.facet.name]: [c.value] }]));
    const data = await graph.run<Record<string, { totalCount: number }>>(call.req, query, casing.variables(variables));
    const options: Record<string, FacetOption[]> = {};
    for (const facet of facets) {
      const present = counted
        .filter((c) => c.facet === facet)
        .map((c) => ({ value: c.value, label: labelOf(c.value), count: data[c.alias]!.totalCount }))
        .filter((option) => option.count > 0);
      options[facet.name] = [{ value: '', label: facet.allLabel }, ...present];
    }
    return options;
  };
}
