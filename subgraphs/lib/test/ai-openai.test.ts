// The OpenAI-compatible provider, through the real SDK, against a local server speaking the
// OpenAI protocol: what is sent, what comes back, and what a person reads when it fails.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AiOutputError,
  AiProviderError,
  aiConfigSchema,
  aiSettingsFromConfig,
  createAiProvider,
  OpenAiProvider,
  type OpenAiProviderOptions,
} from '../src/ai/index.js';
import { baseConfigSchema, loadConfig } from '../src/config.js';
import { type OpenAiProtocolServer, startOpenAiProtocolServer, TEST_PNG } from '../src/testing/index.js';

const Article = z.object({ title: z.string(), keywords: z.array(z.string()) });
const ask = [{ role: 'user' as const, content: 'Write a title about trail running shoes.' }];

describe('OpenAI provider', () => {
  let server: OpenAiProtocolServer;
  const provider = (options: Partial<OpenAiProviderOptions> = {}) =>
    new OpenAiProvider({
      baseUrl: server.baseUrl,
      apiKey: server.apiKey,
      chatModel: 'test-chat',
      embeddingModel: 'test-embedding',
      imageModel: 'dall-e-3',
      timeoutMs: 5_000,
      maxRetries: 1,
      ...options,
    });
  const sent = (path: string) => server.requests.filter((r) => r.path === path);
  const chats = () => sent('/v1/chat/completions');

  beforeAll(async () => {
    server = await startOpenAiProtocolServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  describe('chat', () => {
    it('sends the messages to the configured model and returns the answer with its usage', async () => {
      server.next({ chatContent: 'Trail shoes that grip', usage: { inputTokens: 17, outputTokens: 5 } });
      const result = await provider().chat({ messages: ask, temperature: 0.2, maxTokens: 50 });
      expect(result).toEqual({
        text: 'Trail shoes that grip',
        usage: { inputTokens: 17, outputTokens: 5 },
        model: 'test-chat',
      });
      expect(chats()).toHaveLength(1);
      expect(chats()[0]!.headers.authorization).toBe(`Bearer ${server.apiKey}`);
      expect(chats()[0]!.body).toMatchObject({ model: 'test-chat', messages: ask, temperature: 0.2, max_tokens: 50 });
      expect(chats()[0]!.body).not.toHaveProperty('response_format');
    });

    it('uses the model a request names instead of the configured one', async () => {
      const result = await provider().chat({ messages: ask, model: 'other-model' });
      expect(chats()[0]!.body.model).toBe('other-model');
      expect(result.model).toBe('other-model');
    });

    it('estimates usage at four characters a token when the server reports none', async () => {
      server.next({ chatContent: '12345678', omitUsage: true });
      const result = await provider().chat({ messages: [{ role: 'user', content: 'x'.repeat(41) }] });
      expect(result.usage).toEqual({ inputTokens: 11, outputTokens: 2 });
    });

    it('turns a refusal into an output error that quotes it', async () => {
      server.next({ refusal: 'I cannot help with that.' });
      const error = await rejection(provider().chat({ messages: ask }));
      expect(error).toBeInstanceOf(AiOutputError);
      expect((error as AiOutputError).message).toBe('The AI declined to answer: I cannot help with that.');
    });
  });

  describe('chatJson', () => {
    it('asks for a JSON object of the schema and returns the typed value', async () => {
      server.next({ chatContent: JSON.stringify({ title: 'Grip on every trail', keywords: ['trail shoes'] }) });
      const result = await provider().chatJson({
        messages: [{ role: 'system', content: 'You are an SEO editor.' }, ...ask],
        schema: Article,
        schemaName: 'Article',
      });
      expect(result.value).toEqual({ title: 'Grip on every trail', keywords: ['trail shoes'] });
      const body = chats()[0]!.body as { response_format: unknown; messages: { role: string; content: string }[] };
      expect(body.response_format).toEqual({ type: 'json_object' });
      // One system message: the caller's, with the JSON instruction (naming the fields) after it.
      expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
      expect(body.messages[0]!.content).toMatch(/^You are an SEO editor\.\n\nAnswer with one JSON object only/);
      expect(body.messages[0]!.content).toContain('"Article"');
      expect(body.messages[0]!.content).toContain('"keywords"');
    });

    it('accepts JSON wrapped in a Markdown code fence', async () => {
      server.next({ chatContent: '```json\n{"title":"T","keywords":[]}\n```' });
      const result = await provider().chatJson({ messages: ask, schema: Article, schemaName: 'Article' });
      expect(result.value).toEqual({ title: 'T', keywords: [] });
    });

    it('fails with a readable error when the answer is not JSON', async () => {
      server.next({ chatContent: 'Sure! Here is your title: Grip' });
      const error = await rejection(
        provider({ outputRetries: 0 }).chatJson({ messages: ask, schema: Article, schemaName: 'Article' }),
      );
      expect(error).toBeInstanceOf(AiOutputError);
      expect(error).toMatchObject({ code: 'AI_INVALID_OUTPUT', output: 'Sure! Here is your title: Grip' });
      expect((error as Error).message).toMatch(
        /^The AI answer was not valid JSON \(.+\): Sure! Here is your title: Grip$/,
      );
    });

    it('names the fields that do not match the schema', async () => {
      server.next({ chatContent: JSON.stringify({ title: 42, keywords: ['a', 7] }) });
      const error = await rejection(
        provider({ outputRetries: 0 }).chatJson({ messages: ask, schema: Article, schemaName: 'Article' }),
      );
      expect(error).toBeInstanceOf(AiOutputError);
      expect((error as Error).message).toMatch(
        /^The AI answer did not match Article: title: .*expected string.*; keywords\[1\]: .*expected string/,
      );
    });

    it('asks once more, saying what was wrong, and returns the corrected answer with both usages', async () => {
      server.next({ chatContent: '{"title": "Grip"', usage: { inputTokens: 10, outputTokens: 4 } });
      server.next({ chatContent: '{"title":"Grip","keywords":[]}', usage: { inputTokens: 20, outputTokens: 6 } });
      const result = await provider().chatJson({ messages: ask, schema: Article, schemaName: 'Article' });
      expect(result.value).toEqual({ title: 'Grip', keywords: [] });
      expect(result.usage).toEqual({ inputTokens: 30, outputTokens: 10 });
      const retry = chats()[1]!.body.messages as { role: string; content: string }[];
      expect(retry.at(-2)).toEqual({ role: 'assistant', content: '{"title": "Grip"' });
      expect(retry.at(-1)!.content).toMatch(/^The AI answer was not valid JSON/);
    });

    it('gives up after the retry when the answer stays malformed', async () => {
      server.next({ chatContent: 'not json' }, 2);
      const error = await rejection(provider().chatJson({ messages: ask, schema: Article, schemaName: 'Article' }));
      expect((error as Error).message).toMatch(/^The AI answer was not valid JSON/);
      expect(chats()).toHaveLength(2);
    });

    it('says so when the answer was cut off by the token limit, without retrying', async () => {
      server.next({ chatContent: '{"title": "Gri', finishReason: 'length' });
      const error = await rejection(
        provider().chatJson({ messages: ask, schema: Article, schemaName: 'Article', maxTokens: 5 }),
      );
      expect((error as Error).message).toBe(
        'The AI answer was cut off at the token limit (5) before the JSON was complete.',
      );
      expect(chats()).toHaveLength(1);
    });
  });

  describe('failures', () => {
    it('retries a rate-limited request and returns the answer that follows', async () => {
      server.next({ status: 429, headers: { 'retry-after': '0' } });
      server.next({ chatContent: 'after the wait' });
      const result = await provider({ maxRetries: 2 }).chat({ messages: ask });
      expect(result.text).toBe('after the wait');
      expect(chats()).toHaveLength(2);
    });

    it('reports a rate limit that outlasts the retries as retryable', async () => {
      server.next({ status: 429, headers: { 'retry-after': '0' } }, 3);
      const error = await rejection(provider({ maxRetries: 2 }).chat({ messages: ask }));
      expect(error).toBeInstanceOf(AiProviderError);
      expect(error).toMatchObject({ code: 'AI_RATE_LIMITED', retryable: true, status: 429 });
      expect((error as Error).message).toBe(
        'The AI provider is rate-limiting requests and still refused after 2 retries: Rate limit reached for requests. Please try again in 1s. Try again in a minute.',
      );
      expect(chats()).toHaveLength(3);
    });

    it('tells an exhausted quota apart from a rate limit: waiting will not help', async () => {
      server.next(
        {
          status: 429,
          headers: { 'retry-after': '0' },
          error: {
            message: 'You exceeded your current quota.',
            type: 'insufficient_quota',
            code: 'insufficient_quota',
          },
        },
        2,
      );
      const error = await rejection(provider().chat({ messages: ask }));
      expect(error).toMatchObject({ code: 'AI_QUOTA_EXCEEDED', retryable: false });
      expect((error as Error).message).toMatch(/no quota left: You exceeded your current quota\. Check its plan/);
    });

    it('gives up on a server that does not answer within the timeout', async () => {
      server.next({ delayMs: 5_000 });
      const started = Date.now();
      const error = await rejection(provider({ timeoutMs: 200, maxRetries: 0 }).chat({ messages: ask }));
      expect(error).toMatchObject({ code: 'AI_TIMEOUT', retryable: true });
      expect((error as Error).message).toBe('The AI provider did not answer within 0.2 s.');
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('refuses a wrong API key at once, naming the setting to fix', async () => {
      const error = await rejection(provider({ apiKey: 'sk-wrong-key' }).chat({ messages: ask }));
      expect(error).toMatchObject({ code: 'AI_AUTH_FAILED', retryable: false, status: 401 });
      expect((error as Error).message).toMatch(
        /^The AI provider refused the API key: Incorrect API key provided: sk-\*\*\*ey\. .* Check OPENAI_API_KEY\.$/,
      );
      expect(chats()).toHaveLength(1);
    });

    it('reports a failing server as unavailable after the retries', async () => {
      server.next({ status: 500, headers: { 'retry-after': '0' } }, 2);
      const error = await rejection(provider({ maxRetries: 1 }).chat({ messages: ask }));
      expect(error).toMatchObject({ code: 'AI_UNAVAILABLE', retryable: true, status: 500 });
      expect((error as Error).message).toMatch(
        /^The AI provider is unavailable \(HTTP 500, after 1 retry\): The server had an error/,
      );
      expect(chats()).toHaveLength(2);
    });

    it('passes on the provider’s reason for a rejected request, such as an unknown model', async () => {
      server.next({ status: 404 });
      const error = await rejection(provider().chat({ messages: ask, model: 'gpt-nope' }));
      expect(error).toMatchObject({ code: 'AI_REQUEST_REJECTED', retryable: false, status: 404 });
      expect((error as Error).message).toBe(
        'The AI provider rejected the request (HTTP 404): The model `gpt-nope` does not exist or you do not have access to it',
      );
    });

    it('reports a server that cannot be reached, naming its address', async () => {
      const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
      const error = await rejection(provider({ baseUrl, maxRetries: 0 }).chat({ messages: ask }));
      expect(error).toMatchObject({ code: 'AI_UNAVAILABLE', retryable: true });
      expect((error as Error).message).toMatch(
        new RegExp(`^The AI provider at ${baseUrl} could not be reached: .*ECONNREFUSED`),
      );
    });

    it('stops when the caller cancels', async () => {
      server.next({ delayMs: 5_000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await rejection(provider().chat({ messages: ask, signal: controller.signal }));
      expect(error).toMatchObject({ code: 'AI_CANCELLED', retryable: false });
      expect(chats()).toHaveLength(1);
    });
  });

  describe('embeddings', () => {
    it('returns one vector per input, in order, with the reported usage', async () => {
      const vectors = [
        [0.1, 0.2, 0.3],
        [0.4, 0.5, 0.6],
      ];
      server.next({ embeddings: vectors, usage: { inputTokens: 9, outputTokens: 0 } });
      const result = await provider().embed({ input: ['trail shoes', 'road shoes'] });
      expect(result).toEqual({ vectors, usage: { inputTokens: 9, outputTokens: 0 }, model: 'test-embedding' });
      expect(sent('/v1/embeddings')[0]!.body).toEqual({
        model: 'test-embedding',
        input: ['trail shoes', 'road shoes'],
        encoding_format: 'float',
      });
    });

    it('sends large inputs in batches and joins the vectors in input order', async () => {
      const input = Array.from({ length: 1_100 }, (_, i) => `keyword ${i}`);
      const result = await provider().embed({ input });
      const batches = sent('/v1/embeddings').map((r) => r.body.input as string[]);
      expect(batches.map((b) => b.length)).toEqual([512, 512, 76]);
      expect(batches.flat()).toEqual(input);
      expect(result.vectors).toHaveLength(1_100);
      const single = await provider().embed({ input: ['keyword 700'] });
      expect(result.vectors[700]).toEqual(single.vectors[0]);
    });

    it('asks nothing of the server for no input', async () => {
      expect(await provider().embed({ input: [] })).toEqual({
        vectors: [],
        usage: { inputTokens: 0, outputTokens: 0 },
        model: 'test-embedding',
      });
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('images', () => {
    it('asks for base64 and returns exactly the bytes the server sent', async () => {
      server.next({ image: TEST_PNG, revisedPrompt: 'A trail runner at dawn, wide shot' });
      const result = await provider().image({ prompt: 'A trail runner', size: '1792x1024', style: 'watercolour' });
      expect(result.data.equals(TEST_PNG)).toBe(true);
      expect(result).toMatchObject({
        mimeType: 'image/png',
        model: 'dall-e-3',
        usage: { inputTokens: 0, outputTokens: 0 },
        revisedPrompt: 'A trail runner at dawn, wide shot',
      });
      expect(sent('/v1/images/generations')[0]!.body).toEqual({
        model: 'dall-e-3',
        prompt: 'A trail runner\n\nStyle: watercolour',
        n: 1,
        size: '1792x1024',
        response_format: 'b64_json',
      });
    });

    it('downloads the image when the server answers with a URL', async () => {
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
      server.next({ image: jpeg, imageAs: 'url' });
      const result = await provider().image({ prompt: 'A trail runner', size: '1024x1024' });
      expect(result.data.equals(jpeg)).toBe(true);
      expect(result.mimeType).toBe('image/jpeg');
      expect(server.requests.map((r) => `${r.method} ${r.path.replace(/[^/]+\.png$/, '…')}`)).toEqual([
        'POST /v1/images/generations',
        'GET /files/…',
      ]);
    });

    it('leaves out response_format for GPT image models, which refuse it, and records their usage', async () => {
      server.next({ usage: { inputTokens: 30, outputTokens: 4_160 } });
      const result = await provider().image({ prompt: 'A trail runner', size: '1024x1024', model: 'gpt-image-1' });
      expect(sent('/v1/images/generations')[0]!.body).not.toHaveProperty('response_format');
      expect(result.usage).toEqual({ inputTokens: 30, outputTokens: 4_160 });
    });
  });

  describe('configuration', () => {
    it('builds a working OpenAI provider from environment variables', async () => {
      const config = loadConfig(baseConfigSchema.extend(aiConfigSchema.shape), {
        AI_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: server.apiKey,
        AI_CHAT_MODEL: 'env-chat',
        AI_TIMEOUT_MS: '1500',
      });
      const settings = aiSettingsFromConfig(config);
      expect(settings).toMatchObject({
        provider: 'openai',
        timeoutMs: 1_500,
        embeddingModel: 'text-embedding-3-small',
      });
      const ai = createAiProvider(settings);
      expect(ai.name).toBe('openai');
      expect((await ai.chat({ messages: ask })).model).toBe('env-chat');
    });

    it('stops the start when the OpenAI provider has no API key', () => {
      const config = loadConfig(aiConfigSchema, { AI_PROVIDER: 'openai', OPENAI_API_KEY: '' });
      expect(() => aiSettingsFromConfig(config)).toThrow(/OPENAI_API_KEY: required when AI_PROVIDER=openai/);
    });

    it('refuses a base URL that is not http(s)', () => {
      expect(() => loadConfig(aiConfigSchema, { OPENAI_BASE_URL: 'ftp://example.com' })).toThrow(/OPENAI_BASE_URL/);
    });
  });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
