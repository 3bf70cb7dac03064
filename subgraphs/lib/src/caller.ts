// Who is calling, as every domain function takes it: `(services, caller, input)`. Built once per
// request from the verified credential (see `createContextFactory`); jobs and routes outside
// GraphQL build one with `callerFrom`.
import type { Principal } from './auth.js';
import type { RequestContext } from './context.js';
import { UnauthenticatedError } from './errors.js';

export interface Caller extends Principal {
  /** The request id the gateway sent: passed on to other subgraphs and into the log. */
  requestId: string;
  /** Per-request memo (one call to another subgraph however many fields ask); absent outside a request. */
  memo?: Map<unknown, unknown> | undefined;
}

export function callerFrom(principal: Principal, requestId: string, memo?: Map<unknown, unknown>): Caller {
  return { ...principal, requestId, memo };
}

/** The request's caller, for resolvers behind an `authenticated` scope (or any other that implies it). */
export function callerOf(ctx: Pick<RequestContext, 'caller'>): Caller {
  if (!ctx.caller) throw new UnauthenticatedError();
  return ctx.caller;
}
