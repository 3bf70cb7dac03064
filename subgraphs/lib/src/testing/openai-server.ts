// A local HTTP server speaking the OpenAI REST protocol, for tests: the OpenAI provider (and
// whole jobs that use it) run against it with the real SDK, no network and no key. Each test
// scripts the answers it needs (errors, delays, malformed output) and reads back what was asked.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with one request; unset fields get the default answer. */
export interface OpenAiServerBehaviour {
  /** Answer with this status and an OpenAI-shaped error body. */
  status?: number;
  /** Extra response headers, e.g. `{ 'retry-after': '0' }` so the SDK retries at once. */
  headers?: Record<string, string>;
  /** Wait before answering, e.g. longer than the client's timeout. */
  delayMs?: number;
  /** The error body for a failure status; a default fits the status. */
  error?: { message: string; type?: string; code?: string | null };
  /** The chat answer's content; `null` answers with no content at all. */
  chatContent?: string | null;
  /** The chat answer's refusal, as models with safety refusals send it. */
  refusal?: string;
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Reported token usage; computed from the text (chars / 4) when unset, and left out for images. */
  usage?: { inputTokens: number; outputTokens: number };
  /** Leave usage out of the answer, as some compatible servers do. */
  omitUsage?: boolean;
  /** The embedding vectors, one per input. */
  embeddings?: number[][];
  /** The generated image's bytes; TEST_PNG by default. */
  image?: Buffer;
  /** Send the image as base64 (default) or as a URL on this server to download. */
  imageAs?: 'b64_json' | 'url';
  revisedPrompt?: string;
}

export interface RecordedRequest {
  method: string;
  /** Without the query string, e.g. /v1/chat/completions. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body ({} when there was none). */
  body: Record<string, unknown>;
}

export interface OpenAiProtocolServerOptions {
  /** The key the server accepts as `Authorization: Bearer …`. */
  apiKey?: string;
  /** The default chat answer, e.g. JSON for the schema a job under test asks for. */
  chatContent?: (request: RecordedRequest) => string;
}

export interface OpenAiProtocolServer {
  /** The API root to configure as the provider's base URL (ends in /v1). */
  baseUrl: string;
  apiKey: string;
  /** Every request received, in order, including refused and downloaded ones. */
  requests: RecordedRequest[];
  /** Queue a behaviour for the next `times` API requests (in arrival order, any endpoint). */
  next(behaviour: OpenAiServerBehaviour, times?: number): void;
  /** Forget recorded requests and queued behaviours, between tests. */
  reset(): void;
  close(): Promise<void>;
}

/** A valid 1×1 PNG: the default generated image. */
export const TEST_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const TEST_EMBEDDING_DIMENSIONS = 8;

