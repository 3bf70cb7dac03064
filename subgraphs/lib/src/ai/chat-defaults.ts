// An account's chat defaults (temperature, token limit) applied to every chat request that sets none.
import type { AiProvider, ChatJsonRequest, ChatRequest } from './provider.js';

export interface ChatDefaults {
  /** Null: each request's own, or the model's default. */
  temperature: number | null;
  maxTokens: number | null;
}

class WithChatDefaults implements AiProvider {
  constructor(
    private readonly inner: AiProvider,
    private readonly defaults: ChatDefaults,
  ) {}
  get name() {
    return this.inner.name;
  }
  private withDefaults<R extends ChatRequest>(request: R): R {
    return {
      ...request,
      temperature: request.temperature ?? this.defaults.temperature ?? undefined,
      maxTokens: request.maxTokens ?? this.defaults.maxTokens ?? undefined,
    };
  }
  chat(request: ChatRequest) {
    return this.inner.chat(this.withDefaults(request));
  }
  chatJson<T>(request: ChatJsonRequest<T>) {
    return this.inner.chatJson(this.withDefaults(request));
  }
  embed: AiProvider['embed'] = (request) => this.inner.embed(request);
  image: AiProvider['image'] = (request) => this.inner.image(request);
}

/** The provider itself when there are no defaults to apply. */
export function withChatDefaults(provider: AiProvider, defaults: ChatDefaults): AiProvider {
  if (defaults.temperature === null && defaults.maxTokens === null) return provider;
  return new WithChatDefaults(provider, defaults);
}
