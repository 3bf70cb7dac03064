// Cursor paging for every list: pages of a connection walked forward by cursor and back through
// the cursors seen, with a page size the user picks.
import { useState } from 'react';

export const PAGE_SIZES = [25, 50, 100] as const;
/** The most one page of the API holds: what pickers (sites, clusters, profiles) read at once. */
export const LIST_SIZE = 100;

/** `resetKey` names what is listed (filter, order): a new one starts again on the first page. */
export function useCursorPages(resetKey: string) {
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const key = `${resetKey}|${pageSize}`;
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = state.key === key ? state.cursors : [null];
  return {
    /** Names the page shown: what selections are kept for. */
    key: `${key}|${cursors.length}`,
    first: pageSize,
    after: cursors.at(-1) ?? null,
    offset: (cursors.length - 1) * pageSize,
    pageSize,
    setPageSize,
    hasPrevious: cursors.length > 1,
    previous: () => setState({ key, cursors: cursors.slice(0, -1) }),
    next: (endCursor: string) => setState({ key, cursors: [...cursors, endCursor] }),
    /** Back to the first page, e.g. after a delete emptied this one. */
    restart: () => setState({ key, cursors: [null] }),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;
