// Paged lists. A domain list function takes a `PageWindow` and returns plain data (`RowsPage`:
// the page's rows and how many match); the resolver turns that into a relay connection with
// `connectionOf` (page size bounded to 100, a total count, offset cursors).
import { offsetForArgs, resolveOffsetConnection } from '@pothos/plugin-relay';
import { BadUserInputError } from './errors.js';

export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const OFFSET_CURSOR = /^OffsetConnection:(\d{1,9})$/;

/**
 * Page arguments a client made up are bad input: Pothos would throw a plain error (a 500) for a
 * cursor it did not hand out or a negative `last`, and PostgreSQL for an offset out of range.
 */
function assertPageArgs(args: ConnectionArgs): void {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw BadUserInputError.field(name, `must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor != null && !OFFSET_CURSOR.test(Buffer.from(cursor, 'base64').toString('utf8'))) {
      throw BadUserInputError.field(name, 'is not a cursor from this list');
    }
  }
}

/** Which rows a page holds, once the list knows how many match (a `last` page counts from the end). */
export type PageWindow = (total: number) => { limit: number; offset: number };

/** What a domain list function returns: one page of rows and how many match in all. */
export interface RowsPage<T> {
  rows: readonly T[];
  total: number;
}

/** One page of a list: counts what matches, then fetches the rows the window picks (in the caller's transaction). */
export async function pageOf<T>(
  window: PageWindow,
  count: () => Promise<number>,
  fetch: (page: { limit: number; offset: number }) => Promise<readonly T[]>,
): Promise<RowsPage<T>> {
  const total = await count();
  return { rows: await fetch(window(total)), total };
}

/** A relay connection over a domain list; page arguments a client made up are bad input. */
export async function connectionOf<T>(args: ConnectionArgs, list: (window: PageWindow) => Promise<RowsPage<T>>) {
  assertPageArgs(args);
  const sizes = { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE };
  const { rows, total } = await list((totalCount) => {
    const { limit, offset } = offsetForArgs({ ...sizes, totalCount });
    return { limit, offset };
  });
  return resolveOffsetConnection({ ...sizes, totalCount: total }, async () => rows);
}
