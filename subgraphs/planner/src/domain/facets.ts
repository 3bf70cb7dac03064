// The filter options of the planner's lists (keywords, clusters, ideas), as the domain hands them out.
import type { FacetCount } from '../store/facets.js';

/** How many items of a list have one value of an enum. */
export interface EnumCount<V extends string> {
  value: V;
  count: number;
}

/** A facet of an enum column: the column holds only the enum's values; unset (null) is no option. */
export const enumCounts = <V extends string>(counts: readonly FacetCount[]): EnumCount<V>[] =>
  counts.filter((c): c is EnumCount<V> => c.value !== null);
