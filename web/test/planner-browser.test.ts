// The planner pages in a real headless Chromium against the real platform (browser-platform.ts):
// a CSV file imported with its report, auto-cluster and generate ideas as jobs whose cost shows
// first and whose progress is followed live. The AI provider is scripted here and slowed on cue.

import { readFileSync } from 'node:fs';
import type { RecordedRequest } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserPlatform,
  HAS_CHROMIUM,
  openPage,
  registerAccount,
  requireChromium,
  signIn,
  snapshot,
  stamp,
  startBrowserPlatform,
  waitForPath,
} from './browser-platform';

/** How long the AI takes over one request when a test wants to watch a job at work. */
const SLOW_AI_MS = 3_000;

/** Seven good rows, one repeated keyword and two bad rows (lines 8 and 9). */
const KEYWORDS_CSV = [
  'Keyword,Search Volume,KD,CPC',
  'raised garden bed,12100,34,1.20',
  'how to build a raised garden bed,6600,18,0.40',
  'best raised garden bed kits,1900,22,0.95',
  'Raised  Garden Bed,12100,34,1.20',
  'growing tomatoes in pots,4400,15,0.30',
  'tomato plant diseases,3600,20,0.25',
  'tomato cages,lots,10,0.50',
  'when to plant tomatoes,9900,120,0.20',
  'buy raised garden bed,880,30,2.10',
  'tomato plant spacing,1300,12,0.15',
].join('\n');

const IDEA_TITLES = [
  'Build a Raised Garden Bed in a Weekend',
  'What to Fill a Raised Garden Bed With',
  'Raised Bed Mistakes Beginners Make',
];

/** Answers the planner's JSON requests by the schema they name; ideas are the ones above. */
function plannerAnswer(request: RecordedRequest): string {
  const messages = (request.body.messages as { content?: unknown }[] | undefined) ?? [];
  const text = messages.map((message) => String(message.content ?? '')).join('\n');
  if (text.includes('"KeywordIntents"')) return JSON.stringify({ intents: [] });
  // No names: the job names each cluster after its biggest keyword, as it does offline.
  if (text.includes('"ClusterNames"')) return JSON.stringify({ clusters: [] });
  if (text.includes('"ContentIdeas"')) {
    const count = Number(/Propose exactly (\d+) ideas/.exec(text)?.[1] ?? 1);
    return JSON.stringify({
      ideas: IDEA_TITLES.slice(0, count).map((title) => ({
        title,
        description: `${title}, for gardeners starting out.`,
        content_type: 'how_to',
        primary_keywords: ['raised garden bed'],
        covered_keywords: ['how to build a raised garden bed'],
        outline: [
          { heading: 'Pick the spot', points: ['Six hours of sun', 'Close to water'] },
          { heading: 'Build the frame', points: ['Untreated timber'] },
        ],
        estimated_word_count: 1600,
      })),
    });
  }
  return '{}';
}

requireChromium('planner pages in Chromium');

