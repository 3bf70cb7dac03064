// Article images end to end: a written article → image prompts (featured + in-article, from its
// H2s, 2 credits per article) → images rendered as real PNGs (5 credits each), stored once per
// content hash, placed after their H2s, served by signed links → uploads (PNG/JPEG/WebP only,
// size-limited, re-encoded) → another account's images unseen, viewers read-only; and a model
// that fails one image: that image FAILED with its reason and not charged.

import { pngSize } from '@igny8/lib';
import {
  createSiteWithSector,
  type OpenAiProtocolServer,
  type Place,
  type RecordedRequest,
  startOpenAiProtocolServer,
} from '@igny8/lib/testing';
import { offlineArticle } from '@igny8/writer/article';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, gqlOk, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { waitForJob } from './jobs-fixtures.js';

const CREATE_TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
const GENERATE = `mutation($input: GenerateContentInput!) { generateContent(input: $input) { id } }`;
const TASK = `query($id: ID!) { task(id: $id) { status error content { id } } }`;
const PROMPTS = `mutation($input: GenerateImagePromptsInput!) { generateImagePrompts(input: $input) { id } }`;
const RENDER = `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { id } }`;
const REGENERATE = `mutation($input: RegenerateImageInput!) { regenerateImage(input: $input) { id } }`;
const IMAGE_FIELDS =
  'id kind position prompt altText caption status error url mimeType bytes width height provider uploaded';
const CONTENT = `query($id: ID!) { content(id: $id) { id html version featuredImage { id } images { ${IMAGE_FIELDS} } } }`;
const IMAGE = `query($id: ID!) { image(id: $id) { ${IMAGE_FIELDS} } }`;
const UPDATE_CONTENT = `mutation($input: UpdateContentInput!) { updateContent(input: $input) { id html } }`;
const BALANCE = '{ creditBalance { balance reserved } }';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface ImageView {
  id: string;
  kind: string;
  position: number;
  prompt: string;
  altText: string;
  caption: string;
  status: string;
  error: string | null;
  url: string | null;
  mimeType: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  provider: string | null;
  uploaded: boolean;
}

const balance = async (p: Platform, token: string) => (await gqlOk(p, BALANCE, {}, token)).creditBalance.balance;
const pathOf = (url: string) => url.split('?')[0]!;

async function writeArticle(p: Platform, token: string, place: Place, input: Record<string, unknown>) {
  const { createTask } = await gqlOk(p, CREATE_TASK, { input: { ...place, ...input } }, token);
  const { generateContent } = await gqlOk(p, GENERATE, { input: { taskIds: [createTask.id] } }, token);
  const done = await waitForJob(p, token, generateContent.id, 'error');
  expect(done.status, done.error ?? '').toBe('SUCCEEDED');
  return (await gqlOk(p, TASK, { id: createTask.id }, token)).task.content.id as string;
}

async function runJob(p: Platform, token: string, mutation: string, input: Record<string, unknown>) {
  const data = await gqlOk(p, mutation, { input }, token);
  const job = await waitForJob(p, token, (Object.values(data)[0] as { id: string }).id, 'error resultSummary');
  expect(job.status, job.error ?? '').toBe('SUCCEEDED');
  return job as { status: string; resultSummary: string };
}

const json = (res: Response): Promise<any> => res.json();

