// Thinker → Image testing end to end through the gateway, with the real system, billing and
// automation subgraphs: the job, its live progress, its credits, the stored image behind a signed
// link, and who may do and see what. Once with the offline provider, once with an
// OpenAI-compatible server that answers as the test tells it to.
import { request } from 'node:http';
import { type OpenAiProtocolServer, startOpenAiProtocolServer, TEST_PNG } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, PASSWORD, registerOwner, type Session, setPlan, uniqueEmail } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { followJob } from './jobs-fixtures.js';

const OPERATOR = { email: uniqueEmail('operator'), password: PASSWORD };
const GENERATE = `mutation($input: GenerateTestImageInput!) {
  generateTestImage(input: $input) { id kind status creditsReserved inputSummary } }`;
const BALANCE = '{ creditBalance { balance reserved available } }';
const JOB_FIELDS = `id title label progress step message error resultSummary creditsCharged result testImage { id url mimeType size }`;
const DEDUCTIONS = `{ creditTransactions(type: DEDUCTION, first: 50) {
  edges { node { amount referenceId description } } } }`;

type JobEvent = {
  id: string;
  title: string;
  label: string;
  status: string;
  progress: number;
  step: string;
  message: string;
  error: string | null;
  resultSummary: string | null;
  creditsCharged: number;
  result: { imageId: string } | null;
  testImage: { id: string; url: string; mimeType: string; size: string } | null;
};

