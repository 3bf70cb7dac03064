// GET /api/v1/account/usage/analytics/: the account's credit usage per day (every day of the range),
// per operation and per site, over `?days=` or `?from=`/`?to=`; a charged auto-cluster job is the usage.
import { createSiteWithSector, type Place } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { waitForJob } from './jobs-fixtures.js';

describe('gateway: REST /api/v1/account/usage/analytics/', () => {
  let p: Platform;
  let owner: Session;
  let place: Place;

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Usage Agency');
    await setPlan(p, owner.accountId, 'starter');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Usage Site', sector: 'Bikes' });
    const imported = await p.rest('POST', '/planner/keywords/import/', {
      token: owner.token,
      body: { site_id: place.siteId, sector_id: place.sectorId, keywords: ['road bikes', 'buy a road bike'] },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const started = await p.rest('POST', '/planner/keywords/auto_cluster/', {
      token: owner.token,
      body: { sector_id: place.sectorId },
    });
    expect((await waitForJob(p, owner.token, started.body.data.id)).status).toBe('SUCCEEDED');
  });
  afterAll(() => p?.close());

  it('answers usage by day, operation and site over the last days', async () => {
    const res = await p.rest('GET', '/account/usage/analytics/?days=7', { token: owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({ period_days: 7, total_credits: 10, total_calls: 1 });
    // Every UTC day the 7 days touch, today last, as a chart needs them.
    const today = new Date().toISOString().slice(0, 10);
    expect(data.by_day.length).toBeGreaterThanOrEqual(7);
    expect(data.by_day.at(-1)).toEqual({ day: today, credits: 10, calls: 1 });
    expect(data.by_day.slice(0, -1).every((d: { credits: number }) => d.credits === 0)).toBe(true);
    expect(data.by_operation).toEqual([
      { operation: 'clustering', credits: 10, calls: 1, input_tokens: 0, output_tokens: 0 },
    ]);
    expect(data.by_site).toEqual([{ site_id: place.siteId, credits: 10, calls: 1 }]);
  });

  it('takes a from/to range too, and nothing before the range counts', async () => {
    const res = await p.rest('GET', '/account/usage/analytics/?from=2024-01-01&to=2024-01-03', { token: owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ period_days: 3, total_credits: 0, by_operation: [], by_site: [] });
    expect(res.body.data.by_day.map((d: { day: string }) => d.day)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
  });

  it('refuses bad ranges with the parameter named, and members who may not see billing', async () => {
    const zero = await p.rest('GET', '/account/usage/analytics/?days=0', { token: owner.token });
    expect(zero.status).toBe(400);
    expect(zero.body).toMatchObject({ success: false, errors: { days: ['must be at least 1'] } });
    const word = await p.rest('GET', '/account/usage/analytics/?days=week', { token: owner.token });
    expect(word.status).toBe(400);
    expect(word.body.errors).toHaveProperty('days');
    const both = await p.rest('GET', '/account/usage/analytics/?days=7&from=2024-01-01', { token: owner.token });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual({ days: ['give days or from, not both'] });
    const viewer = await addMember(p, owner, 'VIEWER');
    expect((await p.rest('GET', '/account/usage/analytics/', { token: viewer.token })).status).toBe(403);
  });
});
