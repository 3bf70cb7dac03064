import { createBuilder, type RequestContext } from '@igny8/lib';
import type { PlannerServices } from './domain/services.js';

export interface PlannerContext extends RequestContext {
  planner: PlannerServices;
}

export const builder = createBuilder<PlannerContext>();

/** The caller, for resolvers behind an `authenticated` scope. */
export function principalOf(ctx: PlannerContext) {
  return ctx.principal!;
}

/** Read by every member; changed by editors and above (with a write-scoped credential). */
export const plannerEditor = { $all: { role: 'editor', scope: 'write' } } as const;

/** Who is asking, as the domain functions take it (with the request's memo for system lookups). */
export function callerOf(ctx: PlannerContext) {
  return { principal: ctx.principal!, requestId: ctx.requestId, cache: ctx.cache };
}
