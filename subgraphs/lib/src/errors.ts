// Typed domain errors and the one place that maps them to GraphQL `extensions.code`.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INSUFFICIENT_CREDITS'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE';

/** The HTTP status that answers each domain error where a route speaks HTTP itself (REST, uploads). */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  INSUFFICIENT_CREDITS: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** Field name → messages, as SPEC.md's `extensions.fields` and REST `errors`. */
export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  extensions(): Record<string, unknown> {
    return {};
  }
}

export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
  /** A single field is wrong: the message names it. */
  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError(`${field}: ${message}`, { [field]: [message] });
  }
  override extensions() {
    return { fields: this.fields };
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Sign in first: this needs a valid access token or API key.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} was not found.` : `${entity} was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
  override extensions() {
    return Object.keys(this.fields).length ? { fields: this.fields } : {};
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
  override extensions() {
    return { retryAfter: this.retryAfterSeconds };
  }
}

export class InsufficientCreditsError extends DomainError {
  readonly code = 'INSUFFICIENT_CREDITS';
  constructor(
    readonly needed: number,
    readonly available: number,
  ) {
    super(`This needs ${needed} credits and the account has ${available} available.`);
  }
  override extensions() {
    return { needed: this.needed, available: this.available };
  }
}

const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_CREDITS',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
]);

/** What a request that met a database outage answers, and when to try again. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is unavailable for a moment (it may be restarting); try again in a few seconds.';
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE class 08 (connection exception), and what a server that shuts down, crashed or is still
// starting tells its clients (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now).
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123])/;
// postgres.js's own codes, and the socket's.
const UNAVAILABLE_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Whether `error` (possibly wrapped by drizzle) says the database could not be reached or dropped
 * the connection — an outage or a restart, not a fault of the request: the same request succeeds
 * once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    // node-postgres (pg-boss's driver) says so in words only.
    if (/^Connection terminated( unexpectedly|$)/.test(String((e as { message?: unknown }).message))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Another subgraph (or the database) could not serve a call: the caller's work stops, nothing is
 * half-done. `temporary`: it could not be reached or was itself cut off from the database — the
 * same call succeeds later — rather than failing on the request.
 */
export class ServiceUnavailableError extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(
    message: string,
    readonly temporary = false,
  ) {
    super(message);
  }
}

/** What a person reads about an outage: the unavailable service's own words, or the database's. */
export const outageMessage = (error: unknown): string =>
  error instanceof ServiceUnavailableError ? error.message : DATABASE_UNAVAILABLE_MESSAGE;

/** An outage that passes by itself: the database or another subgraph is away for a moment. */
export const isTemporaryOutage = (error: unknown): boolean =>
  (error instanceof ServiceUnavailableError && error.temporary) || isDatabaseUnavailable(error);

/** Postgres unique violation (23505), as thrown by postgres.js or PGlite, possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 3; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs `work`; a unique-index violation becomes `conflict()` (naming the field a person can change). */
export async function conflictOnDuplicate<T>(work: () => Promise<T>, conflict: () => ConflictError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

/**
 * Apollo `formatError`: domain errors keep their code and message; anything unexpected is logged
 * and answered with a generic message, so no SQL or stack trace reaches a client.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A resolver's error (Apollo wraps it with a path), or one a transport wrapped without a path
    // (graphql-ws wraps what a subscription's event stream throws).
    const unwrapped = unwrapResolverError(error);
    const found =
      !(unwrapped instanceof DomainError) &&
      unwrapped instanceof GraphQLError &&
      unwrapped.originalError instanceof DomainError
        ? unwrapped.originalError
        : unwrapped;
    // An outage is the platform's, not the request's: said so, with when to try again.
    if (!(found instanceof DomainError) && isTemporaryOutage(found)) {
      log.warn({ err: found }, 'a request met an outage');
      return {
        message: outageMessage(found),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: OUTAGE_RETRY_AFTER_SECONDS },
      };
    }
    const original = found;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, ...original.extensions() },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log.error({ err: original }, 'unexpected error in a resolver');
    return {
      message: 'Something went wrong on our side; it has been logged.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** A GraphQLError carrying a domain code, for places outside resolvers (context creation). */
/**
 * An outage met before any resolver ran (checking the caller's token while the database restarts):
 * answered like one met in a resolver — SERVICE_UNAVAILABLE with when to try again.
 */
export function outageGraphQLError(error: unknown): GraphQLError {
  return new GraphQLError(outageMessage(error), {
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: OUTAGE_RETRY_AFTER_SECONDS, http: { status: 200 } },
  });
}

export function toGraphQLError(error: DomainError, httpStatus: number): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.extensions(), http: { status: httpStatus } },
  });
}
