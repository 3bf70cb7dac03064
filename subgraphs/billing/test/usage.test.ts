// Usage analytics per day and operation, and who in an account sees the ledger.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as usageStore from '../src/store/usage.js';
import {
  BALANCE,
  CAPTURE,
  RESERVE,
  type Session,
  startTestBilling,
  type TestBilling,
  TRANSACTIONS,
} from './harness.js';

const USAGE = `query($from: DateTime, $to: DateTime) { creditUsage(from: $from, to: $to) {
  from to totalCredits totalCalls totalInputTokens totalOutputTokens
  rows { day operation credits calls inputTokens outputTokens }
} }`;

const DAY_MS = 24 * 3600 * 1000;
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

describe('billing subgraph: usage and who sees the ledger', () => {
  let t: TestBilling;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestBilling();
    owner = await t.registerOwner();
  });
  afterAll(() => t.close());

  const runJob = async (operation: string, units: number, usage: { inputTokens: number; outputTokens: number }) => {
    const jobId = randomUUID();
    const held = await t.serviceGql(RESERVE, { input: { accountId: owner.accountId, jobId, operation, units } });
    expect(held.errors).toBeUndefined();
    await t.serviceGql(CAPTURE, { input: { accountId: owner.accountId, jobId, model: 'gpt-test', ...usage } });
  };

  it('sums credits, calls and tokens per day and operation', async () => {
    await runJob('clustering', 1, { inputTokens: 100, outputTokens: 10 });
    await runJob('clustering', 1, { inputTokens: 200, outputTokens: 20 });
    await runJob('image_generation', 2, { inputTokens: 5, outputTokens: 0 });
    // Yesterday's usage: the log has no API to backdate, so the test writes the row itself.
    const yesterday = new Date(Date.now() - DAY_MS);
    await t.database.tenant(owner.accountId, (tx) =>
      usageStore.insertUsageLog(tx, {
        accountId: owner.accountId,
        operation: 'clustering',
        credits: 10,
        inputTokens: 50,
        outputTokens: 5,
        jobId: randomUUID(),
        createdAt: yesterday,
      }),
    );

    const res = await t.gql(USAGE, {}, owner.token);
    expect(res.errors).toBeUndefined();
    const report = res.data.creditUsage;
    expect(report.rows).toEqual([
      { day: utcDay(yesterday), operation: 'clustering', credits: 10, calls: 1, inputTokens: 50, outputTokens: 5 },
      { day: utcDay(new Date()), operation: 'clustering', credits: 20, calls: 2, inputTokens: 300, outputTokens: 30 },
      {
        day: utcDay(new Date()),
        operation: 'image_generation',
        credits: 10,
        calls: 1,
        inputTokens: 5,
        outputTokens: 0,
      },
    ]);
    expect(report).toMatchObject({ totalCredits: 40, totalCalls: 4, totalInputTokens: 355, totalOutputTokens: 35 });

    const todayOnly = await t.gql(USAGE, { from: new Date(Date.now() - 60_000).toISOString() }, owner.token);
    expect(todayOnly.data.creditUsage.rows.map((r: any) => r.operation)).toEqual(['clustering', 'image_generation']);
  });

  it('names a bad range', async () => {
    const backwards = await t.gql(USAGE, { from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' }, owner.token);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { from: ['must be before to (now, when to is not given)'] },
    });
    const tooLong = await t.gql(USAGE, { from: '2020-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }, owner.token);
    expect(tooLong.errors?.[0]?.extensions?.fields).toEqual({ from: ['the range can span at most 366 days'] });
  });

  it('pages the ledger with a total count, and filters it by type', async () => {
    const first = await t.gql(TRANSACTIONS, { first: 2 }, owner.token);
    const page = first.data.creditTransactions;
    expect(page.totalCount).toBe(4);
    expect(page.edges).toHaveLength(2);
    const deductions = await t.gql(TRANSACTIONS, { type: 'DEDUCTION', first: 10 }, owner.token);
    expect(deductions.data.creditTransactions.totalCount).toBe(3);
    expect(deductions.data.creditTransactions.edges.map((e: any) => e.node.amount)).toEqual([-10, -10, -10]);
  });

  it('shows the balance to every member, the ledger and usage only to owners and admins', async () => {
    const keyToken = async (scopes: string) => {
      const created = await t.systemGql(
        `mutation { createApiKey(input: { name: "${scopes} key", scopes: [${scopes}] }) { secret } }`,
        {},
        owner.token,
      );
      const exchange = await fetch(t.system.url.replace(/\/graphql$/, '/internal/api-key-token'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: created.data.createApiKey.secret }),
      });
      return ((await exchange.json()) as { accessToken: string }).accessToken;
    };
    // A read-only key acts as a viewer, a read-write key as an editor.
    for (const token of [await keyToken('READ'), await keyToken('READ, WRITE')]) {
      const balance = await t.gql(BALANCE, {}, token);
      expect(balance.data.creditBalance.accountId).toBe(owner.accountId);
      for (const query of [TRANSACTIONS, USAGE]) {
        const refused = await t.gql(query, {}, token);
        expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    }
  });

  it("never shows one account another's ledger or usage", async () => {
    const other = await t.registerOwner();
    const ledger = await t.gql(TRANSACTIONS, { first: 100 }, other.token);
    expect(ledger.data.creditTransactions.totalCount).toBe(1);
    expect(ledger.data.creditTransactions.edges[0].node.type).toBe('SUBSCRIPTION');
    const usage = await t.gql(USAGE, {}, other.token);
    expect(usage.data.creditUsage).toMatchObject({ rows: [], totalCredits: 0 });
    // And the database refuses it even to a query that forgets the account filter.
    const seen = await t.database.tenant(other.accountId, (tx) =>
      usageStore.usageByDayAndOperation(tx, owner.accountId, { from: new Date(0), to: new Date() }),
    );
    expect(seen).toEqual([]);
  });
});