describe.skipIf(!HAS_CHROMIUM)('planner pages in Chromium', () => {
  let platform: BrowserPlatform;

  beforeAll(async () => {
    platform = await startBrowserPlatform({ name: 'planner-web', ai: { chatContent: plannerAnswer } });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('imports a CSV file, auto-clusters it live, and generates ideas for a cluster', { timeout: 180_000 }, async () => {
    const { url, ai } = platform;
    const email = `planner-${stamp}@example.com`;
    await registerAccount(url, { email, name: 'Pia Planner', accountName: `Plan Agency ${stamp}` });
    const page = await openPage(platform.browser, { width: 1400, height: 900 });
    await signIn(page, url, email);

    // Without a sector there is nothing to plan in: the page says where to make one.
    await page.getByRole('link', { name: 'Keywords' }).click();
    await waitForPath(page, '/planner/keywords');
    await page.locator('.empty-state').filter({ hasText: 'No site with a sector yet' }).waitFor();

    // A Home & Garden site, then its sector from the Gardening template (the sector form links a
    // template's name to the template, which the seed library goes by).
    await page.getByRole('link', { name: 'Create a site' }).click();
    await page.getByRole('button', { name: 'New site' }).click();
    const newSite = page.getByRole('form', { name: 'New site' });
    await newSite.locator('input[name="name"]').fill('Green Thumb Journal');
    await newSite.locator('select[name="industryId"]').selectOption({ label: 'Home & Garden' });
    await newSite.getByRole('button', { name: 'Create site' }).click();
    const site = page.getByRole('article', { name: 'Green Thumb Journal' });
    await site.locator('input[name="sectorName"]').fill('Gardening');
    await site.getByRole('button', { name: 'Add sector' }).click();
    await site.getByTestId('sector').filter({ hasText: 'Gardening' }).waitFor();

    // The planner opens on that sector and remembers it in the URL.
    await page.getByRole('link', { name: 'Keywords' }).click();
    await page.locator('.empty-state').filter({ hasText: 'No keywords in Gardening yet' }).waitFor();
    const picker = page.getByRole('form', { name: 'Site and sector' });
    if ((await picker.getByLabel('Sector').locator('option:checked').textContent()) !== 'Gardening') {
      throw new Error('the sector picker does not show Gardening');
    }
    if (!new URL(page.url()).searchParams.get('sector')) throw new Error('the sector is not in the URL');

    // Import a file: seven keywords in, the repeated one skipped, two rows refused with their reasons.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import keywords' });
    await importDialog.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'gardening.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(KEYWORDS_CSV),
    });
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    const report = importDialog.getByTestId('import-report');
    await report.getByTestId('import-added').filter({ hasText: /^7$/ }).waitFor();
    await report.getByTestId('import-duplicates').filter({ hasText: /^1$/ }).waitFor();
    await report.getByTestId('import-rejected').filter({ hasText: /^2$/ }).waitFor();
    const rejected = report.getByTestId('rejected-row');
    await rejected
      .filter({ hasText: 'Line 8' })
      .filter({ hasText: 'tomato cages' })
      .filter({ hasText: /volume/i })
      .waitFor();
    await rejected
      .filter({ hasText: 'Line 9' })
      .filter({ hasText: /difficulty/i })
      .waitFor();
    await snapshot(page, 'planner-01-import-report');
    await importDialog.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('pager-range').filter({ hasText: '1–7 of 7 keywords' }).waitFor();
    // Highest volume first until a header says otherwise.
    await page.getByTestId('keyword-row').first().filter({ hasText: 'raised garden bed' }).waitFor();
    await page.getByRole('button', { name: 'Keyword', exact: true }).click();
    await page.getByTestId('keyword-row').first().filter({ hasText: 'best raised garden bed kits' }).waitFor();

    // Export CSV: the browser downloads the file from its signed link, under the server's name.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^keywords-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(exported).toHaveLength(8);
    expect(exported.some((line) => line.startsWith('best raised garden bed kits,1900,22,0.95,'))).toBe(true);

    // Auto-cluster: the cost first, then the job's steps live, then the clusters.
    await page.getByRole('button', { name: 'Auto-cluster', exact: true }).click();
    const clusterDialog = page.getByRole('dialog', { name: 'Auto-cluster keywords' });
    await clusterDialog.getByTestId('planner-cost').filter({ hasText: 'Costs 10 credits' }).waitFor();
    await clusterDialog.getByTestId('planner-cost').filter({ hasText: '100 credits available' }).waitFor();
    await clusterDialog.getByText('All new keywords in no cluster (7 keywords)').waitFor();
    await snapshot(page, 'planner-02-auto-cluster-cost');
    ai.reset();
    ai.next({ delayMs: SLOW_AI_MS });
    await clusterDialog.getByRole('button', { name: 'Start clustering' }).click();
    await page.getByRole('progressbar', { name: 'Auto-cluster progress' }).waitFor();
    await page.getByTestId('job-run-step').filter({ hasText: 'AI at work' }).waitFor();
    await snapshot(page, 'planner-03-auto-cluster-progress');
    const done = page.getByRole('status').filter({ hasText: /^Clustered 7 keywords into \d+ clusters?/ });
    await done.waitFor({ timeout: 30_000 });
    const clusterCount = Number(/into (\d+) cluster/.exec((await done.textContent()) ?? '')?.[1]);
    // The table followed without a reload: no keyword is new any more.
    await page.getByTestId('keyword-row').filter({ hasText: 'Clustered' }).first().waitFor();
    if (
      await page
        .getByTestId('keyword-row')
        .filter({ hasText: /\bNew\b/ })
        .count()
    ) {
      throw new Error('a keyword is still new after clustering');
    }
    await page
      .getByRole('list', { name: 'New clusters' })
      .getByRole('link', { name: 'Raised garden bed', exact: true })
      .waitFor();
    await snapshot(page, 'planner-04-auto-cluster-done');

    // The Clusters page lists what the job made.
    await page.getByRole('link', { name: 'See all clusters of Gardening' }).click();
    await waitForPath(page, '/planner/clusters');
    await page
      .getByTestId('pager-range')
      .filter({ hasText: `of ${clusterCount} cluster` })
      .waitFor();
    if ((await page.getByTestId('cluster-row').count()) !== clusterCount)
      throw new Error('not every cluster is listed');
    await snapshot(page, 'planner-05-clusters');

    // A cluster: its keywords, then ideas generated for it, the cost first and the progress live.
    await page.getByTestId('cluster-row').getByRole('link', { name: 'Raised garden bed', exact: true }).click();
    await page.getByRole('heading', { name: 'Raised garden bed', level: 1, exact: true }).waitFor();
    await page.getByTestId('cluster-keyword').filter({ hasText: 'raised garden bed' }).first().waitFor();
    await page.getByText('No ideas yet.').waitFor();
    await page.getByRole('button', { name: 'Generate ideas' }).click();
    const ideasDialog = page.getByRole('dialog', { name: 'Generate ideas' });
    await ideasDialog.getByTestId('planner-cost').filter({ hasText: 'Costs 15 credits' }).waitFor();
    await ideasDialog.getByLabel('Ideas per cluster').fill('2');
    ai.next({ delayMs: SLOW_AI_MS });
    await ideasDialog.getByRole('button', { name: 'Generate ideas' }).click();
    await page.getByRole('progressbar', { name: 'Generate ideas progress' }).waitFor();
    await page.getByTestId('job-run-step').filter({ hasText: 'Writing ideas for "Raised garden bed"' }).waitFor();
    await page.getByRole('status').filter({ hasText: '2 ideas for 1 cluster' }).waitFor({ timeout: 30_000 });
    const ideas = page.getByRole('list', { name: 'Ideas of this cluster' });
    await ideas.getByRole('link', { name: IDEA_TITLES[0] }).waitFor();
    await ideas.getByRole('link', { name: IDEA_TITLES[1] }).waitFor();
    await page.getByTestId('cluster-facts').filter({ hasText: 'Ideas generated' }).waitFor();
    await snapshot(page, 'planner-06-ideas');

    // An idea opens from there in the Ideas list, with its outline, and takes an edit.
    await ideas.getByRole('link', { name: IDEA_TITLES[0] }).click();
    await waitForPath(page, '/planner/ideas');
    const editor = page.getByRole('form', { name: 'Edit idea' });
    if ((await editor.getByLabel('Heading of section 1').inputValue()) !== 'Pick the spot') {
      throw new Error('the outline did not load');
    }
    await snapshot(page, 'planner-07-idea-editor');
    await editor.getByLabel('Title').fill('Build a Raised Bed This Weekend');
    await editor.getByRole('button', { name: 'Save idea' }).click();
    await editor.waitFor({ state: 'detached' });
    await page.getByTestId('idea-row').filter({ hasText: 'Build a Raised Bed This Weekend' }).waitFor();
    await page.getByTestId('pager-range').filter({ hasText: '1–2 of 2 ideas' }).waitFor();
    await snapshot(page, 'planner-08-ideas-list');

    // Two keywords from the Gardening template's seed library: the report says which were new.
    await page.getByRole('link', { name: 'Keywords' }).click();
    await page.getByRole('button', { name: 'Add from seed library' }).click();
    const seeds = page.getByRole('dialog', { name: 'Seed keyword library' });
    const seedRows = seeds.getByTestId('seed-row');
    await seedRows.first().waitFor();
    await seedRows.nth(0).getByRole('checkbox').check();
    await seedRows.nth(1).getByRole('checkbox').check();
    await snapshot(page, 'planner-09-seed-library');
    await seeds.getByRole('button', { name: 'Add 2 keywords' }).click();
    await seeds.getByTestId('import-rows').filter({ hasText: /^2$/ }).waitFor();
    const added = Number(await seeds.getByTestId('import-added').textContent());
    const skipped = Number(await seeds.getByTestId('import-duplicates').textContent());
    if (added + skipped !== 2) throw new Error(`2 seeds gave ${added} added and ${skipped} skipped`);
    await seeds.getByRole('button', { name: 'Done' }).click();
    await page
      .getByTestId('pager-range')
      .filter({ hasText: `of ${7 + added} keywords` })
      .waitFor();

    // A cluster made by hand opens on its own page, empty, ready for keywords.
    await page.getByRole('link', { name: 'Clusters' }).click();
    await waitForPath(page, '/planner/clusters');
    await page.getByRole('button', { name: 'New cluster' }).click();
    const newCluster = page.getByRole('dialog', { name: 'New cluster' });
    await newCluster.getByLabel('Name').fill('Compost Basics');
    await newCluster.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Compost Basics', level: 1, exact: true }).waitFor();
    if (!/^\/planner\/clusters\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname)) {
      throw new Error(`a new cluster opens on its page, not ${page.url()}`);
    }
  });
});
