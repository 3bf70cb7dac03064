// The Planner through the REST compatibility layer: /api/v1/planner/keywords/, clusters/, ideas/
// and /keywords-library/ with the original envelope, snake_case names, lower-case enum values and
// statuses, and the keyword file upload streamed through to the planner as multipart/form-data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../src/rest/planner-import.js';
import { restScopeOf } from '../src/throttles.js';
import { addMember, gqlOk, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { waitForJob } from './jobs-fixtures.js';

const INDUSTRIES = '{ industries { id slug sectors { id slug } } }';
const CREATE_SITE = 'mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }';
const CREATE_SECTOR = 'mutation($input: CreateSectorInput!) { createSector(input: $input) { id } }';
const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const CSV = [
  'Keyword,Search Volume,KD,CPC,Intent',
  'raised garden bed,12100,34,1.20,',
  'Raised  Garden Bed,12100,34,1.20,', // the same keyword, differently written
  'best raised garden bed kits,1900,22,0.95,commercial',
  'how to build a raised garden bed,6600,18,0.40,',
  'buy raised garden bed,880,30,2.10,',
  ',500,10,0.10,', // line 7: empty keyword
  'tomato plant,abc,10,,', // line 8: volume is not a number
  'tomato cages,2400,-5,,', // line 9: negative difficulty
  'growing tomatoes in pots,4400,15,0.30,',
  'tomato plant diseases,3600,20,0.25,',
  'when to plant tomatoes,9900,12,0.20,',
].join('\n');

interface Place {
  site_id: string;
  sector_id: string;
}

/** A site in Home & Garden with a Gardening sector, a Home Improvement one and one made from no template. */
async function gardenSite(p: Platform, s: Session) {
  const { industries } = await gqlOk(p, INDUSTRIES, {}, s.token);
  const garden = industries.find((i: { slug: string }) => i.slug === 'home-garden');
  const template = (slug: string) => garden.sectors.find((x: { slug: string }) => x.slug === slug).id;
  const site = await gqlOk(p, CREATE_SITE, { input: { name: 'Green Thumb', industryId: garden.id } }, s.token);
  const siteId: string = site.createSite.id;
  const sector = async (name: string, industrySectorId?: string) =>
    (await gqlOk(p, CREATE_SECTOR, { input: { siteId, name, industrySectorId } }, s.token)).createSector.id as string;
  return {
    garden: { site_id: siteId, sector_id: await sector('Gardening', template('gardening')) },
    improvement: { site_id: siteId, sector_id: await sector('Home Improvement', template('home-improvement')) },
    bulk: { site_id: siteId, sector_id: await sector('Bulk imports') },
  };
}

/** POST /api/v1/planner/keywords/import/ as a browser form posts a file: multipart/form-data, in this order. */
async function upload(
  p: Platform,
  parts: ([string, string] | { file: string; filename?: string })[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const part of parts) {
    if (Array.isArray(part)) form.append(part[0], part[1]);
    else form.append('file', new Blob([part.file], { type: 'text/csv' }), part.filename ?? 'keywords.csv');
  }
  const res = await fetch(`${p.url}/api/v1/planner/keywords/import/`, { method: 'POST', body: form, headers });
  return { status: res.status, body: await res.json() };
}

const fileOf = (place: Place, csv: string) => [
  ['site_id', place.site_id] as [string, string],
  ['sector_id', place.sector_id] as [string, string],
  { file: csv },
];

describe('gateway: REST /api/v1/planner', () => {
  let p: Platform;
  let owner: Session;
  let stranger: Session;
  let garden: Place;
  let improvement: Place;
  let bulk: Place;
  const auth = () => ({ authorization: `Bearer ${owner.token}` });
  const get = (path: string, s: Session = owner) => p.rest('GET', path, { token: s.token });
  const post = (path: string, body: unknown, s: Session = owner) => p.rest('POST', path, { token: s.token, body });
  const inGarden = (query = '') => `/planner/keywords/?site_id=${garden.site_id}&sector_id=${garden.sector_id}${query}`;

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Planner REST Agency');
    await setPlan(p, owner.accountId, 'growth');
    ({ garden, improvement, bulk } = await gardenSite(p, owner));
    stranger = await registerOwner(p, 'Other Agency');
  });
  afterAll(() => p?.close());

  describe('keyword file upload', () => {
    it('imports a multipart CSV upload: good rows in, the duplicate skipped, bad rows reported by line', async () => {
      const res = await upload(p, fileOf(garden, CSV), auth());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        success: true,
        data: { rows: 11, added: 7, duplicates: 1, rejected: 3, limit_reached: false },
        message: '7 keywords added, 1 duplicate, 3 rejected.',
      });
      const byLine = Object.fromEntries(res.body.data.rejected_rows.map((r: any) => [r.line, r]));
      expect(Object.keys(byLine).map(Number)).toEqual([7, 8, 9]);
      expect(byLine[7].reason).toMatch(/empty/i);
      expect(byLine[8]).toMatchObject({ keyword: 'tomato plant', reason: expect.stringMatching(/volume/i) });
      expect(byLine[9]).toMatchObject({ keyword: 'tomato cages', reason: expect.stringMatching(/difficulty/i) });
    });

    it('adds nothing when the same file is uploaded again', async () => {
      const res = await upload(p, fileOf(garden, CSV), auth());
      expect(res.status).toBe(200);
      // The 7 keywords now in the sector, and the repeat within the file.
      expect(res.body.data).toMatchObject({ added: 0, duplicates: 8, rejected: 3 });
      expect((await get(inGarden())).body.count).toBe(7);
    });

    it('streams a 10,000-row file: every good row in, every bad row reported with its line', async () => {
      const rows = 10_000;
      // Every tenth row has a volume that is no number.
      const badRow = (n: number) => n % 10 === 0;
      const lines = ['keyword,volume,difficulty'];
      for (let n = 1; n <= rows; n++) {
        lines.push(`garden tool ${n},${badRow(n) ? 'lots' : n},${n % 101}`);
      }
      const res = await upload(p, fileOf(bulk, lines.join('\n')), auth());
      expect(res.status).toBe(200);
      const bad = Array.from({ length: rows }, (_v, i) => i + 1).filter(badRow);
      expect(res.body.data).toMatchObject({
        rows,
        added: rows - bad.length,
        duplicates: 0,
        rejected: bad.length,
      });
      // Row n is on line n + 1, under the header.
      expect(res.body.data.rejected_rows.map((r: { line: number }) => r.line)).toEqual(bad.map((n) => n + 1));
      const listed = await get(`/planner/keywords/?sector_id=${bulk.sector_id}&page_size=1`);
      expect(listed.body.count).toBe(rows - bad.length);
    });

    it('streams the 9,000 imported keywords back out as a CSV export, every row once', async () => {
      const res = await fetch(`${p.url}/api/v1/planner/keywords/export/?sector_id=${bulk.sector_id}`, {
        headers: auth(),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="keywords-/);
      // Read as it arrives, a chunk at a time, as a client saving it to disk would.
      let text = '';
      let chunks = 0;
      const decoder = new TextDecoder();
      for await (const chunk of res.body!) {
        chunks++;
        text += decoder.decode(chunk, { stream: true });
      }
      expect(chunks).toBeGreaterThan(1);
      const lines = text.trim().split(/\r?\n/);
      expect(lines).toHaveLength(9_000 + 1);
      const keywords = new Set(lines.slice(1).map((line) => line.split(',')[0]));
      expect(keywords.size).toBe(9_000);
      expect(keywords.has('garden tool 9999')).toBe(true);
      expect(keywords.has('garden tool 10000')).toBe(false);
    });

    it('refuses an upload without a file part, naming the field', async () => {
      const res = await upload(
        p,
        [
          ['site_id', garden.site_id],
          ['sector_id', garden.sector_id],
        ],
        auth(),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, errors: { file: ['is required'] } });
    });

    it('refuses site_id and sector_id sent after the file, saying they must come first', async () => {
      const res = await upload(
        p,
        [{ file: CSV }, ['site_id', garden.site_id], ['sector_id', garden.sector_id]],
        auth(),
      );
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/before the file part/);
      expect(Object.keys(res.body.errors).sort()).toEqual(['sector_id', 'site_id']);
    });

    it('refuses a file without a keyword column and says which columns it accepts', async () => {
      const res = await upload(p, fileOf(garden, 'volume,difficulty\n10,20\n'), auth());
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/no keyword column/);
      expect(res.body.errors.file[0]).toMatch(/keyword, keywords, query/);
    });

    it('answers a big refused file at once and closes that connection, so nothing waits for the rest of it', async () => {
      // Straight to the planner's import route, as the gateway streams an upload to it.
      const origin = new URL(p.urls.planner!).origin;
      const res = await fetch(`${origin}/imports/keywords?siteId=${garden.site_id}&sectorId=${garden.sector_id}`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'text/csv' },
        body: `volume,difficulty\n${'10,20\n'.repeat(1_000_000)}`,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('connection')).toBe('close');
      expect(((await res.json()) as { message: string }).message).toMatch(/no keyword column/);
    });

    it('refuses a viewer (403), a stranger to the site (404) and no credential (401)', async () => {
      const viewer = await addMember(p, owner, 'VIEWER');
      const asViewer = await upload(p, fileOf(garden, CSV), { authorization: `Bearer ${viewer.token}` });
      expect(asViewer.status).toBe(403);
      const asStranger = await upload(p, fileOf(garden, CSV), { authorization: `Bearer ${stranger.token}` });
      expect(asStranger.status).toBe(404);
      const anonymous = await upload(p, fileOf(garden, CSV));
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.success).toBe(false);
    });

    it('refuses a file over the upload limit with 413', async () => {
      const huge = `keyword\n${'x'.repeat(MAX_UPLOAD_BYTES + 1024 * 1024)}`;
      const res = await upload(p, fileOf(bulk, huge), auth());
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ success: false, errors: { file: ['must be at most 50 MB'] } });
      expect(res.body.error).toMatch(/larger than 50 MB/);
    });

    it('cuts off a streamed upload of unknown length at the limit with 413', async () => {
      // Sent in chunks without a Content-Length, as a client streaming a file it has not measured.
      const boundary = 'planner-rest-boundary';
      const padding = 'p'.repeat(1000);
      async function* body() {
        const encoder = new TextEncoder();
        for (const [name, value] of Object.entries(bulk)) {
          yield encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
        }
        yield encoder.encode(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n` +
            'Content-Type: text/csv\r\n\r\nkeyword,volume,note\n',
        );
        // Rows the planner rejects (the volume is no number): the file adds nothing before it is cut.
        const chunk = encoder.encode(`oversized upload,lots,${padding}\n`.repeat(1000));
        for (let sent = 0; sent <= MAX_UPLOAD_BYTES; sent += chunk.length) yield chunk;
        yield encoder.encode(`\r\n--${boundary}--\r\n`);
      }
      const res = await fetch(`${p.url}/api/v1/planner/keywords/import/`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: body() as unknown as RequestInit['body'],
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: string }).error).toMatch(/larger than 50 MB/);
    });

    it('takes an API key as the credential', async () => {
      const { createApiKey } = await gqlOk(
        p,
        CREATE_KEY,
        { input: { name: 'Uploader', scopes: ['READ', 'WRITE'] } },
        owner.token,
      );
      const res = await upload(p, fileOf(improvement, 'keyword\npaint sprayer\nlaminate flooring\n'), {
        'x-api-key': createApiKey.secret,
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ rows: 2, added: 2 });
      const listed = await p.rest('GET', `/planner/keywords/?sector_id=${improvement.sector_id}&ordering=keyword`, {
        headers: { authorization: `Bearer ${createApiKey.secret}` },
      });
      expect(listed.body.results.map((k: { keyword: string }) => k.keyword)).toEqual([
        'laminate flooring',
        'paint sprayer',
      ]);
    });

    it('imports JSON too: a CSV text or a pasted list', async () => {
      const csv = await post('/planner/keywords/import/', { ...improvement, csv: 'keyword,volume\ntile saw,900\n' });
      expect(csv.status).toBe(200);
      expect(csv.body.data).toMatchObject({ rows: 1, added: 1 });
      const list = await post('/planner/keywords/import/', { ...improvement, keywords: 'tile saw\ngrout sealer\n' });
      expect(list.body.data).toMatchObject({ rows: 2, added: 1, duplicates: 1 });
      const neither = await post('/planner/keywords/import/', improvement);
      expect(neither.status).toBe(400);
      expect(neither.body.errors.csv).toBeDefined();
    });
  });

  describe('keywords', () => {
    it('pages the list with count, next and previous', async () => {
      const first = await get(inGarden('&page_size=3&ordering=keyword'));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ success: true, count: 7, previous: null });
      expect(first.body.results).toHaveLength(3);
      expect(new URL(first.body.next).searchParams.get('page')).toBe('2');
      const last = await get(inGarden('&page_size=3&ordering=keyword&page=3'));
      expect(last.body.results.map((k: { keyword: string }) => k.keyword)).toEqual(['when to plant tomatoes']);
      expect(last.body.next).toBeNull();
      expect(new URL(last.body.previous).searchParams.get('page')).toBe('2');
    });

    it('answers snake_case fields, lower-case enum values, cpc as a number and ids as strings', async () => {
      const res = await get(inGarden('&search=raised garden bed&ordering=-volume'));
      const top = res.body.results[0];
      expect(top).toMatchObject({
        keyword: 'raised garden bed',
        volume: 12100,
        difficulty: 34,
        cpc: 1.2,
        source: 'import',
        status: 'new',
        intent_source: expect.stringMatching(/^[a-z]+$/),
        site_id: garden.site_id,
        sector_id: garden.sector_id,
        cluster_id: null,
        cluster_name: null,
      });
      expect(top.id).toEqual(expect.any(String));
      expect(['informational', 'commercial', 'transactional', 'navigational']).toContain(top.intent);
    });

    it('searches, sorts and filters', async () => {
      const names = async (query: string) =>
        (await get(inGarden(query))).body.results.map((k: { keyword: string }) => k.keyword);
      expect(await names('&search=tomato&ordering=keyword')).toEqual([
        'growing tomatoes in pots',
        'tomato plant diseases',
        'when to plant tomatoes',
      ]);
      expect(await names('&ordering=-volume&page_size=2')).toEqual(['raised garden bed', 'when to plant tomatoes']);
      expect(await names('&ordering=difficulty&page_size=1')).toEqual(['when to plant tomatoes']);
      expect(await names('&volume_min=4000&difficulty_max=20&ordering=keyword')).toEqual([
        'growing tomatoes in pots',
        'how to build a raised garden bed',
        'when to plant tomatoes',
      ]);
      expect(await names('&intent=transactional,commercial&ordering=keyword')).toEqual([
        'best raised garden bed kits',
        'buy raised garden bed',
        'raised garden bed',
      ]);
      expect(await names('&source=manual')).toEqual([]);
    });

    it('refuses an unknown ordering or filter value with the parameter named', async () => {
      const ordering = await get(inGarden('&ordering=-popularity'));
      expect(ordering.status).toBe(400);
      expect(ordering.body.errors).toEqual({ ordering: ['is not supported'] });
      const status = await get(inGarden('&status=new,forgotten'));
      expect(status.status).toBe(400);
      expect(Object.keys(status.body.errors)).toEqual(['status']);
      const volume = await get(inGarden('&volume_min=many'));
      expect(volume.status).toBe(400);
      expect(volume.body.errors).toEqual({ volume_min: ['must be a whole number'] });
    });

    let created: { id: string };
    it('creates a keyword (201) and refuses the same keyword again (409)', async () => {
      const res = await post('/planner/keywords/', {
        ...garden,
        keyword: 'Compost Bin',
        volume: 5400,
        difficulty: 25,
        cpc: 0.85,
        intent: 'commercial',
        country: 'US',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        keyword: 'compost bin',
        volume: 5400,
        cpc: 0.85,
        intent: 'commercial',
        intent_source: 'manual',
        source: 'manual',
        country: 'US',
      });
      created = res.body.data;
      const again = await post('/planner/keywords/', { ...garden, keyword: 'compost bin' });
      expect(again.status).toBe(409);
      expect(again.body.success).toBe(false);
    });

    it('shows one keyword, and 404 for an unknown id or another account’s keyword', async () => {
      const res = await get(`/planner/keywords/${created.id}/`);
      expect(res.body.data).toMatchObject({ id: created.id, keyword: 'compost bin' });
      expect((await get(`/planner/keywords/${created.id}/`, stranger)).status).toBe(404);
      expect((await get(`/planner/keywords/${UNKNOWN_ID}/`)).status).toBe(404);
      expect((await get('/planner/keywords/not-an-id/')).status).toBe(404);
    });

    it('updates a keyword, and names the snake_case field of a bad value', async () => {
      const res = await p.rest('PATCH', `/planner/keywords/${created.id}/`, {
        token: owner.token,
        body: { volume: 6000, intent: 'transactional', status: 'archived' },
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ volume: 6000, intent: 'transactional', status: 'archived' });
      const bad = await p.rest('PUT', `/planner/keywords/${created.id}/`, {
        token: owner.token,
        body: { difficulty: 150, country: 'USA' },
      });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['country', 'difficulty']);
      const badType = await p.rest('PATCH', `/planner/keywords/${created.id}/`, {
        token: owner.token,
        body: { intent_source: 'ai', volume: 'lots' },
      });
      expect(badType.status).toBe(400);
      expect(Object.keys(badType.body.errors)).toEqual(['volume']);
      const byStranger = await p.rest('PATCH', `/planner/keywords/${created.id}/`, {
        token: stranger.token,
        body: { volume: 1 },
      });
      expect(byStranger.status).toBe(404);
    });

    it('deletes a keyword (204), then it is gone', async () => {
      expect((await p.rest('DELETE', `/planner/keywords/${created.id}/`, { token: stranger.token })).status).toBe(404);
      const res = await p.rest('DELETE', `/planner/keywords/${created.id}/`, { token: owner.token });
      expect(res.status).toBe(204);
      expect(res.body).toBeNull();
      expect((await get(`/planner/keywords/${created.id}/`)).status).toBe(404);
    });

    it('sets the status of many keywords, and deletes many', async () => {
      const listed = await get(`/planner/keywords/?sector_id=${improvement.sector_id}&ordering=keyword`);
      const ids = listed.body.results.map((k: { id: string }) => k.id);
      expect(ids).toHaveLength(4);
      const updated = await post('/planner/keywords/bulk_update/', { ids: ids.slice(0, 2), status: 'archived' });
      expect(updated.body).toMatchObject({ success: true, data: { updated_count: 2 } });
      const archived = await get(`/planner/keywords/?sector_id=${improvement.sector_id}&status=archived`);
      expect(archived.body.count).toBe(2);
      const noIds = await post('/planner/keywords/bulk_update/', { status: 'archived' });
      expect(noIds.status).toBe(400);
      expect(noIds.body.errors).toEqual({ ids: ['must be a non-empty list of ids'] });
      const deleted = await post('/planner/keywords/bulk_delete/', { ids: ids.slice(2) });
      expect(deleted.body.data).toEqual({ deleted_count: 2 });
      expect((await get(`/planner/keywords/?sector_id=${improvement.sector_id}`)).body.count).toBe(2);
    });

    it('adds seed keywords of the sector template, skipping those already there', async () => {
      const first = await post('/planner/keywords/bulk_add_from_seed/', improvement);
      expect(first.status).toBe(200);
      expect(first.body.data.added).toBeGreaterThan(0);
      expect(first.body.data.added).toBe(first.body.data.rows - first.body.data.duplicates);
      const again = await post('/planner/keywords/bulk_add_from_seed/', improvement);
      expect(again.body.data).toMatchObject({ added: 0, duplicates: first.body.data.rows });
      const seeded = await get(`/planner/keywords/?sector_id=${improvement.sector_id}&source=seed`);
      expect(seeded.body.count).toBe(first.body.data.added);
    });

    it('lists the filter values that occur, with counts, and the clusters to pick', async () => {
      const res = await get(
        `/planner/keywords/filter_options/?site_id=${garden.site_id}&sector_id=${garden.sector_id}`,
      );
      expect(res.status).toBe(200);
      const { status, intent, source, clusters } = res.body.data;
      expect(status).toEqual([
        { value: '', label: 'All statuses' },
        { value: 'new', label: 'New', count: 7 },
      ]);
      expect(source).toEqual([
        { value: '', label: 'All sources' },
        { value: 'import', label: 'Import', count: 7 },
      ]);
      expect(intent.slice(1).reduce((sum: number, o: { count: number }) => sum + o.count, 0)).toBe(7);
      expect(intent).toContainEqual({ value: 'commercial', label: 'Commercial', count: 1 });
      expect(clusters).toEqual([{ value: '', label: 'All clusters' }]);
      // Cascading: the other filters given narrow each list.
      const narrowed = await get(`/planner/keywords/filter_options/?sector_id=${garden.sector_id}&intent=commercial`);
      expect(narrowed.body.data.status).toEqual([
        { value: '', label: 'All statuses' },
        { value: 'new', label: 'New', count: 1 },
      ]);
    });

    it('exports the filtered keywords as a CSV download', async () => {
      const res = await fetch(
        `${p.url}/api/v1${inGarden('&search=tomato')}`.replace('/keywords/?', '/keywords/export/?'),
        {
          headers: auth(),
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="keywords-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = (await res.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe('keyword,volume,difficulty,cpc,intent,status,cluster,country,language,source,created_at');
      expect(
        lines
          .slice(1)
          .map((l) => l.split(',')[0])
          .sort(),
      ).toEqual(['growing tomatoes in pots', 'tomato plant diseases', 'when to plant tomatoes']);
    });
  });

  describe('clusters and ideas', () => {
    let clusterIds: string[];

    it('auto-clusters the sector as a job (202), then lists the clusters it made', async () => {
      const started = await post('/planner/keywords/auto_cluster/', garden);
      expect(started.status).toBe(202);
      expect(started.body.data).toMatchObject({
        kind: 'planner.cluster-keywords',
        status: expect.stringMatching(/^(queued|running)$/),
      });
      // The original's clients read the job's id as task_id.
      expect(started.body.data.task_id).toBe(started.body.data.id);
      const done = await waitForJob(p, owner.token, started.body.data.id);
      expect(done.status).toBe('SUCCEEDED');
      const polled = await get(`/automation/jobs/${started.body.data.id}/`);
      expect(polled.body.data.status).toBe('succeeded');

      const clusters = await get(
        `/planner/clusters/?site_id=${garden.site_id}&sector_id=${garden.sector_id}&ordering=-total_volume`,
      );
      expect(clusters.status).toBe(200);
      expect(clusters.body.count).toBeGreaterThan(0);
      const results = clusters.body.results;
      expect(results.reduce((sum: number, c: { keywords_count: number }) => sum + c.keywords_count, 0)).toBe(7);
      const volumes = results.map((c: { total_volume: number }) => c.total_volume);
      expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
      expect(results[0]).toMatchObject({ status: 'new', context_type: expect.stringMatching(/^[a-z]+$/) });
      clusterIds = results.map((c: { id: string }) => c.id);

      const clustered = await get(inGarden('&status=clustered'));
      expect(clustered.body.count).toBe(7);
      expect(clustered.body.results[0].cluster_name).toEqual(expect.any(String));
      const nothingLeft = await post('/planner/keywords/auto_cluster/', garden);
      expect(nothingLeft.status).toBe(400);
      // The original's clients name only the sector: its site is found, and the same answer comes.
      const bySector = await post('/planner/keywords/auto_cluster/', { sector_id: garden.sector_id });
      expect(bySector.status).toBe(400);
      expect(bySector.body.errors).toEqual(nothingLeft.body.errors);
      expect((await post('/planner/keywords/auto_cluster/', { sector_id: garden.sector_id }, stranger)).status).toBe(
        404,
      );
    });

    it('shows a cluster with its ideas, and 404 for another account', async () => {
      const res = await get(`/planner/clusters/${clusterIds[0]}/`);
      expect(res.body.data).toMatchObject({ id: clusterIds[0], ideas: [], ideas_count: 0 });
      expect((await get(`/planner/clusters/${clusterIds[0]}/`, stranger)).status).toBe(404);
    });

    it('generates ideas for a cluster as a job (202), then lists them', async () => {
      const started = await post('/planner/clusters/generate_ideas/', { ids: [clusterIds[0]], count: 2 });
      expect(started.status).toBe(202);
      expect(started.body.data.kind).toBe('planner.generate-ideas');
      expect((await waitForJob(p, owner.token, started.body.data.id)).status).toBe('SUCCEEDED');

      const ideas = await get(`/planner/ideas/?cluster_id=${clusterIds[0]}&ordering=title`);
      expect(ideas.body.count).toBe(2);
      const idea = ideas.body.results[0];
      expect(idea).toMatchObject({ cluster_id: clusterIds[0], status: 'new', cluster_name: expect.any(String) });
      expect(idea.content_type).toMatch(/^[a-z_]+$/);
      expect(idea.target_keywords.length).toBeGreaterThan(0);
      const titles = ideas.body.results.map((i: { title: string }) => i.title);
      expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));

      const detail = await get(`/planner/clusters/${clusterIds[0]}/`);
      expect(detail.body.data).toMatchObject({ status: 'ideas_generated', ideas_count: 2 });
    });

    it('creates, updates, bulk-updates and deletes ideas', async () => {
      const created = await post('/planner/ideas/', {
        cluster_id: clusterIds[0],
        title: 'Raised beds for small yards',
        content_type: 'how_to',
        outline: [{ heading: 'Pick a spot', points: ['sun', 'water'] }],
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ content_type: 'how_to', outline: [{ heading: 'Pick a spot' }] });
      const id = created.body.data.id;
      const updated = await p.rest('PATCH', `/planner/ideas/${id}/`, {
        token: owner.token,
        body: { estimated_word_count: 1800 },
      });
      expect(updated.body.data).toMatchObject({ id, estimated_word_count: 1800 });
      const all = await get(`/planner/ideas/?cluster_id=${clusterIds[0]}`);
      const ids = all.body.results.map((i: { id: string }) => i.id);
      const queued = await post('/planner/ideas/bulk_update/', { ids, status: 'queued' });
      expect(queued.body.data).toEqual({ updated_count: 3 });
      expect((await get(`/planner/ideas/?cluster_id=${clusterIds[0]}&status=queued`)).body.count).toBe(3);
      const options = await get(`/planner/ideas/filter_options/?cluster_id=${clusterIds[0]}`);
      expect(options.body.data.status).toEqual([
        { value: '', label: 'All statuses' },
        { value: 'queued', label: 'Queued', count: 3 },
      ]);
      expect((await p.rest('DELETE', `/planner/ideas/${id}/`, { token: owner.token })).status).toBe(204);
      expect(
        (await post('/planner/ideas/bulk_delete/', { ids: ids.filter((i: string) => i !== id) })).body.data,
      ).toEqual({ deleted_count: 2 });
    });

    it('exports clusters and ideas as CSV downloads', async () => {
      const clusters = await fetch(`${p.url}/api/v1/planner/clusters/export/?sector_id=${garden.sector_id}`, {
        headers: auth(),
      });
      expect(clusters.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(clusters.headers.get('content-disposition')).toMatch(/filename="clusters-/);
      const lines = (await clusters.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toMatch(/^name,description,keywords,total_volume/);
      expect(lines).toHaveLength(clusterIds.length + 1);
      const ideas = await fetch(`${p.url}/api/v1/planner/ideas/export/`, { headers: auth() });
      expect(ideas.headers.get('content-disposition')).toMatch(/filename="ideas-/);
      expect((await ideas.text()).replace(/^\uFEFF/, '')).toMatch(/^title,content_type/);
    });

    it('merges clusters, splits one, sets status and deletes', async () => {
      if (clusterIds.length < 2) {
        const made = await post('/planner/clusters/', { ...garden, name: 'Spare cluster' });
        expect(made.status).toBe(201);
        clusterIds.push(made.body.data.id);
      }
      const [target, other] = clusterIds as [string, string];
      const before = (await get(`/planner/clusters/${target}/`)).body.data;
      const otherBefore = (await get(`/planner/clusters/${other}/`)).body.data;
      const merged = await post('/planner/clusters/merge/', { target_id: target, ids: [other] });
      expect(merged.status).toBe(200);
      expect(merged.body.data.keywords_count).toBe(before.keywords_count + otherBefore.keywords_count);
      expect((await get(`/planner/clusters/${other}/`)).status).toBe(404);

      const members = await get(`/planner/keywords/?cluster_id=${target}&ordering=keyword&page_size=1`);
      const split = await post(`/planner/clusters/${target}/split/`, {
        ids: [members.body.results[0].id],
        name: 'Split out',
      });
      expect(split.status).toBe(201);
      expect(split.body.data).toMatchObject({ name: 'Split out', keywords_count: 1 });

      const status = await post('/planner/clusters/bulk_update/', { ids: [split.body.data.id], status: 'archived' });
      expect(status.body.data).toEqual({ updated_count: 1 });
      const archived = await get(`/planner/clusters/?sector_id=${garden.sector_id}&status=archived`);
      expect(archived.body.results.map((c: { id: string }) => c.id)).toEqual([split.body.data.id]);
      expect((await p.rest('DELETE', `/planner/clusters/${split.body.data.id}/`, { token: owner.token })).status).toBe(
        204,
      );
      const back = await get(`/planner/keywords/${members.body.results[0].id}/`);
      expect(back.body.data).toMatchObject({ cluster_id: null, status: 'new' });
    });
  });

  it("answers the original's other names for the same paths", async () => {
    const [first] = (await get(inGarden('&page_size=1'))).body.results;
    const status = await post('/planner/keywords/bulk_status/', { ids: [first.id], status: 'archived' });
    expect(status.status).toBe(200);
    expect((await get(`/planner/keywords/${first.id}/`)).body.data.status).toBe('archived');
    await post('/planner/keywords/bulk_status/', { ids: [first.id], status: first.status });

    const imported = await post('/planner/keywords/import_keywords/', { ...garden, keywords: ['alias path keyword'] });
    expect(imported.status).toBe(200);
    expect(imported.body.data).toMatchObject({ added: 1 });

    // Refused for its body, so the path exists (an unknown path is a 404).
    const ideas = await post('/planner/clusters/auto_generate_ideas/', { ids: [] });
    expect(ideas.status).toBe(400);
    expect((await post('/planner/clusters/no_such_action/', { ids: [] })).status).toBe(404);

    const transactions = await get('/billing/transactions/');
    expect(transactions.status).toBe(200);
    expect(transactions.body).toMatchObject({ count: expect.any(Number), results: expect.any(Array) });
    const seeds = await get(`/auth/seed-keywords/?sector_ids=${garden.sector_id}`);
    expect(seeds.status).toBe(200);
    expect(seeds.body.results.length).toBeGreaterThan(0);
  });

  it('counts the AI actions in the AI throttle scope and the rest, the upload included, as planner requests', () => {
    expect(restScopeOf('POST', '/planner/keywords/auto_cluster/')).toBe('ai');
    expect(restScopeOf('POST', '/planner/clusters/generate_ideas/')).toBe('ai');
    expect(restScopeOf('POST', '/planner/keywords/import/')).toBe('planner');
    expect(restScopeOf('POST', '/planner/keywords/bulk_add_from_seed/')).toBe('planner');
    expect(restScopeOf('POST', `/planner/clusters/${UNKNOWN_ID}/split/`)).toBe('planner');
    expect(restScopeOf('GET', '/planner/ideas/export/')).toBe('planner');
  });

  describe('keywords library', () => {
    const seedsOf = async (query: string) => {
      const res = await get(`/keywords-library/?${query}&page_size=100`);
      expect(res.status).toBe(200);
      return res.body;
    };

    it('lists the seeds of a sector’s template, searchable, also under /planner/seed-keywords/', async () => {
      const all = await seedsOf(`sector_ids=${garden.sector_id}`);
      expect(all.count).toBeGreaterThan(10);
      expect(all.results.every((s: any) => s.industry_slug === 'home-garden' && s.sector_slug === 'gardening')).toBe(
        true,
      );
      expect(['informational', 'commercial', 'transactional', 'navigational']).toContain(all.results[0].intent);
      const bySlugs = await seedsOf('industry=home-garden&sector=gardening');
      expect(bySlugs.results).toEqual(all.results);
      const alias = await get(`/planner/seed-keywords/?sector_ids=${garden.sector_id}&page_size=100`);
      expect(alias.body.results).toEqual(all.results);
      const word = all.results[0].keyword.split(' ')[0];
      const searched = await seedsOf(`sector_ids=${garden.sector_id}&search=${encodeURIComponent(word)}`);
      expect(searched.count).toBeGreaterThan(0);
      expect(searched.results.every((s: { keyword: string }) => s.keyword.includes(word))).toBe(true);
    });

    it('pages through several sectors’ seeds, highest volume first across them, a sector with no template adding none', async () => {
      const gardening = (await seedsOf(`sector_ids=${garden.sector_id}`)).results;
      const improving = (await seedsOf(`sector_ids=${improvement.sector_id}`)).results;
      const ids = [garden.sector_id, bulk.sector_id, improvement.sector_id].join(',');
      const seen: unknown[] = [];
      let next: string | null = `/keywords-library/?sector_ids=${ids}&page_size=10`;
      while (next) {
        const res = await get(next);
        expect(res.body.count).toBe(gardening.length + improving.length);
        seen.push(...res.body.results);
        next = res.body.next && new URL(res.body.next).pathname.replace('/api/v1', '') + new URL(res.body.next).search;
      }
      const byVolume = (a: { volume: number; keyword: string }, b: { volume: number; keyword: string }) =>
        b.volume - a.volume || a.keyword.localeCompare(b.keyword);
      expect(seen).toHaveLength(gardening.length + improving.length);
      expect(seen).toEqual(expect.arrayContaining([...gardening, ...improving]));
      expect((seen as { volume: number }[]).map((s) => s.volume)).toEqual(
        [...gardening, ...improving].sort(byVolume).map((s: { volume: number }) => s.volume),
      );
      expect((await get(`/keywords-library/?sector_ids=${garden.sector_id}`, stranger)).status).toBe(404);
    });
  });
});
