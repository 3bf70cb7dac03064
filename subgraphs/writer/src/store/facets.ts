// The filter options of the writer's lists (tasks, contents) with their counts, in one statement each.
import { facetCounts, type Tx } from '@igny8/db';
import { contents, tasks } from '@igny8/db/writer';
import { type ContentFilter, contentWhere } from './contents.js';
import { type TaskFilter, taskWhere } from './tasks.js';

/** How many matching tasks have each status, content type and structure (each under the other filters only). */
export function taskFacetCounts(tx: Tx, accountId: string, filter: TaskFilter) {
  return facetCounts(tx, tasks, {
    status: { column: tasks.status, where: taskWhere(accountId, { ...filter, statuses: null }) },
    contentType: { column: tasks.contentType, where: taskWhere(accountId, { ...filter, contentTypes: null }) },
    contentStructure: {
      column: tasks.contentStructure,
      where: taskWhere(accountId, { ...filter, contentStructures: null }),
    },
  });
}

/** The same for articles. */
export function contentFacetCounts(tx: Tx, accountId: string, filter: ContentFilter) {
  return facetCounts(tx, contents, {
    status: { column: contents.status, where: contentWhere(accountId, { ...filter, statuses: null }) },
    contentType: { column: contents.contentType, where: contentWhere(accountId, { ...filter, contentTypes: null }) },
    contentStructure: {
      column: contents.contentStructure,
      where: contentWhere(accountId, { ...filter, contentStructures: null }),
    },
  });
}
