import { createBuilder, type RequestContext } from '@igny8/lib';
import type { SystemServices } from './domain/services.js';

export interface SystemContext extends RequestContext {
  system: SystemServices;
}

export const builder = createBuilder<SystemContext>();

/** The caller, for resolvers behind an `authenticated` scope. */
export function principalOf(ctx: SystemContext) {
  return ctx.principal!;
}
