// Task: what the writer will write — the brief (title, keywords, outline, structure, length) of one
// article, queued from a planner idea or made by hand; the list, CRUD, bulk status and queueing.
import type { OutlineSection } from '@igny8/db/writer';
import { callerOf, connectionOf, loaderFor, loadReference, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type WriterContext } from '../builder.js';
import { creditsForTask, MAX_TASKS_PER_JOB } from '../domain/content-generation.js';
import type { TaskFilter, TaskRow } from '../domain/tasks.js';
import * as tasks from '../domain/tasks.js';
import * as v from '../domain/validation.js';
import { estimateGeneration, type GenerationEstimate, startGeneration } from '../domain/writer-jobs.js';
import {
  ContentStructureEnum,
  ContentTypeEnum,
  SortDirectionEnum,
  TaskOrderFieldEnum,
  TaskStatusEnum,
} from './enums.js';
import { ClusterRef, IdeaRef, JobRef, refOf, SectorRef, SiteRef, UserRef } from './refs.js';

export const TaskRef = builder.objectRef<TaskRow>('Task');

export const loadTask = (ctx: WriterContext, id: string) =>
  loadReference(ctx, 'Task', (caller, ids) => tasks.tasksByIds(ctx.writer, caller, ids), id);

builder.asEntity(TaskRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadTask(ctx, ref.id),
});

export const OutlineSectionRef = builder.objectRef<OutlineSection>('OutlineSection').implement({
  description: 'One H2 section of an article: its heading, the points it covers and its H3 subsections.',
  fields: (t) => ({
    heading: t.exposeString('heading'),
    points: t.exposeStringList('points'),
    subsections: t.field({
      type: [OutlineSubsectionRef],
      resolve: (section) => section.subsections ?? [],
    }),
  }),
});

const OutlineSubsectionRef = builder.objectRef<{ heading: string; points: string[] }>('OutlineSubsection').implement({
  description: 'An H3 under an outline section.',
  fields: (t) => ({ heading: t.exposeString('heading'), points: t.exposeStringList('points') }),
});

TaskRef.implement({
  description: 'The brief of one article for the writer: queued from an idea or made by hand.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    primaryKeyword: t.exposeString('primaryKeyword'),
    secondaryKeywords: t.exposeStringList('secondaryKeywords'),
    outline: t.field({ type: [OutlineSectionRef], resolve: (task) => task.outline }),
    contentType: t.field({ type: ContentTypeEnum, resolve: (task) => task.contentType }),
    contentStructure: t.field({ type: ContentStructureEnum, resolve: (task) => task.contentStructure }),
    wordCountTarget: t.exposeInt('wordCountTarget'),
    creditsEstimate: t.int({
      description: 'What writing it costs: 1 credit per 100 target words.',
      resolve: (task) => creditsForTask(task),
    }),
    status: t.field({ type: TaskStatusEnum, resolve: (task) => task.status }),
    error: t.exposeString('error', { nullable: true, description: 'Why the last writing attempt failed.' }),
    contentId: t.exposeID('contentId', { nullable: true }),
    clusterId: t.exposeID('clusterId', { nullable: true }),
    cluster: t.field({ type: ClusterRef, nullable: true, resolve: (task) => refOf(task.clusterId) }),
    ideaId: t.exposeID('ideaId', { nullable: true }),
    idea: t.field({ type: IdeaRef, nullable: true, resolve: (task) => refOf(task.ideaId) }),
    siteId: t.exposeID('siteId'),
    sectorId: t.exposeID('sectorId'),
    site: t.field({ type: SiteRef, resolve: (task) => ({ id: task.siteId }) }),
    sector: t.field({ type: SectorRef, resolve: (task) => ({ id: task.sectorId }) }),
    authorProfileId: t.exposeID('authorProfileId', { nullable: true }),
    strategyId: t.exposeID('strategyId', { nullable: true }),
    createdBy: t.field({ type: UserRef, nullable: true, resolve: (task) => refOf(task.createdBy) }),
    createdAt: t.field({ type: 'DateTime', resolve: (task) => task.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (task) => task.updatedAt }),
  }),
});

builder.objectField(IdeaRef, 'task', (t) =>
  t.field({
    type: TaskRef,
    nullable: true,
    description: "The writer's task made from this idea, once queued.",
    resolve: (idea, _args, ctx) =>
      loaderFor<string, TaskRow | null>(ctx, 'taskOfIdea', (ids) =>
        tasks.tasksOfIdeas(ctx.writer, callerOf(ctx), ids),
      ).load(idea.id),
  }),
);

builder.objectField(ClusterRef, 'tasks', (t) =>
  t.field({
    type: [TaskRef],
    description: "The writer's tasks for this cluster, oldest first.",
    resolve: (cluster, _args, ctx) =>
      loaderFor<string, TaskRow[]>(ctx, 'tasksOfCluster', (ids) =>
        tasks.tasksOfClusters(ctx.writer, callerOf(ctx), ids),
      ).load(cluster.id),
  }),
);

