import { CONTENT_STRUCTURES, CONTENT_TYPES, TASK_STATUSES } from '@igny8/db/writer';
import { enumOf, SORT_DIRECTIONS } from '@igny8/lib';
import { builder } from '../builder.js';
import { TASK_ORDER_FIELDS } from '../domain/tasks.js';

// Shared with the planner (same values and description): a value type of the supergraph.
export const ContentTypeEnum = enumOf(builder, 'ContentType', CONTENT_TYPES, 'The format of a piece of content.');
export const ContentStructureEnum = enumOf(
  builder,
  'ContentStructure',
  CONTENT_STRUCTURES,
  'How an article is built: it decides its outline, lists and tables (a comparison, review or listicle has a table).',
);
export const TaskStatusEnum = enumOf(
  builder,
  'TaskStatus',
  TASK_STATUSES,
  'QUEUED to be written; IN_PROGRESS while a job writes it; COMPLETED once its article exists; FAILED with the reason in `error`.',
);
export const TaskOrderFieldEnum = enumOf(
  builder,
  'TaskOrderField',
  TASK_ORDER_FIELDS,
  'What a task list is sorted by.',
);
export const SortDirectionEnum = enumOf(builder, 'SortDirection', SORT_DIRECTIONS, 'Sort order.');
