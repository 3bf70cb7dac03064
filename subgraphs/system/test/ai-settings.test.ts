// Account → AI settings over GraphQL against the real system subgraph: defaults from the
// environment, changes, the write-only key (encrypted at rest), roles, tenancy, validation, the
// connection check, and the provider the account's jobs get.
import { aiSettings } from '@igny8/db/system';
import { type OpenAiProtocolServer, startOpenAiProtocolServer } from '@igny8/lib/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAccountPlan } from '../src/server.js';
import { PASSWORD, registerOwner, type Session, startTestSystem, type TestSystem, uniqueEmail } from './harness.js';

const FIELDS = `provider baseUrl hasApiKey apiKeyLast4 chatModel embeddingModel imageModel temperature maxTokens
  imageSize imageStyle updatedAt updatedBy { id } effectiveSource effectiveProvider effectiveBaseUrl
  effectiveChatModel effectiveEmbeddingModel effectiveImageModel effectiveImageSize`;
const GET = `{ aiSettings { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateAiSettingsInput!) { updateAiSettings(input: $input) { ${FIELDS} } }`;
const TEST = 'mutation { testAiSettings { ok message } }';
const INVITE = 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteUrl } }';
const ACCEPT = 'mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken } }';

const KEY = 'sk-account-key-7f3a9c1d2e4b5a6f';

