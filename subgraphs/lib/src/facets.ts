// The filter options of a subgraph's lists (planner keywords, clusters, ideas; writer tasks,
// contents): `{ value, count }` of one enum value, as the domain hands them out and GraphQL answers
// them. The counting itself is one SQL statement: `facetCounts` in @igny8/db.
import type { FacetCount } from '@igny8/db';
import type { OutputRef } from '@pothos/core';
import type { Builder } from './builder.js';
import type { RequestContext } from './context.js';

/** How many items of a list have one value of an enum. */
export interface EnumCount<V extends string> {
  value: V;
  count: number;
}

/** A facet of an enum column: the column holds only the enum's values; unset (null) is no option. */
export const enumCounts = <V extends string>(counts: readonly FacetCount[]): EnumCount<V>[] =>
  counts.filter((c): c is EnumCount<V> => c.value !== null);

/**
 * `<Enum>Count`: one option of a list's filter and how many items of the list have it. A value type,
 * shareable: lists in two subgraphs count the same enum under one name (`ContentTypeCount`: the
 * planner's ideas and the writer's tasks).
 */
export const enumCountRef = <Ctx extends RequestContext>(
  builder: Builder<Ctx>,
  name: string,
  type: OutputRef<string>,
) =>
  builder.objectRef<EnumCount<string>>(name).implement({
    description: 'One value of a filter, and how many items of the list have it.',
    shareable: true,
    fields: (t) => ({
      value: t.field({ type, resolve: (c) => c.value }),
      count: t.exposeInt('count'),
    }),
  });
