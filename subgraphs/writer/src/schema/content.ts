// Content: an article — its body, SEO fields, status in the review flow, warnings and revisions;
// the lists (drafts, review queue, published), editing with a version check, review decisions,
// revisions with word-level diffs and restore.
import type { ContentFlag, RevisionProvenance } from '@igny8/db/writer';
import { CONTENT_STATUSES, REVISION_SOURCES } from '@igny8/db/writer';
import { callerOf, connectionOf, enumOf, loaderFor, loadReference, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type WriterContext } from '../builder.js';
import type { WordDiff } from '../domain/article/index.js';
import type { ContentFilter, ContentRow, RevisionRow } from '../domain/contents.js';
import * as contents from '../domain/contents.js';
import { CONTENT_ORDER_FIELDS } from '../domain/contents.js';
import { signImageLinks } from '../domain/image-generation.js';
import * as v from '../domain/validation.js';
import { ContentStructureEnum, ContentTypeEnum, SortDirectionEnum } from './enums.js';
import { ClusterRef, refOf, SectorRef, SiteRef, UserRef } from './refs.js';
import { DeletePayload, loadTask, OutlineSectionRef, TaskRef } from './task.js';

export const ContentStatusEnum = enumOf(
  builder,
  'ContentStatus',
  CONTENT_STATUSES,
  'DRAFT → REVIEW (sent by an editor) → APPROVED (by an admin; a rejection returns it to DRAFT with a note) → PUBLISHED (by publishing); ARCHIVED set aside.',
);
const RevisionSourceEnum = enumOf(
  builder,
  'RevisionSource',
  REVISION_SOURCES,
  'What made a revision: AI (a writing job), HUMAN (a save in the editor) or RESTORE (an older revision brought back).',
);
const ContentOrderFieldEnum = enumOf(
  builder,
  'ContentOrderField',
  CONTENT_ORDER_FIELDS,
  'What a content list is sorted by.',
);
const ContentFlagKindEnum = enumOf(
  builder,
  'ContentFlagKind',
  ['cannibalization', 'near_duplicate'] as const,
  'CANNIBALIZATION: another article of the site targets the same primary keyword; NEAR_DUPLICATE: another article says nearly the same.',
);

export const ContentRef = builder.objectRef<ContentRow>('Content');

export const loadContent = (ctx: WriterContext, id: string) =>
  loadReference(ctx, 'Content', (caller, ids) => contents.contentsByIds(ctx.writer, caller, ids), id);

builder.asEntity(ContentRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadContent(ctx, ref.id),
});

const ContentFlagRef = builder.objectRef<ContentFlag>('ContentFlag').implement({
  description: 'A warning found when the draft was written: the other article of the site it competes with.',
  fields: (t) => ({
    kind: t.field({ type: ContentFlagKindEnum, resolve: (f) => f.kind }),
    otherContentId: t.exposeID('otherContentId'),
    otherTitle: t.exposeString('otherTitle'),
    detail: t.exposeString('detail', { description: 'The shared keyword, or how similar the two texts are.' }),
  }),
});