const upload = (p: Platform, token: string, query: string, body: Buffer | string, type = 'image/png') =>
  fetch(`${p.url}/api/v1/writer/images/upload/?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });

describe('article images with the offline provider', () => {
  let p: Platform;
  let owner: Session;
  let viewer: Session;
  let stranger: Session;
  let place: Place;
  let contentId: string;
  let images: ImageView[];

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Writer Images');
    await setPlan(p, owner.accountId, 'growth');
    viewer = await addMember(p, owner, 'VIEWER');
    stranger = await registerOwner(p, 'Other Images');
    await setPlan(p, stranger.accountId, 'growth');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Paws Blog', sector: 'Dogs' });
    contentId = await writeArticle(p, owner.token, place, {
      title: 'How to train a puppy to sit',
      primaryKeyword: 'train a puppy to sit',
      contentType: 'HOW_TO',
      wordCountTarget: 900,
      outline: [
        { heading: 'Why sitting comes first', points: ['calm behaviour'] },
        { heading: 'What you need', points: ['treats'] },
        { heading: 'Step by step', points: ['lure', 'reward'] },
        { heading: 'Common mistakes', points: ['long sessions'] },
      ],
    });
  });

  afterAll(async () => {
    await p?.close();
  });

  it('draws one featured and two in-article prompts from the H2s, for 2 credits per article', async () => {
    const before = await balance(p, owner.token);
    const job = await runJob(p, owner.token, PROMPTS, { contentIds: [contentId] });
    expect(job.resultSummary).toBe('Chose 3 images for 1 of 1 article');
    expect(before - (await balance(p, owner.token))).toBe(2);
    const { content } = await gqlOk(p, CONTENT, { id: contentId }, owner.token);
    images = content.images;
    expect(images.map((i) => [i.kind, i.position, i.status])).toEqual([
      ['FEATURED', 0, 'PENDING'],
      ['IN_ARTICLE', 1, 'PENDING'],
      ['IN_ARTICLE', 2, 'PENDING'],
    ]);
    expect(content.featuredImage.id).toBe(images[0]!.id);
    expect(images[1]!.caption).toBe('Why sitting comes first');
    expect(images[2]!.caption).toBe('What you need');
    for (const image of images) {
      expect(image.prompt.length).toBeGreaterThan(20);
      expect(image.altText.length).toBeGreaterThan(0);
      expect(image.url).toBeNull();
    }
  });

  it('renders real PNGs for 5 credits each and places the in-article ones after their H2s', async () => {
    const estimate = await gqlOk(
      p,
      'query($input: GenerateImagesInput!) { imagesEstimate(input: $input) { images credits } }',
      { input: { contentIds: [contentId] } },
      owner.token,
    );
    expect(estimate.imagesEstimate).toEqual({ images: 3, credits: 15 });
    const before = await balance(p, owner.token);
    const job = await runJob(p, owner.token, RENDER, { contentIds: [contentId] });
    expect(job.resultSummary).toBe('Rendered 3 of 3 images');
    expect(before - (await balance(p, owner.token))).toBe(15);

    const { content } = await gqlOk(p, CONTENT, { id: contentId }, owner.token);
    images = content.images;
    for (const image of images) {
      expect(image).toMatchObject({ status: 'GENERATED', mimeType: 'image/png', provider: 'offline', uploaded: false });
      expect(image.url).toMatch(
        new RegExp(`^/files/writer/${owner.accountId}/[0-9a-f-]{36}\\.png\\?expires=\\d+&signature=[\\w-]+$`),
      );
      const file = await fetch(`${p.url}${image.url}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(bytes.length).toBe(image.bytes);
      expect(pngSize(bytes)).toEqual({ width: image.width, height: image.height });
    }
    expect([images[0]!.width, images[0]!.height]).toEqual([1792, 1024]);
    expect([images[1]!.width, images[1]!.height]).toEqual([1024, 1024]);

    // Image N right after the N-th H2, with its alt text and caption; the signed link works as it is.
    const sections = content.html.split(/<\/h2>/);
    expect(sections.length).toBeGreaterThan(4);
    for (const [n, image] of images.slice(1).entries()) {
      const after = sections[n + 1]!;
      expect(after.startsWith('<figure><img src="')).toBe(true);
      expect(after).toContain(`alt="${image.altText}"`);
      expect(after).toContain(`<figcaption>${image.caption}</figcaption>`);
      expect(after).toContain(pathOf(image.url!));
    }
    expect(sections[3]).not.toContain('<figure>');
    const src = /<img src="([^"]+)"/.exec(content.html)![1]!.replaceAll('&amp;', '&');
    expect((await fetch(`${p.url}${src}`)).status).toBe(200);

    // A save of the HTML as read keeps the links unsigned in the article and the figures once each.
    const { updateContent } = await gqlOk(
      p,
      UPDATE_CONTENT,
      { input: { id: contentId, version: content.version, html: content.html } },
      owner.token,
    );
    expect(updateContent.html.match(/<figure>/g)).toHaveLength(2);
    expect(updateContent.html).toMatch(/\.png\?expires=\d+&amp;signature=/);
  });

  it('stores a file once per content hash: the same prompt rendered again is the same file', async () => {
    const before = await balance(p, owner.token);
    const image = images[1]!;
    await runJob(p, owner.token, REGENERATE, { id: image.id });
    expect(before - (await balance(p, owner.token))).toBe(5);
    const again = (await gqlOk(p, IMAGE, { id: image.id }, owner.token)).image as ImageView;
    expect(pathOf(again.url!)).toBe(pathOf(image.url!));

    // A new prompt is a new picture: a new file, and the article shows it after the same H2.
    await runJob(p, owner.token, REGENERATE, { id: image.id, prompt: 'A puppy sitting on a green lawn at dusk.' });
    const changed = (await gqlOk(p, IMAGE, { id: image.id }, owner.token)).image as ImageView;
    expect(changed.prompt).toBe('A puppy sitting on a green lawn at dusk.');
    expect(pathOf(changed.url!)).not.toBe(pathOf(image.url!));
    // The old file shows nothing any more: it is gone.
    expect((await fetch(`${p.url}${image.url}`)).status).toBe(404);
    const { content } = await gqlOk(p, CONTENT, { id: contentId }, owner.token);
    expect(content.html.split(/<\/h2>/)[1]).toContain(pathOf(changed.url!));
    expect(content.html.match(/<figure>/g)).toHaveLength(2);
  });

  it('takes an uploaded PNG (re-encoded, stored once) and refuses text, oversized files, strangers and viewers', async () => {
    const png = (await fetch(`${p.url}${images[0]!.url}`).then((r) => r.arrayBuffer())) as ArrayBuffer;
    const first = await upload(p, owner.token, `content_id=${contentId}&alt_text=Our%20puppy`, Buffer.from(png));
    const answer = await json(first);
    expect(first.status, JSON.stringify(answer)).toBe(201);
    expect(answer.data).toMatchObject({
      kind: 'in_article',
      position: 3,
      status: 'generated',
      uploaded: true,
      mime_type: 'image/png',
      alt_text: 'Our puppy',
      width: 1792,
      height: 1024,
    });
    const second = await json(await upload(p, owner.token, `content_id=${contentId}`, Buffer.from(png)));
    expect(pathOf(second.data.url)).toBe(pathOf(answer.data.url));
    const stored = Buffer.from(await (await fetch(`${p.url}${answer.data.url}`)).arrayBuffer());
    expect(stored.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    const text = await upload(p, owner.token, `content_id=${contentId}`, 'just some words', 'image/png');
    expect(text.status).toBe(400);
    expect((await json(text)).error).toMatch(/not a PNG, JPEG or WebP image/);

    const huge = await upload(p, owner.token, `content_id=${contentId}`, Buffer.alloc(6 * 1024 * 1024, 1));
    expect(huge.status).toBe(413);
    expect((await json(huge)).error).toMatch(/larger than 5 MB/);

    const foreign = await upload(p, stranger.token, `content_id=${contentId}`, Buffer.from(png));
    expect(foreign.status).toBe(404);
    const viewing = await upload(p, viewer.token, `content_id=${contentId}`, Buffer.from(png));
    expect(viewing.status).toBe(403);
  });

  it("hides an account's images from others and lets viewers read but not change them", async () => {
    const image = images[0]!;
    const theirs = await p.gql(IMAGE, { id: image.id }, stranger.token);
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await p.rest('GET', `/writer/images/${image.id}/`, { token: stranger.token })).status).toBe(404);
    expect((await p.rest('GET', `/writer/images/${image.id}/file/`, { token: stranger.token })).status).toBe(404);
    expect((await gqlOk(p, IMAGE, { id: image.id }, viewer.token)).image.id).toBe(image.id);
    const edit = await p.gql(
      `mutation($input: UpdateImageInput!) { updateImage(input: $input) { id } }`,
      { input: { id: image.id, altText: 'changed' } },
      viewer.token,
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const render = await p.gql(RENDER, { input: { imageIds: [image.id] } }, viewer.token);
    expect(render.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves the REST routes: list with filters, one image, its file, edits, prompts and renders', async () => {
    const featured = await p.rest('GET', `/writer/images/?content_id=${contentId}&image_type=featured`, {
      token: owner.token,
    });
    expect(featured.status).toBe(200);
    expect(featured.body.count).toBe(1);
    expect(featured.body.results[0].id).toBe(images[0]!.id);
    const all = await p.rest('GET', `/writer/images/?content_id=${contentId}&status=generated`, { token: owner.token });
    expect(all.body.count).toBe(5);
    expect(all.body.results.filter((i: { uploaded: boolean }) => i.uploaded)).toHaveLength(2);

    const one = await p.rest('PATCH', `/writer/images/${images[2]!.id}/`, {
      token: owner.token,
      body: { caption: 'Treats, a clicker and a quiet room' },
    });
    expect(one.status).toBe(200);
    expect(one.body.data.caption).toBe('Treats, a clicker and a quiet room');
    const { content } = await gqlOk(p, CONTENT, { id: contentId }, owner.token);
    expect(content.html).toContain('<figcaption>Treats, a clicker and a quiet room</figcaption>');

    const file = await fetch(`${p.url}/api/v1/writer/images/${images[0]!.id}/file/`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');

    const prompts = await p.rest('POST', '/writer/content/generate_image_prompts/', {
      token: owner.token,
      body: { ids: [contentId] },
    });
    expect(prompts.status).toBe(202);
    expect((await waitForJob(p, owner.token, prompts.body.data.id)).status).toBe('SUCCEEDED');
    const render = await p.rest('POST', '/writer/images/generate_images/', {
      token: owner.token,
      body: { ids: [images[0]!.id] },
    });
    expect(render.status).toBe(202);
    expect((await waitForJob(p, owner.token, render.body.data.id)).status).toBe('SUCCEEDED');

    const deleted = await p.rest('DELETE', `/writer/images/${images[2]!.id}/`, { token: owner.token });
    expect(deleted.status).toBe(204);
    const after = (await gqlOk(p, CONTENT, { id: contentId }, owner.token)).content;
    expect(after.html).not.toContain('Treats, a clicker and a quiet room');

    // Deleting the article deletes its images' files too (none is shown by another article).
    const links = (after.images as ImageView[]).map((i) => i.url!).filter(Boolean);
    expect(links.length).toBeGreaterThan(0);
    await gqlOk(
      p,
      'mutation($input: ContentIdsInput!) { deleteContents(input: $input) { deletedCount } }',
      { input: { ids: [contentId] } },
      owner.token,
    );
    for (const link of links) expect((await fetch(`${p.url}${link}`)).status).toBe(404);
  });
});

