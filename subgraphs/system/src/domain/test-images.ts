// Thinker → Image testing: what a test image request may hold, the text the image model gets
// (the account's image prompt wrapped around the person's words), starting the job, and reading
// the gallery.
import type { Tx } from '@igny8/db';
import {
  type Caller,
  fillPromptText,
  type ImageSize,
  type JobRecord,
  NotFoundError,
  type PageWindow,
  pageOf,
  variablesIn,
} from '@igny8/lib';
import { z } from 'zod';
import { findAiSettings } from '../store/ai-settings.js';
import type { NewTestImage, TestImageRow } from '../store/test-images.js';
import * as testImagesStore from '../store/test-images.js';
import { inModule } from './modules.js';
import { promptTextOf } from './prompts.js';
import type { SystemServices } from './services.js';

export type { TestImageRow } from '../store/test-images.js';

export const TEST_IMAGE_JOB = 'system.test-image';
/** The billing operation a test image is charged as (SPEC.md: image generation, per image). */
export const IMAGE_GENERATION = 'image_generation';

/** The sizes the image providers draw. */
export const TEST_IMAGE_SIZES = [
  '256x256',
  '512x512',
  '1024x1024',
  '1024x1792',
  '1792x1024',
] as const satisfies readonly ImageSize[];
export type TestImageSize = (typeof TEST_IMAGE_SIZES)[number];
export const DEFAULT_TEST_IMAGE_SIZE: TestImageSize = '1024x1024';

export const PROMPT_MIN_LENGTH = 3;
export const PROMPT_MAX_LENGTH = 1000;
export const STYLE_MAX_LENGTH = 100;

export const testImageInputSchema = z.object({
  prompt: z
    .string({ error: 'is required' })
    .trim()
    .min(1, { message: 'is required', abort: true })
    .min(PROMPT_MIN_LENGTH, `must be at least ${PROMPT_MIN_LENGTH} characters`)
    .max(PROMPT_MAX_LENGTH, `must be at most ${PROMPT_MAX_LENGTH.toLocaleString('en')} characters`),
  size: z
    .enum(TEST_IMAGE_SIZES, { error: `must be one of ${TEST_IMAGE_SIZES.join(', ')}` })
    .nullish()
    .transform((size) => size ?? DEFAULT_TEST_IMAGE_SIZE),
  style: z
    .string()
    .trim()
    .max(STYLE_MAX_LENGTH, `must be at most ${STYLE_MAX_LENGTH} characters`)
    .nullish()
    .transform((style) => style || undefined),
});
export type TestImageInput = z.output<typeof testImageInputSchema>;
/** What a client sends; the job runtime checks it against testImageInputSchema. */
export interface TestImageRequest {
  prompt: string;
  size?: string | null | undefined;
  style?: string | null | undefined;
}

/** `1024x1024` as people write it. */
export const sizeLabel = (size: string) => size.replace('x', '×');

/** What the jobs list says about a request. */
export function summarizeTestImage(input: TestImageInput): string {
  const prompt = input.prompt.length > 60 ? `${input.prompt.slice(0, 59)}…` : input.prompt;
  return `${sizeLabel(input.size)} test image: ${prompt}`;
}

// Said when no style is given: the default image prompt has a "Style:" line, and an empty one
// would read as a mistake to the model.
const ANY_STYLE = 'whatever suits the subject best';
const TITLE_MAX_LENGTH = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The text for the image model: the account's `image` prompt with the person's words as its
 * `{{image_prompt}}`, as an article image would get it, so a test shows what the template does.
 * A template without `{{image_prompt}}` could not carry the words: they are sent as they are.
 * `style` is what the provider must add itself, when the text does not already carry it.
 */
export function imagePromptFor(template: string, input: TestImageInput): { prompt: string; style?: string } {
  const used = new Set(variablesIn(template));
  if (!used.has('image_prompt')) return { prompt: input.prompt, ...(input.style ? { style: input.style } : {}) };
  const prompt = fillPromptText(template, {
    image_prompt: input.prompt,
    image_style: input.style ?? ANY_STYLE,
    // A test image has no article: it stands in for the featured image of one about its subject.
    image_type: 'featured',
    title: input.prompt.length > TITLE_MAX_LENGTH ? `${input.prompt.slice(0, TITLE_MAX_LENGTH - 1)}…` : input.prompt,
  }).trim();
  return { prompt, ...(input.style && !used.has('image_style') ? { style: input.style } : {}) };
}

/** The image an earlier attempt of this job saved (it stopped before the job was marked done). */
export function testImageSavedBy(tx: Tx, accountId: string, jobId: string): Promise<TestImageRow | undefined> {
  return testImagesStore.findTestImageByJob(tx, accountId, jobId);
}

/** The text for the image model, from the account's `image` prompt (see `imagePromptFor`). */
export async function testImagePrompt(tx: Tx, accountId: string, input: TestImageInput) {
  return imagePromptFor(await promptTextOf(tx, accountId, 'image'), input);
}

/** Adds a drawn image to the gallery; when another attempt of the job saved one first, that one. */
export function saveTestImage(tx: Tx, values: NewTestImage): Promise<TestImageRow> {
  return testImagesStore.insertTestImage(tx, values);
}

/**
 * Starts a test image job: the Thinker module must be on; billing holds its credits. A size or
 * style left out is the account's default from its AI settings, fixed now so the job list shows
 * what will be drawn (an empty style asks for none).
 */
export async function startTestImage(s: SystemServices, caller: Caller, request: TestImageRequest): Promise<JobRecord> {
  // Its own transaction: the job runtime writes the job in one of its own, and PGlite is one
  // connection (a transaction held open here would wait for it forever).
  const settings = await inModule(s, caller, 'thinker', (tx) => findAiSettings(tx, caller.accountId));
  const withDefaults: TestImageRequest = {
    ...request,
    size: request.size ?? settings?.imageSize ?? undefined,
    style: request.style ?? settings?.imageStyle ?? undefined,
  };
  return s.jobs.enqueue(caller, TEST_IMAGE_JOB, withDefaults, { requestId: caller.requestId });
}

export function listTestImages(s: SystemServices, caller: Caller, input: { page: PageWindow }) {
  return inModule(s, caller, 'thinker', (tx) =>
    pageOf(
      input.page,
      () => testImagesStore.countTestImages(tx, caller.accountId),
      (page) => testImagesStore.listTestImages(tx, caller.accountId, page),
    ),
  );
}

export function getTestImage(s: SystemServices, caller: Caller, id: string): Promise<TestImageRow> {
  return inModule(s, caller, 'thinker', async (tx) => {
    const row = await testImagesStore.findTestImage(tx, caller.accountId, id);
    if (!row) throw new NotFoundError('Test image', id);
    return row;
  });
}

/** The test images the account's jobs made, by job id (batched for `Job.testImage`). */
export function testImagesOfJobs(
  s: SystemServices,
  caller: Caller,
  jobIds: readonly string[],
): Promise<TestImageRow[]> {
  const { accountId } = caller;
  // A malformed id names no job; PostgreSQL would refuse the uuid cast instead.
  const wanted = jobIds.filter((id) => UUID.test(id));
  if (wanted.length === 0) return Promise.resolve([]);
  return s.database.tenant(accountId, (tx) => testImagesStore.findTestImagesByJobs(tx, accountId, wanted));
}

/** A signed URL that opens the image for a while (an `<img src>` sends no token). */
export const testImageUrl = (s: SystemServices, row: TestImageRow) => s.fileUrls.url(row.accountId, row.fileKey);
