// Image: an article's featured or in-article image — its prompt, alt text, caption, place and
// file (a short-lived signed link); the list, editing and deleting, and the jobs that draw the
// prompts from articles and render the images.
import { IMAGE_KINDS, IMAGE_STATUSES } from '@igny8/db/writer';
import { callerOf, connectionOf, enumOf, loaderFor, loadReference, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type WriterContext } from '../builder.js';
import { MAX_CONTENTS_PER_IMAGE_JOB, MAX_IMAGES_PER_JOB, MAX_IN_ARTICLE_IMAGES } from '../domain/image-generation.js';
import type { ImageRow } from '../domain/images.js';
import * as images from '../domain/images.js';
import * as v from '../domain/validation.js';
import { ContentRef, loadContent } from './content.js';
import { JobRef } from './refs.js';
import { DeletePayload } from './task.js';

const ImageKindEnum = enumOf(
  builder,
  'ImageKind',
  IMAGE_KINDS,
  'FEATURED: the article’s lead image (position 0); IN_ARTICLE: placed after the H2 of its position.',
);
const ImageStatusEnum = enumOf(
  builder,
  'ImageStatus',
  IMAGE_STATUSES,
  'PENDING: a prompt waiting to be rendered; GENERATED: it has its file; FAILED: rendering failed, the reason in `error`.',
);

export const ImageRef = builder.objectRef<ImageRow>('Image');

const loadImage = (ctx: WriterContext, id: string) =>
  loadReference(ctx, 'Image', (caller, ids) => images.imagesByIds(ctx.writer, caller, ids), id);

builder.asEntity(ImageRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadImage(ctx, ref.id),
});

ImageRef.implement({
  description: "An article's image: what it shows (prompt), its words (alt text, caption), its place and file.",
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: ImageKindEnum, resolve: (i) => i.kind }),
    position: t.exposeInt('position', {
      description: '0 for the featured image; N for an in-article image placed after the N-th H2.',
    }),
    prompt: t.exposeString('prompt'),
    altText: t.exposeString('altText'),
    caption: t.exposeString('caption'),
    status: t.field({ type: ImageStatusEnum, resolve: (i) => i.status }),
    error: t.exposeString('error', { nullable: true }),
    url: t.string({
      nullable: true,
      description:
        'A signed link to the file (no token needed) that works for about an hour: ask again for a fresh one. Null before it has a file.',
      resolve: (i, _args, ctx) => images.imageUrl(ctx.writer, i),
    }),
    mimeType: t.exposeString('mimeType', { nullable: true }),
    bytes: t.exposeInt('bytes', { nullable: true }),
    width: t.exposeInt('width', { nullable: true }),
    height: t.exposeInt('height', { nullable: true }),
    provider: t.exposeString('provider', { nullable: true }),
    model: t.exposeString('model', { nullable: true }),
    uploaded: t.exposeBoolean('uploaded', { description: 'Uploaded by a person rather than generated.' }),
    contentId: t.exposeID('contentId'),
    content: t.field({ type: ContentRef, nullable: true, resolve: (i, _args, ctx) => loadContent(ctx, i.contentId) }),
    createdAt: t.field({ type: 'DateTime', resolve: (i) => i.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (i) => i.updatedAt }),
  }),
});

const imagesOf = (ctx: WriterContext, contentId: string) =>
  loaderFor<string, ImageRow[]>(ctx, 'imagesOfContent', (ids) =>
    images.imagesOfContents(ctx.writer, callerOf(ctx), ids),
  ).load(contentId);

builder.objectFields(ContentRef, (t) => ({
  images: t.field({
    type: [ImageRef],
    description: 'Its images: the featured one first, then the in-article ones in their order.',
    resolve: (c, _args, ctx) => imagesOf(ctx, c.id),
  }),
  featuredImage: t.field({
    type: ImageRef,
    nullable: true,
    resolve: async (c, _args, ctx) => (await imagesOf(ctx, c.id)).find((i) => i.kind === 'featured') ?? null,
  }),
}));

const ImageFilterInput = builder.inputType('ImageFilter', {
  validate: z.looseObject({
    contentId: v.uuid.nullish(),
    taskId: v.uuid.nullish(),
    siteId: v.uuid.nullish(),
  }),
  fields: (t) => ({
    contentId: t.id(),
    taskId: t.id({ description: 'The images of the article written for this task.' }),
    siteId: t.id(),
    kind: t.field({ type: [ImageKindEnum] }),
    status: t.field({ type: [ImageStatusEnum] }),
  }),
});

const GenerateImagePromptsInput = builder.inputType('GenerateImagePromptsInput', {
  validate: z.looseObject({ contentIds: v.ids(MAX_CONTENTS_PER_IMAGE_JOB) }),
  fields: (t) => ({
    contentIds: t.idList({ required: true }),
    inArticleCount: t.int({
      description: `In-article images per article (0–${MAX_IN_ARTICLE_IMAGES}, at most one per H2); 2 when left out.`,
      validate: z.number().int().min(0).max(MAX_IN_ARTICLE_IMAGES),
    }),
  }),
});