/** The model: article JSON for the writing prompt, image prompts JSON for the art director's. */
function modelAnswer(request: RecordedRequest): string {
  const text = ((request.body.messages ?? []) as { content: string }[]).map((m) => m.content).join('\n');
  if (text.includes('art director')) {
    return JSON.stringify({
      featured: { prompt: 'Roses in a spring garden, morning light.', alt: 'Pruned roses in spring' },
      in_article: [
        {
          after_heading: '',
          prompt: 'Secateurs cutting a rose cane.',
          alt: 'Cutting a cane',
          caption: 'Cut above a bud.',
        },
        {
          after_heading: '',
          prompt: 'A rose bush after pruning.',
          alt: 'A pruned bush',
          caption: 'Open in the middle.',
        },
      ],
    });
  }
  const title = /Title: (.*)/.exec(text)?.[1]?.trim() ?? '';
  const keyword = /Primary keyword: (.*)/.exec(text)?.[1]?.trim() ?? '';
  const words = Number(/about (\d+) words/.exec(text)?.[1] ?? 1000);
  const brief = {
    title,
    primaryKeyword: keyword,
    secondaryKeywords: [],
    outline: [],
    contentType: 'post',
    contentStructure: 'article' as const,
    targetWords: words,
  };
  return JSON.stringify(offlineArticle(brief, 7));
}

