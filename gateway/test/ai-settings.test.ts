import { type OpenAiProtocolServer, startOpenAiProtocolServer, TEST_PNG } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { waitForJob } from './jobs-fixtures.js';

const ACCOUNT_KEY = 'sk-agency-own-key-0c4e8a2b9d1f';
const UPDATE = `mutation($input: UpdateAiSettingsInput!) { updateAiSettings(input: $input) {
  provider hasApiKey apiKeyLast4 effectiveProvider effectiveImageModel } }`;
const GENERATE = `mutation($input: GenerateTestImageInput!) { generateTestImage(input: $input) { id inputSummary } }`;
const JOB_FIELDS = `error testImage { url size style mimeType model }`;

type JobEvent = {
  status: string;
  error: string | null;
  testImage: { url: string; size: string; style: string | null; mimeType: string; model: string } | null;
};

describe('AI settings per account', () => {
  let server: OpenAiProtocolServer;
  let p: Platform;
  let owner: Session;

  beforeAll(async () => {
    server = await startOpenAiProtocolServer({ apiKey: ACCOUNT_KEY });
    // The platform's own provider is offline: anything drawn on the server came from the account's settings.
    p = await startPlatform({ system: { AI_PROVIDER: 'offline' } });
    owner = await registerOwner(p, 'Own Model Agency');
  });
  afterAll(async () => {
    await p?.close();
    await server?.close();
  });

  const generate = async (s: Session, input: Record<string, unknown>) => {
    const started = await p.gql(GENERATE, { input }, s.token);
    if (started.errors) throw new Error(JSON.stringify(started.errors));
    return {
      job: started.data.generateTestImage,
      final: await waitForJob<JobEvent>(p, s.token, started.data.generateTestImage.id, JOB_FIELDS),
    };
  };

  it("draws the account's test images with its own provider, key, model and image defaults", async () => {
    const saved = await p.gql(
      UPDATE,
      {
        input: {
          provider: 'OPENAI',
          baseUrl: server.baseUrl,
          apiKey: ACCOUNT_KEY,
          imageModel: 'agency-image-model',
          imageSize: '512x512',
          imageStyle: 'ink sketch',
        },
      },
      owner.token,
    );
    expect(saved.data?.updateAiSettings).toEqual({
      provider: 'OPENAI',
      hasApiKey: true,
      apiKeyLast4: ACCOUNT_KEY.slice(-4),
      effectiveProvider: 'OPENAI',
      effectiveImageModel: 'agency-image-model',
    });
    server.reset();

    // No size or style asked for: the account's defaults.
    const { job, final } = await generate(owner, { prompt: 'A fox in the snow' });
    expect(job.inputSummary).toBe('512×512 test image: A fox in the snow');
    expect(final).toMatchObject({
      status: 'SUCCEEDED',
      error: null,
      testImage: { size: '512x512', style: 'ink sketch', mimeType: 'image/png', model: 'agency-image-model' },
    });
    const asked = server.requests.filter((r) => r.path === '/v1/images/generations');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.headers.authorization).toBe(`Bearer ${ACCOUNT_KEY}`);
    expect(asked[0]!.body).toMatchObject({ model: 'agency-image-model', size: '512x512' });
    const image = await fetch(`${p.url}${final.testImage!.url}`);
    expect(Buffer.from(await image.arrayBuffer()).equals(TEST_PNG)).toBe(true);

    // What the person asks for wins over the defaults.
    server.reset();
    const asGiven = await generate(owner, { prompt: 'A lighthouse', size: '256x256', style: 'oil painting' });
    expect(asGiven.final.testImage).toMatchObject({ size: '256x256', style: 'oil painting' });
    expect(server.requests[0]!.body).toMatchObject({ size: '256x256' });
  });

  it('leaves other accounts on the platform provider', async () => {
    const other = await registerOwner(p, 'Platform Default Agency');
    server.reset();
    const { final } = await generate(other, { prompt: 'A quiet harbour' });
    expect(final).toMatchObject({ status: 'SUCCEEDED', testImage: { model: 'offline-image', size: '1024x1024' } });
    expect(server.requests).toEqual([]);
  });

  it('applies a change to the next job, and fails it readably when the provider refuses the key', async () => {
    const wrong = await p.gql(UPDATE, { input: { apiKey: 'sk-revoked-key-000000000000' } }, owner.token);
    expect(wrong.data?.updateAiSettings.apiKeyLast4).toBe('0000');

    const check = await p.gql('mutation { testAiSettings { ok message } }', {}, owner.token);
    expect(check.errors).toBeUndefined();
    expect(check.data.testAiSettings.ok).toBe(false);
    expect(check.data.testAiSettings.message).toMatch(
      /^The AI provider refused the API key: Incorrect API key provided: sk-\*\*\*00\..*Check the API key in Account → AI settings\.$/,
    );

    const { final } = await generate(owner, { prompt: 'A mountain cabin' });
    expect(final.status).toBe('FAILED');
    expect(final.error).toMatch(
      /^The AI provider refused the API key: .*Check the API key in Account → AI settings\.$/,
    );

    const fixed = await p.gql(UPDATE, { input: { apiKey: ACCOUNT_KEY } }, owner.token);
    expect(fixed.errors).toBeUndefined();
    const ok = await p.gql('mutation { testAiSettings { ok message } }', {}, owner.token);
    expect(ok.data.testAiSettings).toEqual({
      ok: true,
      message: expect.stringContaining(`Connected to ${server.baseUrl}`),
    });
  });

  it('reads, replaces, patches and tests them over REST, never showing the key', async () => {
    const rest = await registerOwner(p, 'REST AI Agency');
    const initial = await p.rest('GET', '/system/settings/ai/', { token: rest.token });
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({
      success: true,
      data: {
        provider: 'env',
        base_url: null,
        has_api_key: false,
        api_key_last4: null,
        image_size: null,
        effective_source: 'platform',
        effective_provider: 'offline',
        effective_image_model: 'offline-image',
        effective_image_size: '1024x1024',
      },
    });

    const put = await p.rest('PUT', '/system/settings/ai/', {
      token: rest.token,
      body: {
        provider: 'openai',
        base_url: server.baseUrl,
        api_key: ACCOUNT_KEY,
        chat_model: 'rest-chat',
        temperature: 0.7,
        max_tokens: 1000,
        image_size: '1024x1792',
      },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      success: true,
      message: 'AI settings saved.',
      data: {
        provider: 'openai',
        base_url: server.baseUrl,
        has_api_key: true,
        api_key_last4: ACCOUNT_KEY.slice(-4),
        chat_model: 'rest-chat',
        temperature: 0.7,
        max_tokens: 1000,
        image_size: '1024x1792',
        image_style: null,
        effective_provider: 'openai',
      },
    });
    expect(JSON.stringify(put.body)).not.toContain(ACCOUNT_KEY);
    expect(put.body.data).not.toHaveProperty('api_key');

    // PATCH changes what it names; the key stays.
    const patch = await p.rest('PATCH', '/system/settings/ai/', { token: rest.token, body: { image_style: 'pastel' } });
    expect(patch.body.data).toMatchObject({ image_style: 'pastel', chat_model: 'rest-chat', has_api_key: true });
    // PUT replaces what it leaves out, except the write-only key.
    const replaced = await p.rest('PUT', '/system/settings/ai/', {
      token: rest.token,
      body: { provider: 'openai', base_url: server.baseUrl },
    });
    expect(replaced.body.data).toMatchObject({
      chat_model: null,
      image_style: null,
      temperature: null,
      has_api_key: true,
    });

    server.reset();
    const tested = await p.rest('POST', '/system/settings/ai/test/', { token: rest.token });
    expect(tested.status).toBe(200);
    expect(tested.body.data).toEqual({ ok: true, message: expect.stringContaining('answered') });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${ACCOUNT_KEY}`);

    const bad = await p.rest('PATCH', '/system/settings/ai/', {
      token: rest.token,
      body: { temperature: 5, base_url: 'gopher://x', api_key: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject({ temperature: [expect.any(String)], base_url: [expect.any(String)] });
    const keyless = await p.rest('PATCH', '/system/settings/ai/', { token: rest.token, body: { api_key: '' } });
    expect(keyless.status).toBe(400);
    expect(keyless.body.errors).toEqual({ api_key: ['is required for an OpenAI-compatible provider'] });

    await setPlan(p, rest.accountId, 'growth');
    const viewer = await addMember(p, rest, 'VIEWER');
    expect((await p.rest('GET', '/system/settings/ai/', { token: viewer.token })).status).toBe(200);
    expect((await p.rest('PATCH', '/system/settings/ai/', { token: viewer.token, body: {} })).status).toBe(403);
    expect((await p.rest('POST', '/system/settings/ai/test/', { token: viewer.token })).status).toBe(403);
  });
});