ContentRef.implement({
  description:
    'An article: its body (sanitised HTML, the title held apart as the only H1), SEO fields and review status.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    slug: t.exposeString('slug'),
    html: t.string({
      description:
        'The body from the intro on: sanitised HTML without the H1. Its image links are signed for about an hour (stored unsigned; a save takes the signature off).',
      resolve: (c, _args, ctx) => signImageLinks(c.html, c.accountId, ctx.writer.files.urls),
    }),
    excerpt: t.exposeString('excerpt'),
    metaTitle: t.exposeString('metaTitle'),
    metaDescription: t.exposeString('metaDescription'),
    primaryKeyword: t.exposeString('primaryKeyword'),
    secondaryKeywords: t.exposeStringList('secondaryKeywords'),
    outline: t.field({ type: [OutlineSectionRef], resolve: (c) => c.outline }),
    wordCount: t.exposeInt('wordCount'),
    wordCountTarget: t.exposeInt('wordCountTarget', { nullable: true }),
    contentType: t.field({ type: ContentTypeEnum, resolve: (c) => c.contentType }),
    contentStructure: t.field({ type: ContentStructureEnum, resolve: (c) => c.contentStructure }),
    status: t.field({ type: ContentStatusEnum, resolve: (c) => c.status }),
    reviewNote: t.exposeString('reviewNote', {
      nullable: true,
      description: "The reviewer's note on its last rejection.",
    }),
    schemaMarkup: t.field({
      type: 'JSON',
      description: 'schema.org JSON-LD objects: `Article`, and `FAQPage` when it has an FAQ.',
      resolve: (c) => c.schemaMarkup,
    }),
    flags: t.field({ type: [ContentFlagRef], resolve: (c) => c.flags }),
    sampleText: t.exposeBoolean('sampleText', {
      description:
        'Written by the offline sample writer (no AI provider was set up): sample text, not an article to publish.',
    }),
    version: t.exposeInt('version', {
      description: 'Send it back with an edit: a save over a newer version is a CONFLICT.',
    }),
    externalId: t.exposeString('externalId', { nullable: true }),
    externalUrl: t.exposeString('externalUrl', { nullable: true }),
    score: t.exposeInt('score', { nullable: true }),
    taskId: t.exposeID('taskId', { nullable: true }),
    task: t.field({
      type: TaskRef,
      nullable: true,
      resolve: (c, _args, ctx) => (c.taskId ? loadTask(ctx, c.taskId) : null),
    }),
    clusterId: t.exposeID('clusterId', { nullable: true }),
    cluster: t.field({ type: ClusterRef, nullable: true, resolve: (c) => refOf(c.clusterId) }),
    siteId: t.exposeID('siteId'),
    sectorId: t.exposeID('sectorId'),
    site: t.field({ type: SiteRef, resolve: (c) => ({ id: c.siteId }) }),
    sector: t.field({ type: SectorRef, resolve: (c) => ({ id: c.sectorId }) }),
    createdBy: t.field({ type: UserRef, nullable: true, resolve: (c) => refOf(c.createdBy) }),
    updatedBy: t.field({ type: UserRef, nullable: true, resolve: (c) => refOf(c.updatedBy) }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (c) => c.updatedAt }),
    revisions: t.field({
      type: [RevisionRef],
      description: 'Every AI generation, human save and restore, newest first.',
      resolve: (c, _args, ctx) => contents.listRevisions(ctx.writer, callerOf(ctx), c.id),
    }),
  }),
});

builder.objectField(TaskRef, 'content', (t) =>
  t.field({
    type: ContentRef,
    nullable: true,
    description: 'The article written for this task.',
    resolve: (task, _args, ctx) => (task.contentId ? loadContent(ctx, task.contentId) : null),
  }),
);

builder.objectField(ClusterRef, 'contents', (t) =>
  t.field({
    type: [ContentRef],
    description: "The cluster's articles, oldest first.",
    resolve: (cluster, _args, ctx) =>
      loaderFor<string, ContentRow[]>(ctx, 'contentsOfCluster', (ids) =>
        contents.contentsOfClusters(ctx.writer, callerOf(ctx), ids),
      ).load(cluster.id),
  }),
);

const ProvenanceRef = builder.objectRef<RevisionProvenance>('RevisionProvenance').implement({
  description:
    'Where an AI revision came from: provider, model, prompt (hash and version), inputs, tokens and credits.',
  fields: (t) => ({
    provider: t.exposeString('provider'),
    model: t.exposeString('model'),
    promptType: t.exposeString('promptType'),
    promptHash: t.exposeString('promptHash', { description: 'SHA-256 of the prompt text the provider received.' }),
    promptVersion: t.exposeString('promptVersion'),
    inputs: t.field({ type: 'JSON', resolve: (p) => p.inputs }),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    credits: t.exposeInt('credits'),
    offline: t.exposeBoolean('offline'),
  }),
});

