// Reserve, capture, release: what the job runtime does with credits (DESIGN.md §6), idempotent by
// job id, never overdrawing under concurrency.
import { randomUUID } from 'node:crypto';
import { InsufficientCreditsError } from '@igny8/lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The library's CreditHolds over billing's service mutations, as the job runtime uses it.
import { createBillingCreditHolds } from '../../lib/src/jobs/billing-holds.js';
import { ledgerMismatches } from '../src/server.js';
import {
  ADJUST,
  BALANCE,
  CAPTURE,
  RELEASE,
  RESERVE,
  type Session,
  startTestBilling,
  type TestBilling,
  TRANSACTIONS,
} from './harness.js';

describe('billing subgraph: credit holds', () => {
  let t: TestBilling;

  beforeAll(async () => {
    t = await startTestBilling();
  });
  afterAll(() => t.close());

  const balanceOf = async (owner: Session) => (await t.gql(BALANCE, {}, owner.token)).data.creditBalance;
  const ledgerOf = async (owner: Session) =>
    (await t.gql(TRANSACTIONS, { first: 100 }, owner.token)).data.creditTransactions;
  const reserve = (owner: Session, jobId: string, operation: string, units: number) =>
    t.serviceGql(RESERVE, { input: { accountId: owner.accountId, jobId, operation, units, userId: owner.userId } });

  it('holds the price of a job, then charges it once however often the capture comes', async () => {
    const owner = await t.registerOwner();
    const jobId = randomUUID();
    // 1,250 words of content at 1 credit per 100 words: 12.5 units, rounded up to 13 credits.
    const held = await reserve(owner, jobId, 'content_generation', 12.5);
    expect(held.errors).toBeUndefined();
    expect(held.data.reserveCredits).toMatchObject({ jobId, credits: 13, status: 'HELD', chargedCredits: null });
    expect(await balanceOf(owner)).toMatchObject({ balance: 100, reserved: 13, available: 87 });

    const capture = { accountId: owner.accountId, jobId, inputTokens: 900, outputTokens: 1800, model: 'gpt-test' };
    const first = await t.serviceGql(CAPTURE, { input: capture });
    expect(first.errors).toBeUndefined();
    expect(first.data.captureCredits).toMatchObject({ status: 'CAPTURED', credits: 13, chargedCredits: 13 });
    const second = await t.serviceGql(CAPTURE, { input: capture });
    expect(second.data.captureCredits).toEqual(first.data.captureCredits);

    expect(await balanceOf(owner)).toMatchObject({ balance: 87, reserved: 0, available: 87, planCredits: 87 });
    const ledger = await ledgerOf(owner);
    expect(ledger.totalCount).toBe(2);
    expect(ledger.edges[0].node).toMatchObject({
      type: 'DEDUCTION',
      amount: -13,
      balanceAfter: 87,
      referenceId: jobId,
      description: 'Content writing',
    });
  });

  it('charges less than the hold when the job used less, and frees the rest', async () => {
    const owner = await t.registerOwner();
    const jobId = randomUUID();
    await reserve(owner, jobId, 'image_generation', 4);
    const captured = await t.serviceGql(CAPTURE, {
      input: { accountId: owner.accountId, jobId, credits: 10, description: '2 of 4 images generated' },
    });
    expect(captured.data.captureCredits).toMatchObject({ credits: 20, chargedCredits: 10 });
    expect(await balanceOf(owner)).toMatchObject({ balance: 90, reserved: 0, available: 90 });
    expect((await ledgerOf(owner)).edges[0].node).toMatchObject({
      amount: -10,
      description: '2 of 4 images generated',
    });
  });

  it('never charges more than the hold', async () => {
    const owner = await t.registerOwner();
    const jobId = randomUUID();
    await reserve(owner, jobId, 'clustering', 1);
    const captured = await t.serviceGql(CAPTURE, { input: { accountId: owner.accountId, jobId, credits: 500 } });
    expect(captured.data.captureCredits.chargedCredits).toBe(10);
    expect(await balanceOf(owner)).toMatchObject({ balance: 90, reserved: 0 });
  });

  it('returns the existing hold when the same job reserves again', async () => {
    const owner = await t.registerOwner();
    const jobId = randomUUID();
    const first = await reserve(owner, jobId, 'clustering', 1);
    const again = await reserve(owner, jobId, 'clustering', 1);
    expect(again.data.reserveCredits).toEqual(first.data.reserveCredits);
    expect(await balanceOf(owner)).toMatchObject({ reserved: 10, available: 90 });
  });

  it('gives released credits back without a ledger entry, and refuses to capture them afterwards', async () => {
    const owner = await t.registerOwner();
    const jobId = randomUUID();
    await reserve(owner, jobId, 'clustering', 2);
    expect(await balanceOf(owner)).toMatchObject({ reserved: 20, available: 80 });

    const released = await t.serviceGql(RELEASE, { input: { accountId: owner.accountId, jobId } });
    expect(released.data.releaseCredits).toMatchObject({ status: 'RELEASED', credits: 20, chargedCredits: null });
    const again = await t.serviceGql(RELEASE, { input: { accountId: owner.accountId, jobId } });
    expect(again.data.releaseCredits).toEqual(released.data.releaseCredits);
    expect(await balanceOf(owner)).toMatchObject({ balance: 100, reserved: 0, available: 100 });
    expect((await ledgerOf(owner)).totalCount).toBe(1);

    const capture = await t.serviceGql(CAPTURE, { input: { accountId: owner.accountId, jobId } });
    expect(capture.errors?.[0]).toMatchObject({
      message: `The credits of job ${jobId} were released (the job failed or was cancelled): they cannot be captured.`,
      extensions: { code: 'CONFLICT' },
    });
    expect(await balanceOf(owner)).toMatchObject({ balance: 100, reserved: 0 });
  });

  it('leaves a captured hold as it is when a release comes late', async () => {
    const owner = await t.registerOwner();
    const jobId = randomUUID();
    await reserve(owner, jobId, 'clustering', 1);
    await t.serviceGql(CAPTURE, { input: { accountId: owner.accountId, jobId } });
    const release = await t.serviceGql(RELEASE, { input: { accountId: owner.accountId, jobId } });
    expect(release.data.releaseCredits).toMatchObject({ status: 'CAPTURED', chargedCredits: 10 });
    expect(await balanceOf(owner)).toMatchObject({ balance: 90, reserved: 0 });
  });

  it('refuses a job the account cannot afford, naming what it needs and has, and holds nothing', async () => {
    const owner = await t.registerOwner();
    await reserve(owner, randomUUID(), 'clustering', 7);
    const jobId = randomUUID();
    const refused = await reserve(owner, jobId, 'idea_generation', 3);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This needs 45 credits and the account has 30 available.',
      extensions: { code: 'INSUFFICIENT_CREDITS', needed: 45, available: 30 },
    });
    expect(await balanceOf(owner)).toMatchObject({ balance: 100, reserved: 70, available: 30 });
    // Nothing was held for the refused job: there is nothing to capture.
    const capture = await t.serviceGql(CAPTURE, { input: { accountId: owner.accountId, jobId } });
    expect(capture.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets exactly as many racing jobs through as the credits pay for', async () => {
    const owner = await t.registerOwner();
    await balanceOf(owner);
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(owner, randomUUID(), 'clustering', 1)));
    const held = results.filter((r) => r.data?.reserveCredits);
    const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'INSUFFICIENT_CREDITS');
    expect(held).toHaveLength(10);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r.errors![0]!.extensions!.available).toBeGreaterThanOrEqual(0);
    expect(await balanceOf(owner)).toMatchObject({ balance: 100, reserved: 100, available: 0 });

    // Half succeed, half fail: the account pays for five jobs and gets the rest back.
    await Promise.all(
      held.map((r, i) =>
        t.serviceGql(i % 2 ? RELEASE : CAPTURE, {
          input: { accountId: owner.accountId, jobId: r.data.reserveCredits.jobId },
        }),
      ),
    );
    expect(await balanceOf(owner)).toMatchObject({ balance: 50, reserved: 0, available: 50 });
  });

  it('draws the plan credits first, then the bonus credits', async () => {
    const owner = await t.registerOwner();
    await t.gql(ADJUST, { input: { accountId: owner.accountId, amount: 50, reason: 'Launch gift' } }, t.operator.token);
    expect(await balanceOf(owner)).toMatchObject({ balance: 150, planCredits: 100, bonusCredits: 50 });
    const jobId = randomUUID();
    await reserve(owner, jobId, 'clustering', 12);
    await t.serviceGql(CAPTURE, { input: { accountId: owner.accountId, jobId } });
    expect(await balanceOf(owner)).toMatchObject({ balance: 30, planCredits: 0, bonusCredits: 30, reserved: 0 });
  });

  it('refuses the service operations to people and to made-up service tokens', async () => {
    const owner = await t.registerOwner();
    const input = { accountId: owner.accountId, jobId: randomUUID(), operation: 'clustering', units: 1 };
    const asOwner = await t.gql(RESERVE, { input }, owner.token);
    expect(asOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(RESERVE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(t.billing.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-igny8-service': 'not-a-token' },
      body: JSON.stringify({ query: RESERVE, variables: { input } }),
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    for (const mutation of [CAPTURE, RELEASE]) {
      const res = await t.gql(mutation, { input: { accountId: owner.accountId, jobId: input.jobId } }, owner.token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await balanceOf(owner)).toMatchObject({ reserved: 0, available: 100 });

    const profile = await t.systemGql(
      `query($id: ID!) { accountCreditProfile(accountId: $id) { includedCredits } }`,
      { id: owner.accountId },
      owner.token,
    );
    expect(profile.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('names the bad field of a service call', async () => {
    const owner = await t.registerOwner();
    const bad = await t.serviceGql(RESERVE, {
      input: { accountId: owner.accountId, jobId: 'job-1', operation: 'clustering', units: 0 },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { jobId: ['must be an id'], units: ['must be greater than 0'] },
    });
    const unknown = await t.serviceGql(RESERVE, {
      input: { accountId: owner.accountId, jobId: randomUUID(), operation: 'telepathy', units: 1 },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'operation: "telepathy" is not a known operation (see creditCosts)',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: { operation: ['"telepathy" is not a known operation (see creditCosts)'] },
      },
    });
  });

  it('works through the library CreditHolds the job runtime uses', async () => {
    const owner = await t.registerOwner();
    const holds = createBillingCreditHolds(t.billingClient);
    const jobId = randomUUID();
    expect(await holds.reserve({ accountId: owner.accountId, jobId, operation: 'linking', units: 2 })).toEqual({
      credits: 16,
    });
    const usage = { inputTokens: 100, outputTokens: 50, model: 'offline' };
    expect(await holds.capture({ accountId: owner.accountId, jobId, credits: 8, usage })).toEqual({ credits: 8 });
    expect(await holds.capture({ accountId: owner.accountId, jobId, usage })).toEqual({ credits: 8 });

    const refused = holds.reserve({
      accountId: owner.accountId,
      jobId: randomUUID(),
      operation: 'clustering',
      units: 10,
    });
    await expect(refused).rejects.toBeInstanceOf(InsufficientCreditsError);
    await expect(refused).rejects.toMatchObject({ needed: 100, available: 92 });

    const other = randomUUID();
    await holds.reserve({ accountId: owner.accountId, jobId: other, operation: 'clustering', units: 1 });
    await holds.release({ accountId: owner.accountId, jobId: other });
    await holds.release({ accountId: owner.accountId, jobId: other });
    // A job whose reserve was refused has nothing to give back.
    await holds.release({ accountId: owner.accountId, jobId: randomUUID() });
    expect(await balanceOf(owner)).toMatchObject({ balance: 92, reserved: 0, available: 92 });
  });

  it('keeps every balance equal to the sum of its ledger', async () => {
    expect(await t.database.system((tx) => ledgerMismatches(tx))).toEqual([]);
  });
});
