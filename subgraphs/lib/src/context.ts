// The request context every resolver sees: the verified caller, the request id and a logger.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { type AccessTokenVerifier, bearerToken, type Principal } from './auth.js';
import { type Caller, callerFrom } from './caller.js';
import { DomainError, toGraphQLError, UnauthenticatedError } from './errors.js';
import { SERVICE_HEADER, type ServiceCredentials } from './service.js';

export interface RequestContext {
  principal: Principal | null;
  /** The signed-in caller as domain functions take it; null when the request carries no credential. */
  caller: Caller | null;
  /** The subgraph calling, when another service (not a person) made this request. */
  service: string | null;
  requestId: string;
  /** The client's address as the gateway saw it (X-Forwarded-For from a trusted proxy). */
  clientIp: string;
  log: Logger;
  /** Per-request cache for DataLoaders and the like. */
  cache: Map<unknown, unknown>;
}

export const REQUEST_ID_HEADER = 'x-request-id';

export function requestIdOf(req: Pick<Request, 'headers'>): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = Array.isArray(given) ? given[0] : given;
  return id && /^[\w-]{8,64}$/.test(id) ? id : randomUUID();
}

/** Builds the context from the request: a credential, if present, must verify. */
export function createContextFactory(verify: AccessTokenVerifier, log: Logger, services?: ServiceCredentials) {
  return async ({ req }: { req: Request }): Promise<RequestContext> => {
    const requestId = requestIdOf(req);
    const child = log.child({ requestId });
    try {
      const token = bearerToken(req.headers.authorization);
      const principal = token ? await verify(token) : null;
      const serviceToken = req.headers[SERVICE_HEADER];
      let service: string | null = null;
      if (typeof serviceToken === 'string' && serviceToken) {
        if (!services) throw new UnauthenticatedError('This subgraph takes no service calls.');
        service = await services.verify(serviceToken);
      }
      const cache = new Map<unknown, unknown>();
      const caller = principal ? callerFrom(principal, requestId, cache) : null;
      return { principal, caller, service, requestId, clientIp: req.ip ?? 'unknown', log: child, cache };
    } catch (error) {
      if (error instanceof DomainError) throw toGraphQLError(error, 401);
      throw error;
    }
  };
}
