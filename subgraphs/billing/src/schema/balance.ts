// Credit balances: the caller's, any account's for the platform operator, and on the Account entity.
import { callerOf, scopePresets } from '@igny8/lib';
import { builder } from '../builder.js';
import { type CreditBalance, getCreditBalance, mayReadCredits } from '../domain/accounts.js';
import * as v from '../domain/validation.js';

export const CreditBalanceRef = builder.objectRef<CreditBalance>('CreditBalance').implement({
  description: "An account's credits: balance = planCredits + bonusCredits; available = balance − reserved.",
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    balance: t.exposeInt('balance', { description: 'Plan and bonus credits together; the ledger sums to it.' }),
    reserved: t.exposeInt('reserved', { description: 'Held by queued or running jobs.' }),
    available: t.exposeInt('available', { description: 'What a new job can use.' }),
    planCredits: t.exposeInt('planCredits', { description: "Reset to the plan's amount at each paid renewal." }),
    bonusCredits: t.exposeInt('bonusCredits', {
      description: 'Bought or granted; never expire. Used after plan credits.',
    }),
  }),
});

// The system subgraph owns Account; billing contributes its credits to the same entity (another
// account's reference resolves to null, as it does in system).
const AccountRef = builder.objectRef<{ id: string }>('Account');

builder.asEntity(AccountRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => (mayReadCredits(ctx.caller, ref.id) ? { id: ref.id } : null),
});

AccountRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    credits: t.field({
      type: CreditBalanceRef,
      description: "The account's credits (only for its own members and the platform operator).",
      resolve: (account, _args, ctx) => getCreditBalance(ctx.billing, callerOf(ctx), account.id),
    }),
  }),
});

builder.queryFields((t) => ({
  creditBalance: t.field({
    type: CreditBalanceRef,
    description: "The caller's account's credits (every member sees them).",
    authScopes: scopePresets.member,
    resolve: (_root, _args, ctx) => getCreditBalance(ctx.billing, callerOf(ctx)),
  }),
  adminCreditBalance: t.field({
    type: CreditBalanceRef,
    description: "Platform operator: any account's credits.",
    authScopes: scopePresets.operator,
    args: { accountId: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => getCreditBalance(ctx.billing, callerOf(ctx), args.accountId),
  }),
}));
