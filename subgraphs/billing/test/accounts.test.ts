// Opening an account's credits, reading balances, and who may read them.
import { setAccountPlan } from '@igny8/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BALANCE, type Session, startTestBilling, type TestBilling, TRANSACTIONS } from './harness.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Account { id credits { balance available } }
} }`;

describe('billing subgraph: credit accounts', () => {
  let t: TestBilling;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    t = await startTestBilling();
    a = await t.registerOwner('Account A');
    b = await t.registerOwner('Account B');
  });
  afterAll(() => t.close());

  it("starts a new account with its plan's credits and an opening entry in the ledger", async () => {
    const balance = await t.gql(BALANCE, {}, a.token);
    expect(balance.errors).toBeUndefined();
    expect(balance.data.creditBalance).toEqual({
      accountId: a.accountId,
      balance: 100,
      reserved: 0,
      available: 100,
      planCredits: 100,
      bonusCredits: 0,
    });
    const ledger = await t.gql(TRANSACTIONS, {}, a.token);
    expect(ledger.data.creditTransactions.totalCount).toBe(1);
    expect(ledger.data.creditTransactions.edges[0].node).toMatchObject({
      type: 'SUBSCRIPTION',
      amount: 100,
      balanceAfter: 100,
      description: 'Opening credits of the Free plan',
      createdById: null,
    });
  });

  it('opens the account once when its first requests race', async () => {
    const owner = await t.registerOwner();
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.gql(BALANCE, {}, owner.token)));
    for (const answer of answers) expect(answer.data.creditBalance.balance).toBe(100);
    const ledger = await t.gql(TRANSACTIONS, {}, owner.token);
    expect(ledger.data.creditTransactions.totalCount).toBe(1);
  });

  it("opens with the credits of the account's plan when it is not free", async () => {
    const owner = await t.registerOwner();
    await setAccountPlan(t.system.services, owner.accountId, 'growth');
    const balance = await t.gql(BALANCE, {}, owner.token);
    expect(balance.data.creditBalance).toMatchObject({ balance: 2000, planCredits: 2000 });
    const ledger = await t.gql(TRANSACTIONS, {}, owner.token);
    expect(ledger.data.creditTransactions.edges[0].node.description).toBe('Opening credits of the Growth plan');
  });

  it('adds credits to the Account entity for its own members only', async () => {
    const own = await t.gql(ENTITIES, { r: [{ __typename: 'Account', id: a.accountId }] }, a.token);
    expect(own.errors).toBeUndefined();
    expect(own.data._entities).toEqual([{ id: a.accountId, credits: { balance: 100, available: 100 } }]);
    for (const token of [b.token, undefined]) {
      const other = await t.gql(ENTITIES, { r: [{ __typename: 'Account', id: a.accountId }] }, token);
      expect(other.errors).toBeUndefined();
      expect(other.data._entities).toEqual([null]);
    }
  });

  it("lets the platform operator read any account's balance, and nobody else", async () => {
    const query = `query($id: ID!) { adminCreditBalance(accountId: $id) { accountId balance } }`;
    const seen = await t.gql(query, { id: a.accountId }, t.operator.token);
    expect(seen.data.adminCreditBalance).toEqual({ accountId: a.accountId, balance: 100 });
    const refused = await t.gql(query, { id: a.accountId }, b.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
  });

  it("never shows one account another's balance or ledger", async () => {
    const balance = await t.gql(BALANCE, {}, b.token);
    expect(balance.data.creditBalance.accountId).toBe(b.accountId);
    const ledger = await t.gql(TRANSACTIONS, { first: 100 }, b.token);
    expect(ledger.data.creditTransactions.totalCount).toBe(1);
    expect(ledger.data.creditTransactions.edges[0].node).toMatchObject({ type: 'SUBSCRIPTION', balanceAfter: 100 });
  });

  it('asks for a credential', async () => {
    const res = await t.gql(BALANCE);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("answers NOT_FOUND for an account the system subgraph doesn't know", async () => {
    const res = await t.gql(
      `query($id: ID!) { adminCreditBalance(accountId: $id) { balance } }`,
      { id: '01890000-0000-7000-8000-000000000000' },
      t.operator.token,
    );
    expect(res.errors?.[0]).toMatchObject({
      message: 'Account 01890000-0000-7000-8000-000000000000 was not found.',
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
