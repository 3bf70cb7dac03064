// What the Thinker's lists and named records share: list arguments and name uniqueness.
import { type ConnectionArgs, ConflictError, isUniqueViolation } from '@igny8/lib';
import type { ThinkerListQuery } from '../store/list-query.js';

export interface ThinkerListArgs extends ConnectionArgs {
  search?: string | null;
  orderBy?: { field: ThinkerListQuery['orderBy']; direction: 'asc' | 'desc' } | null;
}

/** A unique index on lower(name) per account backs the check; its violation reads as this. */
export async function uniqueName<T>(work: () => Promise<T>, record: 'An author profile' | 'A strategy'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`${record} with this name already exists in your account.`, {
        name: ['is already used'],
      });
    }
    throw error;
  }
}

export const listQueryOf = (args: ThinkerListArgs) => ({
  search: args.search?.trim() || undefined,
  orderBy: args.orderBy?.field ?? 'name',
  descending: args.orderBy?.direction === 'desc',
});
