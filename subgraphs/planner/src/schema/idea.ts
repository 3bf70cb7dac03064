// ContentIdea: an article idea for a cluster (title, outline, content type, target keywords);
// the list, CRUD, bulk status, export, and the generate-ideas job.
import type { IdeaOutlineSection } from '@igny8/db/planner';
import { callerOf, connectionOf, loaderFor, loadReference, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type PlannerContext } from '../builder.js';
import { exportIdeasCsv } from '../domain/exports.js';
import type { IdeaFilter, IdeaRow } from '../domain/ideas.js';
import * as ideas from '../domain/ideas.js';
import { startIdeas } from '../domain/planner-jobs.js';
import * as v from '../domain/validation.js';
import { ClusterRef, loadCluster } from './cluster.js';
import { ContentTypeEnum, IdeaOrderFieldEnum, IdeaStatusEnum, SortDirectionEnum } from './enums.js';
import { enumCountRef } from './facets.js';
import { JobRef } from './job.js';
import { CsvExportRef, DeletePayload } from './payloads.js';
import { refOf, SectorRef, SiteRef, UserRef } from './refs.js';

export const IdeaRef = builder.objectRef<IdeaRow>('ContentIdea');

const loadIdea = (ctx: PlannerContext, id: string) =>
  loadReference(ctx, 'ContentIdea', (caller, ids) => ideas.ideasByIds(ctx.planner, caller, ids), id);

builder.asEntity(IdeaRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadIdea(ctx, ref.id),
});

const OutlineSectionRef = builder.objectRef<IdeaOutlineSection>('IdeaOutlineSection').implement({
  description: 'One H2 section of an idea: its heading and what it covers.',
  fields: (t) => ({
    heading: t.exposeString('heading'),
    points: t.exposeStringList('points'),
  }),
});

IdeaRef.implement({
  description: 'An article idea for a cluster, ready to be queued to the writer.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    contentType: t.field({ type: ContentTypeEnum, resolve: (i) => i.contentType }),
    outline: t.field({ type: [OutlineSectionRef], resolve: (i) => i.outline }),
    targetKeywords: t.exposeStringList('targetKeywords', { description: 'Primary keyword(s) first.' }),
    estimatedWordCount: t.exposeInt('estimatedWordCount'),
    status: t.field({ type: IdeaStatusEnum, resolve: (i) => i.status }),
    clusterId: t.exposeID('clusterId', { nullable: true }),
    cluster: t.field({
      type: ClusterRef,
      nullable: true,
      resolve: (i, _args, ctx) => (i.clusterId ? loadCluster(ctx, i.clusterId) : null),
    }),
    siteId: t.exposeID('siteId'),
    sectorId: t.exposeID('sectorId'),
    site: t.field({ type: SiteRef, resolve: (i) => ({ id: i.siteId }) }),
    sector: t.field({ type: SectorRef, resolve: (i) => ({ id: i.sectorId }) }),
    authorProfileId: t.exposeID('authorProfileId', { nullable: true }),
    strategyId: t.exposeID('strategyId', { nullable: true }),
    job: t.field({
      type: JobRef,
      nullable: true,
      description: 'The generate-ideas job that made it (null when written by hand).',
      resolve: (i) => refOf(i.jobId),
    }),
    createdBy: t.field({ type: UserRef, nullable: true, resolve: (i) => refOf(i.createdBy) }),
    createdAt: t.field({ type: 'DateTime', resolve: (i) => i.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (i) => i.updatedAt }),
  }),
});

builder.objectField(ClusterRef, 'ideas', (t) =>
  t.field({
    type: [IdeaRef],
    description: "The cluster's content ideas, newest first.",
    resolve: (cluster, _args, ctx) => ideas.ideasOfCluster(ctx.planner, callerOf(ctx), cluster.id),
  }),
);

builder.objectField(ClusterRef, 'ideasCount', (t) =>
  t.int({
    description: 'How many content ideas the cluster has (one query for a whole page of clusters).',
    resolve: (cluster, _args, ctx) =>
      loaderFor<string, number>(ctx, 'ideasCount', (ids) => ideas.ideaCountsOfClusters(ctx.planner, callerOf(ctx), ids))
        .load(cluster.id)
        .then((n) => n ?? 0),
  }),
);

builder.objectField(JobRef, 'contentIdeas', (t) =>
  t.field({
    type: [IdeaRef],
    description: 'The ideas a `planner.generate-ideas` job made (empty for other jobs).',
    resolve: (job, _args, ctx) => ideas.ideasOfJob(ctx.planner, callerOf(ctx), job.id),
  }),
);

const IdeaFilterInput = builder.inputType('ContentIdeaFilter', {
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
    status: t.field({ type: [IdeaStatusEnum] }),
    contentType: t.field({ type: [ContentTypeEnum] }),
    search: t.string({ description: 'Part of the title or description.' }),
    ids: t.idList(),
  }),
});

