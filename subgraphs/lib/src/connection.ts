// Relay connections backed by offset pages: a page size bounded to 100 and a total count.
import { resolveOffsetConnection } from '@pothos/plugin-relay';
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

export async function offsetConnection<T>(
  args: ConnectionArgs,
  fetchPage: (page: { limit: number; offset: number }) => Promise<readonly T[]>,
  countAll: () => Promise<number>,
) {
  assertPageArgs(args);
  const totalCount = await countAll();
  const connection = await resolveOffsetConnection(
    { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, totalCount },
    fetchPage,
  );
  return connection;
}
