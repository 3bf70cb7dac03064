// Cluster: a group of a sector's keywords that one page (or a few) can serve; its numbers, its
// keywords and ideas; the list, CRUD, merge and split, and the auto-cluster job.
import { callerOf, connectionOf, loadReference, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type PlannerContext } from '../builder.js';
import type { ClusterFilter, ClusterRow } from '../domain/clusters.js';
import * as clusters from '../domain/clusters.js';
import { exportClustersCsv } from '../domain/exports.js';
import { previewClustering, startClustering } from '../domain/planner-jobs.js';
import * as v from '../domain/validation.js';
import {
  ClusterContextTypeEnum,
  ClusterGranularityEnum,
  ClusterOrderFieldEnum,
  ClusterStatusEnum,
  KeywordIntentEnum,
  SortDirectionEnum,
} from './enums.js';
import { enumCountRef, KeywordIntentCount } from './facets.js';
import { JobRef } from './job.js';
import { CsvExportRef, DeletePayload } from './payloads.js';
import { refOf, SectorRef, SiteRef, UserRef } from './refs.js';

export const ClusterRef = builder.objectRef<ClusterRow>('Cluster');

export const loadCluster = (ctx: PlannerContext, id: string) =>
  loadReference(ctx, 'Cluster', (caller, ids) => clusters.clustersByIds(ctx.planner, caller, ids), id);

builder.asEntity(ClusterRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadCluster(ctx, ref.id),
});

ClusterRef.implement({
  description: "A group of a sector's keywords that one page (or a few) can serve.",
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    status: t.field({ type: ClusterStatusEnum, resolve: (c) => c.status }),
    contextType: t.field({ type: ClusterContextTypeEnum, resolve: (c) => c.contextType }),
    intent: t.field({
      type: KeywordIntentEnum,
      nullable: true,
      description: 'The dominant intent of its keywords (null while it has none).',
      resolve: (c) => c.intent,
    }),
    keywordsCount: t.exposeInt('keywordsCount'),
    totalVolume: t.exposeInt('totalVolume', { description: 'Monthly searches of all its keywords.' }),
    avgDifficulty: t.float({
      nullable: true,
      description: 'Average difficulty of its keywords with a known difficulty (null: none known).',
      resolve: (c) => (c.avgDifficulty == null ? null : Math.round(c.avgDifficulty * 10) / 10),
    }),
    siteId: t.exposeID('siteId'),
    sectorId: t.exposeID('sectorId'),
    site: t.field({ type: SiteRef, resolve: (c) => ({ id: c.siteId }) }),
    sector: t.field({ type: SectorRef, resolve: (c) => ({ id: c.sectorId }) }),
    job: t.field({
      type: JobRef,
      nullable: true,
      description: 'The auto-cluster job that made it (null when made by hand).',
      resolve: (c) => refOf(c.jobId),
    }),
    createdBy: t.field({ type: UserRef, nullable: true, resolve: (c) => refOf(c.createdBy) }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (c) => c.updatedAt }),
  }),
});

builder.objectField(JobRef, 'clusters', (t) =>
  t.field({
    type: [ClusterRef],
    description: 'The clusters a `planner.cluster-keywords` job made (empty for other jobs).',
    resolve: (job, _args, ctx) => clusters.clustersOfJob(ctx.planner, callerOf(ctx), job.id),
  }),
);

const ClusterFilterInput = builder.inputType('ClusterFilter', {
  validate: z.looseObject({
    siteId: v.uuid.nullish(),
    sectorId: v.uuid.nullish(),
    search: v.search.nullish(),
    ids: z.array(v.uuid).max(1_000).nullish(),
  }),
  fields: (t) => ({
    siteId: t.id(),
    sectorId: t.id(),
    status: t.field({ type: [ClusterStatusEnum] }),
    intent: t.field({ type: [KeywordIntentEnum] }),
    search: t.string({ description: 'Part of the name or description.' }),
    ids: t.idList(),
  }),
});

