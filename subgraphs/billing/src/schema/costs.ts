// What AI operations cost: shown before a user starts one, edited by the platform operator.
import { callerOf, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { CreditCostRow } from '../domain/costs.js';
import { estimateCredits, listCreditCosts, updateCreditCost } from '../domain/costs.js';
import * as v from '../domain/validation.js';

const CreditCostRef = builder.objectRef<CreditCostRow>('CreditCost').implement({
  description: 'What one unit of an AI operation costs.',
  fields: (t) => ({
    operation: t.exposeString('operation', { description: 'The key jobs are charged by, e.g. content_generation.' }),
    displayName: t.exposeString('displayName'),
    unit: t.exposeString('unit', { description: 'What one charge of `credits` covers: request, 100 words, image…' }),
    credits: t.exposeInt('credits'),
    description: t.exposeString('description'),
    isActive: t.exposeBoolean('isActive', { description: 'An inactive operation costs nothing.' }),
    updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.updatedAt }),
  }),
});

const UpdateCreditCostInput = builder.inputType('UpdateCreditCostInput', {
  validate: z.looseObject({
    operation: v.operation,
    credits: v.credits,
    displayName: v.displayName.nullish(),
  }),
  fields: (t) => ({
    operation: t.string({ required: true }),
    credits: t.int({ required: true, description: 'Credits per unit.' }),
    displayName: t.string(),
    isActive: t.boolean(),
  }),
});

builder.queryFields((t) => ({
  creditCosts: t.field({
    type: [CreditCostRef],
    description: 'What each AI operation costs.',
    authScopes: scopePresets.member,
    resolve: (_root, _args, ctx) => listCreditCosts(ctx.billing),
  }),
  estimateCredits: t.int({
    description: 'The credits an operation would cost now, so it can be shown before it starts.',
    authScopes: scopePresets.member,
    args: {
      operation: t.arg.string({ required: true, validate: v.operation }),
      units: t.arg.float({
        required: true,
        validate: v.units,
        description: "How many of the operation's unit: 12.5 for 1,250 words priced per 100 words.",
      }),
    },
    resolve: (_root, args, ctx) => estimateCredits(ctx.billing, args.operation, args.units),
  }),
}));

builder.mutationFields((t) => ({
  updateCreditCost: t.field({
    type: CreditCostRef,
    description: 'Platform operator: changes what an operation costs, its name, or switches it off.',
    authScopes: scopePresets.operator,
    args: { input: t.arg({ type: UpdateCreditCostInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateCreditCost(ctx.billing, callerOf(ctx), input),
  }),
}));