/** GET `path` exactly as written, without the URL normalisation fetch applies. */
function rawStatus(p: Platform, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(p.url);
    const req = request({ hostname, port, path, headers: { accept: 'image/*' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function balanceOf(p: Platform, s: Session) {
  const res = await p.gql(BALANCE, {}, s.token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.creditBalance as { balance: number; reserved: number; available: number };
}

async function deductionsOf(p: Platform, s: Session) {
  const res = await p.gql(DEDUCTIONS, {}, s.token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return (res.data.creditTransactions.edges as { node: { amount: number; referenceId: string } }[]).map((e) => e.node);
}

async function testImageJobCount(p: Platform, s: Session): Promise<number> {
  const res = await p.gql('{ jobs(kind: ["system.test-image"]) { totalCount } }', {}, s.token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.jobs.totalCount;
}

/** Starts a test image and follows it to its end. */
async function generate(p: Platform, s: Session, input: Record<string, unknown>) {
  const started = await p.gql(GENERATE, { input }, s.token);
  if (started.errors) throw new Error(JSON.stringify(started.errors));
  const job = started.data.generateTestImage as {
    id: string;
    kind: string;
    status: string;
    creditsReserved: number;
    inputSummary: string;
  };
  const events = await followJob<JobEvent>(p, s.token, job.id, JOB_FIELDS);
  return { job, events, final: events.at(-1)! };
}

describe('image testing with the offline provider', () => {
  let p: Platform;
  let owner: Session;
  let operatorToken: string;

  beforeAll(async () => {
    p = await startPlatform({
      system: { SUPERUSER_EMAIL: OPERATOR.email, SUPERUSER_PASSWORD: OPERATOR.password },
    });
    owner = await registerOwner(p, 'Pixel Agency');
    const login = await p.gql('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
      input: OPERATOR,
    });
    if (login.errors) throw new Error(JSON.stringify(login.errors));
    operatorToken = login.data.login.accessToken;
  });
  afterAll(() => p?.close());

  it('shows the cost first, draws the image as a job, charges exactly that once and lists it', async () => {
    const estimate = await p.gql('{ estimateCredits(operation: "image_generation", units: 1) }', {}, owner.token);
    expect(estimate.data.estimateCredits).toBe(5);
    const before = await balanceOf(p, owner);

    const { job, events, final } = await generate(p, owner, { prompt: 'A red bicycle leaning on a brick wall' });
    expect(job).toMatchObject({ kind: 'system.test-image', creditsReserved: 5 });
    expect(['QUEUED', 'RUNNING']).toContain(job.status);
    // Progress only moves forward, and ends done with the image.
    const progress = events.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(final).toMatchObject({
      status: 'SUCCEEDED',
      progress: 100,
      step: 'DONE',
      error: null,
      resultSummary: '1024×1024 image generated',
      creditsCharged: 5,
      testImage: { mimeType: 'image/svg+xml', size: '1024x1024' },
    });
    expect(final.result).toEqual({ imageId: final.testImage!.id });

    // The link opens the image through the gateway, without a token.
    expect(final.testImage!.url).toMatch(
      new RegExp(`^/files/system/${owner.accountId}/[0-9a-f-]{36}\\.svg\\?expires=\\d+&signature=[\\w-]+$`),
    );
    const image = await fetch(`${p.url}${final.testImage!.url}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await image.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    // Five credits left the balance, once, with the job as the ledger's reference.
    expect(await balanceOf(p, owner)).toEqual({
      balance: before.balance - 5,
      reserved: 0,
      available: before.available - 5,
    });
    const deductions = (await deductionsOf(p, owner)).filter((d) => d.referenceId === job.id);
    expect(deductions).toEqual([expect.objectContaining({ amount: -5, referenceId: job.id })]);

    // The ledger line names the job as the job names itself, and leads to it; so does every event.
    const named = await p.gql(
      `{ creditTransactions(type: DEDUCTION, first: 50) { edges { node { description job { id title label } } } } }`,
      {},
      owner.token,
    );
    expect(named.errors).toBeUndefined();
    const line = `Image test: ${job.inputSummary}`;
    expect(job.inputSummary).toBe('1024×1024 test image: A red bicycle leaning on a brick wall');
    expect(named.data.creditTransactions.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      description: line,
      job: { id: job.id, title: 'Image test', label: line },
    });
    expect(events.map((e) => [e.title, e.label])).toEqual(events.map(() => ['Image test', line]));

    // The gallery lists it first, and the image and its job find each other.
    const gallery = await p.gql(
      '{ testImages(first: 10) { totalCount edges { node { id prompt size style model url job { id status } } } } }',
      {},
      owner.token,
    );
    expect(gallery.errors).toBeUndefined();
    expect(gallery.data.testImages.totalCount).toBe(1);
    expect(gallery.data.testImages.edges[0].node).toMatchObject({
      id: final.testImage!.id,
      prompt: 'A red bicycle leaning on a brick wall',
      size: '1024x1024',
      style: null,
      model: 'offline-image',
      job: { id: job.id, status: 'SUCCEEDED' },
    });
    const byJob = await p.gql(
      'query($id: ID!) { job(id: $id) { testImage { id prompt } } }',
      { id: job.id },
      owner.token,
    );
    expect(byJob.data.job.testImage).toEqual({
      id: final.testImage!.id,
      prompt: 'A red bicycle leaning on a brick wall',
    });
    // The system subgraph's own jobs notify too (directly, not over a service call).
    const bell = await p.gql('{ notifications(first: 1) { edges { node { kind severity title } } } }', {}, owner.token);
    expect(bell.data.notifications.edges[0].node).toMatchObject({ kind: 'job_succeeded', severity: 'SUCCESS' });
  });

  it('keeps the size and style asked for, newest first in the gallery', async () => {
    const { final } = await generate(p, owner, {
      prompt: 'A lighthouse at dusk',
      size: '512x512',
      style: 'watercolour',
    });
    expect(final.status).toBe('SUCCEEDED');
    expect(final.resultSummary).toBe('512×512 image generated');
    const gallery = await p.gql('{ testImages(first: 1) { edges { node { id size style } } } }', {}, owner.token);
    expect(gallery.data.testImages.edges[0].node).toEqual({
      id: final.testImage!.id,
      size: '512x512',
      style: 'watercolour',
    });
    const sizes = await p.gql('{ testImageSizes }', {}, owner.token);
    expect(sizes.data.testImageSizes).toEqual(['256x256', '512x512', '1024x1024', '1024x1792', '1792x1024']);
  });

  it('refuses bad input naming the field, before anything is held or recorded', async () => {
    const before = await balanceOf(p, owner);
    const jobs = await testImageJobCount(p, owner);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ prompt: 'ab' }, 'prompt', /at least 3 characters/],
      [{ prompt: 'x'.repeat(1001) }, 'prompt', /at most 1,000 characters/],
      [{ prompt: 'A cat', size: '100x100' }, 'size', /must be one of 256x256, 512x512, 1024x1024/],
      [{ prompt: 'A cat', style: 's'.repeat(101) }, 'style', /at most 100 characters/],
    ];
    for (const [input, field, message] of cases) {
      const res = await p.gql(GENERATE, { input }, owner.token);
      expect(res.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.fields?.[field]?.join(' '), field).toMatch(message);
    }
    expect(await balanceOf(p, owner)).toEqual(before);
    expect(await testImageJobCount(p, owner)).toBe(jobs);
  });

  it('refuses too few credits with the numbers, and records no job', async () => {
    const poor = await registerOwner(p, 'Thin Wallet Agency');
    const start = await balanceOf(p, poor);
    const drained = await p.gql(
      'mutation($input: AdjustCreditsInput!) { adjustCredits(input: $input) { balanceAfter } }',
      { input: { accountId: poor.accountId, amount: 3 - start.balance, reason: 'Image testing: too few credits' } },
      operatorToken,
    );
    expect(drained.data?.adjustCredits.balanceAfter).toBe(3);

    const res = await p.gql(GENERATE, { input: { prompt: 'A golden retriever on a beach' } }, poor.token);
    expect(res.errors?.[0]).toMatchObject({
      message: 'This needs 5 credits and the account has 3 available.',
      extensions: { code: 'INSUFFICIENT_CREDITS', needed: 5, available: 3 },
    });
    expect(await testImageJobCount(p, poor)).toBe(0);
    expect(await balanceOf(p, poor)).toEqual({ balance: 3, reserved: 0, available: 3 });

    // The REST answer is a 402 in the error envelope.
    const rest = await p.rest('POST', '/system/image-testing/', {
      token: poor.token,
      body: { prompt: 'A golden retriever on a beach' },
    });
    expect(rest.status).toBe(402);
    expect(rest.body).toMatchObject({ success: false, error: 'This needs 5 credits and the account has 3 available.' });
    expect(await testImageJobCount(p, poor)).toBe(0);
  });

  it('lets a viewer look but not start one, and refuses everyone while Thinker is off', async () => {
    const team = await registerOwner(p, 'Team Agency');
    await setPlan(p, team.accountId, 'growth');
    const viewer = await addMember(p, team, 'VIEWER');
    const refused = await p.gql(GENERATE, { input: { prompt: 'A quiet library' } }, viewer.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const looks = await p.gql('{ testImages { totalCount } }', {}, viewer.token);
    expect(looks.data.testImages.totalCount).toBe(0);

    const off = await p.gql(
      'mutation($input: SetModuleEnabledInput!) { setModuleEnabled(input: $input) { enabledModules } }',
      { input: { module: 'THINKER', enabled: false } },
      team.token,
    );
    expect(off.errors).toBeUndefined();
    const whileOff = await p.gql(GENERATE, { input: { prompt: 'A quiet library' } }, team.token);
    expect(whileOff.errors?.[0]).toMatchObject({
      message: expect.stringContaining('The Thinker module is switched off'),
      extensions: { code: 'FORBIDDEN', module: 'thinker' },
    });
    expect(await testImageJobCount(p, team)).toBe(0);
  });

  it("keeps one account's test images from another, through the graph and the file links", async () => {
    const a = await registerOwner(p, 'Agency A');
    const b = await registerOwner(p, 'Agency B');
    const { job, final } = await generate(p, a, { prompt: 'A secret product sketch' });
    const imageId = final.testImage!.id;
    const url = final.testImage!.url;

    const read = await p.gql('query($id: ID!) { testImage(id: $id) { id } }', { id: imageId }, b.token);
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const jobOfA = await p.gql('query($id: ID!) { job(id: $id) { id testImage { id } } }', { id: job.id }, b.token);
    expect(jobOfA.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const listed = await p.gql('{ testImages { totalCount } }', {}, b.token);
    expect(listed.data.testImages.totalCount).toBe(0);
    expect((await p.rest('GET', `/system/image-testing/${imageId}/`, { token: b.token })).status).toBe(404);

    // A's link works; with B's account id in it, or without its signature, it opens nothing.
    expect((await fetch(`${p.url}${url}`)).status).toBe(200);
    const forB = await fetch(`${p.url}${url.replace(a.accountId, b.accountId)}`);
    expect(forB.status).toBe(403);
    expect(await forB.json()).toEqual({ error: expect.stringContaining('invalid or has expired') });
    expect((await fetch(`${p.url}${url.replace(/signature=[\w-]+/, 'signature=AAAA')}`)).status).toBe(403);
    expect((await fetch(`${p.url}${url.split('?')[0]}`)).status).toBe(403);
    // Only the subgraphs' own file routes are reachable, and nothing beside them.
    expect((await fetch(`${p.url}${url.replace('/files/system/', '/files/nowhere/')}`)).status).toBe(404);
    // Sent as written (fetch would resolve the dots itself): no way out of /files on the subgraph.
    expect(await rawStatus(p, '/files/system/..%2Fgraphql?query=%7B__typename%7D')).toBe(404);
    expect(await rawStatus(p, '/files/system/%2e%2e/health')).toBe(404);
    expect(await rawStatus(p, '/files/system/../health')).toBe(404);
  });

  it('starts and lists test images over REST', async () => {
    const rest = await registerOwner(p, 'Legacy Client Agency');
    const started = await p.rest('POST', '/system/image-testing/', {
      token: rest.token,
      body: { prompt: 'A cup of coffee on a desk', size: '256x256', style: 'flat illustration' },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      success: true,
      message: 'Image test started.',
      data: { kind: 'system.test-image', credits_reserved: 5 },
    });
    expect(['queued', 'running']).toContain(started.body.data.status);
    const events = await followJob<JobEvent>(p, rest.token, started.body.data.id, JOB_FIELDS);
    expect(events.at(-1)?.status).toBe('SUCCEEDED');
    // A client that polls sees the same job finished.
    const polled = await p.rest('GET', `/automation/jobs/${started.body.data.id}/`, { token: rest.token });
    expect(polled.body.data).toMatchObject({ status: 'succeeded', result_summary: '256×256 image generated' });

    const list = await p.rest('GET', '/system/image-testing/', { token: rest.token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ success: true, count: 1, next: null, previous: null });
    const [image] = list.body.results;
    expect(image).toMatchObject({
      prompt: 'A cup of coffee on a desk',
      size: '256x256',
      style: 'flat illustration',
      mime_type: 'image/svg+xml',
      job_id: started.body.data.id,
    });
    expect(image.url.startsWith(`${p.url}/files/system/${rest.accountId}/`)).toBe(true);
    expect((await fetch(image.url)).status).toBe(200);

    const bad = await p.rest('POST', '/system/image-testing/', {
      token: rest.token,
      body: { prompt: 'x', size: 'huge' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject({ prompt: [expect.any(String)], size: [expect.any(String)] });
  });
});

describe('image testing with an OpenAI-compatible provider', () => {
  let server: OpenAiProtocolServer;
  let p: Platform;
  let owner: Session;

  beforeAll(async () => {
    server = await startOpenAiProtocolServer();
    p = await startPlatform({
      system: {
        AI_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: server.apiKey,
        AI_IMAGE_MODEL: 'dall-e-3',
      },
    });
    owner = await registerOwner(p, 'Model Agency');
  });
  afterAll(async () => {
    await p?.close();
    await server?.close();
  });

  it("sends the account's image prompt around the words, and stores the model's image", async () => {
    const saved = await p.gql(
      'mutation($input: SavePromptInput!) { savePrompt(input: $input) { isCustomised } }',
      { input: { type: 'IMAGE', text: 'A soft watercolour of {{image_prompt}}, in a {{image_style}} mood.' } },
      owner.token,
    );
    expect(saved.data?.savePrompt.isCustomised).toBe(true);
    server.reset();
    const before = await balanceOf(p, owner);

    const { job, final } = await generate(p, owner, { prompt: 'a fox in the snow', size: '1792x1024', style: 'calm' });
    expect(final).toMatchObject({ status: 'SUCCEEDED', testImage: { mimeType: 'image/png', size: '1792x1024' } });
    const asked = server.requests.filter((r) => r.path === '/v1/images/generations');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body).toMatchObject({
      model: 'dall-e-3',
      size: '1792x1024',
      prompt: 'A soft watercolour of a fox in the snow, in a calm mood.',
    });
    const image = await fetch(`${p.url}${final.testImage!.url}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(TEST_PNG)).toBe(true);
    const gallery = await p.gql('{ testImages(first: 1) { edges { node { model } } } }', {}, owner.token);
    expect(gallery.data.testImages.edges[0].node.model).toBe('dall-e-3');
    expect((await balanceOf(p, owner)).balance).toBe(before.balance - 5);
    expect((await deductionsOf(p, owner)).filter((d) => d.referenceId === job.id)).toHaveLength(1);
  });

  it('fails the job with a readable error when the provider refuses the key, and charges nothing', async () => {
    const before = await balanceOf(p, owner);
    server.next({
      status: 401,
      error: {
        message: 'Incorrect API key provided: sk-te***',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    });
    const { job, final } = await generate(p, owner, { prompt: 'A mountain cabin' });
    expect(final.status).toBe('FAILED');
    expect(final.error).toMatch(
      /^The AI provider refused the API key: Incorrect API key provided.*Check OPENAI_API_KEY\.$/,
    );
    expect(final.testImage).toBeNull();
    expect(final.creditsCharged).toBe(0);
    expect(await balanceOf(p, owner)).toEqual(before);
    expect((await deductionsOf(p, owner)).filter((d) => d.referenceId === job.id)).toEqual([]);
    const bell = await p.gql(
      '{ notifications(first: 1) { edges { node { kind severity message } } } }',
      {},
      owner.token,
    );
    expect(bell.data.notifications.edges[0].node).toMatchObject({
      kind: 'job_failed',
      severity: 'ERROR',
      message: expect.stringContaining('The AI provider refused the API key'),
    });
  });

  it('retries an unavailable provider once, then fails the job and gives the credits back', async () => {
    const before = await balanceOf(p, owner);
    const images = (await p.gql('{ testImages { totalCount } }', {}, owner.token)).data.testImages.totalCount;
    server.reset();
    // Every request of both attempts (the SDK's own retries included) answers 500.
    server.next({ status: 500, error: { message: 'The server had an error while processing your request' } }, 20);
    const { job, events, final } = await generate(p, owner, { prompt: 'A mountain cabin' });
    expect(final.status).toBe('FAILED');
    expect(final.error).toMatch(/^The AI provider is unavailable \(HTTP 500, after 2 retries\)/);
    // The first attempt's failure was shown while the second ran.
    expect(events.some((e) => e.status === 'QUEUED' && /^Attempt 1 failed: .*Retrying\.$/.test(e.message))).toBe(true);
    expect(server.requests.filter((r) => r.path === '/v1/images/generations')).toHaveLength(6);
    expect(await balanceOf(p, owner)).toEqual(before);
    expect((await deductionsOf(p, owner)).filter((d) => d.referenceId === job.id)).toEqual([]);
    expect((await p.gql('{ testImages { totalCount } }', {}, owner.token)).data.testImages.totalCount).toBe(images);
  });
});