const IdeaOrderInput = builder.inputType('ContentIdeaOrder', {
  fields: (t) => ({
    field: t.field({ type: IdeaOrderFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});

const ideaFilterOf = (f: typeof IdeaFilterInput.$inferInput | null | undefined): IdeaFilter => ({
  siteId: f?.siteId,
  sectorId: f?.sectorId,
  clusterId: f?.clusterId,
  statuses: f?.status,
  contentTypes: f?.contentType,
  search: f?.search?.trim(),
  ids: f?.ids?.map(String),
});

const OutlineSectionInput = builder.inputType('IdeaOutlineSectionInput', {
  fields: (t) => ({
    heading: t.string({ required: true }),
    points: t.stringList({ required: true }),
  }),
});

const outlineRule = z
  .array(
    z.object({
      heading: z.string().trim().min(1, 'is required').max(200),
      points: z.array(z.string().max(500)).max(20),
    }),
  )
  .max(30, 'must have at most 30 sections');
const ideaRules = {
  description: v.description.nullish(),
  outline: outlineRule.nullish(),
  targetKeywords: z.array(z.string().max(200)).max(50, 'must have at most 50 keywords').nullish(),
  estimatedWordCount: v.wordCount.nullish(),
};

const CreateIdeaInput = builder.inputType('CreateContentIdeaInput', {
  validate: z.looseObject({
    clusterId: v.uuid.nullish(),
    siteId: v.uuid.nullish(),
    sectorId: v.uuid.nullish(),
    title: v.title,
    ...ideaRules,
  }),
  fields: (t) => ({
    clusterId: t.id({ description: 'The cluster it serves (its site and sector are the idea’s).' }),
    siteId: t.id({ description: 'Without a cluster: the site…' }),
    sectorId: t.id({ description: '…and sector.' }),
    title: t.string({ required: true }),
    description: t.string(),
    contentType: t.field({ type: ContentTypeEnum }),
    outline: t.field({ type: [OutlineSectionInput] }),
    targetKeywords: t.stringList(),
    estimatedWordCount: t.int(),
  }),
});

const UpdateIdeaInput = builder.inputType('UpdateContentIdeaInput', {
  validate: z.looseObject({ id: v.uuid, title: v.title.nullish(), clusterId: v.uuid.nullish(), ...ideaRules }),
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string(),
    description: t.string(),
    contentType: t.field({ type: ContentTypeEnum }),
    outline: t.field({ type: [OutlineSectionInput] }),
    targetKeywords: t.stringList(),
    estimatedWordCount: t.int(),
    status: t.field({ type: IdeaStatusEnum }),
    clusterId: t.id({ description: 'Another cluster of the same sector; null takes it out of its cluster.' }),
  }),
});

const DeleteIdeasInput = builder.inputType('DeleteContentIdeasInput', {
  validate: z.looseObject({ ids: v.ids(1_000) }),
  fields: (t) => ({ ids: t.idList({ required: true }) }),
});

const SetIdeasStatusInput = builder.inputType('SetContentIdeasStatusInput', {
  validate: z.looseObject({ ids: v.ids(1_000) }),
  fields: (t) => ({
    ids: t.idList({ required: true }),
    status: t.field({ type: IdeaStatusEnum, required: true }),
  }),
});

const GenerateIdeasInput = builder.inputType('GenerateIdeasInput', {
  validate: z.looseObject({
    clusterIds: v.ids(50),
    count: z.number().int().min(1, 'must be at least 1').max(10, 'must be at most 10').nullish(),
    authorProfileId: v.uuid.nullish(),
    strategyId: v.uuid.nullish(),
  }),
  fields: (t) => ({
    clusterIds: t.idList({ required: true }),
    count: t.int({ description: 'Ideas per cluster, 1–10; the model picks 3–5 when absent.' }),
    authorProfileId: t.id({ description: 'The Thinker author profile whose voice the ideas fit.' }),
    strategyId: t.id({ description: 'The Thinker strategy whose content types and lengths the ideas follow.' }),
  }),
});

const IdeaFacetsRef = builder.objectRef<ideas.IdeaFacets>('ContentIdeaFacets').implement({
  description:
    "The idea list's filter options: how many matching ideas have each value (values none has are left out), each facet counted under every filter but its own.",
  fields: (t) => ({
    status: t.field({ type: [enumCountRef('IdeaStatusCount', IdeaStatusEnum)], resolve: (f) => f.status }),
    contentType: t.field({
      type: [enumCountRef('ContentTypeCount', ContentTypeEnum)],
      resolve: (f) => f.contentType,
    }),
  }),
});

builder.queryFields((t) => ({
  contentIdeas: t.connection(
    {
      type: IdeaRef,
      description: 'Your content ideas, filtered and sorted (default: newest first).',
      authScopes: scopePresets.member,
      args: { filter: t.arg({ type: IdeaFilterInput }), orderBy: t.arg({ type: IdeaOrderInput }) },
      resolve: (_root, args, ctx) =>
        connectionOf(args, (page) =>
          ideas.listIdeas(ctx.planner, callerOf(ctx), {
            filter: ideaFilterOf(args.filter),
            orderBy: args.orderBy,
            page,
          }),
        ),
    },
    { name: 'ContentIdeaConnection' },
    { name: 'ContentIdeaEdge' },
  ),
  contentIdea: t.field({
    type: IdeaRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => ideas.getIdea(ctx.planner, callerOf(ctx), args.id),
  }),
  contentIdeaFacets: t.field({
    type: IdeaFacetsRef,
    description: 'Counts per status and content type of the ideas the filter matches (one query).',
    authScopes: scopePresets.member,
    args: { filter: t.arg({ type: IdeaFilterInput }) },
    resolve: (_root, args, ctx) => ideas.ideaFacets(ctx.planner, callerOf(ctx), ideaFilterOf(args.filter)),
  }),
  contentIdeasCsv: t.field({
    type: CsvExportRef,
    description:
      'The matching ideas as a CSV file, streamed into a download link (title, content type, target keywords, words, status, cluster, outline).',
    authScopes: scopePresets.member,
    args: { filter: t.arg({ type: IdeaFilterInput }) },
    resolve: (_root, args, ctx) => exportIdeasCsv(ctx.planner, callerOf(ctx), ideaFilterOf(args.filter)),
  }),
}));

builder.mutationFields((t) => ({
  createContentIdea: t.field({
    type: IdeaRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: CreateIdeaInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ideas.createIdea(
        ctx.planner,
        callerOf(ctx),
        { clusterId: input.clusterId, siteId: input.siteId, sectorId: input.sectorId },
        input,
      ),
  }),
  updateContentIdea: t.field({
    type: IdeaRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateIdeaInput, required: true }) },
    resolve: (_root, { input }, ctx) => ideas.updateIdea(ctx.planner, callerOf(ctx), input.id, input),
  }),
  deleteContentIdeas: t.field({
    type: DeletePayload,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: DeleteIdeasInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      deletedCount: await ideas.deleteIdeas(ctx.planner, callerOf(ctx), input.ids.map(String)),
    }),
  }),
  setContentIdeasStatus: t.field({
    type: [IdeaRef],
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: SetIdeasStatusInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ideas.setIdeasStatus(ctx.planner, callerOf(ctx), input.ids.map(String), input.status),
  }),
  generateIdeas: t.field({
    type: JobRef,
    description:
      'Starts idea generation for clusters: one idea-generation charge per cluster is held now and charged when the ideas are saved. Follow it with `subscription { jobProgress(id) }`; `Job.contentIdeas` lists what it made.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: GenerateIdeasInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const job = await startIdeas(ctx.planner, callerOf(ctx), {
        clusterIds: input.clusterIds.map(String),
        count: input.count ?? null,
        authorProfileId: input.authorProfileId ?? null,
        strategyId: input.strategyId ?? null,
      });
      return { id: job.id };
    },
  }),
}));

