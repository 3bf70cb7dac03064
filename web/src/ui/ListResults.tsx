// A list page's state (filters, order, page, ticked rows) and what it shows for the list:
// loading, why it failed, what to do while it is empty, else its table and pager in a card.
import { type ReactNode, useState } from 'react';
import type { PagerInfoFragment } from '../gql/graphql';
import { Banner } from './Banner';
import { type SortOrder, useSelection } from './DataTable';
import { describeError } from './errors';
import { Card, Loading } from './PageHeader';
import { Pager } from './Pager';
import { type CursorPages, useCursorPages } from './paging';
import { useDebounced } from './useDebounced';

/**
 * `filterOf` turns the inputs (with the search once typing pauses) into the server's filter; a
 * new filter or order starts again on the first page with nothing ticked.
 */
export function useListControls<Values extends { search: string }, Filter, Field extends string>(
  noFilters: Values,
  firstOrder: SortOrder<Field>,
  filterOf: (values: Values, search: string) => Filter,
) {
  const [filters, setFilters] = useState(noFilters);
  const search = useDebounced(filters.search.trim(), 250);
  const filter = filterOf(filters, search);
  const [order, setOrder] = useState(firstOrder);
  const pages = useCursorPages(JSON.stringify([filter, order]));
  const selection = useSelection(pages.key);
  return {
    filters,
    setFilters,
    filtered: Object.values(filters).some(Boolean),
    filter,
    sorting: { order, onSort: setOrder },
    pages,
    selection,
    /** The list query's variables. */
    variables: { filter, orderBy: order, first: pages.first, after: pages.after },
  };
}

export function ListResults({
  list,
  error,
  loading,
  shown,
  pages,
  singular,
  plural,
  sectorName,
  filtered,
  emptyHint,
  children,
}: {
  list: { totalCount: number; pageInfo: PagerInfoFragment } | undefined;
  error: unknown;
  loading: boolean;
  /** Rows on the page shown. */
  shown: number;
  pages: CursorPages;
  singular: string;
  plural: string;
  sectorName: string;
  filtered: boolean;
  /** How the sector gets its first ones. */
  emptyHint: ReactNode;
  /** The table. */
  children: ReactNode;
}) {
  return (
    <>
      {error && !list && <Banner tone="error">{describeError(error, []).message}</Banner>}
      {loading && !list && <Loading label={`Loading ${plural}…`} />}
      {list && list.totalCount === 0 && (
        <div className="empty-state">
          {filtered ? (
            <p>{`No ${singular} matches these filters.`}</p>
          ) : (
            <>
              <p className="empty-title">{`No ${plural} in ${sectorName} yet`}</p>
              <p className="muted">{emptyHint}</p>
            </>
          )}
        </div>
      )}
      {list && list.totalCount > 0 && (
        <Card>
          {children}
          <Pager pages={pages} shown={shown} totalCount={list.totalCount} pageInfo={list.pageInfo} noun={plural} />
        </Card>
      )}
    </>
  );
}