const ClusterOrderInput = builder.inputType('ClusterOrder', {
  fields: (t) => ({
    field: t.field({ type: ClusterOrderFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});

export const clusterFilterOf = (f: typeof ClusterFilterInput.$inferInput | null | undefined): ClusterFilter => ({
  siteId: f?.siteId,
  sectorId: f?.sectorId,
  statuses: f?.status,
  intents: f?.intent,
  search: f?.search?.trim(),
  ids: f?.ids?.map(String),
});

const CreateClusterInput = builder.inputType('CreateClusterInput', {
  validate: z.looseObject({
    siteId: v.uuid,
    sectorId: v.uuid,
    name: v.name,
    description: v.description.nullish(),
    keywordIds: z.array(v.uuid).max(5_000).nullish(),
  }),
  fields: (t) => ({
    siteId: t.id({ required: true }),
    sectorId: t.id({ required: true }),
    name: t.string({ required: true }),
    description: t.string(),
    contextType: t.field({ type: ClusterContextTypeEnum }),
    keywordIds: t.idList({ description: 'Keywords of the sector to put in it at once.' }),
  }),
});

const UpdateClusterInput = builder.inputType('UpdateClusterInput', {
  validate: z.looseObject({ id: v.uuid, name: v.name.nullish(), description: v.description.nullish() }),
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    description: t.string(),
    contextType: t.field({ type: ClusterContextTypeEnum }),
    status: t.field({ type: ClusterStatusEnum }),
  }),
});

const DeleteClustersInput = builder.inputType('DeleteClustersInput', {
  validate: z.looseObject({ ids: v.ids(1_000) }),
  fields: (t) => ({ ids: t.idList({ required: true }) }),
});

const SetClustersStatusInput = builder.inputType('SetClustersStatusInput', {
  validate: z.looseObject({ ids: v.ids(1_000) }),
  fields: (t) => ({
    ids: t.idList({ required: true }),
    status: t.field({ type: ClusterStatusEnum, required: true }),
  }),
});

const MergeClustersInput = builder.inputType('MergeClustersInput', {
  validate: z.looseObject({ targetId: v.uuid, clusterIds: v.ids(100) }),
  fields: (t) => ({
    targetId: t.id({ required: true, description: 'The cluster that stays.' }),
    clusterIds: t.idList({ required: true, description: 'The clusters merged into it (then deleted).' }),
  }),
});

const SplitClusterInput = builder.inputType('SplitClusterInput', {
  validate: z.looseObject({
    id: v.uuid,
    keywordIds: v.ids(5_000),
    name: v.name,
    description: v.description.nullish(),
  }),
  fields: (t) => ({
    id: t.id({ required: true, description: 'The cluster to split.' }),
    keywordIds: t.idList({ required: true, description: 'Its keywords that move to the new cluster.' }),
    name: t.string({ required: true, description: "The new cluster's name." }),
    description: t.string(),
    contextType: t.field({ type: ClusterContextTypeEnum }),
  }),
});

const ClusterKeywordsInput = builder.inputType('ClusterKeywordsInput', {
  validate: z.looseObject({
    siteId: v.uuid.nullish(),
    sectorId: v.uuid,
    keywordIds: z.array(v.uuid).min(1, 'must name at least one keyword').max(20_000).nullish(),
  }),
  fields: (t) => ({
    siteId: t.id({ description: "The sector's site; absent: the site the sector belongs to." }),
    sectorId: t.id({ required: true }),
    keywordIds: t.idList({ description: "The sector's keywords to cluster; absent: all its unclustered keywords." }),
    granularity: t.field({ type: ClusterGranularityEnum, description: 'BALANCED when absent.' }),
  }),
});

const ClusteringPreviewRef = builder
  .objectRef<{ keywords: number; inClusters: number }>('ClusteringPreview')
  .implement({
    description: 'What auto-cluster would take, told before any credits are held.',
    fields: (t) => ({
      keywords: t.exposeInt('keywords', { description: 'The keywords it would cluster.' }),
      inClusters: t.exposeInt('inClusters', {
        description:
          'How many of them sit in a cluster now: they move to the new clusters. A cluster left empty is removed, unless it has ideas (then it stays, empty).',
      }),
    }),
  });

export { ClusterFilterInput };

const ClusterFacetsRef = builder.objectRef<clusters.ClusterFacets>('ClusterFacets').implement({
  description:
    "The cluster list's filter options: how many matching clusters have each value (values none has are left out), each facet counted under every filter but its own.",
  fields: (t) => ({
    status: t.field({
      type: [enumCountRef('ClusterStatusCount', ClusterStatusEnum)],
      resolve: (f) => f.status,
    }),
    intent: t.field({ type: [KeywordIntentCount], resolve: (f) => f.intent }),
  }),
});

builder.queryFields((t) => ({
  clusters: t.connection(
    {
      type: ClusterRef,
      description: 'Your clusters, filtered and sorted (default: highest total volume first).',
      authScopes: scopePresets.member,
      args: { filter: t.arg({ type: ClusterFilterInput }), orderBy: t.arg({ type: ClusterOrderInput }) },
      resolve: (_root, args, ctx) =>
        connectionOf(args, (page) =>
          clusters.listClusters(ctx.planner, callerOf(ctx), {
            filter: clusterFilterOf(args.filter),
            orderBy: args.orderBy,
            page,
          }),
        ),
    },
    { name: 'ClusterConnection' },
    { name: 'ClusterEdge' },
  ),
  cluster: t.field({
    type: ClusterRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => clusters.getCluster(ctx.planner, callerOf(ctx), args.id),
  }),
  clusteringPreview: t.field({
    type: ClusteringPreviewRef,
    description: 'What `clusterKeywords` with this input would take, and how many of those keywords would move.',
    authScopes: scopePresets.member,
    args: { input: t.arg({ type: ClusterKeywordsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      previewClustering(ctx.planner, callerOf(ctx), {
        siteId: input.siteId ?? null,
        sectorId: input.sectorId,
        keywordIds: input.keywordIds?.map(String) ?? null,
      }),
  }),
  clusterFacets: t.field({
    type: ClusterFacetsRef,
    description: 'Counts per status and intent of the clusters the filter matches (one query).',
    authScopes: scopePresets.member,
    args: { filter: t.arg({ type: ClusterFilterInput }) },
    resolve: (_root, args, ctx) => clusters.clusterFacets(ctx.planner, callerOf(ctx), clusterFilterOf(args.filter)),
  }),
  clustersCsv: t.field({
    type: CsvExportRef,
    description:
      'The matching clusters as a CSV file, streamed into a download link (name, description, keywords, volume, difficulty, intent, status).',
    authScopes: scopePresets.member,
    args: { filter: t.arg({ type: ClusterFilterInput }) },
    resolve: (_root, args, ctx) => exportClustersCsv(ctx.planner, callerOf(ctx), clusterFilterOf(args.filter)),
  }),
}));

builder.mutationFields((t) => ({
  createCluster: t.field({
    type: ClusterRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: CreateClusterInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      clusters.createCluster(
        ctx.planner,
        callerOf(ctx),
        { siteId: input.siteId, sectorId: input.sectorId },
        { ...input, keywordIds: input.keywordIds?.map(String) ?? null },
      ),
  }),
  updateCluster: t.field({
    type: ClusterRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateClusterInput, required: true }) },
    resolve: (_root, { input }, ctx) => clusters.updateCluster(ctx.planner, callerOf(ctx), input.id, input),
  }),
  deleteClusters: t.field({
    type: DeletePayload,
    description: 'Deletes clusters; their keywords are kept (back to NEW) and their ideas kept without a cluster.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: DeleteClustersInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      deletedCount: await clusters.deleteClusters(ctx.planner, callerOf(ctx), input.ids.map(String)),
    }),
  }),
  setClustersStatus: t.field({
    type: [ClusterRef],
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: SetClustersStatusInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      clusters.setClustersStatus(ctx.planner, callerOf(ctx), input.ids.map(String), input.status),
  }),
  mergeClusters: t.field({
    type: ClusterRef,
    description: 'Moves the keywords and ideas of the named clusters into the target and deletes them.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: MergeClustersInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      clusters.mergeClusters(ctx.planner, callerOf(ctx), input.targetId, input.clusterIds.map(String)),
  }),
  splitCluster: t.field({
    type: ClusterRef,
    description: "Moves some of a cluster's keywords into a new cluster; returns the new one.",
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: SplitClusterInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      clusters.splitCluster(ctx.planner, callerOf(ctx), input.id, input.keywordIds.map(String), input),
  }),
  clusterKeywords: t.field({
    type: JobRef,
    description:
      'Starts auto-cluster: the cost of one clustering request is held now and charged when the clusters are saved. Follow it with `subscription { jobProgress(id) }`; `Job.clusters` lists what it made.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: ClusterKeywordsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const job = await startClustering(ctx.planner, callerOf(ctx), {
        siteId: input.siteId ?? null,
        sectorId: input.sectorId,
        keywordIds: input.keywordIds?.map(String) ?? null,
        granularity: input.granularity ?? null,
      });
      return { id: job.id };
    },
  }),
}));
