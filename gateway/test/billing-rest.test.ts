// Credits through the REST compatibility layer: /api/v1/billing/credits/* and the platform
// operator's /admin/credit-costs/ and /admin/users/<account id>/credits/, with the original
// envelope, snake_case names, lower-case values and statuses, over the real billing subgraph.
import { randomUUID } from 'node:crypto';
import {
  createBillingCreditHolds,
  createLogger,
  createServiceClient,
  createServiceCredentials,
  loadServiceSecret,
} from '@igny8/lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, PASSWORD, registerOwner, type Session, setPlan, uniqueEmail } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const OPERATOR = { email: uniqueEmail('operator'), password: PASSWORD };

const BALANCE = '/billing/credits/balance/';
const TRANSACTIONS = '/billing/credits/transactions/';
const USAGE = '/billing/credits/usage/';
const COSTS = '/admin/credit-costs/';
const adminCredits = (accountId: string) => `/admin/users/${accountId}/credits/`;

describe('gateway: REST /api/v1 billing credits', () => {
  let p: Platform;
  let owner: Session;
  let operatorToken: string;
  let operatorId: string;

  beforeAll(async () => {
    p = await startPlatform({ system: { SUPERUSER_EMAIL: OPERATOR.email, SUPERUSER_PASSWORD: OPERATOR.password } });
    owner = await registerOwner(p, 'Ledger Agency');
    const login = await p.rest('POST', '/auth/login/', { body: OPERATOR });
    if (login.status !== 200) throw new Error(`operator login failed: ${JSON.stringify(login.body)}`);
    operatorToken = login.body.data.access;
    operatorId = login.body.data.user.id;
  });
  afterAll(() => p?.close());

  /** The operator grants `amount` credits to `accountId` through REST. */
  const grant = (accountId: string, amount: number, reason: string) =>
    p.rest('POST', adminCredits(accountId), { token: operatorToken, body: { amount, reason } });

  it("answers a new account's balance, also as `credits` for legacy clients", async () => {
    const fresh = await registerOwner(p, 'Fresh Agency');
    const res = await p.rest('GET', BALANCE, { token: fresh.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: { balance: 100, reserved: 0, available: 100, plan_credits: 100, bonus_credits: 0, credits: 100 },
      request_id: expect.any(String),
    });
    expect((await p.rest('GET', BALANCE)).status).toBe(401);
  });

  it('lists the ledger in the list envelope, newest first, paged and filtered', async () => {
    const team = await registerOwner(p, 'Paged Ledger Agency');
    const opening = await p.rest('GET', TRANSACTIONS, { token: team.token });
    expect(opening.status).toBe(200);
    expect(opening.body).toMatchObject({ success: true, count: 1, next: null, previous: null });
    expect(opening.body.results).toEqual([
      expect.objectContaining({
        account_id: team.accountId,
        type: 'subscription',
        transaction_type: 'subscription',
        amount: 100,
        balance_after: 100,
        description: expect.stringContaining('Opening credits'),
        created_at: expect.any(String),
      }),
    ]);

    for (const amount of [10, 20, 30])
      expect((await grant(team.accountId, amount, `Grant of ${amount}`)).status).toBe(201);

    const first = await p.rest('GET', `${TRANSACTIONS}?page_size=3`, { token: team.token });
    expect(first.body).toMatchObject({ count: 4, previous: null });
    expect(first.body.results.map((t: { amount: number }) => t.amount)).toEqual([30, 20, 10]);
    expect(first.body.results[0]).toMatchObject({ type: 'adjustment', balance_after: 160, created_by_id: operatorId });
    const next = new URL(first.body.next);
    expect(Object.fromEntries(next.searchParams)).toEqual({ page: '2', page_size: '3' });

    const second = await p.rest('GET', `${TRANSACTIONS}?page=2&page_size=3`, { token: team.token });
    expect(second.body).toMatchObject({ count: 4, next: null });
    expect(second.body.previous).toContain('page=1');
    expect(second.body.results.map((t: { type: string }) => t.type)).toEqual(['subscription']);

    const adjustments = await p.rest('GET', '/billing/credit-transactions/?type=adjustment', { token: team.token });
    expect(adjustments.status).toBe(200);
    expect(adjustments.body.count).toBe(3);
    const dated = await p.rest('GET', `${TRANSACTIONS}?to=2000-01-01`, { token: team.token });
    expect(dated.body).toMatchObject({ count: 0, results: [] });
  });

  it('refuses bad list parameters, naming the one that is wrong', async () => {
    const cases: [string, string][] = [
      ['?type=gift', 'type'],
      ['?page_size=0', 'page_size'],
      ['?page=zero', 'page'],
      ['?from=yesterday', 'from'],
    ];
    for (const [query, field] of cases) {
      const res = await p.rest('GET', `${TRANSACTIONS}${query}`, { token: owner.token });
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ success: false, error: expect.any(String) });
      expect(Object.keys(res.body.errors), query).toEqual([field]);
    }
  });

  it('reports usage per day and operation with totals, the bare `to` date included', async () => {
    const team = await registerOwner(p, 'Usage Agency');
    const empty = await p.rest('GET', USAGE, { token: team.token });
    expect(empty.status).toBe(200);
    expect(empty.body.data).toEqual({
      from: expect.any(String),
      to: expect.any(String),
      rows: [],
      total_credits: 0,
      total_calls: 0,
      total_input_tokens: 0,
      total_output_tokens: 0,
    });

    // A job's charge, as any subgraph's job runtime makes it: hold, then capture with its tokens.
    const { config } = p.system.services;
    const holds = createBillingCreditHolds(
      createServiceClient({
        url: p.urls.billing!,
        target: 'billing',
        credentials: createServiceCredentials(
          loadServiceSecret(config.DATA_DIR, config.SERVICE_SECRET),
          'gateway-test',
        ),
        log: createLogger('test', 'silent'),
      }),
    );
    const jobId = randomUUID();
    await holds.reserve({ accountId: team.accountId, jobId, operation: 'linking', units: 1 });
    await holds.capture({
      accountId: team.accountId,
      jobId,
      usage: { inputTokens: 1200, outputTokens: 300, model: 'test-model' },
      description: 'Internal links for one article',
    });

    const ledger = await p.rest('GET', `${TRANSACTIONS}?type=deduction`, { token: team.token });
    expect(ledger.body.results).toEqual([
      expect.objectContaining({ type: 'deduction', amount: -8, balance_after: 92, reference_id: jobId }),
    ]);
    const day = String(ledger.body.results[0].created_at).slice(0, 10);

    const usage = await p.rest('GET', `${USAGE}?from=${day}&to=${day}`, { token: team.token });
    expect(usage.status).toBe(200);
    expect(usage.body.data).toMatchObject({
      from: `${day}T00:00:00.000Z`,
      rows: [{ day, operation: 'linking', credits: 8, calls: 1, input_tokens: 1200, output_tokens: 300 }],
      total_credits: 8,
      total_calls: 1,
      total_input_tokens: 1200,
      total_output_tokens: 300,
    });
    const before = await p.rest('GET', `${USAGE}?from=2000-01-01&to=2000-01-31`, { token: team.token });
    expect(before.body.data).toMatchObject({ rows: [], total_credits: 0 });

    const bad = await p.rest('GET', `${USAGE}?to=soon`, { token: team.token });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(['to']);
  });

  it('lets every member see the balance but only owners and admins the ledger and usage', async () => {
    const team = await registerOwner(p, 'Roles Agency');
    // Room for three members; the opening credits are the Scale plan's.
    await setPlan(p, team.accountId, 'scale');
    for (const role of ['VIEWER', 'EDITOR']) {
      const member = await addMember(p, team, role);
      expect((await p.rest('GET', BALANCE, { token: member.token })).body.data.available, role).toBe(4000);
      for (const path of [TRANSACTIONS, '/billing/credit-transactions/', USAGE]) {
        const res = await p.rest('GET', path, { token: member.token });
        expect(res.status, `${role} ${path}`).toBe(403);
        expect(res.body, `${role} ${path}`).toMatchObject({ success: false, error: expect.any(String) });
      }
    }
    const admin = await addMember(p, team, 'ADMIN');
    expect((await p.rest('GET', TRANSACTIONS, { token: admin.token })).body.count).toBe(1);
  });

  it('lists the credit costs for members, and lets only the operator change one', async () => {
    const team = await registerOwner(p, 'Costs Agency');
    await setPlan(p, team.accountId, 'growth');
    const viewer = await addMember(p, team, 'VIEWER');
    const list = await p.rest('GET', COSTS, { token: viewer.token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ success: true, count: 7, next: null, previous: null });
    expect(list.body.results).toContainEqual(
      expect.objectContaining({
        operation: 'image_generation',
        display_name: 'Image generation',
        unit: 'image',
        credits: 5,
        is_active: true,
        updated_at: expect.any(String),
      }),
    );
    const paged = await p.rest('GET', `${COSTS}?page=2&page_size=5`, { token: viewer.token });
    expect(paged.body.results).toHaveLength(2);

    const byOwner = await p.rest('PATCH', `${COSTS}linking/`, { token: team.token, body: { display_name: 'Links' } });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body).toMatchObject({ success: false, error: expect.any(String) });

    // Costs are global and other suites charge them: only the name changes here, and it is put back.
    try {
      const renamed = await p.rest('PATCH', `${COSTS}linking/`, {
        token: operatorToken,
        body: { display_name: 'Internal links' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        success: true,
        message: 'Credit cost saved.',
        data: { operation: 'linking', display_name: 'Internal links', credits: 8, is_active: true },
      });
      const listed = await p.rest('GET', COSTS, { token: team.token });
      expect(listed.body.results).toContainEqual(
        expect.objectContaining({ operation: 'linking', display_name: 'Internal links', credits: 8 }),
      );
    } finally {
      const restored = await p.rest('PUT', `${COSTS}linking/`, {
        token: operatorToken,
        body: { display_name: 'Internal linking', credits: 8, is_active: true },
      });
      expect(restored.body.data).toMatchObject({ display_name: 'Internal linking', credits: 8, is_active: true });
    }

    const unknown = await p.rest('PATCH', `${COSTS}telepathy/`, { token: operatorToken, body: { credits: 5 } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ success: false, error: 'There is no operation "telepathy".' });
    expect((await p.rest('PATCH', `${COSTS}telepathy/`, { token: operatorToken, body: {} })).status).toBe(404);
    const negative = await p.rest('PATCH', `${COSTS}linking/`, { token: operatorToken, body: { credits: -1 } });
    expect(negative.status).toBe(400);
    expect(Object.keys(negative.body.errors)).toEqual(['credits']);
    const extra = await p.rest('PATCH', `${COSTS}linking/`, { token: operatorToken, body: { price: 3 } });
    expect(extra.status).toBe(400);
    expect(Object.keys(extra.body.errors)).toEqual(['price']);
  });

  it("lets the operator adjust an account's credits by its id, with a reason", async () => {
    const team = await registerOwner(p, 'Adjusted Agency');
    const res = await grant(team.accountId, 50, 'Goodwill for the migration');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      success: true,
      message: 'Credits adjusted.',
      data: {
        id: expect.any(String),
        account_id: team.accountId,
        type: 'adjustment',
        amount: 50,
        balance_after: 150,
        description: 'Goodwill for the migration',
        created_by_id: operatorId,
      },
    });
    const seen = await p.rest('GET', adminCredits(team.accountId), { token: operatorToken });
    expect(seen.body.data).toMatchObject({ balance: 150, plan_credits: 100, bonus_credits: 50, credits: 150 });
    expect((await p.rest('GET', BALANCE, { token: team.token })).body.data.available).toBe(150);

    const noReason = await p.rest('POST', adminCredits(team.accountId), { token: operatorToken, body: { amount: 5 } });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ success: false, errors: { reason: [expect.any(String)] } });
    const tooMuch = await grant(team.accountId, -1000, 'Taking back more than there is');
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual({ amount: [expect.stringContaining('150 available')] });
    const notAnId = await grant('not-an-account', 5, 'Nobody to give it to');
    // Issue 9's one not-found rule: a path id that is no id names nothing (was 400 naming `id`).
    expect(notAnId.status).toBe(404);
    expect((await grant(randomUUID(), 5, 'An account that does not exist')).status).toBe(404);

    const byOwner = await p.rest('POST', adminCredits(team.accountId), {
      token: team.token,
      body: { amount: 1000, reason: 'I deserve it' },
    });
    expect(byOwner.status).toBe(403);
    expect((await p.rest('GET', adminCredits(owner.accountId), { token: team.token })).status).toBe(403);
    expect((await p.rest('GET', BALANCE, { token: team.token })).body.data.balance).toBe(150);
  });

  it('answers 402 in the error envelope when the credits do not cover the work', async () => {
    const poor = await registerOwner(p, 'Empty Wallet Agency');
    expect((await grant(poor.accountId, -98, 'Leaves two credits')).body.data.balance_after).toBe(2);
    const res = await p.rest('POST', '/system/image-testing/', {
      token: poor.token,
      body: { prompt: 'A tiny cactus' },
    });
    expect(res.status).toBe(402);
    expect(res.body).toEqual({
      success: false,
      error: 'This needs 5 credits and the account has 2 available.',
      request_id: expect.any(String),
    });
    expect((await p.rest('GET', BALANCE, { token: poor.token })).body.data).toMatchObject({
      available: 2,
      reserved: 0,
    });
  });
});
