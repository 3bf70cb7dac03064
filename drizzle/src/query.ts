// Small query helpers every store shares.
import { type Column, sql } from 'drizzle-orm';

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
