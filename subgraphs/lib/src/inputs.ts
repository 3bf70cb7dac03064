// Input rules every subgraph's GraphQL inputs share: ids, lists of ids, search text. A subgraph's
// own rules (a keyword, a site name) live in its domain/validation.ts beside these.
import { z } from 'zod';

export const uuid = z.string().uuid('must be an id');

/** One to `max` ids. */
export const ids = (max: number) =>
  z
    .array(uuid)
    .min(1, 'must name at least one')
    .max(max, `must name at most ${max.toLocaleString('en-US')}`);

export const search = z.string().trim().max(200, 'must be at most 200 characters');