export const TaskFilterInput = builder.inputType('TaskFilter', {
  validate: z.looseObject({
    siteId: v.uuid.nullish(),
    sectorId: v.uuid.nullish(),
    clusterId: v.uuid.nullish(),
    search: v.search.nullish(),
    ids: z.array(v.uuid).max(1_000).nullish(),
  }),
  fields: (t) => ({
    siteId: t.id(),
    sectorId: t.id(),
    clusterId: t.id(),
    status: t.field({ type: [TaskStatusEnum] }),
    contentType: t.field({ type: [ContentTypeEnum] }),
    contentStructure: t.field({ type: [ContentStructureEnum] }),
    search: t.string({ description: 'Part of the title or primary keyword.' }),
    ids: t.idList(),
  }),
});

const TaskOrderInput = builder.inputType('TaskOrder', {
  fields: (t) => ({
    field: t.field({ type: TaskOrderFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});

export const taskFilterOf = (f: typeof TaskFilterInput.$inferInput | null | undefined): TaskFilter => ({
  siteId: f?.siteId,
  sectorId: f?.sectorId,
  clusterId: f?.clusterId,
  statuses: f?.status,
  contentTypes: f?.contentType,
  contentStructures: f?.contentStructure,
  search: f?.search?.trim(),
  ids: f?.ids?.map(String),
});

const OutlineSectionInput = builder.inputType('OutlineSectionInput', {
  fields: (t) => ({
    heading: t.string({ required: true }),
    points: t.stringList({ required: true }),
  }),
});

const briefRules = {
  description: v.description.nullish(),
  secondaryKeywords: v.keywords.nullish(),
  outline: v.outline.nullish(),
  wordCountTarget: v.wordCountTarget.nullish(),
  authorProfileId: v.uuid.nullish(),
  strategyId: v.uuid.nullish(),
};

const CreateTaskInput = builder.inputType('CreateTaskInput', {
  validate: z.looseObject({
    siteId: v.uuid,
    sectorId: v.uuid,
    clusterId: v.uuid.nullish(),
    title: v.title,
    primaryKeyword: v.keyword,
    ...briefRules,
  }),
  fields: (t) => ({
    siteId: t.id({ required: true }),
    sectorId: t.id({ required: true }),
    clusterId: t.id({ description: 'The cluster it serves, if any.' }),
    title: t.string({ required: true }),
    description: t.string({ description: 'The brief: what the article must cover and for whom.' }),
    primaryKeyword: t.string({ required: true }),
    secondaryKeywords: t.stringList(),
    outline: t.field({ type: [OutlineSectionInput], description: 'H2 sections; the writer plans them when empty.' }),
    contentType: t.field({ type: ContentTypeEnum }),
    contentStructure: t.field({ type: ContentStructureEnum, description: 'Default: what the content type calls for.' }),
    wordCountTarget: t.int({ description: '300–10,000 words (default 1,200).' }),
    authorProfileId: t.id({ description: 'The Thinker author profile whose voice it is written in.' }),
    strategyId: t.id({ description: 'The Thinker strategy it follows.' }),
  }),
});

const UpdateTaskInput = builder.inputType('UpdateTaskInput', {
  validate: z.looseObject({
    id: v.uuid,
    title: v.title.nullish(),
    primaryKeyword: v.keyword.nullish(),
    ...briefRules,
  }),
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string(),
    description: t.string(),
    primaryKeyword: t.string(),
    secondaryKeywords: t.stringList(),
    outline: t.field({ type: [OutlineSectionInput] }),
    contentType: t.field({ type: ContentTypeEnum }),
    contentStructure: t.field({ type: ContentStructureEnum }),
    wordCountTarget: t.int(),
    authorProfileId: t.id(),
    strategyId: t.id(),
  }),
});

const TaskIdsInput = builder.inputType('DeleteTasksInput', {
  validate: z.looseObject({ ids: v.ids(1_000) }),
  fields: (t) => ({ ids: t.idList({ required: true }) }),
});

const SetTasksStatusInput = builder.inputType('SetTasksStatusInput', {
  validate: z.looseObject({ ids: v.ids(1_000) }),
  fields: (t) => ({
    ids: t.idList({ required: true }),
    status: t.field({ type: TaskStatusEnum, required: true }),
  }),
});

const QueueIdeasInput = builder.inputType('QueueIdeasToWriterInput', {
  validate: z.looseObject({ ideaIds: v.ids(200) }),
  fields: (t) => ({ ideaIds: t.idList({ required: true }) }),
});

const SkippedIdeaRef = builder.objectRef<{ ideaId: string; reason: string }>('SkippedIdea').implement({
  description: 'An idea that was not queued, and why.',
  fields: (t) => ({ ideaId: t.exposeID('ideaId'), reason: t.exposeString('reason') }),
});

const QueuePayload = builder.objectRef<tasks.QueueResult>('QueueIdeasToWriterPayload').implement({
  description: 'The tasks made (one per idea) and the ideas skipped with the reason.',
  fields: (t) => ({
    tasks: t.field({ type: [TaskRef], resolve: (r) => r.tasks }),
    skipped: t.field({ type: [SkippedIdeaRef], resolve: (r) => r.skipped }),
  }),
});

export const DeletePayload = builder.objectRef<{ deletedCount: number }>('WriterDeletePayload').implement({
  description: 'How many of the named items were deleted (ids that did not exist are ignored).',
  fields: (t) => ({ deletedCount: t.exposeInt('deletedCount') }),
});

const outlineOf = (outline: readonly { heading: string; points: readonly string[] }[] | null | undefined) =>
  outline?.map((s) => ({ heading: s.heading.trim(), points: s.points.map((p) => p.trim()).filter(Boolean) }));

builder.queryFields((t) => ({
  tasks: t.connection(
    {
      type: TaskRef,
      description: "Your writer's tasks, filtered and sorted (default: newest first).",
      authScopes: scopePresets.member,
      args: { filter: t.arg({ type: TaskFilterInput }), orderBy: t.arg({ type: TaskOrderInput }) },
      resolve: (_root, args, ctx) =>
        connectionOf(args, (page) =>
          tasks.listTasks(ctx.writer, callerOf(ctx), {
            filter: taskFilterOf(args.filter),
            orderBy: args.orderBy,
            page,
          }),
        ),
    },
    { name: 'TaskConnection' },
    { name: 'TaskEdge' },
  ),
  task: t.field({
    type: TaskRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => tasks.getTask(ctx.writer, callerOf(ctx), args.id),
  }),
}));

builder.mutationFields((t) => ({
  queueIdeasToWriter: t.field({
    type: QueuePayload,
    description: 'One task per idea (ideas turn QUEUED); an idea already queued is skipped, not queued twice.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: QueueIdeasInput, required: true }) },
    resolve: (_root, { input }, ctx) => tasks.queueIdeas(ctx.writer, callerOf(ctx), input.ideaIds.map(String)),
  }),
  createTask: t.field({
    type: TaskRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: CreateTaskInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      tasks.createTask(
        ctx.writer,
        callerOf(ctx),
        { siteId: input.siteId, sectorId: input.sectorId },
        { ...input, outline: outlineOf(input.outline) },
      ),
  }),
  updateTask: t.field({
    type: TaskRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateTaskInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      tasks.updateTask(ctx.writer, callerOf(ctx), input.id, { ...input, outline: outlineOf(input.outline) }),
  }),
  deleteTasks: t.field({
    type: DeletePayload,
    description: 'Deletes tasks; the ideas of tasks not yet written turn NEW again.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: TaskIdsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      deletedCount: await tasks.deleteTasks(ctx.writer, callerOf(ctx), input.ids.map(String)),
    }),
  }),
  setTasksStatus: t.field({
    type: [TaskRef],
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: SetTasksStatusInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      tasks.setTasksStatus(ctx.writer, callerOf(ctx), input.ids.map(String), input.status),
  }),
}));

