// Service-only operations the job runtime calls (lib/jobs/billing-holds.ts): never exposed by the
// gateway (@inaccessible), refused without a service token.
import { z } from 'zod';
import { builder } from '../builder.js';
import type { CreditHoldRow } from '../domain/holds.js';
import { captureCredits, releaseCredits, reserveCredits } from '../domain/holds.js';
import * as v from '../domain/validation.js';
import { CreditHoldStatusEnum } from './enums.js';

const CreditHoldRef = builder.objectRef<CreditHoldRow>('CreditHold').implement({
  description: "Credits set aside for a job: captured (charged) when it succeeds, released when it doesn't.",
  inaccessible: true,
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    jobId: t.exposeID('jobId'),
    operation: t.exposeString('operation'),
    credits: t.exposeInt('credits', { description: 'Held; 0 for an operation that costs nothing.' }),
    chargedCredits: t.exposeInt('chargedCredits', { nullable: true, description: 'What the capture charged.' }),
    status: t.field({ type: CreditHoldStatusEnum, resolve: (hold) => hold.status }),
    createdAt: t.field({ type: 'DateTime', resolve: (hold) => hold.createdAt }),
    settledAt: t.field({ type: 'DateTime', nullable: true, resolve: (hold) => hold.settledAt }),
  }),
});

const ReserveCreditsInput = builder.inputType('ReserveCreditsInput', {
  inaccessible: true,
  validate: z.looseObject({
    accountId: v.uuid,
    jobId: v.uuid,
    operation: v.operation,
    units: v.units,
    userId: v.uuid.nullish(),
    siteId: v.uuid.nullish(),
  }),
  fields: (t) => ({
    accountId: t.id({ required: true }),
    jobId: t.id({ required: true }),
    operation: t.string({ required: true }),
    units: t.float({ required: true }),
    userId: t.id(),
    siteId: t.id({ description: 'The site the job works on, when it works on one.' }),
  }),
});

const CaptureCreditsInput = builder.inputType('CaptureCreditsInput', {
  inaccessible: true,
  validate: z.looseObject({
    accountId: v.uuid,
    jobId: v.uuid,
    credits: v.credits.nullish(),
    inputTokens: v.tokens.nullish(),
    outputTokens: v.tokens.nullish(),
    model: v.model.nullish(),
    description: v.description.nullish(),
  }),
  fields: (t) => ({
    accountId: t.id({ required: true }),
    jobId: t.id({ required: true }),
    credits: t.int({ description: 'At most the hold; the whole hold when absent.' }),
    inputTokens: t.int(),
    outputTokens: t.int(),
    model: t.string(),
    description: t.string(),
  }),
});

const ReleaseCreditsInput = builder.inputType('ReleaseCreditsInput', {
  inaccessible: true,
  validate: z.looseObject({ accountId: v.uuid, jobId: v.uuid }),
  fields: (t) => ({
    accountId: t.id({ required: true }),
    jobId: t.id({ required: true }),
  }),
});

const serviceOnly = { authScopes: { service: true }, inaccessible: true } as const;

builder.mutationFields((t) => ({
  reserveCredits: t.field({
    ...serviceOnly,
    type: CreditHoldRef,
    description: "Sets a job's price aside; INSUFFICIENT_CREDITS when too few are available. Idempotent by job.",
    args: { input: t.arg({ type: ReserveCreditsInput, required: true }) },
    resolve: (_root, { input }, ctx) => reserveCredits(ctx.billing, input, ctx.requestId),
  }),
  captureCredits: t.field({
    ...serviceOnly,
    type: CreditHoldRef,
    description: "Charges a job's hold (or less of it) and logs its usage. A second capture charges nothing.",
    args: { input: t.arg({ type: CaptureCreditsInput, required: true }) },
    resolve: (_root, { input }, ctx) => captureCredits(ctx.billing, input),
  }),
  releaseCredits: t.field({
    ...serviceOnly,
    type: CreditHoldRef,
    description: "Gives a job's held credits back; writes nothing to the ledger. Idempotent.",
    args: { input: t.arg({ type: ReleaseCreditsInput, required: true }) },
    resolve: (_root, { input }, ctx) => releaseCredits(ctx.billing, input),
  }),
}));
