// The pure rules: prices of operations, balances, usage totals.
import { describe, expect, it } from 'vitest';
import { balanceOf } from '../src/domain/accounts.js';
import { creditsFor, DEFAULT_CREDIT_COSTS } from '../src/domain/costs.js';
import { summarizeUsage } from '../src/domain/ledger.js';

describe('billing rules', () => {
  const cost = (credits: number, isActive = true) => ({ credits, isActive });

  it('prices units of an operation, rounding up to whole credits', () => {
    expect(creditsFor(cost(1), 12.5)).toBe(13);
    expect(creditsFor(cost(15), 2)).toBe(30);
    expect(creditsFor(cost(1), 0.01)).toBe(1);
  });

  it('does not charge a credit more for floating-point noise', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(creditsFor(cost(10), 0.1 * 3)).toBe(3);
    expect(creditsFor(cost(1), 1.1 * 100)).toBe(110);
  });

  it('makes a free or switched-off operation cost nothing', () => {
    expect(creditsFor(cost(0), 50)).toBe(0);
    expect(creditsFor(cost(10, false), 50)).toBe(0);
  });

  it('seeds one cost per AI operation of SPEC.md, with snake_case keys', () => {
    expect(DEFAULT_CREDIT_COSTS.map((c) => [c.operation, c.credits, c.unit])).toEqual([
      ['clustering', 10, 'request'],
      ['idea_generation', 15, 'cluster'],
      ['content_generation', 1, '100 words'],
      ['image_prompt_extraction', 2, 'content'],
      ['image_generation', 5, 'image'],
      ['linking', 8, 'content'],
      ['optimization', 1, '200 words'],
    ]);
  });

  it('derives balance and available credits from the pools and what is held', () => {
    expect(
      balanceOf({ accountId: 'a', planCredits: 70, bonusCredits: 30, reserved: 25, updatedAt: new Date() }),
    ).toEqual({ accountId: 'a', planCredits: 70, bonusCredits: 30, reserved: 25, balance: 100, available: 75 });
  });

  it('totals a usage report over its rows', () => {
    const range = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-01-31T00:00:00Z') };
    const row = (credits: number, calls: number) => ({
      day: '2025-01-02',
      operation: 'clustering',
      credits,
      calls,
      inputTokens: calls * 100,
      outputTokens: calls * 10,
    });
    expect(summarizeUsage(range, [row(10, 1), row(30, 3)])).toMatchObject({
      totalCredits: 40,
      totalCalls: 4,
      totalInputTokens: 400,
      totalOutputTokens: 40,
    });
    expect(summarizeUsage(range, [])).toMatchObject({ rows: [], totalCredits: 0, totalCalls: 0 });
  });
});