const GenerateImagesInput = builder.inputType('GenerateImagesInput', {
  validate: z.looseObject({
    imageIds: z.array(v.uuid).max(MAX_IMAGES_PER_JOB).nullish(),
    contentIds: z.array(v.uuid).max(MAX_CONTENTS_PER_IMAGE_JOB).nullish(),
  }),
  fields: (t) => ({
    imageIds: t.idList({ description: 'The images to render.' }),
    contentIds: t.idList({ description: 'Or: every image of these articles not yet rendered (or failed).' }),
  }),
});

const ImageEstimateRef = builder.objectRef<images.ImageEstimate>('ImageEstimate').implement({
  description: 'What rendering the images would take: 5 credits per image.',
  fields: (t) => ({ images: t.exposeInt('images'), credits: t.exposeInt('credits') }),
});

const prompt = z.string().trim().min(1, 'is required').max(2_000, 'must be at most 2,000 characters');

const RegenerateImageInput = builder.inputType('RegenerateImageInput', {
  validate: z.looseObject({ id: v.uuid, prompt: prompt.nullish() }),
  fields: (t) => ({
    id: t.id({ required: true }),
    prompt: t.string({ description: 'A new prompt, saved first; the current one when left out.' }),
  }),
});

const UpdateImageInput = builder.inputType('UpdateImageInput', {
  validate: z.looseObject({
    id: v.uuid,
    prompt: prompt.nullish(),
    altText: z.string().trim().max(300, 'must be at most 300 characters').nullish(),
    caption: z.string().trim().max(300, 'must be at most 300 characters').nullish(),
  }),
  fields: (t) => ({
    id: t.id({ required: true }),
    prompt: t.string(),
    altText: t.string(),
    caption: t.string(),
  }),
});

const ImageIdsInput = builder.inputType('ImageIdsInput', {
  validate: z.looseObject({ ids: v.ids(200) }),
  fields: (t) => ({ ids: t.idList({ required: true }) }),
});

builder.queryFields((t) => ({
  images: t.connection(
    {
      type: ImageRef,
      description: 'Your articles’ images, oldest first.',
      authScopes: scopePresets.member,
      args: { filter: t.arg({ type: ImageFilterInput }) },
      resolve: (_root, args, ctx) =>
        connectionOf(args, (page) =>
          images.listImages(
            ctx.writer,
            callerOf(ctx),
            {
              contentId: args.filter?.contentId,
              taskId: args.filter?.taskId,
              siteId: args.filter?.siteId,
              kinds: args.filter?.kind,
              statuses: args.filter?.status,
            },
            page,
          ),
        ),
    },
    { name: 'ImageConnection' },
    { name: 'ImageEdge' },
  ),
  imagesEstimate: t.field({
    type: ImageEstimateRef,
    description: 'The price of rendering these images, to show before starting (the same checks as generateImages).',
    authScopes: scopePresets.member,
    args: { input: t.arg({ type: GenerateImagesInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      images.estimateImages(ctx.writer, callerOf(ctx), {
        imageIds: input.imageIds?.map(String),
        contentIds: input.contentIds?.map(String),
      }),
  }),
  image: t.field({
    type: ImageRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => images.getImage(ctx.writer, callerOf(ctx), args.id),
  }),
}));

builder.mutationFields((t) => ({
  generateImagePrompts: t.field({
    type: JobRef,
    description:
      "Draws one featured and N in-article image prompts (alt text, caption, the H2 each follows) from each article (up to 50) with the account's Image prompt: 2 credits per article are held now; only articles done are charged.",
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: GenerateImagePromptsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const job = await images.startImagePrompts(
        ctx.writer,
        callerOf(ctx),
        input.contentIds.map(String),
        input.inArticleCount,
      );
      return { id: job.id };
    },
  }),
  generateImages: t.field({
    type: JobRef,
    description:
      'Renders images through the account’s image model and places in-article ones after their H2s: 5 credits per image are held now; an image that fails is FAILED with its reason and not charged.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: GenerateImagesInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const job = await images.startImageGeneration(ctx.writer, callerOf(ctx), {
        imageIds: input.imageIds?.map(String),
        contentIds: input.contentIds?.map(String),
      });
      return { id: job.id };
    },
  }),
  regenerateImage: t.field({
    type: JobRef,
    description: 'Renders one image again (5 credits), with a new prompt when given.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: RegenerateImageInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const job = await images.regenerateImage(ctx.writer, callerOf(ctx), input.id, input.prompt);
      return { id: job.id };
    },
  }),
  updateImage: t.field({
    type: ImageRef,
    description: 'Saves an image’s prompt, alt text or caption (the article shows the new words at once).',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateImageInput, required: true }) },
    resolve: (_root, { input }, ctx) => images.updateImage(ctx.writer, callerOf(ctx), input.id, input),
  }),
  deleteImages: t.field({
    type: DeletePayload,
    description: 'Deletes images; in-article ones leave their article too.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: ImageIdsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      deletedCount: await images.deleteImages(ctx.writer, callerOf(ctx), input.ids.map(String)),
    }),
  }),
}));
