// The writer pages in a real headless Chromium against the real platform (browser-platform.ts),
// with the offline sample writer: an idea queued to the writer from Planner → Ideas, its task
// written with the price shown first and the row turning Completed live, then the article in the
// editor — autosaved with its version, a newer save by someone else shown as a conflict and never
// overwritten — sent to review and approved by the owner.

import { createSiteWithSector, gqlData, graphqlClient, registerOwner } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserPlatform,
  HAS_CHROMIUM,
  openPage,
  requireChromium,
  signIn,
  snapshot,
  stamp,
  startBrowserPlatform,
  waitForPath,
} from './browser-platform';

const IDEA_TITLE = 'How to Repot a Snake Plant';

/** What someone else adds meanwhile: a table and an image without alt text. */
const OTHER_EDIT =
  '<table><tbody><tr><th>Pot</th><th>Dries</th></tr><tr><td>Terracotta</td><td>Fast</td></tr></tbody></table>' +
  '<p><img src="/favicon.svg"></p>';

const CREATE_IDEA = `mutation($input: CreateContentIdeaInput!) { createContentIdea(input: $input) { id } }`;
const CONTENT = `query($id: ID!) { content(id: $id) { id version status html revisions { number source } } }`;
const UPDATE = `mutation($input: UpdateContentInput!) { updateContent(input: $input) { id version } }`;

requireChromium('writer pages in Chromium');

