// Small query helpers every store shares.
import { type AnyColumn, type Column, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './client.js';

/** `search` as an ILIKE pattern matching it literally anywhere (its % and _ are not wildcards). */
export const containsPattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The rows of `db.execute(sql…)`: postgres.js answers an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/**
 * `column = any($1::type[])`: one array parameter however many values, where `inArray` would
 * spend a parameter on each (a statement takes at most 65,535).
 */
export const anyOf = (column: Column, values: readonly unknown[], type: 'uuid' | 'text') =>
  sql`${column} = any(${sql.param([...values])}::${sql.raw(type)}[])`;

/** One facet of a list's filter options: the column whose values are counted, among the rows `where` keeps. */
export interface FacetQuery {
  column: AnyColumn;
  /** The list's filter without the facet's own condition (so its other values stay visible). */
  where: SQL;
}

export interface FacetCount {
  /** As stored, as text; null where the column is null (a keyword in no cluster). */
  value: string | null;
  count: number;
}

/**
 * How many rows have each value of each facet: one group-by per facet, joined by `union all` into
 * ONE statement, so the filter options cost one round trip however many facets and values there are.
 * Values no row has are absent; each facet's values come most frequent first.
 */
export async function facetCounts<F extends string>(
  tx: Tx,
  table: PgTable,
  facets: Record<F, FacetQuery>,
): Promise<Record<F, FacetCount[]>> {
  const names = Object.keys(facets) as F[];
  const groups = names.map((name) => {
    const { column, where } = facets[name];
    return sql`(select ${name}::text as facet, ${column}::text as value, count(*)::int as count
      from ${table} where ${where} group by ${column})`;
  });
  const result = await tx.execute(sql`${sql.join(groups, sql` union all `)} order by facet, count desc, value`);
  const counts = Object.fromEntries(names.map((name) => [name, [] as FacetCount[]])) as Record<F, FacetCount[]>;
  for (const row of rowsOf<FacetCount & { facet: F }>(result))
    counts[row.facet].push({ value: row.value, count: row.count });
  return counts;
}
