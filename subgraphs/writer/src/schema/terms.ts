// Term: a site's category (categories nest) or tag; the list, CRUD, an article's terms and setting them.
import { TAXONOMIES } from '@igny8/db/writer';
import { callerOf, connectionOf, enumOf, loaderFor, loadGroup, loadReference, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type WriterContext } from '../builder.js';
import type { ContentTermRow, TermFilter, TermRow } from '../domain/terms.js';
import * as terms from '../domain/terms.js';
import { TERM_ORDER_FIELDS } from '../domain/terms.js';
import * as v from '../domain/validation.js';
import { ContentRef } from './content.js';
import { SortDirectionEnum } from './enums.js';
import { SiteRef } from './refs.js';
import { DeletePayload } from './task.js';

export const TaxonomyEnum = enumOf(
  builder,
  'Taxonomy',
  TAXONOMIES,
  'CATEGORY: nests under another category of the site; TAG: flat.',
);
const TermOrderFieldEnum = enumOf(builder, 'TermOrderField', TERM_ORDER_FIELDS, 'What a term list is sorted by.');

export const TermRef = builder.objectRef<TermRow>('Term');

const loadTerm = (ctx: WriterContext, id: string) =>
  loadReference(ctx, 'Term', (caller, ids) => terms.termsByIds(ctx.writer, caller, ids), id);

builder.asEntity(TermRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadTerm(ctx, ref.id),
});

TermRef.implement({
  description: "A site's category or tag; an article carries any number of them.",
  fields: (t) => ({
    id: t.exposeID('id'),
    taxonomy: t.field({ type: TaxonomyEnum, resolve: (term) => term.taxonomy }),
    name: t.exposeString('name'),
    slug: t.exposeString('slug', { description: 'Unique among the categories (or tags) of its site.' }),
    description: t.exposeString('description'),
    parentId: t.exposeID('parentId', { nullable: true }),
    parent: t.field({
      type: TermRef,
      nullable: true,
      description: 'The category this one sits under; null at the top level (and for every tag).',
      resolve: (term, _args, ctx) => (term.parentId ? loadTerm(ctx, term.parentId) : null),
    }),
    children: t.field({
      type: [TermRef],
      description: 'The categories directly under this one, by name.',
      resolve: (term, _args, ctx) =>
        loadGroup(
          ctx,
          'termChildren',
          (ids) => terms.childrenOfTerms(ctx.writer, callerOf(ctx), ids),
          (row) => row.parentId!,
          term.id,
        ),
    }),
    contentCount: t.int({
      description: 'How many articles carry it.',
      resolve: (term, _args, ctx) =>
        loaderFor<string, number>(ctx, 'termContentCount', (ids) =>
          terms.contentCountsOf(ctx.writer, callerOf(ctx), ids),
        ).load(term.id),
    }),
    externalId: t.exposeString('externalId', { nullable: true, description: 'Its WordPress term id once synced.' }),
    siteId: t.exposeID('siteId'),
    site: t.field({ type: SiteRef, resolve: (term) => ({ id: term.siteId }) }),
    createdAt: t.field({ type: 'DateTime', resolve: (term) => term.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (term) => term.updatedAt }),
  }),
});

/** The terms of an article, loaded with those of every other article in the answer (one statement). */
const termsOfContent = (ctx: WriterContext, contentId: string) =>
  loadGroup<ContentTermRow>(
    ctx,
    'contentTerms',
    (ids) => terms.termsOfContents(ctx.writer, callerOf(ctx), ids),
    (row) => row.contentId,
    contentId,
  );

builder.objectFields(ContentRef, (t) => ({
  terms: t.field({
    type: [TermRef],
    description: 'Its categories, then its tags, each by name.',
    resolve: (content, _args, ctx) => termsOfContent(ctx, content.id),
  }),
  categories: t.field({
    type: [TermRef],
    resolve: async (content, _args, ctx) =>
      (await termsOfContent(ctx, content.id)).filter((term) => term.taxonomy === 'category'),
  }),
  tags: t.field({
    type: [TermRef],
    resolve: async (content, _args, ctx) =>
      (await termsOfContent(ctx, content.id)).filter((term) => term.taxonomy === 'tag'),
  }),
}));

const name = z
  .string()
  .trim()
  .min(1, { message: 'is required', abort: true })
  .max(120, 'must be at most 120 characters');
const description = z.string().trim().max(2_000, 'must be at most 2,000 characters');

