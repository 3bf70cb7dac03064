// Calls between subgraphs. A subgraph that needs another's operation (a job reserving credits in
// billing, billing asking system for an account's plan) calls that subgraph directly with a
// short-lived service token (HS256 over SERVICE_SECRET, audience `igny8-internal`) in the
// `x-igny8-service` header. Such operations are `@inaccessible`: the gateway never exposes them,
// and a subgraph refuses them without a valid service token.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, print } from 'graphql';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Logger } from 'pino';
import {
  BadUserInputError,
  ConflictError,
  DomainError,
  type ErrorCode,
  type FieldErrors,
  ForbiddenError,
  InsufficientCreditsError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from './errors.js';

export const SERVICE_HEADER = 'x-igny8-service';
const SERVICE_AUDIENCE = 'igny8-internal';
const SERVICE_TYP = 'service+jwt';
const SERVICE_ALG = 'HS256';
const TOKEN_TTL_SECONDS = 120;
const MIN_SECRET_BYTES = 32;

/** The shared secret: SERVICE_SECRET, or one generated once into DATA_DIR/keys (one machine). */
export function loadServiceSecret(dataDir: string, fromEnv?: string): Uint8Array {
  if (fromEnv) {
    const bytes = new TextEncoder().encode(fromEnv);
    if (bytes.length < MIN_SECRET_BYTES) throw new Error(`SERVICE_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
    return bytes;
  }
  const file = join(dataDir, 'keys', 'service-secret');
  try {
    return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(join(dataDir, 'keys'), { recursive: true });
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another service of this machine created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadServiceSecret(dataDir);
    throw error;
  }
  return new TextEncoder().encode(secret);
}

export interface ServiceCredentials {
  /** A token naming this service; reused until it is close to expiry. */
  token(): Promise<string>;
  /** The calling service's name, or an UnauthenticatedError. */
  verify(token: string): Promise<string>;
}

export function createServiceCredentials(secret: Uint8Array, serviceName: string): ServiceCredentials {
  let current: { token: string; until: number } | undefined;
  return {
    async token() {
      const now = Date.now();
      if (current && current.until > now) return current.token;
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: SERVICE_ALG, typ: SERVICE_TYP })
        .setSubject(serviceName)
        .setAudience(SERVICE_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
        .sign(secret);
      current = { token, until: now + (TOKEN_TTL_SECONDS - 30) * 1000 };
      return token;
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: [SERVICE_ALG],
          audience: SERVICE_AUDIENCE,
          typ: SERVICE_TYP,
          requiredClaims: ['exp', 'iat', 'sub'],
          maxTokenAge: TOKEN_TTL_SECONDS + 30,
          clockTolerance: 5,
        });
        return payload.sub as string;
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The service token has expired.');
        throw new UnauthenticatedError('The service token is not valid.');
      }
    },
  };
}

/** A subgraph's answer turned back into the domain error it was (codes cross the wire). */
function domainErrorOf(error: { message: string; extensions?: Record<string, unknown> }): Error {
  const ext = error.extensions ?? {};
  const code = ext.code as ErrorCode | string | undefined;
  switch (code) {
    case 'BAD_USER_INPUT':
      return new BadUserInputError(error.message, (ext.fields as FieldErrors | undefined) ?? {});
    case 'UNAUTHENTICATED':
      return new UnauthenticatedError(error.message);
    case 'FORBIDDEN':
      return new ForbiddenError(error.message);
    case 'NOT_FOUND':
      return Object.assign(new NotFoundError('Object'), { message: error.message });
    case 'CONFLICT':
      return new ConflictError(error.message);
    case 'INSUFFICIENT_CREDITS':
      return new InsufficientCreditsError(Number(ext.needed ?? 0), Number(ext.available ?? 0));
    case 'RATE_LIMITED':
      return new RateLimitedError(error.message, Number(ext.retryAfter ?? 1));
    case 'SERVICE_UNAVAILABLE':
      return new ServiceUnavailableError(error.message, true);
    default:
      return new Error(error.message);
  }
}

export interface ServiceClient {
  /** Runs one operation on the subgraph; GraphQL errors come back as the domain errors they were. */
  request<T>(query: string, variables?: Record<string, unknown>, requestId?: string): Promise<T>;
  /**
   * Runs a typed operation: a document from the calling subgraph's `operations/*.graphql`, which
   * codegen checks against the supergraph and types, so no caller hand-copies another subgraph's types.
   */
  query<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    requestId?: string,
  ): Promise<R>;
}

/** Each document is printed once, not per call. */
const printed = new WeakMap<DocumentNode, string>();
const textOf = (document: DocumentNode): string => {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
};

export function createServiceClient(options: {
  /** The subgraph's /graphql URL, or a function when it is only known after start. */
  url: string | (() => string);
  target: string;
  credentials: ServiceCredentials;
  log: Logger;
  timeoutMs?: number;
}): ServiceClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    query(document, variables, requestId) {
      return this.request(textOf(document), variables, requestId);
    },
    async request<T>(query: string, variables: Record<string, unknown> = {}, requestId?: string): Promise<T> {
      const url = typeof options.url === 'function' ? options.url() : options.url;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SERVICE_HEADER]: await options.credentials.token(),
            ...(requestId ? { 'x-request-id': requestId } : {}),
          },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        options.log.error({ err: error, target: options.target }, 'service call failed');
        throw new ServiceUnavailableError(
          `The ${options.target} service could not be reached. Try again shortly.`,
          true,
        );
      }
      const body = (await response.json().catch(() => null)) as {
        data?: T;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      } | null;
      if (body?.errors?.length) {
        const [first] = body.errors;
        const error = domainErrorOf(first!);
        if (error instanceof ServiceUnavailableError) throw error;
        if (!(error instanceof DomainError)) {
          options.log.error({ target: options.target, errors: body.errors }, 'service call answered an error');
          throw new ServiceUnavailableError(`The ${options.target} service failed: ${first!.message}`);
        }
        throw error;
      }
      if (!response.ok || !body?.data) {
        throw new ServiceUnavailableError(`The ${options.target} service answered HTTP ${response.status}.`);
      }
      return body.data;
    },
  };
}
