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

export async function offsetConnection<T>(
  args: ConnectionArgs,
  fetchPage: (page: { limit: number; offset: number }) => Promise<readonly T[]>,
  countAll: () => Promise<number>,
) {
  if (args.first != null && (args.first < 0 || args.first > MAX_PAGE_SIZE)) {
    throw BadUserInputError.field('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  const totalCount = await countAll();
  const connection = await resolveOffsetConnection(
    { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, totalCount },
    fetchPage,
  );
  return connection;
}
