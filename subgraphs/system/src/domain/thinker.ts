// What the Thinker's lists and named records share: list arguments and name uniqueness.
import { ConflictError, conflictOnDuplicate, type ListOrder, type PageWindow } from '@igny8/lib';

export const THINKER_ORDER_FIELDS = ['name', 'createdAt', 'updatedAt'] as const;

/** What a Thinker list (author profiles, strategies) is searched and ordered by, and its page. */
export interface ThinkerListInput {
  search?: string | null;
  orderBy?: ListOrder<(typeof THINKER_ORDER_FIELDS)[number]> | null;
  page: PageWindow;
}

/** A unique index on lower(name) per account backs the check; its violation reads as this. */
export const uniqueName = <T>(work: () => Promise<T>, record: 'An author profile' | 'A strategy'): Promise<T> =>
  conflictOnDuplicate(
    work,
    () => new ConflictError(`${record} with this name already exists in your account.`, { name: ['is already used'] }),
  );

export const listQueryOf = (input: ThinkerListInput) => ({
  search: input.search?.trim() || undefined,
  orderBy: input.orderBy?.field ?? 'name',
  descending: input.orderBy?.direction === 'desc',
});
