// Words every subgraph speaks the same way: sort direction, content types and structures, and how
// stored values become GraphQL enum names.

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A list's order as domain functions take it: a field of that list and a direction. */
export interface ListOrder<Field extends string> {
  field: Field;
  direction: SortDirection;
}
