// Words every subgraph speaks the same way: sort direction, list order, content types (defined
// with the tables in @igny8/db, which stores them). GraphQL enums of them: `enumOf` (builder.ts).

export { CONTENT_TYPES, type ContentType } from '@igny8/db';

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A list's order as domain functions take it: a field of that list and a direction. */
export interface ListOrder<Field extends string> {
  field: Field;
  direction: SortDirection;
}
