// GET /api/v1/planner/keywords/sector_stats/: per sector, what its keywords add up to — counts by
// status and intent, clustered and unclustered, volume and difficulty — counted in one statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

describe('gateway: REST /api/v1/planner/keywords/sector_stats/', () => {
  let p: Platform;
  let owner: Session;
  let stranger: Session;
  let siteId: string;
  let roses: string;
  let tulips: string;
  let otherSiteId: string;
  const statements: string[] = [];
  let counting = false;

  const post = async (path: string, body: unknown) => {
    const res = await p.rest('POST', path, { token: owner.token, body });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };

  beforeAll(async () => {
    p = await startPlatform({}, { onQuery: (sql) => counting && statements.push(sql) });
    owner = await registerOwner(p, 'Stats Agency');
    await setPlan(p, owner.accountId, 'growth');
    stranger = await registerOwner(p, 'Other Agency');
    siteId = (await post('/auth/sites/', { name: 'Flower Shop' })).id;
    roses = (await post('/auth/sectors/', { site_id: siteId, name: 'Roses' })).id;
    tulips = (await post('/auth/sectors/', { site_id: siteId, name: 'Tulips' })).id;
    otherSiteId = (await post('/auth/sites/', { name: 'Second Shop' })).id;
    const otherSector = (await post('/auth/sectors/', { site_id: otherSiteId, name: 'Lilies' })).id;

    const add = (sector: string, keyword: string, extra: Record<string, unknown> = {}, site = siteId) =>
      post('/planner/keywords/', { site_id: site, sector_id: sector, keyword, ...extra });
    const a = await add(roses, 'how to prune roses', { volume: 1000, difficulty: 20, intent: 'informational' });
    const b = await add(roses, 'buy rose bushes', { volume: 500, difficulty: 60, intent: 'transactional' });
    await add(roses, 'best rose fertiliser', { volume: 300, intent: 'commercial' });
    const d = await add(roses, 'rose shop near me', { intent: 'navigational' });
    await add(tulips, 'when to plant tulips', { volume: 800, difficulty: 30, intent: 'informational' });
    await add(otherSector, 'lily care', { volume: 50 }, otherSiteId);
    const cluster = await post('/planner/clusters/', { site_id: siteId, sector_id: roses, name: 'Rose care' });
    await post('/planner/keywords/bulk_update/', { ids: [a.id, b.id], cluster_id: cluster.id });
    await post('/planner/keywords/bulk_update/', { ids: [d.id], status: 'archived' });
  });
  afterAll(() => p?.close());

  it("answers each sector's counts, volume and difficulty, with the site and sector names", async () => {
    counting = true;
    const res = await p.rest('GET', `/planner/keywords/sector_stats/?site_id=${siteId}`, { token: owner.token });
    counting = false;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ success: true, request_id: expect.any(String) });
    const bySector = Object.fromEntries(res.body.data.map((s: { sector_id: string }) => [s.sector_id, s]));
    expect(Object.keys(bySector).sort()).toEqual([roses, tulips].sort());
    expect(bySector[roses]).toEqual({
      site_id: siteId,
      sector_id: roses,
      site_name: 'Flower Shop',
      sector_name: 'Roses',
      total: 4,
      clustered: 2,
      unclustered: 1,
      clusters: 1,
      total_volume: 1800,
      avg_volume: 600,
      avg_difficulty: 40,
      by_status: { new: 1, clustered: 2, mapped: 0, archived: 1 },
      by_intent: { informational: 1, commercial: 1, transactional: 1, navigational: 1 },
    });
    expect(bySector[tulips]).toMatchObject({ total: 1, unclustered: 1, clustered: 0, total_volume: 800 });
    // The planner counts every sector in one statement (the rest is the module check and names).
    expect(statements.filter((sql) => /from "planner"\."keywords"/i.test(sql))).toHaveLength(1);
  });

  it('counts every site of the account without site_id', async () => {
    const res = await p.rest('GET', '/planner/keywords/sector_stats/', { token: owner.token });
    expect(res.body.data.map((s: { sector_name: string }) => s.sector_name).sort()).toEqual([
      'Lilies',
      'Roses',
      'Tulips',
    ]);
    // Another account sees none of them.
    expect((await p.rest('GET', '/planner/keywords/sector_stats/', { token: stranger.token })).body.data).toEqual([]);
  });

  it("is 404 for another account's site and 400 for a malformed site_id", async () => {
    const foreign = await p.rest('GET', `/planner/keywords/sector_stats/?site_id=${siteId}`, { token: stranger.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.success).toBe(false);
    const malformed = await p.rest('GET', '/planner/keywords/sector_stats/?site_id=nope', { token: owner.token });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual({ site_id: ['must be an id'] });
  });
});