const RevisionRef = builder.objectRef<RevisionRow>('ContentRevision').implement({
  description: 'The article as it was after one AI generation, human save or restore.',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number'),
    source: t.field({ type: RevisionSourceEnum, resolve: (r) => r.source }),
    title: t.exposeString('title'),
    html: t.exposeString('html'),
    metaTitle: t.exposeString('metaTitle'),
    metaDescription: t.exposeString('metaDescription'),
    wordCount: t.exposeInt('wordCount'),
    provenance: t.field({ type: ProvenanceRef, nullable: true, resolve: (r) => r.provenance }),
    restoredFrom: t.exposeInt('restoredFrom', { nullable: true }),
    jobId: t.exposeID('jobId', { nullable: true }),
    createdBy: t.field({ type: UserRef, nullable: true, resolve: (r) => refOf(r.createdBy) }),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
  }),
});

const DiffKindEnum = enumOf(
  builder,
  'DiffKind',
  ['same', 'added', 'removed'] as const,
  'A run of words kept, added or removed.',
);

const WordDiffRef = builder.objectRef<WordDiff>('WordDiff').implement({
  description: 'What changed between two revisions, word by word.',
  fields: (t) => ({
    ops: t.field({
      type: [
        builder.objectRef<WordDiff['ops'][number]>('DiffOp').implement({
          fields: (f) => ({
            kind: f.field({ type: DiffKindEnum, resolve: (op) => op.kind }),
            text: f.exposeString('text'),
          }),
        }),
      ],
      resolve: (d) => d.ops,
    }),
    added: t.exposeInt('added', { description: 'Words added.' }),
    removed: t.exposeInt('removed', { description: 'Words removed.' }),
  }),
});

export const ContentFilterInput = builder.inputType('ContentFilter', {
  validate: z.looseObject({
    siteId: v.uuid.nullish(),
    sectorId: v.uuid.nullish(),
    clusterId: v.uuid.nullish(),
    taskId: v.uuid.nullish(),
    search: v.search.nullish(),
    ids: z.array(v.uuid).max(1_000).nullish(),
  }),
  fields: (t) => ({
    siteId: t.id(),
    sectorId: t.id(),
    clusterId: t.id(),
    taskId: t.id(),
    status: t.field({ type: [ContentStatusEnum] }),
    contentType: t.field({ type: [ContentTypeEnum] }),
    contentStructure: t.field({ type: [ContentStructureEnum] }),
    search: t.string({ description: 'Part of the title or primary keyword.' }),
    ids: t.idList(),
  }),
});

const ContentOrderInput = builder.inputType('ContentOrder', {
  fields: (t) => ({
    field: t.field({ type: ContentOrderFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});

export const contentFilterOf = (f: typeof ContentFilterInput.$inferInput | null | undefined): ContentFilter => ({
  siteId: f?.siteId,
  sectorId: f?.sectorId,
  clusterId: f?.clusterId,
  taskId: f?.taskId,
  statuses: f?.status,
  contentTypes: f?.contentType,
  contentStructures: f?.contentStructure,
  search: f?.search?.trim(),
  ids: f?.ids?.map(String),
});

const UpdateContentInput = builder.inputType('UpdateContentInput', {
  validate: z.looseObject({
    id: v.uuid,
    version: z.number().int().min(1),
    title: v.title.nullish(),
    html: v.html.nullish(),
    metaTitle: v.metaTitle.nullish(),
    metaDescription: v.metaDescription.nullish(),
    slug: v.slug.nullish(),
    primaryKeyword: v.keyword.nullish(),
    secondaryKeywords: v.keywords.nullish(),
  }),
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, description: 'The version you loaded (Content.version).' }),
    title: t.string(),
    html: t.string({
      description: 'The body; sanitised on the way in (no scripts, styles, event handlers or foreign frames).',
    }),
    metaTitle: t.string(),
    metaDescription: t.string(),
    slug: t.string(),
    primaryKeyword: t.string(),
    secondaryKeywords: t.stringList(),
  }),
});

const ContentIdsInput = builder.inputType('ContentIdsInput', {
  validate: z.looseObject({ ids: v.ids(200) }),
  fields: (t) => ({ ids: t.idList({ required: true }) }),
});