export async function startOpenAiProtocolServer(
  options: OpenAiProtocolServerOptions = {},
): Promise<OpenAiProtocolServer> {
  const apiKey = options.apiKey ?? 'test-openai-key';
  const requests: RecordedRequest[] = [];
  const queue: OpenAiServerBehaviour[] = [];
  const downloads = new Map<string, { data: Buffer; mimeType: string }>();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';
  let counter = 0;

  const answer = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => {
    const download = recorded.path.startsWith('/files/')
      ? downloads.get(recorded.path.slice('/files/'.length))
      : undefined;
    if (download) {
      res.writeHead(200, { 'content-type': download.mimeType }).end(download.data);
      return;
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      sendError(
        res,
        401,
        {},
        {
          message: `Incorrect API key provided: ${maskKey(req.headers.authorization)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      );
      return;
    }
    const behaviour = queue.shift() ?? {};
    const respond = () => {
      if (behaviour.status && behaviour.status >= 400) {
        sendError(
          res,
          behaviour.status,
          behaviour.headers ?? {},
          behaviour.error ?? defaultError(behaviour.status, recorded),
        );
        return;
      }
      const body = answerBody(recorded, behaviour);
      if (!body) {
        sendError(
          res,
          404,
          {},
          {
            message: `Unknown request URL: ${recorded.method} ${recorded.path}.`,
            type: 'invalid_request_error',
            code: 'unknown_url',
          },
        );
        return;
      }
      sendJson(res, behaviour.status ?? 200, behaviour.headers ?? {}, body);
    };
    if (!behaviour.delayMs) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) respond();
    }, behaviour.delayMs);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const answerBody = (recorded: RecordedRequest, behaviour: OpenAiServerBehaviour): unknown => {
    const { body } = recorded;
    const model = typeof body.model === 'string' ? body.model : 'unknown-model';
    const id = ++counter;
    if (recorded.method !== 'POST') return undefined;
    switch (recorded.path) {
      case '/v1/chat/completions': {
        const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
        const content =
          behaviour.chatContent !== undefined
            ? behaviour.chatContent
            : (options.chatContent?.(recorded) ?? defaultChatContent(recorded));
        const promptChars = messages.reduce(
          (sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 0),
          0,
        );
        return {
          id: `chatcmpl-test-${id}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: behaviour.refusal ? null : content,
                refusal: behaviour.refusal ?? null,
              },
              finish_reason: behaviour.finishReason ?? 'stop',
              logprobs: null,
            },
          ],
          ...(behaviour.omitUsage
            ? {}
            : {
                usage: openAiUsage(
                  behaviour.usage ?? {
                    inputTokens: Math.ceil(promptChars / 4),
                    outputTokens: Math.ceil((content ?? '').length / 4),
                  },
                ),
              }),
        };
      }
      case '/v1/embeddings': {
        const input = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
        const vectors = behaviour.embeddings ?? input.map(testEmbedding);
        const base64 = body.encoding_format === 'base64';
        const tokens = behaviour.usage?.inputTokens ?? input.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
        return {
          object: 'list',
          model,
          data: vectors.map((vector, index) => ({
            object: 'embedding',
            index,
            embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
          })),
          ...(behaviour.omitUsage ? {} : { usage: { prompt_tokens: tokens, total_tokens: tokens } }),
        };
      }
      case '/v1/images/generations': {
        const data = behaviour.image ?? TEST_PNG;
        let image: Record<string, string>;
        if (behaviour.imageAs === 'url') {
          const file = `${randomUUID()}.png`;
          downloads.set(file, { data, mimeType: 'image/png' });
          image = { url: `${origin}/files/${file}` };
        } else {
          image = { b64_json: data.toString('base64') };
        }
        if (behaviour.revisedPrompt) image.revised_prompt = behaviour.revisedPrompt;
        return {
          created: Math.floor(Date.now() / 1000),
          data: [image],
          ...(behaviour.usage ? { usage: imageUsage(behaviour.usage) } : {}),
        };
      }
      default:
        return undefined;
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        sendError(
          res,
          400,
          {},
          { message: 'The request body is not valid JSON.', type: 'invalid_request_error', code: null },
        );
        return;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0]!,
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      answer(req, res, recorded);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    apiKey,
    requests,
    next(behaviour, times = 1) {
      for (let i = 0; i < times; i++) queue.push(behaviour);
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Keep-alive connections (and requests held by delayMs) would otherwise keep close() waiting.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function defaultChatContent(recorded: RecordedRequest): string {
  const format = recorded.body.response_format as { type?: string } | undefined;
  if (format?.type === 'json_object') return '{}';
  const messages = Array.isArray(recorded.body.messages)
    ? (recorded.body.messages as { role?: string; content?: unknown }[])
    : [];
  const question = messages.findLast((m) => m.role === 'user')?.content;
  return `Test answer to: ${typeof question === 'string' ? question : ''}`;
}

function defaultError(
  status: number,
  recorded: RecordedRequest,
): { message: string; type: string; code: string | null } {
  if (status === 429) {
    return {
      message: 'Rate limit reached for requests. Please try again in 1s.',
      type: 'requests',
      code: 'rate_limit_exceeded',
    };
  }
  if (status >= 500) {
    return {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      code: null,
    };
  }
  if (status === 404) {
    return {
      message: `The model \`${String(recorded.body.model)}\` does not exist or you do not have access to it.`,
      type: 'invalid_request_error',
      code: 'model_not_found',
    };
  }
  return { message: 'The request was not valid.', type: 'invalid_request_error', code: null };
}

function sendError(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  error: { message: string; type?: string; code?: string | null },
): void {
  sendJson(res, status, headers, {
    error: {
      message: error.message,
      type: error.type ?? 'invalid_request_error',
      param: null,
      code: error.code ?? null,
    },
  });
}

function sendJson(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${randomUUID()}`, ...headers })
    .end(JSON.stringify(body));
}

function openAiUsage(usage: { inputTokens: number; outputTokens: number }) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

function imageUsage(usage: { inputTokens: number; outputTokens: number }) {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    input_tokens_details: { image_tokens: 0, text_tokens: usage.inputTokens },
  };
}

// Deterministic, unit length, and different for different texts: enough to check plumbing.
function testEmbedding(text: string): number[] {
  const vector = Array.from({ length: TEST_EMBEDDING_DIMENSIONS }, (_, i) =>
    Array.from(text).reduce((sum, char, j) => sum + Math.sin((char.codePointAt(0) ?? 0) * (i + 1) + j), 1),
  );
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => value / length);
}

function maskKey(authorization: string | undefined): string {
  const key = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  return key.length > 6 ? `${key.slice(0, 3)}***${key.slice(-2)}` : '***';
}