// Service only (never through the gateway): what the writer reads of ideas and the status it sets.
const serviceOnly = { authScopes: scopePresets.service, inaccessible: true } as const;

const MarkIdeasForWriterInput = builder.inputType('MarkIdeasForWriterInput', {
  inaccessible: true,
  validate: z.looseObject({ accountId: v.uuid, ids: z.array(v.uuid).max(1000) }),
  fields: (t) => ({
    accountId: t.id({ required: true }),
    ids: t.idList({ required: true }),
    status: t.field({ type: IdeaStatusEnum, required: true }),
  }),
});

builder.queryFields((t) => ({
  ideasForWriter: t.field({
    ...serviceOnly,
    type: [IdeaRef],
    description: "Service only: an account's ideas by id (unknown and other accounts' ids are left out).",
    args: {
      accountId: t.arg.id({ required: true, validate: v.uuid }),
      ids: t.arg.idList({ required: true, validate: z.array(v.uuid).max(1000) }),
    },
    resolve: (_root, args, ctx) => ideas.ideasForWriter(ctx.planner, args.accountId, args.ids.map(String)),
  }),
}));

builder.mutationFields((t) => ({
  markIdeasForWriter: t.field({
    ...serviceOnly,
    type: [IdeaRef],
    description: 'Service only: the writer queued, completed or dropped these ideas; answers the ideas changed.',
    args: { input: t.arg({ type: MarkIdeasForWriterInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ideas.markIdeasForWriter(ctx.planner, input.accountId, input.ids.map(String), input.status),
  }),
}));
