// /api/v1/billing/credits/* and /billing/credit-transactions/ (the account's credits), and the
// platform operator's /admin/credit-costs/ and /admin/users/<id>/credits/.
import type { Router } from 'express';
import { RestFailure, sendData } from './envelope.js';
import {
  RestAdjustCreditsDocument,
  RestAdminCreditBalanceDocument,
  type RestBalanceFragment,
  RestCreditBalanceDocument,
  RestCreditCostsDocument,
  RestCreditTransactionsDocument,
  RestCreditUsageDocument,
  type RestTransactionFragment,
  RestUpdateCreditCostDocument,
  RestUsageAnalyticsDocument,
} from './gql/graphql.js';
import type { QueryParams } from './kit/params.js';
import { create, custom, get, list, mountRoutes, type RestCased, refuseUnknownFields } from './kit/routes.js';
import { enumValues } from './kit/schema.js';
import type { OperationRunner } from './runner.js';

/** Legacy clients read the balance as `credits`, as the original API called it. */
const restBalance = (b: RestCased<RestBalanceFragment>) => ({ ...b, credits: b.balance });

/** A ledger entry, its type also under the original's name `transaction_type`. */
const restTransaction = (t: RestCased<RestTransactionFragment>) => ({ ...t, transactionType: t.type });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `?from=` and `?to=` as the GraphQL range [from, to). A bare date as `to` means through that day,
 * as a person asking for usage "to 2025-01-31" expects: the range ends at the next UTC midnight.
 * A value that is no date goes through as given, so GraphQL names the field that is wrong.
 */
function rangeOf(query: QueryParams): { from?: string; to?: string } {
  let to = query.text('to');
  if (to && DATE_ONLY.test(to)) {
    const day = new Date(`${to}T00:00:00.000Z`);
    if (!Number.isNaN(day.getTime())) to = new Date(day.getTime() + 86_400_000).toISOString();
  }
  return { from: query.text('from'), to };
}

const noOperation = ({ operation }: Record<string, string>) => `There is no operation "${operation}".`;

export function mountBillingRoutes(router: Router, graph: OperationRunner): void {
  const transactionTypes = enumValues('CreditTransactionType');

  mountRoutes(router, graph, [
    get({
      path: '/billing/credits/balance/',
      operation: RestCreditBalanceDocument,
      answer: (data) => restBalance(data.creditBalance),
    }),
    get({
      path: '/billing/credits/usage/',
      operation: RestCreditUsageDocument,
      variables: ({ query }) => rangeOf(query),
    }),
    // The original's usage page: `?days=` (30 by default), or `?from=` and `?to=`.
    get({
      path: '/account/usage/analytics/',
      operation: RestUsageAnalyticsDocument,
      variables: ({ query }) => ({ ...rangeOf(query), days: query.int('days') }),
      answer: ({ creditUsage: { bySite, ...usage } }) => ({
        ...usage,
        periodDays: Math.round((Date.parse(usage.to) - Date.parse(usage.from)) / 86_400_000),
        bySite,
      }),
    }),
    list({
      path: ['/billing/credits/transactions/', '/billing/credit-transactions/', '/billing/transactions/'],
      operation: RestCreditTransactionsDocument,
      variables: ({ query }) => {
        const type = query.text('type');
        if (type !== undefined && !transactionTypes.includes(type)) {
          throw new RestFailure(400, `type must be one of ${transactionTypes.join(', ')}.`, {
            type: ['is not a transaction type'],
          });
        }
        return { type, ...rangeOf(query) };
      },
      item: restTransaction,
    }),

    list({ path: '/admin/credit-costs/', operation: RestCreditCostsDocument }),
    custom({
      method: 'update',
      path: '/admin/credit-costs/:operation/',
      notFound: noOperation,
      async handle(call, res) {
        const { body, params } = call;
        refuseUnknownFields(body, RestUpdateCreditCostDocument, {
          except: ['operation'],
          message: (names) => `Unknown fields: ${names.join(', ')}; a cost takes credits, display_name and is_active.`,
          reason: 'is not a field of a credit cost',
        });
        // GraphQL always takes the credits; a change of name or switch alone keeps the current ones.
        let credits = body.credits;
        if (credits === undefined) {
          const { creditCosts } = await call.run(RestCreditCostsDocument);
          const current = creditCosts.find((c) => c.operation === params.operation);
          if (!current) throw new RestFailure(404, noOperation(params));
          credits = current.credits;
        }
        const data = await call.run(RestUpdateCreditCostDocument, {
          input: { ...body, operation: params.operation, credits },
        });
        sendData(res, data.updateCreditCost, 200, 'Credit cost saved.');
      },
    }),

    // The original keys these by user; ours take the account id (credits belong to the account).
    get({
      path: '/admin/users/:id/credits/',
      operation: RestAdminCreditBalanceDocument,
      variables: ({ params }) => ({ accountId: params.id }),
      restNames: { accountId: 'id' },
      answer: (data) => restBalance(data.adminCreditBalance),
      notFound: 'Account not found.',
    }),
    create({
      path: '/admin/users/:id/credits/',
      operation: RestAdjustCreditsDocument,
      variables: ({ body, params }) => ({ input: { account_id: params.id, amount: body.amount, reason: body.reason } }),
      restNames: { accountId: 'id' },
      answer: (data) => restTransaction(data.adjustCredits),
      message: 'Credits adjusted.',
      notFound: 'Account not found.',
    }),
  ]);
}
