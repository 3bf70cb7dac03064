// The platform operator's credit tools: adjustments with a reason, and what operations cost.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../src/server.js';
import { ADJUST, BALANCE, RESERVE, type Session, startTestBilling, type TestBilling, TRANSACTIONS } from './harness.js';

const COSTS = `{ creditCosts { operation displayName unit credits isActive } }`;
const ESTIMATE = `query($operation: String!, $units: Float!) { estimateCredits(operation: $operation, units: $units) }`;
const UPDATE_COST = `mutation($input: UpdateCreditCostInput!) {
  updateCreditCost(input: $input) { operation displayName credits isActive }
}`;

describe('billing subgraph: adjustments and costs', () => {
  let t: TestBilling;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestBilling();
    owner = await t.registerOwner();
  });
  afterAll(() => t.close());

  const adjust = (amount: number, reason: string | undefined, token = t.operator.token) =>
    t.gql(ADJUST, { input: { accountId: owner.accountId, amount, reason } }, token);
  const balance = async () => (await t.gql(BALANCE, {}, owner.token)).data.creditBalance;

  it("lets the platform operator add credits with a reason, kept in the account's ledger", async () => {
    const res = await adjust(250, 'Compensation for the outage of 3 May');
    expect(res.errors).toBeUndefined();
    expect(res.data.adjustCredits).toMatchObject({
      type: 'ADJUSTMENT',
      amount: 250,
      balanceAfter: 350,
      description: 'Compensation for the outage of 3 May',
      createdById: t.operator.userId,
    });
    expect(await balance()).toMatchObject({ balance: 350, planCredits: 100, bonusCredits: 250 });
    const ledger = (await t.gql(TRANSACTIONS, { type: 'ADJUSTMENT' }, owner.token)).data.creditTransactions;
    expect(ledger.totalCount).toBe(1);
    expect(ledger.edges[0].node.id).toBe(res.data.adjustCredits.id);
  });

  it('removes credits from the bonus pool first, then the plan pool', async () => {
    const res = await adjust(-300, 'Gift sent twice by mistake');
    expect(res.data.adjustCredits).toMatchObject({ amount: -300, balanceAfter: 50 });
    expect(await balance()).toMatchObject({ balance: 50, planCredits: 50, bonusCredits: 0 });
  });

  it('refuses to remove more than is available, saying how much that is', async () => {
    await t.serviceGql(RESERVE, {
      input: { accountId: owner.accountId, jobId: randomUUID(), operation: 'clustering', units: 2 },
    });
    const res = await adjust(-40, 'Too much');
    expect(res.errors?.[0]).toMatchObject({
      message: 'amount: cannot remove 40 credits: the account has 30 available (20 more are held by running jobs)',
      extensions: { code: 'BAD_USER_INPUT', fields: { amount: [expect.stringContaining('30 available')] } },
    });
    expect(await balance()).toMatchObject({ balance: 50, reserved: 20, available: 30 });
  });

  it('refuses adjustments without a reason, of zero, or by anyone but the operator', async () => {
    const noReason = await adjust(10, '  ');
    expect(noReason.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reason: ['is required (at least 3 characters): say why, it is kept in the ledger'] },
    });
    const zero = await adjust(0, 'Nothing at all');
    expect(zero.errors?.[0]?.extensions?.fields).toHaveProperty('amount');
    const byOwner = await adjust(1000, 'I deserve it', owner.token);
    expect(byOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await balance()).toMatchObject({ balance: 50 });
  });

  it("lists the seeded costs of SPEC.md's operations", async () => {
    const res = await t.gql(COSTS, {}, owner.token);
    const byOperation = Object.fromEntries(res.data.creditCosts.map((c: any) => [c.operation, c]));
    expect(byOperation).toMatchObject({
      clustering: { credits: 10, unit: 'request' },
      idea_generation: { credits: 15, unit: 'cluster' },
      content_generation: { credits: 1, unit: '100 words' },
      image_prompt_extraction: { credits: 2, unit: 'content' },
      image_generation: { credits: 5, unit: 'image' },
      linking: { credits: 8, unit: 'content' },
      optimization: { credits: 1, unit: '200 words' },
    });
  });

  it('estimates the credits of an operation before it starts', async () => {
    const estimate = async (operation: string, units: number) =>
      (await t.gql(ESTIMATE, { operation, units }, owner.token)).data?.estimateCredits;
    expect(await estimate('content_generation', 12.5)).toBe(13);
    expect(await estimate('image_generation', 3)).toBe(15);
    const bad = await t.gql(ESTIMATE, { operation: 'clustering', units: -1 }, owner.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { units: expect.any(Array) } });
  });

  // Costs are global: this changes an operation no other suite charges, and puts it back.
  it('lets the platform operator change a cost, which the next estimate and reserve use', async () => {
    const before = await t.gql(ESTIMATE, { operation: 'optimization', units: 10 }, owner.token);
    expect(before.data.estimateCredits).toBe(10);
    try {
      const changed = await t.gql(
        UPDATE_COST,
        { input: { operation: 'optimization', credits: 3, displayName: 'SEO rewrite' } },
        t.operator.token,
      );
      expect(changed.data.updateCreditCost).toEqual({
        operation: 'optimization',
        displayName: 'SEO rewrite',
        credits: 3,
        isActive: true,
      });
      expect((await t.gql(ESTIMATE, { operation: 'optimization', units: 10 }, owner.token)).data.estimateCredits).toBe(
        30,
      );

      const off = await t.gql(
        UPDATE_COST,
        { input: { operation: 'optimization', credits: 3, isActive: false } },
        t.operator.token,
      );
      expect(off.data.updateCreditCost.isActive).toBe(false);
      expect((await t.gql(ESTIMATE, { operation: 'optimization', units: 10 }, owner.token)).data.estimateCredits).toBe(
        0,
      );
      // A free operation holds nothing but still records the job, so its usage is logged.
      const hold = await t.serviceGql(RESERVE, {
        input: { accountId: owner.accountId, jobId: randomUUID(), operation: 'optimization', units: 10 },
      });
      expect(hold.data.reserveCredits).toMatchObject({ credits: 0, status: 'HELD' });
    } finally {
      await t.gql(
        UPDATE_COST,
        { input: { operation: 'optimization', credits: 1, displayName: 'Content optimisation', isActive: true } },
        t.operator.token,
      );
    }
  });

  it('refuses cost changes to everyone but the operator, and unknown operations', async () => {
    const byOwner = await t.gql(UPDATE_COST, { input: { operation: 'clustering', credits: 0 } }, owner.token);
    expect(byOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await t.gql(UPDATE_COST, { input: { operation: 'telepathy', credits: 5 } }, t.operator.token);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { operation: expect.any(Array) },
    });
    const negative = await t.gql(UPDATE_COST, { input: { operation: 'clustering', credits: -5 } }, t.operator.token);
    expect(negative.errors?.[0]?.extensions?.fields).toEqual({ credits: ['must be 0 or more'] });
  });

  it('keeps every balance equal to the sum of its ledger', async () => {
    expect(await t.database.system((tx) => ledgerMismatches(tx))).toEqual([]);
  });
});
