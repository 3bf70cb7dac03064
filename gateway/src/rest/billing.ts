// /api/v1/billing/credits/* and /billing/credit-transactions/ (the account's credits), and the
// platform operator's /admin/credit-costs/ and /admin/users/<id>/credits/.
import type { Request, Router } from 'express';
import { enumValue, toGraphqlInput } from './case.js';
import { RestFailure, sendData, sendList } from './envelope.js';
import { bodyOf, pageOf } from './kit/params.js';
import { handle, type OperationRunner } from './runner.js';

const BALANCE = 'balance reserved available planCredits bonusCredits';
const TRANSACTION = 'id accountId type amount balanceAfter description referenceId metadata createdById createdAt';
const USAGE = `from to rows { day operation credits calls inputTokens outputTokens }
  totalCredits totalCalls totalInputTokens totalOutputTokens`;
const COST = 'operation displayName unit credits description isActive updatedAt';

const TRANSACTION_TYPES = ['purchase', 'subscription', 'deduction', 'refund', 'adjustment'];
const COST_FIELDS = ['credits', 'displayName', 'isActive'];

interface Balance {
  balance: number;
  [field: string]: unknown;
}

interface Transaction {
  type: string;
  [field: string]: unknown;
}

interface CreditCost {
  operation: string;
  credits: number;
  [field: string]: unknown;
}

/** Legacy clients read the balance as `credits`, as the original API called it. */
const restBalance = (b: Balance) => ({ ...b, credits: b.balance });

/** REST shape of a ledger entry: lower-case type, also under the original's name `transaction_type`. */
const restTransaction = (t: Transaction) => ({
  ...t,
  type: t.type.toLowerCase(),
  transactionType: t.type.toLowerCase(),
});

/** A query parameter given once, or a 400 naming it. */
function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new RestFailure(400, `${name} must be given once.`, { [name]: ['is repeated'] });
  return value;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `?from=` and `?to=` as the GraphQL range [from, to). A bare date as `to` means through that day,
 * as a person asking for usage "to 2025-01-31" expects: the range ends at the next UTC midnight.
 * A value that is no date goes through as given, so GraphQL names the field that is wrong.
 */
function rangeOf(req: Request): { from?: string; to?: string } {
  const from = queryText(req, 'from');
  let to = queryText(req, 'to');
  if (to && DATE_ONLY.test(to)) {
    const day = new Date(`${to}T00:00:00.000Z`);
    if (!Number.isNaN(day.getTime())) to = new Date(day.getTime() + 86_400_000).toISOString();
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** An unknown operation in the path is a resource that does not exist, not bad input. */
async function forOperation<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RestFailure && error.status === 400 && error.fields?.operation) {
      throw new RestFailure(404, `There is no operation "${operation}".`);
    }
    throw error;
  }
}

export function mountBillingRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    '/billing/credits/balance/',
    handle(async (req, res) => {
      const data = await graph.run<{ creditBalance: Balance }>(
        req,
        `query CreditBalance { creditBalance { ${BALANCE} } }`,
      );
      sendData(res, restBalance(data.creditBalance));
    }),
  );

  router.get(
    '/billing/credits/usage/',
    handle(async (req, res) => {
      const data = await graph.run<{ creditUsage: unknown }>(
        req,
        `query CreditUsage($from: DateTime, $to: DateTime) { creditUsage(from: $from, to: $to) { ${USAGE} } }`,
        rangeOf(req),
      );
      sendData(res, data.creditUsage);
    }),
  );

  router.get(
    ['/billing/credits/transactions/', '/billing/credit-transactions/'],
    handle(async (req, res) => {
      const page = pageOf(req);
      const type = queryText(req, 'type');
      if (type !== undefined && !TRANSACTION_TYPES.includes(type)) {
        throw new RestFailure(400, `type must be one of ${TRANSACTION_TYPES.join(', ')}.`, {
          type: ['is not a transaction type'],
        });
      }
      const data = await graph.run<{ creditTransactions: { totalCount: number; edges: { node: Transaction }[] } }>(
        req,
        `query CreditTransactions($first: Int, $after: String, $type: CreditTransactionType, $from: DateTime, $to: DateTime) {
          creditTransactions(first: $first, after: $after, type: $type, from: $from, to: $to) {
            totalCount edges { node { ${TRANSACTION} } } } }`,
        { first: page.first, after: page.after, type: type && enumValue(type), ...rangeOf(req) },
      );
      sendList(
        req,
        res,
        data.creditTransactions.edges.map((e) => restTransaction(e.node)),
        data.creditTransactions.totalCount,
        page,
      );
    }),
  );

  router.get(
    '/admin/credit-costs/',
    handle(async (req, res) => {
      const page = pageOf(req);
      const data = await graph.run<{ creditCosts: CreditCost[] }>(req, `query CreditCosts { creditCosts { ${COST} } }`);
      const start = (page.page - 1) * page.pageSize;
      sendList(req, res, data.creditCosts.slice(start, start + page.pageSize), data.creditCosts.length, page);
    }),
  );

  const updateCost = handle(async (req, res) => {
    const operation = String(req.params.operation);
    const input = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
    const unknown = Object.keys(input).filter((k) => !COST_FIELDS.includes(k));
    if (unknown.length) {
      throw new RestFailure(
        400,
        `Unknown fields: ${unknown.join(', ')}; a cost takes credits, display_name and is_active.`,
        Object.fromEntries(unknown.map((k) => [k, ['is not a field of a credit cost']])),
      );
    }
    // GraphQL always takes the credits; a change of name or switch alone keeps the current ones.
    let credits = input.credits;
    if (credits === undefined) {
      const data = await graph.run<{ creditCosts: CreditCost[] }>(
        req,
        'query CreditCosts { creditCosts { operation credits } }',
      );
      const current = data.creditCosts.find((c) => c.operation === operation);
      if (!current) throw new RestFailure(404, `There is no operation "${operation}".`);
      credits = current.credits;
    }
    const data = await forOperation(operation, () =>
      graph.run<{ updateCreditCost: CreditCost }>(
        req,
        `mutation UpdateCreditCost($input: UpdateCreditCostInput!) { updateCreditCost(input: $input) { ${COST} } }`,
        { input: { ...input, operation, credits } },
      ),
    );
    sendData(res, data.updateCreditCost, 200, 'Credit cost saved.');
  });
  router.patch('/admin/credit-costs/:operation/', updateCost);
  router.put('/admin/credit-costs/:operation/', updateCost);

  // The original keys these by user; ours take the account id (credits belong to the account).
  router.get(
    '/admin/users/:id/credits/',
    handle(async (req, res) => {
      const data = await graph.run<{ adminCreditBalance: Balance }>(
        req,
        `query AdminCreditBalance($accountId: ID!) { adminCreditBalance(accountId: $accountId) { ${BALANCE} } }`,
        { accountId: req.params.id },
        { accountId: 'id' },
      );
      sendData(res, restBalance(data.adminCreditBalance));
    }),
  );

  router.post(
    '/admin/users/:id/credits/',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const data = await graph.run<{ adjustCredits: Transaction }>(
        req,
        `mutation AdjustCredits($input: AdjustCreditsInput!) { adjustCredits(input: $input) { ${TRANSACTION} } }`,
        { input: { accountId: req.params.id, amount: body.amount, reason: body.reason } },
        { accountId: 'id' },
      );
      sendData(res, restTransaction(data.adjustCredits), 201, 'Credits adjusted.');
    }),
  );
}
