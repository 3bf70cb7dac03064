// The filter options of the writer's lists (tasks, contents), as the domain hands them out.
import type { ContentStatus, ContentStructure, ContentType, TaskStatus } from '@igny8/db/writer';
import { type Caller, type EnumCount, enumCounts } from '@igny8/lib';
import type { ContentFilter } from '../store/contents.js';
import * as facetsStore from '../store/facets.js';
import type { TaskFilter } from '../store/tasks.js';
import { inWriter } from './access.js';
import type { WriterServices } from './services.js';

/** What each value of a list's enum columns counts among the matching items. */
export interface WriterFacets<S extends string> {
  status: EnumCount<S>[];
  contentType: EnumCount<ContentType>[];
  contentStructure: EnumCount<ContentStructure>[];
}

const facetsOf = <S extends string>(counts: Awaited<ReturnType<typeof facetsStore.taskFacetCounts>>) => ({
  status: enumCounts<S>(counts.status),
  contentType: enumCounts<ContentType>(counts.contentType),
  contentStructure: enumCounts<ContentStructure>(counts.contentStructure),
});

/** The task list's filter options with their counts; each facet under the other filters only. */
export function taskFacets(s: WriterServices, caller: Caller, filter: TaskFilter): Promise<WriterFacets<TaskStatus>> {
  return inWriter(s, caller, async (tx) =>
    facetsOf<TaskStatus>(await facetsStore.taskFacetCounts(tx, caller.accountId, filter)),
  );
}

/** The article list's filter options with their counts; each facet under the other filters only. */
export function contentFacets(
  s: WriterServices,
  caller: Caller,
  filter: ContentFilter,
): Promise<WriterFacets<ContentStatus>> {
  return inWriter(s, caller, async (tx) =>
    facetsOf<ContentStatus>(await facetsStore.contentFacetCounts(tx, caller.accountId, filter)),
  );
}
