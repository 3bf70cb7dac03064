// The filter options of the writer's lists: how many tasks or articles have each status, content
// type and structure, as the planner's lists answer theirs (one SQL statement each).
import { callerOf, enumCountRef, scopePresets } from '@igny8/lib';
import type { OutputRef } from '@pothos/core';
import { builder } from '../builder.js';
import * as facets from '../domain/facets.js';
import { ContentFilterInput, ContentStatusEnum, contentFilterOf } from './content.js';
import { ContentStructureEnum, ContentTypeEnum, TaskStatusEnum } from './enums.js';
import { TaskFilterInput, taskFilterOf } from './task.js';

const DESCRIPTION =
  'how many matching items have each value (values none has are left out), each facet counted under every filter but its own.';

// ContentTypeCount is the planner's too (the idea list counts content types): a shared value type.
const ContentTypeCount = enumCountRef(builder, 'ContentTypeCount', ContentTypeEnum);
const ContentStructureCount = enumCountRef(builder, 'ContentStructureCount', ContentStructureEnum);

const facetsRef = (name: string, list: string, statusCount: OutputRef<facets.WriterFacets<string>['status'][number]>) =>
  builder.objectRef<facets.WriterFacets<string>>(name).implement({
    description: `The ${list} list's filter options: ${DESCRIPTION}`,
    fields: (t) => ({
      status: t.field({ type: [statusCount], resolve: (f) => f.status }),
      contentType: t.field({ type: [ContentTypeCount], resolve: (f) => f.contentType }),
      contentStructure: t.field({ type: [ContentStructureCount], resolve: (f) => f.contentStructure }),
    }),
  });

const TaskFacetsRef = facetsRef('TaskFacets', 'task', enumCountRef(builder, 'TaskStatusCount', TaskStatusEnum));
const ContentFacetsRef = facetsRef(
  'ContentFacets',
  'article',
  enumCountRef(builder, 'ContentStatusCount', ContentStatusEnum),
);

builder.queryFields((t) => ({
  taskFacets: t.field({
    type: TaskFacetsRef,
    authScopes: scopePresets.member,
    args: { filter: t.arg({ type: TaskFilterInput }) },
    resolve: (_root, args, ctx) => facets.taskFacets(ctx.writer, callerOf(ctx), taskFilterOf(args.filter)),
  }),
  contentFacets: t.field({
    type: ContentFacetsRef,
    authScopes: scopePresets.member,
    args: { filter: t.arg({ type: ContentFilterInput }) },
    resolve: (_root, args, ctx) => facets.contentFacets(ctx.writer, callerOf(ctx), contentFilterOf(args.filter)),
  }),
}));
