// The credit ledger: the account's transactions (admins), and the operator's adjustments.
import { callerOf, connectionOf, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import { adjustCredits } from '../domain/accounts.js';
import type { CreditTransactionRow } from '../domain/ledger.js';
import { listCreditTransactions } from '../domain/ledger.js';
import * as v from '../domain/validation.js';
import { CreditTransactionTypeEnum } from './enums.js';

/** A job (the automation subgraph resolves it): what a deduction charged for. */
const JobRef = builder.objectRef<{ id: string }>('Job');
builder.asEntity(JobRef, {
  key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
  resolveReference: (ref) => ref,
});
JobRef.implement({ fields: (t) => ({ id: t.exposeID('id') }) });

export const CreditTransactionRef = builder.objectRef<CreditTransactionRow>('CreditTransaction').implement({
  description: 'One entry of the append-only credit ledger.',
  fields: (t) => ({
    id: t.exposeID('id'),
    accountId: t.exposeID('accountId'),
    type: t.field({ type: CreditTransactionTypeEnum, resolve: (row) => row.type }),
    amount: t.exposeInt('amount', { description: 'Credits added (positive) or taken (negative).' }),
    balanceAfter: t.exposeInt('balanceAfter'),
    description: t.exposeString('description'),
    referenceId: t.exposeString('referenceId', {
      nullable: true,
      description: 'The invoice, payment or job the entry belongs to.',
    }),
    job: t.field({
      type: JobRef,
      nullable: true,
      description: 'The job a deduction charged for (its title and where it ran); null for other entries.',
      // A deduction is a job's captured credits, referenced by the job's id (domain/holds.ts).
      resolve: (row) => (row.type === 'deduction' && row.referenceId ? { id: row.referenceId } : null),
    }),
    metadata: t.field({ type: 'JSON', resolve: (row) => row.metadata }),
    createdById: t.exposeID('createdBy', {
      nullable: true,
      description: 'The person behind a manual entry (an adjustment).',
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (row) => row.createdAt }),
  }),
});

const AdjustCreditsInput = builder.inputType('AdjustCreditsInput', {
  validate: z.looseObject({ accountId: v.uuid, amount: v.adjustment, reason: v.reason }),
  fields: (t) => ({
    accountId: t.id({ required: true }),
    amount: t.int({
      required: true,
      description: 'Positive adds bonus credits; negative removes credits (bonus first), never below zero.',
    }),
    reason: t.string({ required: true, description: 'Why; kept in the ledger.' }),
  }),
});

builder.queryFields((t) => ({
  creditTransactions: t.connection(
    {
      type: CreditTransactionRef,
      description: "The caller's account's credit ledger, newest first (owners and admins).",
      authScopes: { role: 'admin' },
      args: {
        type: t.arg({ type: CreditTransactionTypeEnum }),
        from: t.arg({ type: 'DateTime', validate: v.timestamp, description: 'Entries at or after this time.' }),
        to: t.arg({ type: 'DateTime', validate: v.timestamp, description: 'Entries before this time.' }),
      },
      resolve: (_root, { type, from, to, ...page }, ctx) =>
        connectionOf(page, (window) =>
          listCreditTransactions(ctx.billing, callerOf(ctx), { type, from, to, page: window }),
        ),
    },
    { name: 'CreditTransactionConnection' },
    { name: 'CreditTransactionEdge' },
  ),
}));

builder.mutationFields((t) => ({
  adjustCredits: t.field({
    type: CreditTransactionRef,
    description: "Platform operator: adds or removes an account's credits, with a reason kept in the ledger.",
    authScopes: scopePresets.operator,
    args: { input: t.arg({ type: AdjustCreditsInput, required: true }) },
    resolve: (_root, { input }, ctx) => adjustCredits(ctx.billing, callerOf(ctx), input),
  }),
}));