describe('system subgraph: AI settings', () => {
  let sys: TestSystem;
  let server: OpenAiProtocolServer;
  let owner: Session;

  beforeAll(async () => {
    server = await startOpenAiProtocolServer({ apiKey: KEY });
    // The platform default stays offline; its models show through as the effective ones.
    sys = await startTestSystem({ AI_CHAT_MODEL: 'platform-chat', AI_IMAGE_MODEL: 'platform-image' });
    owner = await registerOwner(sys, 'AI Settings Agency');
  });
  afterAll(async () => {
    await sys?.close();
    await server?.close();
  });

  const member = async (by: Session, role: 'EDITOR' | 'VIEWER' | 'ADMIN') => {
    const invited = await sys.gql(INVITE, { input: { email: uniqueEmail(role.toLowerCase()), role } }, by.token);
    if (invited.errors) throw new Error(JSON.stringify(invited.errors));
    const token = new URL(invited.data.inviteMember.inviteUrl).searchParams.get('token');
    const accepted = await sys.gql(ACCEPT, { input: { token, password: PASSWORD } });
    if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
    return accepted.data.acceptInvite.accessToken as string;
  };
  const storedRow = async (accountId: string) => {
    const [row] = await sys.database.tenant(accountId, (tx) =>
      tx.select().from(aiSettings).where(eq(aiSettings.accountId, accountId)),
    );
    return row;
  };

  it('shows the platform default while the account has saved nothing', async () => {
    const fresh = await registerOwner(sys, 'Fresh Agency');
    const res = await sys.gql(GET, {}, fresh.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.aiSettings).toEqual({
      provider: 'ENV',
      baseUrl: null,
      hasApiKey: false,
      apiKeyLast4: null,
      chatModel: null,
      embeddingModel: null,
      imageModel: null,
      temperature: null,
      maxTokens: null,
      imageSize: null,
      imageStyle: null,
      updatedAt: null,
      updatedBy: null,
      effectiveSource: 'platform',
      effectiveProvider: 'OFFLINE',
      effectiveBaseUrl: null,
      effectiveChatModel: 'offline-chat',
      effectiveEmbeddingModel: 'offline-embedding',
      effectiveImageModel: 'offline-image',
      effectiveImageSize: '1024x1024',
    });
    expect(await storedRow(fresh.accountId)).toBeUndefined();
  });

  it('saves an OpenAI-compatible provider with its key, and never gives the key back', async () => {
    const res = await sys.gql(
      UPDATE,
      {
        input: {
          provider: 'OPENAI',
          baseUrl: server.baseUrl,
          apiKey: KEY,
          chatModel: 'account-chat',
          imageModel: 'account-image',
          temperature: 0.4,
          maxTokens: 800,
          imageSize: '512x512',
          imageStyle: 'flat illustration',
        },
      },
      owner.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateAiSettings).toMatchObject({
      provider: 'OPENAI',
      baseUrl: server.baseUrl,
      hasApiKey: true,
      apiKeyLast4: KEY.slice(-4),
      chatModel: 'account-chat',
      embeddingModel: null,
      imageModel: 'account-image',
      temperature: 0.4,
      maxTokens: 800,
      imageSize: '512x512',
      imageStyle: 'flat illustration',
      updatedBy: { id: owner.userId },
      effectiveSource: 'account',
      effectiveProvider: 'OPENAI',
      effectiveBaseUrl: server.baseUrl,
      effectiveChatModel: 'account-chat',
      // Left unset: the platform's model.
      effectiveEmbeddingModel: 'text-embedding-3-small',
      effectiveImageModel: 'account-image',
      effectiveImageSize: '512x512',
    });
    expect(JSON.stringify(res)).not.toContain(KEY);
    const read = await sys.gql(GET, {}, owner.token);
    expect(JSON.stringify(read)).not.toContain(KEY);
    expect(read.data.aiSettings.hasApiKey).toBe(true);
    // Nothing in the schema can hand the key out.
    const field = await sys.gql('{ aiSettings { apiKey } }', {}, owner.token);
    expect(field.errors?.[0]?.message).toMatch(/Cannot query field "apiKey"/);
  });

  it('stores the key encrypted: the row holds a ciphertext that only this account decrypts', async () => {
    const row = await storedRow(owner.accountId);
    expect(row?.apiKeyCiphertext).toBeTruthy();
    expect(row!.apiKeyCiphertext).not.toContain(KEY);
    expect(row!.apiKeyCiphertext).not.toContain(Buffer.from(KEY).toString('base64'));
    expect(row!.apiKeyLast4).toBe(KEY.slice(-4));
    const secrets = sys.server.services.aiSecrets;
    expect(secrets.decrypt(owner.accountId, row!.apiKeyCiphertext!)).toBe(KEY);
    expect(() => secrets.decrypt(crypto.randomUUID(), row!.apiKeyCiphertext!)).toThrow(/could not be decrypted/);
  });

  it('keeps what is left out, clears what is emptied, and removes the key on an empty string', async () => {
    const kept = await sys.gql(UPDATE, { input: { imageStyle: 'watercolour' } }, owner.token);
    expect(kept.data.updateAiSettings).toMatchObject({
      provider: 'OPENAI',
      hasApiKey: true,
      chatModel: 'account-chat',
      imageStyle: 'watercolour',
    });
    const cleared = await sys.gql(UPDATE, { input: { chatModel: '', temperature: null } }, owner.token);
    expect(cleared.data.updateAiSettings).toMatchObject({
      chatModel: null,
      effectiveChatModel: 'platform-chat',
      temperature: null,
      maxTokens: 800,
    });
    // An OpenAI-compatible provider cannot lose its key.
    const keyless = await sys.gql(UPDATE, { input: { apiKey: '' } }, owner.token);
    expect(keyless.errors?.[0]).toMatchObject({
      message: 'apiKey: is required for an OpenAI-compatible provider',
      extensions: { code: 'BAD_USER_INPUT', fields: { apiKey: ['is required for an OpenAI-compatible provider'] } },
    });
    const back = await sys.gql(UPDATE, { input: { provider: 'ENV', apiKey: '' } }, owner.token);
    expect(back.data.updateAiSettings).toMatchObject({
      provider: 'ENV',
      hasApiKey: false,
      apiKeyLast4: null,
      effectiveSource: 'platform',
      effectiveProvider: 'OFFLINE',
    });
    expect((await storedRow(owner.accountId))?.apiKeyCiphertext).toBeNull();
  });

  it('refuses bad input naming the field', async () => {
    const fresh = await registerOwner(sys, 'Careless Agency');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ provider: 'OPENAI' }, 'apiKey', /is required for an OpenAI-compatible provider/],
      [{ baseUrl: 'ftp://models.example.com' }, 'baseUrl', /must be an http\(s\) URL/],
      [{ baseUrl: 'not a url' }, 'baseUrl', /must be an http\(s\) URL/],
      [{ temperature: 2.5 }, 'temperature', /must be between 0 and 2/],
      [{ temperature: -0.1 }, 'temperature', /must be between 0 and 2/],
      [{ maxTokens: 0 }, 'maxTokens', /must be between 1 and 32,000/],
      [{ maxTokens: 32_001 }, 'maxTokens', /must be between 1 and 32,000/],
      [{ imageSize: '100x100' }, 'imageSize', /must be one of 256x256, 512x512, 1024x1024, 1024x1792, 1792x1024/],
      [{ imageStyle: 's'.repeat(101) }, 'imageStyle', /at most 100 characters/],
      [{ chatModel: 'm'.repeat(201) }, 'chatModel', /at most 200 characters/],
    ];
    for (const [input, field, message] of cases) {
      const res = await sys.gql(UPDATE, { input }, fresh.token);
      expect(res.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.fields?.[field]?.join(' '), field).toMatch(message);
    }
    expect(await storedRow(fresh.accountId)).toBeUndefined();
  });

  it('lets every member read them, and only admins and owners change or test them', async () => {
    const team = await registerOwner(sys, 'Team AI Agency');
    await setAccountPlan(sys.server.services, team.accountId, 'scale');
    const viewer = await member(team, 'VIEWER');
    const editor = await member(team, 'EDITOR');
    const admin = await member(team, 'ADMIN');
    for (const token of [viewer, editor]) {
      expect((await sys.gql(GET, {}, token)).data.aiSettings.provider).toBe('ENV');
      const refused = await sys.gql(UPDATE, { input: { provider: 'OFFLINE' } }, token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await sys.gql(TEST, {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const byAdmin = await sys.gql(UPDATE, { input: { provider: 'OFFLINE', imageSize: '256x256' } }, admin);
    expect(byAdmin.data.updateAiSettings).toMatchObject({ provider: 'OFFLINE', effectiveSource: 'account' });
    expect((await sys.gql(GET, {}, viewer)).data.aiSettings.imageSize).toBe('256x256');
    expect((await sys.gql(GET)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("keeps one account's settings from another", async () => {
    const a = await registerOwner(sys, 'Agency A');
    const b = await registerOwner(sys, 'Agency B');
    await sys.gql(UPDATE, { input: { provider: 'OPENAI', baseUrl: server.baseUrl, apiKey: KEY } }, a.token);
    const seenByB = await sys.gql(GET, {}, b.token);
    expect(seenByB.data.aiSettings).toMatchObject({ provider: 'ENV', hasApiKey: false, baseUrl: null });
    // B's change is B's own.
    await sys.gql(UPDATE, { input: { provider: 'OFFLINE' } }, b.token);
    expect((await sys.gql(GET, {}, a.token)).data.aiSettings).toMatchObject({ provider: 'OPENAI', hasApiKey: true });
    expect(await storedRow(b.accountId)).toMatchObject({ provider: 'offline', apiKeyCiphertext: null });
  });

  it('tests the saved settings with one small call and reports the answer', async () => {
    const tester = await registerOwner(sys, 'Tester Agency');
    const offline = await sys.gql(TEST, {}, tester.token);
    expect(offline.data.testAiSettings).toEqual({
      ok: true,
      message: expect.stringMatching(/^The offline provider \(the platform default\) needs no connection/),
    });

    await sys.gql(
      UPDATE,
      { input: { provider: 'OPENAI', baseUrl: server.baseUrl, apiKey: KEY, chatModel: 'check-model' } },
      tester.token,
    );
    server.reset();
    const ok = await sys.gql(TEST, {}, tester.token);
    expect(ok.data.testAiSettings).toEqual({
      ok: true,
      message: `Connected to ${server.baseUrl} (your settings): check-model answered.`,
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${KEY}` },
      body: { model: 'check-model', max_tokens: 5 },
    });

    // A refusal is the answer, with the provider's words; nothing is retried.
    server.reset();
    server.next({ status: 404, error: { message: 'The model `check-model` does not exist', code: 'model_not_found' } });
    const missing = await sys.gql(TEST, {}, tester.token);
    expect(missing.errors).toBeUndefined();
    expect(missing.data.testAiSettings).toEqual({
      ok: false,
      message: 'The AI provider rejected the request (HTTP 404): The model `check-model` does not exist',
    });
    expect(server.requests).toHaveLength(1);
  });

  it("gives the account's jobs its provider, and a changed setting to the next one", async () => {
    const worker = await registerOwner(sys, 'Worker Agency');
    const { aiProviders } = sys.server.services;
    const before = await aiProviders.aiProviderFor(worker.accountId);
    expect(before.provider).toBe(sys.server.services.ai);
    expect(before.settings).toMatchObject({ source: 'platform', provider: 'offline' });

    await sys.gql(UPDATE, { input: { provider: 'OPENAI', baseUrl: server.baseUrl, apiKey: KEY } }, worker.token);
    const first = await aiProviders.aiProviderFor(worker.accountId);
    expect(first.provider.name).toBe('openai');
    expect(first.settings.imageModel).toBe('platform-image');
    // Unchanged settings: the same provider, not a new client per job.
    expect((await aiProviders.aiProviderFor(worker.accountId)).provider).toBe(first.provider);

    await sys.gql(UPDATE, { input: { imageModel: 'gpt-image-1' } }, worker.token);
    const next = await aiProviders.aiProviderFor(worker.accountId);
    expect(next.provider).not.toBe(first.provider);
    expect(next.settings.imageModel).toBe('gpt-image-1');
    server.reset();
    const image = await next.provider.image({ prompt: 'A test', size: '256x256' });
    expect(image.model).toBe('gpt-image-1');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});
