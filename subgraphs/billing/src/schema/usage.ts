// Usage analytics: credits, calls and tokens per day and operation.
import { callerOf } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { SiteUsageRow, UsageRow, UsageTotal } from '../domain/ledger.js';
import { getCreditUsage, MAX_USAGE_DAYS, type UsageReport } from '../domain/ledger.js';
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

const CreditUsageDayRef = builder.objectRef<UsageTotal & { day: string }>('CreditUsageDay').implement({
  description: 'What was used on one UTC day (zeros on a day without usage).',
  fields: (t) => ({
    day: t.exposeString('day', { description: 'The UTC day, YYYY-MM-DD.' }),
    credits: t.exposeInt('credits'),
    calls: t.exposeInt('calls'),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
  }),
});

const CreditUsageOperationRef = builder
  .objectRef<UsageTotal & { operation: string }>('CreditUsageOperation')
  .implement({
    description: 'What one operation used over the period.',
    fields: (t) => ({
      operation: t.exposeString('operation'),
      credits: t.exposeInt('credits'),
      calls: t.exposeInt('calls'),
      inputTokens: t.exposeInt('inputTokens'),
      outputTokens: t.exposeInt('outputTokens'),
    }),
  });

const CreditUsageSiteRef = builder.objectRef<SiteUsageRow>('CreditUsageSite').implement({
  description: 'What work for one site used over the period.',
  fields: (t) => ({
    siteId: t.exposeID('siteId', { nullable: true, description: 'Null for work that was for no site.' }),
    credits: t.exposeInt('credits'),
    calls: t.exposeInt('calls'),
  }),
});

const CreditUsageReportRef = builder.objectRef<UsageReport>('CreditUsageReport').implement({
  description: 'Credits used in a period, per UTC day and operation, with totals.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', resolve: (r) => r.from }),
    to: t.field({ type: 'DateTime', resolve: (r) => r.to }),
    rows: t.field({ type: [CreditUsageRowRef], resolve: (r) => r.rows }),
    byDay: t.field({ type: [CreditUsageDayRef], resolve: (r) => r.byDay }),
    byOperation: t.field({ type: [CreditUsageOperationRef], resolve: (r) => r.byOperation }),
    bySite: t.field({ type: [CreditUsageSiteRef], resolve: (r) => r.bySite }),
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
      "The caller's account's usage in [from, to): the last `days` (30 by default) up to `to` (now), a year at most (owners and admins).",
    authScopes: { role: 'admin' },
    args: {
      from: t.arg({ type: 'DateTime', validate: v.timestamp }),
      to: t.arg({ type: 'DateTime', validate: v.timestamp }),
      days: t.arg.int({
        description: 'The last this many days up to `to` (instead of `from`).',
        validate: z
          .number()
          .int()
          .min(1, 'must be at least 1')
          .max(MAX_USAGE_DAYS, `must be at most ${MAX_USAGE_DAYS}`),
      }),
    },
    resolve: (_root, args, ctx) => getCreditUsage(ctx.billing, callerOf(ctx), args),
  }),
}));