const GenerateContentInput = builder.inputType('GenerateContentInput', {
  validate: z.looseObject({ taskIds: v.ids(MAX_TASKS_PER_JOB) }),
  fields: (t) => ({ taskIds: t.idList({ required: true }) }),
});

const GenerationEstimateRef = builder.objectRef<GenerationEstimate>('GenerationEstimate').implement({
  description: 'What writing the tasks would take: 1 credit per 100 target words.',
  fields: (t) => ({
    tasks: t.exposeInt('tasks'),
    words: t.exposeInt('words', { description: 'Target words in all.' }),
    credits: t.exposeInt('credits'),
  }),
});

builder.queryFields((t) => ({
  generationEstimate: t.field({
    type: GenerationEstimateRef,
    description: 'The price of writing these tasks, to show before starting (the same checks as generateContent).',
    authScopes: scopePresets.member,
    args: { taskIds: t.arg.idList({ required: true, validate: v.ids(MAX_TASKS_PER_JOB) }) },
    resolve: (_root, args, ctx) => estimateGeneration(ctx.writer, callerOf(ctx), args.taskIds.map(String)),
  }),
}));

builder.mutationFields((t) => ({
  generateContent: t.field({
    type: JobRef,
    description:
      'Writes an article for each task (up to 50): 1 credit per 100 target words is held now; only articles written are charged. Follow it with `subscription { jobProgress(id) }`; each task turns COMPLETED with its `content`, or FAILED with its `error`.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: GenerateContentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const job = await startGeneration(ctx.writer, callerOf(ctx), input.taskIds.map(String));
      return { id: job.id };
    },
  }),
}));
