// What the planner's REST routes share: query parameters (comma lists, whole numbers, ordering),
// a page of a GraphQL connection in the list envelope, `ids` bodies, CSV downloads and the
// `filter_options/` facets.
import type { Request, Response } from 'express';
import { enumValue, toGraphqlInput } from './case.js';
import { RestFailure, sendList } from './envelope.js';
import { type OperationRunner, pageOf } from './runner.js';

/** What a REST client gets back for a started job (GET /automation/jobs/<id>/ follows it). */
export const STARTED_JOB = 'id kind status progress step message inputSummary creditsReserved createdAt';
export const IMPORT_REPORT = 'rows added duplicates rejected rejectedRows { line keyword reason } limitReached';

export interface Connection<T> {
  totalCount: number;
  edges: { node: T }[];
}

/** A query parameter given once (empty counts as absent), or a 400 naming it. */
export function textParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new RestFailure(400, `${name} must be given once.`, { [name]: ['is repeated'] });
  return value;
}

/** `?name=a,b` or `?name=a&name=b`: the values given, or undefined for none. */
export function listParam(req: Request, name: string): string[] | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

/** A comma list of lower-case enum values as GraphQL's UPPER_CASE ones; GraphQL names a wrong one. */
export const enumListParam = (req: Request, name: string) => listParam(req, name)?.map((v) => String(enumValue(v)));

export function intParam(req: Request, name: string): number | undefined {
  const text = textParam(req, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RestFailure(400, `${name} must be a whole number.`, { [name]: ['must be a whole number'] });
  }
  return value;
}

export function boolParam(req: Request, name: string): boolean | undefined {
  const text = textParam(req, name);
  if (text === undefined) return undefined;
  if (text !== 'true' && text !== 'false') {
    throw new RestFailure(400, `${name} must be true or false.`, { [name]: ['must be true or false'] });
  }
  return text === 'true';
}

/**
 * `?ordering=field` or `-field` for descending, among `fields` (REST names); undefined leaves the
 * GraphQL default. The order enums are the REST names upper-cased (created_at → CREATED_AT).
 */
export function orderingParam(
  req: Request,
  fields: readonly string[],
): { field: string; direction: 'ASC' | 'DESC' } | undefined {
  const ordering = textParam(req, 'ordering');
  if (ordering === undefined) return undefined;
  const name = ordering.replace(/^-/, '');
  if (!fields.includes(name)) {
    throw new RestFailure(400, `ordering must be one of ${fields.join(', ')} (with "-" for descending).`, {
      ordering: ['is not supported'],
    });
  }
  return { field: name.toUpperCase(), direction: ordering.startsWith('-') ? 'DESC' : 'ASC' };
}

/**
 * A path id that is no id (GraphQL refuses it as bad input) is, to a REST client, a `thing` that
 * does not exist, as is another account's.
 */
export async function orNotFound<T>(thing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RestFailure && error.status === 400 && error.fields?.id) {
      throw new RestFailure(404, `${thing} not found.`);
    }
    throw error;
  }
}

/** Drops the keys whose value is undefined: GraphQL inputs and filters list only what was given. */
export function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** The fields of a snake_case body that a GraphQL input takes, camelCased; `enums` are upper-cased. */
export function picked(
  body: Record<string, unknown>,
  fields: readonly string[],
  enums: readonly string[] = [],
): Record<string, unknown> {
  const input = toGraphqlInput(body) as Record<string, unknown>;
  return Object.fromEntries(
    fields
      .filter((f) => input[f] !== undefined)
      .map((f) => [f, enums.includes(f) && input[f] !== null ? enumValue(input[f]) : input[f]]),
  );
}

/** `ids` of a bulk action: a non-empty list of ids, or a 400 naming it. */
export function idsOf(body: Record<string, unknown>, name = 'ids'): string[] {
  const ids = body[name];
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' || typeof id === 'number')) {
    throw new RestFailure(400, `${name} must be a non-empty list of ids.`, {
      [name]: ['must be a non-empty list of ids'],
    });
  }
  return ids.map(String);
}

/**
 * Runs a connection query (`first`/`after` from `?page=`/`?page_size=`) and answers the list
 * envelope. `field` is the query's root field; `shape` turns a node into its REST form.
 */
export async function sendConnectionPage<T>(
  req: Request,
  res: Response,
  graph: OperationRunner,
  operation: { query: string; field: string; variables: Record<string, unknown> },
  shape: (node: T) => unknown = (node) => node,
): Promise<void> {
  const page = pageOf(req);
  const data = await graph.run<Record<string, Connection<T>>>(req, operation.query, {
    ...operation.variables,
    first: page.first,
    after: page.after,
  });
  const list = data[operation.field]!;
  sendList(
    req,
    res,
    list.edges.map((e) => shape(e.node)),
    list.totalCount,
    page,
  );
}

/** Sends a CSV export as a download named `<name>-<date>.csv`. */
export function sendCsv(res: Response, name: string, csv: string): void {
  const day = new Date().toISOString().slice(0, 10);
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${name}-${day}.csv"`)
    .send(csv);
}

/** A lower-case enum value as a person reads it: `ideas_generated` → "Ideas generated". */
const labelOf = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ');

export interface Facet {
  /** The REST filter name (`status`, `content_type`). */
  name: string;
  /** The GraphQL filter field (`status`, `contentType`). */
  filterField: string;
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

/** More root fields to fetch in the same operation (the cluster choices), with their variables. */
export interface ExtraSelection {
  declarations: string;
  selection: string;
  variables: Record<string, unknown>;
}

/**
 * The original's cascading filter options: for each facet, the values that occur among the items
 * matching every *other* filter given, with their counts. One count per value (`first: 0`), all in
 * one GraphQL operation; no rows are read.
 */
export async function facetOptions(
  req: Request,
  graph: OperationRunner,
  list: { field: string; filterType: string },
  filter: Record<string, unknown>,
  facets: readonly Facet[],
  extra?: ExtraSelection,
): Promise<{ options: Record<string, FacetOption[]>; data: Record<string, unknown> }> {
  const variables: Record<string, unknown> = { ...extra?.variables };
  const declarations: string[] = extra ? [extra.declarations] : [];
  const fields: string[] = extra ? [extra.selection] : [];
  const counted: { facet: Facet; value: string; alias: string }[] = [];
  for (const facet of facets) {
    for (const value of facet.values) {
      const alias = `${facet.filterField}_${value}`;
      variables[alias] = { ...filter, [facet.filterField]: [enumValue(value)] };
      declarations.push(`$${alias}: ${list.filterType}`);
      fields.push(`${alias}: ${list.field}(filter: $${alias}, first: 0) { totalCount }`);
      counted.push({ facet, value, alias });
    }
  }
  const data = await graph.run<Record<string, unknown>>(
    req,
    `query FilterOptions(${declarations.join(', ')}) { ${fields.join('\n')} }`,
    variables,
  );
  const options: Record<string, FacetOption[]> = {};
  for (const facet of facets) {
    const present = counted
      .filter((c) => c.facet === facet)
      .map((c) => ({
        value: c.value,
        label: labelOf(c.value),
        count: (data[c.alias] as { totalCount: number }).totalCount,
      }))
      .filter((option) => option.count > 0);
    options[facet.name] = [{ value: '', label: facet.allLabel }, ...present];
  }
  return { options, data };
}
