// The OpenAI-compatible provider. OpenAI, Azure OpenAI, Ollama, vLLM and LM Studio all speak this
// protocol; the official SDK does the HTTP, the timeouts and the retries (429, 5xx and lost
// connections, with backoff that honours retry-after), so this file only shapes requests and
// answers and turns failures into messages a person can act on.
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { AiOutputError, AiProviderError } from './errors.js';
import { excerpt, parseJsonAnswer, withJsonInstruction } from './json-output.js';
import {
  type AiProvider,
  type AiUsage,
  addUsage,
  type ChatJsonRequest,
  type ChatJsonResult,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type EmbedRequest,
  type EmbedResult,
  estimateTokens,
  type ImageRequest,
  type ImageResult,
} from './provider.js';

export interface OpenAiProviderOptions {
  /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: string;
  apiKey: string;
  chatModel: string;
  embeddingModel: string;
  imageModel: string;
  /** Per attempt: a timed-out attempt is retried like a failed one. Default 60 s. */
  timeoutMs?: number;
  /** Retries after a 408/409/429/5xx answer or a lost connection. Default 2. */
  maxRetries?: number;
  /**
   * Further attempts when a chatJson answer is not JSON of the schema's shape; the model is told
   * what was wrong. Default 1.
   */
  outputRetries?: number;
  /** Where a refused key is set, for the error message ("Check …"). Default OPENAI_API_KEY. */
  apiKeyName?: string;
}

// OpenAI takes up to 2048 inputs a request; smaller batches also keep each request well under
// its token limit when the inputs are long.
const EMBEDDING_BATCH_SIZE = 512;

interface Completion {
  text: string;
  finishReason: string | undefined;
  usage: AiUsage;
  model: string;
}

export class OpenAiProvider implements AiProvider {
  readonly name = 'openai';
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly outputRetries: number;