const SetContentStatusInput = builder.inputType('SetContentStatusInput', {
  validate: z.looseObject({ ids: v.ids(200) }),
  fields: (t) => ({
    ids: t.idList({ required: true }),
    status: t.field({ type: ContentStatusEnum, required: true }),
  }),
});

const RejectContentInput = builder.inputType('RejectContentInput', {
  validate: z.looseObject({ id: v.uuid, note: v.note.min(1, 'is required: say what to change') }),
  fields: (t) => ({
    id: t.id({ required: true }),
    note: t.string({ required: true, description: 'What the writer should change; kept on the draft and shown.' }),
  }),
});

const RestoreRevisionInput = builder.inputType('RestoreRevisionInput', {
  validate: z.looseObject({ contentId: v.uuid, number: z.number().int().min(1), version: z.number().int().min(1) }),
  fields: (t) => ({
    contentId: t.id({ required: true }),
    number: t.int({ required: true }),
    version: t.int({ required: true, description: 'The version you loaded.' }),
  }),
});

builder.queryFields((t) => ({
  contents: t.connection(
    {
      type: ContentRef,
      description: 'Your articles, filtered and sorted (default: last changed first).',
      authScopes: scopePresets.member,
      args: { filter: t.arg({ type: ContentFilterInput }), orderBy: t.arg({ type: ContentOrderInput }) },
      resolve: (_root, args, ctx) =>
        connectionOf(args, (page) =>
          contents.listContents(ctx.writer, callerOf(ctx), {
            filter: contentFilterOf(args.filter),
            orderBy: args.orderBy,
            page,
          }),
        ),
    },
    { name: 'ContentConnection' },
    { name: 'ContentEdge' },
  ),
  content: t.field({
    type: ContentRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => contents.getContent(ctx.writer, callerOf(ctx), args.id),
  }),
  revisionDiff: t.field({
    type: WordDiffRef,
    description: 'What changed from revision `from` to revision `to` of an article, word by word.',
    authScopes: scopePresets.member,
    args: {
      contentId: t.arg.id({ required: true, validate: v.uuid }),
      from: t.arg.int({ required: true }),
      to: t.arg.int({ required: true }),
    },
    resolve: (_root, args, ctx) => contents.revisionDiff(ctx.writer, callerOf(ctx), args.contentId, args.from, args.to),
  }),
}));

builder.mutationFields((t) => ({
  updateContent: t.field({
    type: ContentRef,
    description: 'Saves an edit (kept as a revision). CONFLICT when someone saved a newer version since you loaded it.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateContentInput, required: true }) },
    resolve: (_root, { input }, ctx) => contents.updateContent(ctx.writer, callerOf(ctx), input.id, input),
  }),
  setContentStatus: t.field({
    type: [ContentRef],
    description:
      'Moves articles in the review flow: REVIEW (send), APPROVED (admin), DRAFT, ARCHIVED. All or none; a move the flow does not allow (approving a DRAFT) is refused with the article named.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: SetContentStatusInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      contents.moveContents(ctx.writer, callerOf(ctx), input.ids.map(String), input.status),
  }),
  rejectContent: t.field({
    type: ContentRef,
    description:
      'Rejects an article in REVIEW with a note (admin): it returns to DRAFT and the note is kept and shown.',
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: RejectContentInput, required: true }) },
    resolve: (_root, { input }, ctx) => contents.rejectContent(ctx.writer, callerOf(ctx), input.id, input.note),
  }),
  restoreContentRevision: t.field({
    type: ContentRef,
    description: "Brings an older revision back as the article's text (kept as a RESTORE revision).",
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: RestoreRevisionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      contents.restoreRevision(ctx.writer, callerOf(ctx), input.contentId, input.number, input.version),
  }),
  deleteContents: t.field({
    type: DeletePayload,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: ContentIdsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      deletedCount: await contents.deleteContents(ctx.writer, callerOf(ctx), input.ids.map(String)),
    }),
  }),
}));
