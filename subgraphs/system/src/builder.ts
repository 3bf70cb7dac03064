import { createBuilder, type RequestContext } from '@igny8/lib';
import type { SystemServices } from './domain/services.js';

export interface SystemContext extends RequestContext {
  system: SystemServices;
}

export const builder = createBuilder<SystemContext>();

// The library's `defaultConnectionTypeOptions.fields` is overridden by each connection's own
// fields, so `totalCount` never reached the schema; a global connection field does (and is
// skipped on any connection that already has one).
builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items match, across all pages.',
    resolve: (connection) => (connection as { totalCount?: number }).totalCount ?? 0,
  }),
);

/** The caller, for resolvers behind an `authenticated` scope. */
export function principalOf(ctx: SystemContext) {
  return ctx.principal!;
}
