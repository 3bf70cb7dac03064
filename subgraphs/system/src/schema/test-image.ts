// Thinker → Image testing: start a sample image (a job), follow it, and see the gallery. The Job
// entity belongs to the automation subgraph; this one adds the test image a job made to it.
import { byKeys, callerOf, connectionOf, loaderFor, scopePresets } from '@igny8/lib';
import { builder, type SystemContext } from '../builder.js';
import type { TestImageRow } from '../domain/test-images.js';
import {
  DEFAULT_TEST_IMAGE_SIZE,
  getTestImage,
  listTestImages,
  PROMPT_MAX_LENGTH,
  PROMPT_MIN_LENGTH,
  STYLE_MAX_LENGTH,
  startTestImage,
  TEST_IMAGE_SIZES,
  testImagesOfJobs,
  testImageUrl,
} from '../domain/test-images.js';
import * as v from '../domain/validation.js';
import { loadUser, UserRef } from './user.js';

/** The test image a job of the caller's account made (null for other jobs and other accounts). */
function loadTestImageOfJob(ctx: SystemContext, jobId: string) {
  const caller = ctx.caller;
  if (!caller) return Promise.resolve(null);
  return loaderFor<string, TestImageRow | null>(ctx, 'testImagesByJob', async (jobIds) =>
    byKeys(jobIds, await testImagesOfJobs(ctx.system, caller, jobIds), (row) => row.jobId),
  ).load(jobId);
}

const TestImageRef = builder.objectRef<TestImageRow>('TestImage');

/** Resolvable here for the field this subgraph adds; every other Job field is automation's. */
const JobRef = builder.objectRef<{ id: string }>('Job');
builder.asEntity(JobRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref) => ({ id: ref.id }),
});
JobRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    testImage: t.field({
      type: TestImageRef,
      nullable: true,
      description: 'The image a `system.test-image` job made, once it is saved (null for other jobs).',
      resolve: (job, _args, ctx) => loadTestImageOfJob(ctx, job.id),
    }),
  }),
});

TestImageRef.implement({
  description: 'A sample image from Thinker → Image testing.',
  fields: (t) => ({
    id: t.exposeID('id'),
    prompt: t.exposeString('prompt', { description: 'What was asked for, as typed.' }),
    size: t.exposeString('size', { description: 'Width×height in pixels, e.g. 1024x1024.' }),
    style: t.exposeString('style', { nullable: true }),
    url: t.string({
      description:
        'Where the image opens (a path on the gateway, `/files/system/…`): signed, it works without a token for about an hour. Ask again for a fresh one.',
      resolve: (image, _args, ctx) => testImageUrl(ctx.system, image),
    }),
    mimeType: t.exposeString('mimeType'),
    model: t.exposeString('model', { description: 'The image model that drew it.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (image) => image.createdAt }),
    createdBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who started it (null when they left the team).',
      resolve: (image, _args, ctx) => (image.createdBy ? loadUser(ctx, image.createdBy) : null),
    }),
    job: t.field({
      type: JobRef,
      description: 'The job that made it.',
      resolve: (image) => ({ id: image.jobId }),
    }),
  }),
});

const GenerateTestImageInput = builder.inputType('GenerateTestImageInput', {
  fields: (t) => ({
    prompt: t.string({
      required: true,
      description: `What the image shows, ${PROMPT_MIN_LENGTH}–${PROMPT_MAX_LENGTH} characters; your Image generation prompt is wrapped around it.`,
    }),
    size: t.string({ description: `One of testImageSizes; ${DEFAULT_TEST_IMAGE_SIZE} when absent.` }),
    style: t.string({
      description: `e.g. photorealistic or flat illustration; at most ${STYLE_MAX_LENGTH} characters.`,
    }),
  }),
});

builder.queryFields((t) => ({
  testImages: t.connection(
    {
      type: TestImageRef,
      description: "Your account's test images, newest first.",
      authScopes: scopePresets.member,
      resolve: (_root, args, ctx) => connectionOf(args, (page) => listTestImages(ctx.system, callerOf(ctx), { page })),
    },
    { name: 'TestImageConnection' },
    { name: 'TestImageEdge' },
  ),
  testImage: t.field({
    type: TestImageRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => getTestImage(ctx.system, callerOf(ctx), args.id),
  }),
  testImageSizes: t.stringList({
    description: 'The sizes a test image can have, smallest first.',
    resolve: () => [...TEST_IMAGE_SIZES],
  }),
}));

builder.mutationFields((t) => ({
  generateTestImage: t.field({
    type: JobRef,
    description:
      'Starts a test image: the credits of one image generation are held now and charged when it is saved. Follow it with `subscription { jobProgress(id) }`; `Job.testImage` has the image.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: GenerateTestImageInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const job = await startTestImage(ctx.system, callerOf(ctx), input);
      return { id: job.id };
    },
  }),
}));
