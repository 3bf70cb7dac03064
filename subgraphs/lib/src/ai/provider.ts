// The one interface every AI provider implements, and the requests and results it speaks.
import type { z } from 'zod';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** Tokens the provider reported (estimated where it reports none): what usage metering reads. */
export interface AiUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Overrides the provider's configured chat model for this request. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** Aborts the request, e.g. when its job is cancelled. */
  signal?: AbortSignal;
}

export interface ChatResult {
  text: string;
  usage: AiUsage;
  /** The model that answered, as the provider names it. */
  model: string;
}

export interface ChatJsonRequest<T> extends ChatRequest {
  schema: z.ZodType<T>;
  /** Names the shape to the model and in error messages, e.g. 'ClusterNames'. */
  schemaName: string;
  /**
   * The offline provider's answer: it cannot invent a value for an arbitrary schema, so a caller
   * that must work offline supplies one. Its result is validated by `schema` like a model's.
   */
  offline?: (messages: ChatMessage[]) => T;
}

export interface ChatJsonResult<T> {
  value: T;
  usage: AiUsage;
  model: string;
}

export interface EmbedRequest {
  input: string[];
  model?: string;
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** One vector per input, in input order. */
  vectors: number[][];
  usage: AiUsage;
  model: string;
}

export type ImageSize = '256x256' | '512x512' | '1024x1024' | '1024x1792' | '1792x1024';

export interface ImageRequest {
  prompt: string;
  size: ImageSize;
  /** A style description ('flat illustration', 'photorealistic'); it becomes part of the prompt. */
  style?: string;
  model?: string;
  /**
   * What the offline provider renders: 'svg' (default: the prompt written on a coloured card) or
   * 'png' (a real raster image, for images that are stored and published). Models choose their own.
   */
  offlineFormat?: 'svg' | 'png';
  signal?: AbortSignal;
}

export interface ImageResult {
  data: Buffer;
  mimeType: string;
  /** Zero unless the provider reports tokens for images: images are costed per image. */
  usage: AiUsage;
  model: string;
  /** The prompt as the provider rewrote it, when it did. */
  revisedPrompt?: string;
}

export interface AiProvider {
  /** 'openai' or 'offline': shown beside results so a person knows where they came from. */
  readonly name: string;
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Asks for one JSON object and returns it validated by `request.schema`, or throws `AiOutputError`. */
  chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>>;
  embed(request: EmbedRequest): Promise<EmbedResult>;
  image(request: ImageRequest): Promise<ImageResult>;
}

/** About four characters a token in English: the estimate where a provider reports no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function addUsage(a: AiUsage, b: AiUsage): AiUsage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}