const TermFilterInput = builder.inputType('TermFilter', {
  validate: z.looseObject({ siteId: v.uuid.nullish(), parentId: v.uuid.nullish(), search: v.search.nullish() }),
  fields: (t) => ({
    siteId: t.id(),
    taxonomy: t.field({ type: TaxonomyEnum }),
    parentId: t.id({ description: 'The categories directly under this one.' }),
    topLevel: t.boolean({ description: 'Only terms without a parent: top-level categories and tags.' }),
    search: t.string({ description: 'Part of the name or slug.' }),
  }),
});

const TermOrderInput = builder.inputType('TermOrder', {
  fields: (t) => ({
    field: t.field({ type: TermOrderFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});

const termFilterOf = (f: typeof TermFilterInput.$inferInput | null | undefined): TermFilter => ({
  siteId: f?.siteId,
  taxonomy: f?.taxonomy,
  parentId: f?.parentId,
  topLevel: f?.topLevel,
  search: f?.search?.trim(),
});

const CreateTermInput = builder.inputType('CreateTermInput', {
  validate: z.looseObject({
    siteId: v.uuid,
    name,
    slug: v.slug.nullish(),
    parentId: v.uuid.nullish(),
    description: description.nullish(),
  }),
  fields: (t) => ({
    siteId: t.id({ required: true }),
    taxonomy: t.field({ type: TaxonomyEnum, required: true }),
    name: t.string({ required: true }),
    slug: t.string({ description: 'Default: made from the name.' }),
    parentId: t.id({ description: 'A category of the same site (categories only).' }),
    description: t.string(),
  }),
});

const UpdateTermInput = builder.inputType('UpdateTermInput', {
  validate: z.looseObject({
    id: v.uuid,
    name: name.nullish(),
    slug: v.slug.nullish(),
    parentId: v.uuid.nullish(),
    description: description.nullish(),
  }),
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ description: 'A new name keeps the slug unless a slug is given too.' }),
    slug: t.string(),
    parentId: t.id({
      description: 'Moves a category under another of its site; null moves it to the top level; leave out to keep it.',
    }),
    description: t.string(),
  }),
});

const TermIdsInput = builder.inputType('DeleteTermsInput', {
  validate: z.looseObject({ ids: v.ids(1_000) }),
  fields: (t) => ({ ids: t.idList({ required: true }) }),
});

const SetContentTermsInput = builder.inputType('SetContentTermsInput', {
  validate: z.looseObject({ contentId: v.uuid, termIds: z.array(v.uuid).max(200, 'must name at most 200') }),
  fields: (t) => ({
    contentId: t.id({ required: true }),
    termIds: t.idList({ required: true, description: "The article's categories and tags; an empty list clears them." }),
  }),
});

builder.queryFields((t) => ({
  terms: t.connection(
    {
      type: TermRef,
      description: "Your sites' categories and tags, filtered and sorted (default: by name).",
      authScopes: scopePresets.member,
      args: { filter: t.arg({ type: TermFilterInput }), orderBy: t.arg({ type: TermOrderInput }) },
      resolve: (_root, args, ctx) =>
        connectionOf(args, (page) =>
          terms.listTerms(ctx.writer, callerOf(ctx), {
            filter: termFilterOf(args.filter),
            orderBy: args.orderBy,
            page,
          }),
        ),
    },
    { name: 'TermConnection' },
    { name: 'TermEdge' },
  ),
  term: t.field({
    type: TermRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => terms.getTerm(ctx.writer, callerOf(ctx), args.id),
  }),
}));

builder.mutationFields((t) => ({
  createTerm: t.field({
    type: TermRef,
    description:
      'Adds a category or tag to a site. CONFLICT when the site already has one of that taxonomy with the slug.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: CreateTermInput, required: true }) },
    resolve: (_root, { input }, ctx) => terms.createTerm(ctx.writer, callerOf(ctx), input),
  }),
  updateTerm: t.field({
    type: TermRef,
    description: 'Renames, re-slugs or moves a term; a category cannot be moved under itself or its subcategories.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateTermInput, required: true }) },
    resolve: (_root, { input }, ctx) => terms.updateTerm(ctx.writer, callerOf(ctx), input.id, input),
  }),
  deleteTerms: t.field({
    type: DeletePayload,
    description:
      'Deletes terms; articles lose them. The subcategories of a deleted category move up to its parent (or the top level).',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: TermIdsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      deletedCount: await terms.deleteTerms(ctx.writer, callerOf(ctx), input.ids.map(String)),
    }),
  }),
  setContentTerms: t.field({
    type: ContentRef,
    description: "Replaces an article's categories and tags; every term must be of the article's site.",
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: SetContentTermsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      terms.setContentTerms(ctx.writer, callerOf(ctx), {
        contentId: input.contentId,
        termIds: input.termIds.map(String),
      }),
  }),
}));
