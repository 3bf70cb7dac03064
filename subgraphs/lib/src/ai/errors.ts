// Why an AI call failed, in words a person can act on: jobs catch `AiError` and show its message.
//
// Not DomainErrors: those carry GraphQL `extensions.code`s and reach clients through the error
// formatter, while an AI failure happens in a worker and ends a job. `retryable` tells the job
// whether running it again later could help (it could for a rate limit, not for a wrong API key).

export type AiErrorCode =
  | 'AI_AUTH_FAILED'
  | 'AI_RATE_LIMITED'
  | 'AI_QUOTA_EXCEEDED'
  | 'AI_TIMEOUT'
  | 'AI_UNAVAILABLE'
  | 'AI_REQUEST_REJECTED'
  | 'AI_CANCELLED'
  | 'AI_INVALID_OUTPUT';

export abstract class AiError extends Error {
  abstract readonly code: AiErrorCode;
  abstract readonly retryable: boolean;
}

/** The provider could not be reached or refused the request. */
export class AiProviderError extends AiError {
  override readonly name = 'AiProviderError';
  constructor(
    readonly code: Exclude<AiErrorCode, 'AI_INVALID_OUTPUT'>,
    message: string,
    readonly retryable: boolean,
    /** The HTTP status the provider answered with, when it answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The provider answered, but not with something usable: not JSON, the wrong shape, empty, refused. */
export class AiOutputError extends AiError {
  override readonly name = 'AiOutputError';
  readonly code = 'AI_INVALID_OUTPUT';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The answer as received (possibly cut short), for the logs; never shown to a client as is. */
    readonly output?: string,
  ) {
    super(message);
  }
}
