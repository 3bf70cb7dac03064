// What the Thinker lists (author profiles, strategies) are filtered and ordered by.

export interface ThinkerListQuery {
  search?: string | undefined;
  orderBy: 'name' | 'createdAt' | 'updatedAt';
  descending: boolean;
  limit: number;
  offset: number;
}
