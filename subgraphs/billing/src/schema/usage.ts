// Usage analytics: credits, calls and tokens per day and operation.
import { callerOf } from '@igny8/lib';
import { builder } from '../builder.js';
import type { UsageRow } from '../domain/ledger.js';
import { getCreditUsage, type UsageReport } from '../domain/ledger.js';
import * as v from '../domain/validation.js';

const CreditUsageRowRef = builder.objectRef<UsageRow>('CreditUsageRow').implement({
  description: 'What one operation used on one day.',
  fields: (t) => ({
    day: t.exposeString('day', { description: 'The UTC day, YYYY-MM-DD.' }),
    operation: t.exposeString('operation'),
    credits: t.exposeInt('credits'),
    calls: t.exposeInt('calls'),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
  }),
});

const CreditUsageReportRef = builder.objectRef<UsageReport>('CreditUsageReport').implement({
  description: 'Credits used in a period, per UTC day and operation, with totals.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', resolve: (r) => r.from }),
    to: t.field({ type: 'DateTime', resolve: (r) => r.to }),
    rows: t.field({ type: [CreditUsageRowRef], resolve: (r) => r.rows }),
    totalCredits: t.exposeInt('totalCredits'),
    totalCalls: t.exposeInt('totalCalls'),
    totalInputTokens: t.exposeInt('totalInputTokens'),
    totalOutputTokens: t.exposeInt('totalOutputTokens'),
  }),
});

builder.queryFields((t) => ({
  creditUsage: t.field({
    type: CreditUsageReportRef,
    description:
      "The caller's account's usage in [from, to): the last 30 days by default, a year at most (owners and admins).",
    authScopes: { role: 'admin' },
    args: {
      from: t.arg({ type: 'DateTime', validate: v.timestamp }),
      to: t.arg({ type: 'DateTime', validate: v.timestamp }),
    },
    resolve: (_root, args, ctx) => getCreditUsage(ctx.billing, callerOf(ctx), args),
  }),
}));