describe('article images from a model over the OpenAI protocol', () => {
  const KEY = 'sk-images-test';
  let server: OpenAiProtocolServer;
  let p: Platform;
  let owner: Session;

  beforeAll(async () => {
    server = await startOpenAiProtocolServer({ apiKey: KEY, chatContent: modelAnswer });
    p = await startPlatform({
      system: { AI_PROVIDER: 'openai', OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: KEY },
    });
    owner = await registerOwner(p, 'Model Images');
    await setPlan(p, owner.accountId, 'growth');
  });

  afterAll(async () => {
    await p?.close();
    await server?.close();
  });

  it('marks the image the model refused FAILED with its reason, and charges only the others', async () => {
    const place = await createSiteWithSector(p.gql, owner.token, { name: 'Garden Notes', sector: 'Roses' });
    const contentId = await writeArticle(p, owner.token, place, {
      title: 'Pruning roses in spring',
      primaryKeyword: 'pruning roses',
      wordCountTarget: 800,
    });
    await gqlOk(
      p,
      'mutation($input: UpdateAiSettingsInput!) { updateAiSettings(input: $input) { imageStyle } }',
      { input: { imageStyle: 'soft watercolour' } },
      owner.token,
    );
    await runJob(p, owner.token, PROMPTS, { contentIds: [contentId] });
    // The account's image style reaches the art director's prompt and every image's.
    const asked = server.requests.find((r) => JSON.stringify(r.body).includes('art director'))!;
    expect(JSON.stringify(asked.body)).toContain('Image style: soft watercolour');
    const prompts = (await gqlOk(p, CONTENT, { id: contentId }, owner.token)).content.images as ImageView[];
    expect(prompts.map((i) => i.prompt)).toEqual([
      'Roses in a spring garden, morning light.',
      'Secateurs cutting a rose cane.',
      'A rose bush after pruning.',
    ]);

    const before = await balance(p, owner.token);
    server.next({
      status: 400,
      error: { message: 'Your request was rejected by the safety system.', code: 'content_policy_violation' },
    });
    const job = await runJob(p, owner.token, RENDER, { contentIds: [contentId] });
    expect(job.resultSummary).toMatch(/^Rendered 2 of 3 images; 1 failed/);
    expect(before - (await balance(p, owner.token))).toBe(10);
    const { content } = await gqlOk(p, CONTENT, { id: contentId }, owner.token);
    const failed = content.images.filter((i: ImageView) => i.status === 'FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toMatch(/safety system/);
    expect(failed[0].url).toBeNull();
    const drawn = server.requests.filter((r) => r.path === '/v1/images/generations');
    expect(drawn).toHaveLength(3);
    for (const request of drawn) expect(String(request.body.prompt)).toContain('Style: soft watercolour.');
    expect(content.images.filter((i: ImageView) => i.status === 'GENERATED')).toHaveLength(2);
  });
});