  constructor(private readonly options: OpenAiProviderOptions) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.outputRetries = options.outputRetries ?? 1;
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey,
      timeout: this.timeoutMs,
      maxRetries: this.maxRetries,
    });
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const { text, usage, model } = await this.complete(request, request.messages, false);
    return { text, usage, model };
  }

  async chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    let messages = withJsonInstruction(request.messages, request.schemaName, request.schema);
    let usage: AiUsage = { inputTokens: 0, outputTokens: 0 };
    for (let attempt = 0; ; attempt++) {
      const answer = await this.complete(request, messages, true);
      usage = addUsage(usage, answer.usage);
      try {
        return { value: parseJsonAnswer(answer.text, request.schema, request.schemaName), usage, model: answer.model };
      } catch (error) {
        if (!(error instanceof AiOutputError)) throw error;
        if (answer.finishReason === 'length') {
          throw new AiOutputError(
            `The AI answer was cut off at the token limit${request.maxTokens ? ` (${request.maxTokens})` : ''} before the JSON was complete.`,
            false,
            answer.text,
          );
        }
        if (attempt >= this.outputRetries) throw error;
        messages = [
          ...messages,
          { role: 'assistant', content: answer.text },
          { role: 'user', content: `${error.message}\nAnswer again with only the corrected JSON object.` },
        ];
      }
    }
  }

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    const model = request.model ?? this.options.embeddingModel;
    const vectors: number[][] = [];
    let usage: AiUsage = { inputTokens: 0, outputTokens: 0 };
    let answeredBy = model;
    for (let start = 0; start < request.input.length; start += EMBEDDING_BATCH_SIZE) {
      const batch = request.input.slice(start, start + EMBEDDING_BATCH_SIZE);
      // 'float' explicitly: the SDK otherwise asks for base64, which not every compatible server speaks.
      const response = await this.call(() =>
        this.client.embeddings.create(
          { model, input: batch, encoding_format: 'float' },
          { signal: request.signal ?? null },
        ),
      );
      if (response.data.length !== batch.length) {
        throw new AiOutputError(
          `The AI provider returned ${response.data.length} embeddings for ${batch.length} texts.`,
          true,
        );
      }
      const ordered = [...response.data].sort((a, b) => a.index - b.index);
      vectors.push(...ordered.map((item) => item.embedding));
      usage = addUsage(usage, {
        inputTokens: response.usage?.prompt_tokens ?? batch.reduce((sum, text) => sum + estimateTokens(text), 0),
        outputTokens: 0,
      });
      answeredBy = response.model || model;
    }
    return { vectors, usage, model: answeredBy };
  }

  async image(request: ImageRequest): Promise<ImageResult> {
    const model = request.model ?? this.options.imageModel;
    const prompt = request.style ? `${request.prompt}\n\nStyle: ${request.style}` : request.prompt;
    const response = await this.call(() =>
      this.client.images.generate(
        {
          model,
          prompt,
          n: 1,
          size: request.size,
          // GPT image models always answer in base64 and refuse the parameter; DALL·E answers with
          // a short-lived URL unless asked.
          ...(model.startsWith('gpt-image') ? {} : { response_format: 'b64_json' as const }),
        },
        { signal: request.signal ?? null },
      ),
    );
    const item = response.data?.[0];
    let data: Buffer;
    let servedType: string | undefined;
    if (item?.b64_json) {
      data = Buffer.from(item.b64_json, 'base64');
    } else if (item?.url) {
      ({ data, contentType: servedType } = await this.download(item.url, request.signal));
    } else {
      throw new AiOutputError('The AI provider answered without an image.', true);
    }
    const usage = response.usage
      ? { inputTokens: response.usage.input_tokens, outputTokens: response.usage.output_tokens }
      : { inputTokens: 0, outputTokens: 0 };
    return {
      data,
      mimeType:
        sniffImageType(data) ??
        (response.output_format ? `image/${response.output_format}` : undefined) ??
        servedType ??
        'image/png',
      usage,
      model,
      ...(item.revised_prompt ? { revisedPrompt: item.revised_prompt } : {}),
    };
  }

  private async complete(request: ChatRequest, messages: ChatMessage[], json: boolean): Promise<Completion> {
    const model = request.model ?? this.options.chatModel;
    const completion = await this.call(() =>
      this.client.chat.completions.create(
        {
          model,
          messages: messages.map((m) => ({ role: m.role, content: m.content })),
          temperature: request.temperature,
          max_tokens: request.maxTokens,
          ...(json ? { response_format: { type: 'json_object' as const } } : {}),
        },
        { signal: request.signal ?? null },
      ),
    );
    const choice = completion.choices[0];
    if (choice?.message.refusal) {
      throw new AiOutputError(`The AI declined to answer: ${choice.message.refusal}`, false);
    }
    const text = choice?.message.content;
    if (!text) throw new AiOutputError('The AI answer was empty.', true, text ?? undefined);
    const usage = completion.usage
      ? { inputTokens: completion.usage.prompt_tokens, outputTokens: completion.usage.completion_tokens }
      : {
          inputTokens: messages.reduce((sum, m) => sum + estimateTokens(m.content), 0),
          outputTokens: estimateTokens(text),
        };
    return { text, finishReason: choice.finish_reason, usage, model: completion.model || model };
  }

  private async download(url: string, signal?: AbortSignal): Promise<{ data: Buffer; contentType?: string }> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      if (!response.ok) {
        throw new AiProviderError(
          'AI_UNAVAILABLE',
          `The generated image could not be downloaded (HTTP ${response.status}).`,
          true,
          response.status,
        );
      }
      const data = Buffer.from(await response.arrayBuffer());
      const contentType = response.headers.get('content-type')?.split(';')[0]?.trim();
      return contentType ? { data, contentType } : { data };
    } catch (error) {
      if (error instanceof AiProviderError) throw error;
      if (signal?.aborted) throw cancelled(error);
      if (timeout.aborted) {
        throw new AiProviderError(
          'AI_TIMEOUT',
          `The generated image did not download within ${seconds(this.timeoutMs)}.`,
          true,
          undefined,
          { cause: error },
        );
      }
      throw new AiProviderError(
        'AI_UNAVAILABLE',
        `The generated image could not be downloaded: ${(error as Error).message}`,
        true,
        undefined,
        { cause: error },
      );
    }
  }

  private async call<R>(run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw this.describeFailure(error);
    }
  }

  private describeFailure(error: unknown): unknown {
    if (!(error instanceof APIError)) return error;
    const retried =
      this.maxRetries === 0 ? '' : ` after ${this.maxRetries} ${this.maxRetries === 1 ? 'retry' : 'retries'}`;
    const said = providerMessage(error);
    const cause = { cause: error };
    if (error instanceof APIUserAbortError) return cancelled(error);
    if (error instanceof APIConnectionTimeoutError) {
      return new AiProviderError(
        'AI_TIMEOUT',
        `The AI provider did not answer within ${seconds(this.timeoutMs)}${this.maxRetries ? `, on any of ${this.maxRetries + 1} attempts` : ''}.`,
        true,
        undefined,
        cause,
      );
    }
    if (error instanceof APIConnectionError) {
      return new AiProviderError(
        'AI_UNAVAILABLE',
        `The AI provider at ${this.options.baseUrl} could not be reached${retried}: ${deepestMessage(error)}`,
        true,
        undefined,
        cause,
      );
    }
    if (error instanceof AuthenticationError) {
      return new AiProviderError(
        'AI_AUTH_FAILED',
        `The AI provider refused the API key: ${said}. Check ${this.options.apiKeyName ?? 'OPENAI_API_KEY'}.`,
        false,
        error.status,
        cause,
      );
    }
    if (error instanceof PermissionDeniedError) {
      return new AiProviderError(
        'AI_REQUEST_REJECTED',
        `The AI provider refused access for this API key: ${said}`,
        false,
        error.status,
        cause,
      );
    }
    if (error instanceof RateLimitError) {
      // OpenAI answers 429 both for "too fast" and for "out of credit"; waiting helps only the first.
      if (error.code === 'insufficient_quota') {
        return new AiProviderError(
          'AI_QUOTA_EXCEEDED',
          `The AI provider account has no quota left: ${said}. Check its plan and billing.`,
          false,
          error.status,
          cause,
        );
      }
      return new AiProviderError(
        'AI_RATE_LIMITED',
        `The AI provider is rate-limiting requests and ${retried ? `still refused${retried}` : 'refused'}: ${said}. Try again in a minute.`,
        true,
        error.status,
        cause,
      );
    }
    if (error instanceof InternalServerError) {
      return new AiProviderError(
        'AI_UNAVAILABLE',
        `The AI provider is unavailable (HTTP ${error.status}${retried ? `,${retried}` : ''}): ${said}. Try again later.`,
        true,
        error.status,
        cause,
      );
    }
    return new AiProviderError(
      'AI_REQUEST_REJECTED',
      `The AI provider rejected the request (HTTP ${error.status ?? 'unknown'}): ${said}`,
      false,
      error.status,
      cause,
    );
  }
}

/** The provider's own words, without the status the SDK puts in front of them. */
function providerMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : error.message;
  return excerpt(message.replace(/[.\s]+$/, ''), 300);
}

// fetch reports "fetch failed"; the useful words ("connect ECONNREFUSED 127.0.0.1:11434") are causes down.
function deepestMessage(error: Error): string {
  let deepest = error;
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) deepest = cause;
  return deepest.message;
}

function cancelled(cause: unknown): AiProviderError {
  return new AiProviderError('AI_CANCELLED', 'The AI request was cancelled.', false, undefined, { cause });
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

// The bytes say what they are more reliably than a download's content-type.
function sniffImageType(data: Buffer): string | undefined {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  if (data.subarray(0, 6).toString('latin1').startsWith('GIF8')) return 'image/gif';
  return undefined;
}
