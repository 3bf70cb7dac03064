// The app on a 390 px wide phone: every main page fits the screen (nothing scrolls sideways), and
// the sidebar folds away behind the header's menu button, which opens it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type BrowserPlatform,
  gql,
  HAS_CHROMIUM,
  LOGIN,
  openPage,
  PASSWORD,
  registerAccount,
  requireChromium,
  signIn,
  snapshot,
  stamp,
  startBrowserPlatform,
  waitForPath,
} from './browser-platform';

requireChromium('the app on a phone');

const PHONE = { width: 390, height: 844 };

/** The pages a person reaches from the sidebar, each with the heading it shows when loaded. */
const MAIN_PAGES: [path: string, heading: string][] = [
  ['/sites', 'Sites'],
  ['/planner/keywords', 'Keywords'],
  ['/planner/clusters', 'Clusters'],
  ['/planner/ideas', 'Ideas'],
  ['/writer/tasks', 'Tasks'],
  ['/writer/content', 'Content'],
  ['/writer/review', 'Review'],
  ['/writer/published', 'Published'],
  ['/thinker/prompts', 'Prompts'],
  ['/thinker/author-profiles', 'Author profiles'],
  ['/thinker/strategies', 'Strategies'],
  ['/thinker/image-testing', 'Image testing'],
  ['/billing/overview', 'Billing'],
  ['/billing/credits', 'Credits'],
  ['/billing/transactions', 'Transactions'],
  ['/billing/usage', 'Usage'],
  ['/account/settings', 'Account settings'],
  ['/account/team', 'Team'],
  ['/account/api-keys', 'API keys'],
  ['/account/modules', 'Modules'],
  ['/profile', 'Your profile'],
];

/** Fails when the page is wider than the screen, naming the widest elements that stick out. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate((width) => {
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .filter((element) => !element.parentElement?.closest('.table-wrap'))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
    return { scrollWidth, culprits };
  }, PHONE.width);
  if (overflow) {
    throw new Error(
      `${where} is ${overflow.scrollWidth} px wide on a ${PHONE.width} px phone: ${overflow.culprits.join(', ')}`,
    );
  }
}

describe.skipIf(!HAS_CHROMIUM)('the app on a phone', () => {
  let platform: BrowserPlatform;

  beforeAll(async () => {
    platform = await startBrowserPlatform({ name: 'phone-web' });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('fits every main page into 390 px and opens the navigation from the menu button', {
    timeout: 180_000,
  }, async () => {
    const { url } = platform;
    const page = await openPage(platform.browser, PHONE);

    // Signed out: the sign-in and sign-up pages fit.
    await page.goto(`${url}/register`);
    await page.getByRole('button', { name: /create/i }).waitFor();
    await expectNoSidewaysScroll(page, '/register');

    const email = `phone-${stamp}@example.com`;
    await registerAccount(url, { email, name: 'Pat Phone', accountName: `Pocket Agency ${stamp}` });
    await page.goto(`${url}/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectNoSidewaysScroll(page, '/login');
    await signIn(page, url, email);

    // The sidebar is folded away; the menu button opens it and a link in it closes it again.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    if (await nav.isVisible()) throw new Error('the sidebar takes the screen before the menu is opened');
    if ((await menu.getAttribute('aria-expanded')) !== 'false') throw new Error('the menu says it is open');
    await menu.click();
    await nav.waitFor({ state: 'visible' });
    if ((await menu.getAttribute('aria-expanded')) !== 'true') throw new Error('the open menu says it is closed');
    await expectNoSidewaysScroll(page, 'the open menu');
    await snapshot(page, 'phone-01-menu');
    await nav.getByRole('link', { name: 'Team' }).click();
    await waitForPath(page, '/account/team');
    await nav.waitFor({ state: 'hidden' });

    // A site with a sector and a few keywords, so the planner's pages show a real table.
    await page.goto(`${url}/sites`);
    await page.getByRole('button', { name: 'New site' }).click();
    const newSite = page.getByRole('form', { name: 'New site' });
    await newSite.locator('input[name="name"]').fill('Pocket Garden');
    await newSite.locator('select[name="industryId"]').selectOption({ label: 'Home & Garden' });
    await newSite.getByRole('button', { name: 'Create site' }).click();
    const site = page.getByRole('article', { name: 'Pocket Garden' });
    await site.locator('input[name="sectorName"]').fill('Gardening');
    await site.getByRole('button', { name: 'Add sector' }).click();
    await site.getByTestId('sector').filter({ hasText: 'Gardening' }).waitFor();
    await expectNoSidewaysScroll(page, '/sites with a site');

    const login = await gql<{ login: { accessToken: string } }>(url, LOGIN, { input: { email, password: PASSWORD } });
    const token = login.data?.login.accessToken;
    const sites = await gql<{ sites: { edges: { node: { id: string; sectors: { id: string }[] } }[] } }>(
      url,
      '{ sites(first: 1) { edges { node { id sectors { id } } } } }',
      {},
      token,
    );
    const placed = sites.data?.sites.edges[0]?.node;
    if (!placed?.sectors[0]) throw new Error(`the site is not there: ${JSON.stringify(sites.errors)}`);
    for (const keyword of ['raised garden bed ideas for small yards', 'best compost bin', 'how to grow tomatoes']) {
      const created = await gql(
        url,
        'mutation($input: CreateKeywordInput!) { createKeyword(input: $input) { id } }',
        { input: { siteId: placed.id, sectorId: placed.sectors[0].id, keyword, volume: 1200, difficulty: 30 } },
        token,
      );
      if (created.errors) throw new Error(`keyword not created: ${JSON.stringify(created.errors)}`);
    }

    for (const [path, heading] of MAIN_PAGES) {
      await page.goto(`${url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      // Lists and their tables come after the heading.
      await page.waitForLoadState('networkidle');
      await expectNoSidewaysScroll(page, path);
    }
    await page.goto(`${url}/planner/keywords`);
    await page.getByTestId('keyword-row').first().waitFor();
    await expectNoSidewaysScroll(page, '/planner/keywords with keywords');
    await snapshot(page, 'phone-02-keywords');
  });
});
