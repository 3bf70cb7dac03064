// The default provider: deterministic answers with no network, so the product and its tests run
// anywhere. Its text says plainly that it is a placeholder, and the same request always gets the
// same answer.
import { createHash } from 'node:crypto';
import { AiOutputError, AiProviderError } from './errors.js';
import { hashedEmbedding } from './hashed-embedding.js';
import { describeIssues, excerpt } from './json-output.js';
import { placeholderSvg } from './placeholder-image.js';
import { placeholderPng } from './placeholder-png.js';
import type {
  AiProvider,
  ChatJsonRequest,
  ChatJsonResult,
  ChatMessage,
  ChatRequest,
  ChatResult,
  EmbedRequest,
  EmbedResult,
  ImageRequest,
  ImageResult,
} from './provider.js';
import { estimateTokens } from './provider.js';

const OPENINGS = [
  'A real model would answer this in full; this text only stands in for that answer.',
  'This is where a model-written answer would go.',
  'A language model would write the real text in its place.',
  'Nothing here was written by a language model.',
];

const CLOSINGS = [
  'Set AI_PROVIDER=openai and OPENAI_API_KEY to get real answers.',
  'Configure an OpenAI-compatible provider (AI_PROVIDER=openai) for real output.',
  'Point AI_PROVIDER=openai at OpenAI, Ollama or another compatible server for real text.',
];

export class OfflineProvider implements AiProvider {
  readonly name = 'offline';

  async chat(request: ChatRequest): Promise<ChatResult> {
    throwIfCancelled(request.signal);
    const digest = sha256(JSON.stringify(request.messages.map((m) => [m.role, m.content])));
    const asked = excerpt(lastUserMessage(request.messages), 160) || '(no question)';
    let text = [
      `[Offline AI placeholder ${digest.toString('hex').slice(0, 8)}] You asked: "${asked}".`,
      pick(OPENINGS, digest[0]!),
      pick(CLOSINGS, digest[1]!),
    ].join(' ');
    if (request.maxTokens !== undefined) text = text.slice(0, Math.max(1, request.maxTokens * 4));
    return {
      text,
      usage: { inputTokens: inputTokens(request.messages), outputTokens: estimateTokens(text) },
      model: 'offline-chat',
    };
  }

  async chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    throwIfCancelled(request.signal);
    if (!request.offline) {
      throw new AiOutputError(
        `The offline AI provider cannot answer a "${request.schemaName}" request: it only answers requests that ` +
          'bring an offline generator. Set AI_PROVIDER=openai to use a real model.',
        false,
      );
    }
    const result = request.schema.safeParse(request.offline(request.messages));
    // A generator that does not fit its own schema is a bug in the caller: running again will not help.
    if (!result.success) {
      throw new AiOutputError(
        `The offline generator’s answer did not match ${request.schemaName}: ${describeIssues(result.error.issues)}`,
        false,
      );
    }
    const value = result.data;
    return {
      value,
      usage: { inputTokens: inputTokens(request.messages), outputTokens: estimateTokens(JSON.stringify(value) ?? '') },
      model: 'offline-chat',
    };
  }

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    throwIfCancelled(request.signal);
    return {
      vectors: request.input.map((text) => hashedEmbedding(text)),
      usage: { inputTokens: request.input.reduce((sum, text) => sum + estimateTokens(text), 0), outputTokens: 0 },
      model: 'offline-embedding',
    };
  }

  async image(request: ImageRequest): Promise<ImageResult> {
    throwIfCancelled(request.signal);
    const prompt = request.style ? `${request.prompt} (style: ${request.style})` : request.prompt;
    const [width, height] = request.size.split('x').map(Number) as [number, number];
    const seed = sha256(prompt).readUInt32BE(0);
    if (request.offlineFormat === 'png') {
      return {
        data: placeholderPng(width, height, seed),
        mimeType: 'image/png',
        usage: { inputTokens: 0, outputTokens: 0 },
        model: 'offline-image',
      };
    }
    const svg = placeholderSvg(prompt, width, height, seed);
    return {
      data: Buffer.from(svg, 'utf8'),
      mimeType: 'image/svg+xml',
      usage: { inputTokens: 0, outputTokens: 0 },
      model: 'offline-image',
    };
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function pick<T>(options: readonly T[], byte: number): T {
  return options[byte % options.length]!;
}

function lastUserMessage(messages: ChatMessage[]): string {
  return messages.findLast((m) => m.role === 'user')?.content ?? '';
}

function inputTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AiProviderError('AI_CANCELLED', 'The AI request was cancelled.', false, undefined, {
      cause: signal.reason,
    });
  }
}
