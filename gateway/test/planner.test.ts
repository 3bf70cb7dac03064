// Planner end to end through the gateway with the real subgraphs: a CSV import with its report,
// the keyword table's filters, the seed library, auto-cluster and generate-ideas as jobs with
// their credits, cluster merge/split, exports, and who may do what in which account.
import { createHash } from 'node:crypto';
import { createSiteWithSector, type Place } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, gqlOk, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { waitForJob } from './jobs-fixtures.js';

const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id sectors { id name } } }`;
const CREATE_SECTOR = `mutation($input: CreateSectorInput!) { createSector(input: $input) { id } }`;
const INDUSTRIES = `{ industries { id slug sectors { id slug } } }`;
const IMPORT = `mutation($input: ImportKeywordsInput!) { importKeywords(input: $input) {
  rows added duplicates rejected limitReached rejectedRows { line keyword reason } } }`;
const KEYWORDS = `query($filter: KeywordFilter, $orderBy: KeywordOrder, $first: Int, $after: String) {
  keywords(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id keyword volume difficulty cpc intent intentSource status source clusterId } } } }`;
const CLUSTER = `mutation($input: ClusterKeywordsInput!) { clusterKeywords(input: $input) { id kind status creditsReserved } }`;
const CLUSTERS = `query($filter: ClusterFilter) { clusters(filter: $filter, first: 50) { totalCount
  edges { node { id name description keywordsCount totalVolume avgDifficulty intent status ideasCount } } } }`;
const CLUSTER_KEYWORDS = `query($id: ID!) { cluster(id: $id) {
  keywords(first: 100) { totalCount edges { node { id keyword volume intent } } } } }`;
const IDEAS = `mutation($input: GenerateIdeasInput!) { generateIdeas(input: $input) { id kind creditsReserved } }`;
const BALANCE = '{ creditBalance { balance available } }';

async function keywordsOf(p: Platform, s: Session, clusterId: string) {
  const data = await gqlOk(p, CLUSTER_KEYWORDS, { id: clusterId }, s.token);
  return data.cluster.keywords.edges.map((e: any) => e.node);
}

/** A site in Home & Garden whose first sector is made from the Gardening template. */
async function gardenSite(p: Platform, s: Session, name = 'Green Thumb'): Promise<Place> {
  const { industries } = await gqlOk(p, INDUSTRIES, {}, s.token);
  const garden = industries.find((i: { slug: string }) => i.slug === 'home-garden');
  const gardening = garden.sectors.find((x: { slug: string }) => x.slug === 'gardening');
  const site = await gqlOk(
    p,
    CREATE_SITE,
    { input: { name, domain: 'greenthumb.example', industryId: garden.id } },
    s.token,
  );
  const sector = await gqlOk(
    p,
    CREATE_SECTOR,
    { input: { siteId: site.createSite.id, name: 'Gardening', industrySectorId: gardening.id } },
    s.token,
  );
  return { siteId: site.createSite.id, sectorId: sector.createSector.id };
}

const CSV = [
  'Keyword,Search Volume,KD,CPC,Intent',
  'raised garden bed,12100,34,1.20,',
  'Raised  Garden Bed,12100,34,1.20,', // the same keyword, differently written
  'best raised garden bed kits,1900,22,0.95,commercial',
  'how to build a raised garden bed,6600,18,0.40,',
  'buy raised garden bed,880,30,2.10,',
  ',500,10,0.10,', // empty keyword
  'tomato plant,abc,10,,', // volume is not a number
  'tomato cages,2400,-5,,', // negative difficulty
  `${'very long keyword '.repeat(20).trim()},10,10,,`, // over 200 characters
  'growing tomatoes in pots,4400,15,0.30,',
  'tomato plant diseases,3600,20,0.25,',
  'when to plant tomatoes,9900,12,0.20,',
].join('\n');

describe('planner keywords', () => {
  let p: Platform;
  let owner: Session;
  let place: Place;
  /** Keywords in the sector so far. */
  let total = 7;

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Planner Agency');
    await setPlan(p, owner.accountId, 'growth');
    place = await gardenSite(p, owner);
  });
  afterAll(() => p?.close());

  it('imports a CSV: good rows in, the duplicate skipped, each bad row reported by line with its reason', async () => {
    const { importKeywords: report } = await gqlOk(p, IMPORT, { input: { ...place, csv: CSV } }, owner.token);
    expect(report).toMatchObject({ rows: 12, added: 7, duplicates: 1, rejected: 4, limitReached: false });
    const byLine = Object.fromEntries(
      report.rejectedRows.map((r: { line: number; reason: string }) => [r.line, r.reason]),
    );
    expect(
      Object.keys(byLine)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([7, 8, 9, 10]);
    expect(byLine[7]).toMatch(/empty/i);
    expect(byLine[8]).toMatch(/volume/i);
    expect(byLine[9]).toMatch(/difficulty/i);
    expect(byLine[10]).toMatch(/200/);

    const list = await gqlOk(
      p,
      KEYWORDS,
      { filter: place, orderBy: { field: 'VOLUME', direction: 'DESC' } },
      owner.token,
    );
    expect(list.keywords.totalCount).toBe(7);
    const top = list.keywords.edges[0].node;
    expect(top).toMatchObject({
      keyword: 'raised garden bed',
      volume: 12100,
      difficulty: 34,
      cpc: 1.2,
      source: 'IMPORT',
      status: 'NEW',
    });
    // Site and sector are the system subgraph's entities, resolved through the federated graph.
    const owned = await gqlOk(
      p,
      `query($id: ID!) { keyword(id: $id) { keyword site { id name domain } sector { id name } } }`,
      { id: top.id },
      owner.token,
    );
    expect(owned.keyword).toEqual({
      keyword: 'raised garden bed',
      site: { id: place.siteId, name: 'Green Thumb', domain: 'greenthumb.example' },
      sector: { id: place.sectorId, name: 'Gardening' },
    });
    const intents = Object.fromEntries(list.keywords.edges.map((e: any) => [e.node.keyword, e.node.intent]));
    expect(intents['best raised garden bed kits']).toBe('COMMERCIAL');
    expect(intents['how to build a raised garden bed']).toBe('INFORMATIONAL');
    expect(intents['buy raised garden bed']).toBe('TRANSACTIONAL');
  });

  it('adds nothing when the same file is imported again', async () => {
    const { importKeywords: report } = await gqlOk(p, IMPORT, { input: { ...place, csv: CSV } }, owner.token);
    expect(report).toMatchObject({ added: 0, duplicates: 8, rejected: 4 });
    const list = await gqlOk(p, KEYWORDS, { filter: place }, owner.token);
    expect(list.keywords.totalCount).toBe(7);
  });

  it('refuses a file without a keyword column and says which columns it accepts', async () => {
    const bad = await p.gql(IMPORT, { input: { ...place, csv: 'volume,difficulty\n10,20\n' } }, owner.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/keyword/i);
    expect(bad.errors?.[0]?.message).toMatch(/volume/);
  });

  it('filters, searches, sorts and pages the keyword table', async () => {
    const search = await gqlOk(p, KEYWORDS, { filter: { ...place, search: 'tomato' } }, owner.token);
    expect(search.keywords.edges.map((e: any) => e.node.keyword).sort()).toEqual([
      'growing tomatoes in pots',
      'tomato plant diseases',
      'when to plant tomatoes',
    ]);
    const ranged = await gqlOk(p, KEYWORDS, { filter: { ...place, volumeMin: 4000, difficultyMax: 20 } }, owner.token);
    expect(ranged.keywords.edges.map((e: any) => e.node.keyword).sort()).toEqual(
      ['how to build a raised garden bed', 'growing tomatoes in pots', 'when to plant tomatoes'].sort(),
    );
    const byName = await gqlOk(
      p,
      KEYWORDS,
      { filter: place, orderBy: { field: 'KEYWORD', direction: 'ASC' }, first: 3 },
      owner.token,
    );
    expect(byName.keywords.edges.map((e: any) => e.node.keyword)).toEqual([
      'best raised garden bed kits',
      'buy raised garden bed',
      'growing tomatoes in pots',
    ]);
    expect(byName.keywords.pageInfo.hasNextPage).toBe(true);
    const next = await gqlOk(
      p,
      KEYWORDS,
      {
        filter: place,
        orderBy: { field: 'KEYWORD', direction: 'ASC' },
        first: 3,
        after: byName.keywords.pageInfo.endCursor,
      },
      owner.token,
    );
    expect(next.keywords.edges[0].node.keyword).toBe('how to build a raised garden bed');
    // A bare product head reads as a shop page, as "buy …" does.
    const transactional = await gqlOk(p, KEYWORDS, { filter: { ...place, intent: ['TRANSACTIONAL'] } }, owner.token);
    expect(transactional.keywords.edges.map((e: any) => e.node.keyword)).toEqual([
      'raised garden bed',
      'buy raised garden bed',
    ]);
  });

  it('adds seed keywords of the sector template, skipping those already there', async () => {
    const seeds = await gqlOk(
      p,
      `query($filter: SeedKeywordFilter) { seedKeywords(filter: $filter, first: 100) { totalCount edges { node { id keyword industrySlug sectorSlug } } } }`,
      { filter: { sectorId: place.sectorId } },
      owner.token,
    );
    expect(seeds.seedKeywords.totalCount).toBeGreaterThanOrEqual(12);
    expect(
      seeds.seedKeywords.edges.every(
        (e: any) => e.node.industrySlug === 'home-garden' && e.node.sectorSlug === 'gardening',
      ),
    ).toBe(true);
    const existing = new Set(
      (await gqlOk(p, KEYWORDS, { filter: place, first: 100 }, owner.token)).keywords.edges.map(
        (e: any) => e.node.keyword,
      ),
    );
    const picked = seeds.seedKeywords.edges.slice(0, 8).map((e: any) => e.node);
    const fresh = picked.filter((seed: any) => !existing.has(seed.keyword)).length;
    expect(fresh).toBeGreaterThan(0);
    const add = `mutation($input: AddSeedKeywordsInput!) { addSeedKeywords(input: $input) { rows added duplicates } }`;
    const ids = picked.map((seed: any) => seed.id);
    const first = await gqlOk(p, add, { input: { ...place, seedKeywordIds: ids } }, owner.token);
    expect(first.addSeedKeywords).toEqual({ rows: 8, added: fresh, duplicates: 8 - fresh });
    const again = await gqlOk(p, add, { input: { ...place, seedKeywordIds: ids } }, owner.token);
    expect(again.addSeedKeywords).toEqual({ rows: 8, added: 0, duplicates: 8 });
    const seeded = await gqlOk(p, KEYWORDS, { filter: { ...place, source: ['SEED'] } }, owner.token);
    expect(seeded.keywords.totalCount).toBe(fresh);
    total = 7 + fresh;
  });

  it("links sectors named like the industry's templates when a site is created with them, so their seeds show", async () => {
    const { industries } = await gqlOk(p, INDUSTRIES, {}, owner.token);
    const garden = industries.find((i: { slug: string }) => i.slug === 'home-garden');
    const site = await gqlOk(
      p,
      CREATE_SITE,
      { input: { name: 'Made From Templates', industryId: garden.id, sectors: ['Gardening', 'Our Own Topic'] } },
      owner.token,
    );
    const seedsOf = async (sectorId: string) =>
      (
        await gqlOk(
          p,
          `query($filter: SeedKeywordFilter) { seedKeywords(filter: $filter) { totalCount } }`,
          { filter: { sectorId } },
          owner.token,
        )
      ).seedKeywords.totalCount;
    const [gardening, own] = site.createSite.sectors;
    expect(await seedsOf(gardening.id)).toBeGreaterThanOrEqual(12);
    expect(await seedsOf(own.id)).toBe(0);
  });

  it('auto-clusters the unclustered keywords as a job: clusters with their numbers, never mixing intents, charged once', async () => {
    const before = (await gqlOk(p, BALANCE, {}, owner.token)).creditBalance.balance;
    const started = await gqlOk(p, CLUSTER, { input: place }, owner.token);
    expect(started.clusterKeywords).toMatchObject({ kind: 'planner.cluster-keywords', creditsReserved: 10 });
    const done = await waitForJob(
      p,
      owner.token,
      started.clusterKeywords.id,
      'resultSummary clusters { id name keywordsCount }',
    );
    expect(done.status).toBe('SUCCEEDED');
    expect(done.resultSummary).toMatch(new RegExp(`^Clustered ${total} keywords into \\d+ clusters?$`));

    const { clusters } = await gqlOk(p, CLUSTERS, { filter: place }, owner.token);
    expect(clusters.totalCount).toBe(done.clusters.length);
    let members = 0;
    for (const { node } of clusters.edges) {
      const kws = await keywordsOf(p, owner, node.id);
      members += kws.length;
      expect(node.keywordsCount).toBe(kws.length);
      expect(node.totalVolume).toBe(kws.reduce((sum: number, k: any) => sum + (k.volume ?? 0), 0));
      const intents = new Set(kws.map((k: any) => k.intent));
      expect(intents.has('TRANSACTIONAL') && intents.has('INFORMATIONAL')).toBe(false);
      // The offline provider names a cluster after its highest-volume keyword.
      const top = [...kws].sort((a: any, b: any) => (b.volume ?? 0) - (a.volume ?? 0))[0];
      expect(node.name.toLowerCase()).toBe(top.keyword);
    }
    expect(members).toBe(total);
    const after = (await gqlOk(p, BALANCE, {}, owner.token)).creditBalance.balance;
    expect(before - after).toBe(10);
    const left = await gqlOk(p, KEYWORDS, { filter: { ...place, unclustered: true } }, owner.token);
    expect(left.keywords.totalCount).toBe(0);
  });

  it('clusters thousands of unrelated keywords in one job, each its own cluster', async () => {
    // Random letter strings share no stems or letter runs worth a merge: every keyword stays
    // alone, so the job saves as many clusters as keywords.
    const many = await createSiteWithSector(p.gql, owner.token, { name: 'Many Singles', sector: 'Unrelated' });
    const word = (_: unknown, n: number) =>
      [...createHash('sha256').update(`single ${n}`).digest()]
        .slice(0, 14)
        .map((byte) => String.fromCharCode(97 + (byte % 26)))
        .join('');
    const keywords = Array.from({ length: 8_000 }, word);
    const { importKeywords: report } = await gqlOk(
      p,
      IMPORT,
      { input: { ...many, list: keywords.join('\n') } },
      owner.token,
    );
    const started = await gqlOk(p, CLUSTER, { input: many }, owner.token);
    const done = await waitForJob(p, owner.token, started.clusterKeywords.id, 'error resultSummary');
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
    const { clusters } = await gqlOk(p, CLUSTERS, { filter: many }, owner.token);
    // 8,000 clusters are more rows than one insert statement's 65,535 parameters could carry.
    expect(clusters.totalCount).toBe(report.added);
    expect(report.added).toBe(8_000);
    expect(done.resultSummary).toBe(
      `Clustered ${report.added.toLocaleString('en-US')} keywords into ${clusters.totalCount.toLocaleString('en-US')} clusters`,
    );
    const left = await gqlOk(p, KEYWORDS, { filter: { ...many, unclustered: true } }, owner.token);
    expect(left.keywords.totalCount).toBe(0);
  });

  it('refuses auto-cluster when nothing is left to cluster, before holding credits', async () => {
    const res = await p.gql(CLUSTER, { input: place }, owner.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/no unclustered keywords/);
  });

  it('generates ideas for a cluster with a content type that fits its intent', async () => {
    const { clusters } = await gqlOk(p, CLUSTERS, { filter: { ...place, intent: ['INFORMATIONAL'] } }, owner.token);
    const cluster = clusters.edges[0].node;
    const started = await gqlOk(p, IDEAS, { input: { clusterIds: [cluster.id], count: 3 } }, owner.token);
    expect(started.generateIdeas).toMatchObject({ kind: 'planner.generate-ideas', creditsReserved: 15 });
    const done = await waitForJob(
      p,
      owner.token,
      started.generateIdeas.id,
      'contentIdeas { id title contentType targetKeywords estimatedWordCount outline { heading points } cluster { id status } }',
    );
    expect(done.status).toBe('SUCCEEDED');
    expect(done.contentIdeas).toHaveLength(3);
    for (const idea of done.contentIdeas) {
      expect(['HOW_TO', 'GUIDE', 'LISTICLE', 'POST']).toContain(idea.contentType);
      expect(idea.targetKeywords.length).toBeGreaterThan(0);
      expect(idea.outline.length).toBeGreaterThan(0);
      expect(idea.cluster).toEqual({ id: cluster.id, status: 'IDEAS_GENERATED' });
    }
    const counted = await gqlOk(p, CLUSTERS, { filter: place }, owner.token);
    const ideasCounts = Object.fromEntries(
      counted.clusters.edges.map((e: { node: { id: string; ideasCount: number } }) => [e.node.id, e.node.ideasCount]),
    );
    expect(ideasCounts[cluster.id]).toBe(3);
    expect(Object.values(ideasCounts).reduce((a: number, b) => a + (b as number), 0)).toBe(3);
  });

  it('merges clusters (keywords follow, numbers add up) and splits one back out', async () => {
    const { clusters } = await gqlOk(p, CLUSTERS, { filter: place }, owner.token);
    const [a, b] = clusters.edges.map((e: any) => e.node);
    const moved = (await keywordsOf(p, owner, b.id)).map((k: any) => k.id);
    const merged = await gqlOk(
      p,
      `mutation($input: MergeClustersInput!) { mergeClusters(input: $input) { id keywordsCount totalVolume } }`,
      { input: { targetId: a.id, clusterIds: [b.id] } },
      owner.token,
    );
    expect(merged.mergeClusters).toEqual({
      id: a.id,
      keywordsCount: a.keywordsCount + b.keywordsCount,
      totalVolume: a.totalVolume + b.totalVolume,
    });
    const split = await gqlOk(
      p,
      `mutation($input: SplitClusterInput!) { splitCluster(input: $input) { id name keywordsCount totalVolume } }`,
      { input: { id: a.id, keywordIds: moved, name: 'Split back out' } },
      owner.token,
    );
    expect(split.splitCluster).toMatchObject({
      name: 'Split back out',
      keywordsCount: b.keywordsCount,
      totalVolume: b.totalVolume,
    });
  });

  it('re-clusters clustered keywords: says how many move, reuses the names, keeps an emptied cluster only for its ideas', async () => {
    const sector = await gqlOk(p, CREATE_SECTOR, { input: { siteId: place.siteId, name: 'Dogs' } }, owner.token);
    const dogs = { siteId: place.siteId, sectorId: sector.createSector.id };
    const list = [
      'dog food',
      'best dog food',
      'dog food for puppies',
      'dog leash',
      'retractable dog leash',
      'dog leash for large dogs',
      'how to train a dog',
      'how to train a puppy',
    ];
    await gqlOk(p, IMPORT, { input: { ...dogs, list: list.join('\n') } }, owner.token);
    const first = await gqlOk(p, CLUSTER, { input: dogs }, owner.token);
    expect((await waitForJob(p, owner.token, first.clusterKeywords.id)).status).toBe('SUCCEEDED');
    const before = (await gqlOk(p, CLUSTERS, { filter: dogs }, owner.token)).clusters.edges.map((e: any) => e.node);
    expect(before.length).toBeGreaterThan(1);
    const withIdeas = before[0];
    const ideas = await gqlOk(p, IDEAS, { input: { clusterIds: [withIdeas.id], count: 1 } }, owner.token);
    expect((await waitForJob(p, owner.token, ideas.generateIdeas.id)).status).toBe('SUCCEEDED');

    // The dialog's preview: every picked keyword sits in a cluster, so all of them will move.
    const ids = (await gqlOk(p, KEYWORDS, { filter: dogs, first: 50 }, owner.token)).keywords.edges.map(
      (e: any) => e.node.id,
    );
    const preview = await gqlOk(
      p,
      `query($input: ClusterKeywordsInput!) { clusteringPreview(input: $input) { keywords inClusters } }`,
      { input: { ...dogs, keywordIds: ids } },
      owner.token,
    );
    expect(preview.clusteringPreview).toEqual({ keywords: list.length, inClusters: list.length });

    const again = await gqlOk(p, CLUSTER, { input: { ...dogs, keywordIds: ids } }, owner.token);
    expect((await waitForJob(p, owner.token, again.clusterKeywords.id)).status).toBe('SUCCEEDED');
    // Its charge says what it was, in words, and points at the job.
    const ledger = await gqlOk(
      p,
      `{ creditTransactions(first: 1) { edges { node { amount description referenceId } } } }`,
      {},
      owner.token,
    );
    expect(ledger.creditTransactions.edges[0].node).toEqual({
      amount: -10,
      description: `Auto-cluster: ${list.length} keywords · Green Thumb → Dogs`,
      referenceId: again.clusterKeywords.id,
    });
    const after = (await gqlOk(p, CLUSTERS, { filter: dogs }, owner.token)).clusters.edges.map((e: any) => e.node);
    // The same groups come back under the same names; only the name of the cluster kept for its
    // idea is a real clash.
    const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();
    expect(names(after.filter((row: any) => row.id !== withIdeas.id))).toEqual(
      names([...before.filter((row: any) => row.id !== withIdeas.id), { name: `${withIdeas.name} (2)` }]),
    );
    expect(after.find((row: any) => row.id === withIdeas.id)).toMatchObject({
      keywordsCount: 0,
      totalVolume: 0,
      ideasCount: 1,
      description: 'Its keywords moved to other clusters when they were auto-clustered again; kept for its 1 idea.',
    });
    // Every other old cluster was emptied and is gone.
    const oldIds = new Set(before.map((row: any) => row.id));
    expect(after.filter((row: any) => oldIds.has(row.id)).map((row: any) => row.id)).toEqual([withIdeas.id]);
  });

  it('exports keywords as a CSV file behind a signed link, with their cluster', async () => {
    const { keywordsCsv } = await gqlOk(
      p,
      `query($filter: KeywordFilter) { keywordsCsv(filter: $filter) { url fileName rows bytes expiresAt } }`,
      { filter: place },
      owner.token,
    );
    expect(keywordsCsv.url).toMatch(/^\/files\/planner\//);
    expect(keywordsCsv.fileName).toMatch(/^keywords-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(keywordsCsv.rows).toBe(total);
    expect(new Date(keywordsCsv.expiresAt).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    // A plain link: no token, as a browser opens it.
    const file = await fetch(p.url + keywordsCsv.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${keywordsCsv.fileName}"`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(keywordsCsv.bytes);
    const lines = bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('keyword,volume,difficulty,cpc,intent,status,cluster,country,language,source,created_at');
    expect(lines).toHaveLength(total + 1);
    expect(lines.find((l: string) => l.startsWith('raised garden bed,'))).toMatch(
      /^raised garden bed,12100,34,1\.20,[a-z]+,clustered,[^,]+,/,
    );
  });

  it("refuses an export link that was altered, renamed or moved to another account's files", async () => {
    const { keywordsCsv } = await gqlOk(
      p,
      `query($filter: KeywordFilter) { keywordsCsv(filter: $filter) { url } }`,
      { filter: place },
      owner.token,
    );
    const link = new URL(p.url + keywordsCsv.url);
    const renamed = new URL(link);
    renamed.searchParams.set('name', 'invoice.html');
    const unnamed = new URL(link);
    unnamed.searchParams.delete('name');
    const stranger = await registerOwner(p, 'Link Thief Agency');
    const moved = new URL(link.href.replace(owner.accountId, stranger.accountId));
    const later = new URL(link);
    later.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 86_400));
    for (const url of [renamed, unnamed, moved, later]) {
      const res = await fetch(url);
      expect(res.status, url.href).toBe(403);
      expect(await res.text()).not.toContain('raised garden bed');
    }
    // The stranger's own export naming the owner's sector holds none of the owner's keywords.
    const theirs = await gqlOk(
      p,
      `query($filter: KeywordFilter) { keywordsCsv(filter: $filter) { url rows } }`,
      { filter: place },
      stranger.token,
    );
    expect(theirs.keywordsCsv.rows).toBe(0);
    const theirFile = await (await fetch(p.url + theirs.keywordsCsv.url)).text();
    expect(theirFile.trim().split(/\r?\n/)).toHaveLength(1);
  });

  it('lets a viewer read but not import, and hides one account from another', async () => {
    const viewer = await addMember(p, owner, 'VIEWER');
    const read = await gqlOk(p, KEYWORDS, { filter: place }, viewer.token);
    expect(read.keywords.totalCount).toBe(total);
    const refused = await p.gql(IMPORT, { input: { ...place, list: 'new keyword' } }, viewer.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const stranger = await registerOwner(p, 'Other Agency');
    const theirs = await gqlOk(p, KEYWORDS, { filter: place }, stranger.token);
    expect(theirs.keywords.totalCount).toBe(0);
    const into = await p.gql(IMPORT, { input: { ...place, list: 'sneaky keyword' } }, stranger.token);
    expect(into.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { clusters } = await gqlOk(p, CLUSTERS, { filter: place }, owner.token);
    const one = await p.gql(
      `query($id: ID!) { cluster(id: $id) { id } }`,
      { id: clusters.edges[0].node.id },
      stranger.token,
    );
    expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const IDEA_LIST = `query($filter: ContentIdeaFilter) { contentIdeas(filter: $filter) { totalCount edges { node { id } } } }`;
    const ideas = await gqlOk(p, IDEA_LIST, { filter: place }, owner.token);
    expect(ideas.contentIdeas.totalCount).toBeGreaterThan(0);
    const ideaId = ideas.contentIdeas.edges[0].node.id;
    const idea = await p.gql(`query($id: ID!) { contentIdea(id: $id) { id } }`, { id: ideaId }, stranger.token);
    expect(idea.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gqlOk(p, IDEA_LIST, { filter: place }, stranger.token)).contentIdeas.totalCount).toBe(0);
    const edit = await p.gql(
      `mutation($input: UpdateContentIdeaInput!) { updateContentIdea(input: $input) { id } }`,
      { input: { id: ideaId, title: 'Taken over' } },
      stranger.token,
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("keeps to the plan's keyword limit: rows beyond it are rejected by line, a single add is refused", async () => {
    const small = await registerOwner(p, 'Free Plan Agency');
    const smallPlace = await gardenSite(p, small, 'Free Garden');
    const rows = Array.from({ length: 520 }, (_, i) => `free keyword ${i}`);
    const { importKeywords: report } = await gqlOk(
      p,
      IMPORT,
      { input: { ...smallPlace, list: rows.join('\n') } },
      small.token,
    );
    expect(report).toMatchObject({ rows: 520, added: 500, rejected: 20, limitReached: true });
    expect(report.rejectedRows[0]).toMatchObject({ line: 501, keyword: 'free keyword 500' });
    expect(report.rejectedRows[0].reason).toMatch(/free plan allows 500 keywords/);
    const one = await p.gql(
      `mutation($input: CreateKeywordInput!) { createKeyword(input: $input) { id } }`,
      { input: { ...smallPlace, keyword: 'one more keyword' } },
      small.token,
    );
    expect(one.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(one.errors?.[0]?.message).toMatch(/500 keywords/);
  });

  it('refuses planner work when the account switched the Planner module off', async () => {
    const off = `mutation($input: SetModuleEnabledInput!) { setModuleEnabled(input: $input) { enabledModules } }`;
    await gqlOk(p, off, { input: { module: 'PLANNER', enabled: false } }, owner.token);
    const res = await p.gql(KEYWORDS, { filter: place }, owner.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.extensions?.module).toBe('planner');
    await gqlOk(p, off, { input: { module: 'PLANNER', enabled: true } }, owner.token);
  });
});