describe.skipIf(!HAS_CHROMIUM)('writer pages in Chromium', () => {
  let platform: BrowserPlatform;

  beforeAll(async () => {
    // No AI provider: the offline sample writer writes the article (marked as sample text).
    platform = await startBrowserPlatform({ name: 'writer-web', system: { AI_PROVIDER: 'offline' } });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('queues an idea, writes it live, edits it with autosave and a conflict, and takes it through review', {
    timeout: 180_000,
  }, async () => {
    const { url } = platform;
    const client = graphqlClient(url);
    const email = `writer-${stamp}@example.com`;
    const owner = await registerOwner(client, `Writer Agency ${stamp}`, { email, name: 'Wren Writer' });
    const place = await createSiteWithSector(client, owner.token, { name: 'Leafy Living', sector: 'Houseplants' });
    await gqlData(
      client,
      CREATE_IDEA,
      {
        input: {
          ...place,
          title: IDEA_TITLE,
          description: 'Repotting a snake plant without hurting its roots.',
          contentType: 'HOW_TO',
          targetKeywords: ['repot a snake plant', 'snake plant soil'],
          estimatedWordCount: 800,
          outline: [
            { heading: 'When to repot', points: ['Roots through the holes'] },
            { heading: 'What you need', points: ['A pot one size up', 'Cactus mix'] },
            { heading: 'Step by step', points: ['Water the day before', 'Loosen the roots'] },
          ],
        },
      },
      owner.token,
    );

    const page = await openPage(platform.browser, { width: 1400, height: 900 });
    await signIn(page, url, email);

    // Planner → Ideas: tick the idea and queue it to the writer; a second time it is skipped.
    await page.getByRole('link', { name: 'Ideas' }).click();
    await waitForPath(page, '/planner/ideas');
    await page.getByRole('checkbox', { name: `Select ${IDEA_TITLE}` }).check();
    await page.getByRole('button', { name: 'Queue to writer' }).click();
    await page.getByText('Queued 1 idea to the writer.').waitFor();
    await page.getByRole('checkbox', { name: `Select ${IDEA_TITLE}` }).check();
    await page.getByRole('button', { name: 'Queue to writer' }).click();
    await page.getByText(/Queued 0 ideas to the writer; skipped 1 idea/).waitFor();

    // Writer → Tasks: the task is queued; "Write articles" shows the price before anything starts.
    await page.getByRole('link', { name: 'Tasks' }).click();
    await waitForPath(page, '/writer/tasks');
    const row = page.getByTestId('task-row').filter({ hasText: IDEA_TITLE });
    await row.and(page.locator('[data-status="QUEUED"]')).waitFor();
    await page.getByRole('checkbox', { name: `Select ${IDEA_TITLE}` }).check();
    await page.getByRole('button', { name: 'Write articles' }).click();
    const dialog = page.getByRole('dialog', { name: 'Write articles' });
    await dialog
      .getByTestId('write-estimate')
      .filter({ hasText: '1 article of 800 words in all cost 8 credits' })
      .waitFor();
    await snapshot(page, 'writer-01-estimate');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await dialog.getByRole('button', { name: 'Write 1 article' }).click();

    // The job is followed live and the row turns Completed without a reload, linking to the article.
    await page.getByTestId('job-run').filter({ hasText: 'Wrote 1 of 1' }).waitFor();
    await row.and(page.locator('[data-status="COMPLETED"]')).waitFor();
    expect(navigations).toEqual([]);
    await snapshot(page, 'writer-02-written');
    await row.getByRole('link', { name: IDEA_TITLE }).click();
    await page.waitForURL(/\/writer\/content\/[^/]+$/);
    const contentId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    // The editor: the sample-text banner, the body in the rich-text editor, live checks, counters.
    await page.getByText('The offline sample writer wrote this').waitFor();
    const body = page.getByRole('textbox', { name: 'Article body' });
    await body.waitFor();
    await page.getByTestId('editor-check').first().waitFor();
    const saveState = page.getByTestId('save-state');
    await saveState.filter({ hasText: /^Saved$/ }).waitFor();
    await page.getByLabel('Meta title').fill('Repot a snake plant');
    await page.getByTestId('length-counter').filter({ hasText: '19 / 60' }).waitFor();

    // Typing in the body: unsaved, then saved on its own with the loaded version.
    await body.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Terracotta pots dry out faster.');
    await saveState.filter({ hasText: /^Saved$/ }).waitFor();
    const saved = (await gqlData(client, CONTENT, { id: contentId }, owner.token)).content;
    expect(saved.html).toContain('Terracotta pots dry out faster.');
    expect(saved.revisions.map((revision: { source: string }) => revision.source)).toEqual(['HUMAN', 'AI']);
    await page.getByTestId('revision').filter({ hasText: 'offline sample writer' }).waitFor();
    await snapshot(page, 'writer-03-editor');

    // Someone else saves a newer version: the next autosave is refused and nothing is overwritten.
    await gqlData(
      client,
      UPDATE,
      {
        input: {
          id: contentId,
          version: saved.version,
          title: 'Repotting a Snake Plant, Done Right',
          html: `${saved.html}${OTHER_EDIT}`,
        },
      },
      owner.token,
    );
    await page.keyboard.type(' Wait a week before watering.');
    await page.getByText('Someone else changed this article').waitFor();
    const after = (await gqlData(client, CONTENT, { id: contentId }, owner.token)).content;
    expect(after.html).not.toContain('Wait a week before watering.');
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { level: 1, name: 'Repotting a Snake Plant, Done Right' }).waitFor();
    await saveState.filter({ hasText: /^Saved$/ }).waitFor();
    // The editor keeps their table and image, and the checks count the image without alt text.
    await body.locator('td').filter({ hasText: 'Terracotta' }).waitFor();
    await body.locator('img').waitFor();
    await page.getByText('(1 without alt)').waitFor();

    // Compare the first revision with the newest: the added words are highlighted.
    await page.getByTestId('revision').last().getByRole('button', { name: 'Compare' }).click();
    await page.getByTestId('revision-diff').locator('ins').filter({ hasText: 'Terracotta' }).first().waitFor();

    await page.getByRole('button', { name: 'Close' }).click();

    // The review flow: sent to review, rejected with a note (shown on the draft), sent again, approved.
    await page.getByRole('button', { name: 'Send to review' }).click();
    await page
      .locator('.badge')
      .filter({ hasText: /^Review$/ })
      .waitFor();
    await page.getByRole('button', { name: 'Reject with note' }).click();
    const reject = page.getByRole('dialog', { name: 'Reject with a note' });
    await reject.getByLabel('Note for the writer').fill('Add a section on drainage holes.');
    await reject.getByRole('button', { name: 'Send back to draft' }).click();
    await page.getByTestId('review-note').filter({ hasText: 'Add a section on drainage holes.' }).waitFor();
    await page
      .locator('.badge')
      .filter({ hasText: /^Draft$/ })
      .waitFor();
    // Editing after the rejection saves over the rejected version (no conflict with oneself).
    await body.locator('h2').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' and why');
    await saveState.filter({ hasText: /^Saved$/ }).waitFor();
    await page.getByRole('button', { name: 'Send to review' }).click();
    await page
      .locator('.badge')
      .filter({ hasText: /^Review$/ })
      .waitFor();
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await waitForPath(page, '/writer/review');
    await page.getByTestId('content-row').filter({ hasText: 'Repotting a Snake Plant' }).waitFor();
    await page.getByRole('link', { name: 'Repotting a Snake Plant, Done Right' }).click();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page
      .locator('.badge')
      .filter({ hasText: /^Approved$/ })
      .waitFor();
    expect((await gqlData(client, CONTENT, { id: contentId }, owner.token)).content.status).toBe('APPROVED');
    await snapshot(page, 'writer-04-approved');
  });
});
