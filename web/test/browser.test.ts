// The web app in a real headless Chromium against the real platform: the system subgraph and the
// gateway (serving a fresh build of the app) on loopback ports, over a test database.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openTestDatabase, type TestDatabase } from '@igny8/db/testing';
import { createLogger } from '@igny8/lib';
import { loadSystemConfig, type SystemServer, startSystem } from '@igny8/system';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, it, onTestFailed } from 'vitest';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../../gateway/src/server.js';

/** Debian's package; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MISSING_CHROMIUM = `Chromium is not installed at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\``;

const webDir = resolve(import.meta.dirname, '..');
const OPERATOR = { email: 'operator@example.com', password: 'operator-password-42' };
const PASSWORD = 'correct horse 42';
const stamp = `${Date.now().toString(36)}-${process.pid}`;
const owner = { name: 'Olivia Owner', email: `owner-${stamp}@example.com`, accountName: `Olivia's Agency ${stamp}` };
const teammate = `teammate-${stamp}@example.com`;

if (!existsSync(CHROMIUM)) {
  if (process.env.CI) {
    describe('web app in Chromium', () => {
      it('needs Chromium', () => {
        throw new Error(MISSING_CHROMIUM);
      });
    });
  } else {
    console.warn(`Skipping the browser test. ${MISSING_CHROMIUM}.`);
  }
}

/** Builds the app as `npm run build` does, so the test never runs a stale bundle. */
async function buildWebApp() {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** A free loopback port, so the system knows the gateway's URL (invite links) before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

async function gql<T = any>(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken account { id } } }`;

describe.skipIf(!existsSync(CHROMIUM))('web app in Chromium', () => {
  let db: TestDatabase;
  let dataDir: string;
  let system: SystemServer;
  let gateway: RunningGateway;
  let browser: Browser;
  let url: string;
  let inviteUrl: string | undefined;

  beforeAll(async () => {
    await buildWebApp();

    db = await openTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'igny8-web-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const common = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir };
    const log = createLogger('test', 'silent');
    system = await startSystem({
      config: loadSystemConfig({
        ...common,
        SEED_DEMO: 'false',
        PUBLIC_URL: url,
        SUPERUSER_EMAIL: OPERATOR.email,
        SUPERUSER_PASSWORD: OPERATOR.password,
        AUTH_LIMIT_PER_IP: '100000',
        LOGIN_LIMIT_PER_EMAIL: '100000',
      }),
      database: db.database,
      port: 0,
      log,
    });
    gateway = await startGateway({
      config: loadGatewayConfig({ ...common, HOST: '127.0.0.1', WEB_DIST: join(webDir, 'dist') }),
      port,
      urls: { system: system.url },
      log,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await system?.close();
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => {
      const file = join(tmpdir(), `igny8-web-failure-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.error(`Browser test failed on ${page.url()}; screenshot: ${file}`);
    });
    return page;
  }

  /** Saves a screenshot when WEB_TEST_SCREENSHOTS names a directory (to look at the UI). */
  async function snapshot(page: Page, name: string) {
    const dir = process.env.WEB_TEST_SCREENSHOTS;
    if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }

  const waitForPath = (page: Page, path: string) => page.waitForURL((u) => u.pathname === path);
  const textOf = (page: Page, selector: string, text: string) =>
    page.locator(selector).filter({ hasText: text }).first().waitFor();

  it('signs up, manages sites and the team, survives a reload and logs out', { timeout: 180_000 }, async () => {
    const page = await openPage();
    const refreshes: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.postData()?.includes('RefreshSession')) {
        refreshes.push(request.postData()!);
      }
    });

    // A guest is sent to sign in, and signs up from there.
    await page.goto(`${url}/sites`);
    await waitForPath(page, '/login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await waitForPath(page, '/register');
    await page.fill('input[name="name"]', owner.name);
    await page.fill('input[name="email"]', owner.email);
    await page.fill('input[name="password"]', 'short');
    await page.fill('input[name="accountName"]', owner.accountName);
    await page.getByRole('button', { name: 'Create account' }).click();
    // The server's field message is shown next to the field.
    await textOf(page, '.field-error', 'at least 10 characters');
    await snapshot(page, '01-register-error');
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await waitForPath(page, '/sites');
    await textOf(page, '[data-testid="account-name"]', owner.accountName);
    await textOf(page, '[data-testid="user-name"]', owner.name);

    // Log out, then log in again.
    await page.getByRole('button', { name: 'Log out' }).click();
    await waitForPath(page, '/login');
    await page.fill('input[name="email"]', owner.email);
    await page.fill('input[name="password"]', 'not the password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForPath(page, '/sites');
    await textOf(page, '.empty-state', 'No sites yet');

    // A site from an industry template, with one of its sectors; then one more sector.
    await page.getByRole('button', { name: 'New site' }).click();
    const newSite = page.getByRole('form', { name: 'New site' });
    await newSite.locator('input[name="name"]').fill('Green Thumb Journal');
    await newSite.locator('input[name="domain"]').fill('greenthumb.example');
    await newSite.locator('select[name="industryId"]').selectOption({ label: 'Home & Garden' });
    await newSite.getByLabel('Gardening').check();
    await snapshot(page, '02-new-site');
    await newSite.getByRole('button', { name: 'Create site' }).click();
    const site = page.getByRole('article', { name: 'Green Thumb Journal' });
    await site.getByTestId('sector').filter({ hasText: 'Gardening' }).waitFor();
    await site.locator('input[name="sectorName"]').fill('Indoor Plants');
    await site.getByRole('button', { name: 'Add sector' }).click();
    await site.getByTestId('sector').filter({ hasText: 'Indoor Plants' }).waitFor();
    await snapshot(page, '03-sites');

    // The free plan has one seat: the invite is refused with the plan's message.
    await page.getByRole('link', { name: 'Team' }).click();
    await waitForPath(page, '/account/team');
    await page.fill('input[name="email"]', teammate);
    await page.selectOption('select[name="role"]', 'EDITOR');
    await page.getByRole('button', { name: 'Send invite' }).click();
    await textOf(page, '[role="alert"]', 'Your Free plan allows 1 user');
    await snapshot(page, '04-team-limit');

    // The platform operator moves the account to Growth.
    const ownerLogin = await gql(url, LOGIN, { input: { email: owner.email, password: PASSWORD } });
    const accountId = ownerLogin.data.login.account.id as string;
    const operatorLogin = await gql(url, LOGIN, { input: OPERATOR });
    if (!operatorLogin.data) throw new Error(`operator login failed: ${JSON.stringify(operatorLogin.errors)}`);
    const upgrade = await gql(
      url,
      `mutation($input: AdminSetAccountPlanInput!) { adminSetAccountPlan(input: $input) { plan { slug } } }`,
      { input: { accountId, planSlug: 'growth' } },
      operatorLogin.data.login.accessToken,
    );
    if (upgrade.data?.adminSetAccountPlan.plan.slug !== 'growth') {
      throw new Error(`adminSetAccountPlan failed: ${JSON.stringify(upgrade.errors)}`);
    }

    // Now the invite goes through: the link is shown and the teammate is listed as invited.
    await page.getByRole('button', { name: 'Send invite' }).click();
    const link = page.locator('input[name="inviteUrl"]');
    await link.waitFor();
    inviteUrl = await link.inputValue();
    if (!inviteUrl.startsWith(`${url}/accept-invite?token=`)) throw new Error(`unexpected invite link ${inviteUrl}`);
    const invitedRow = page.getByTestId('member-row').filter({ hasText: teammate });
    await invitedRow.filter({ hasText: 'Invited' }).waitFor();
    await textOf(page, '.page-description', 'of 3 seats used on the Growth plan');
    await snapshot(page, '05-team-invited');

    // A reload keeps the session: the refresh token in storage buys a new access token. The
    // first answer after it is forced to UNAUTHENTICATED: the app refreshes once more and retries.
    let refusals = 0;
    await page.route(`${url}/graphql`, async (route) => {
      if (refusals === 0 && route.request().postData()?.includes('"operationName":"Viewer"')) {
        refusals++;
        return route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({ errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
        });
      }
      return route.continue();
    });
    refreshes.length = 0;
    await page.reload();
    await textOf(page, '[data-testid="account-name"]', owner.accountName);
    await page.getByTestId('member-row').filter({ hasText: teammate }).waitFor();
    if (page.url() !== `${url}/account/team`) throw new Error(`reload landed on ${page.url()}`);
    if (refusals !== 1 || refreshes.length !== 2) {
      throw new Error(`expected 1 refused request and 2 refreshes, saw ${refusals} and ${refreshes.length}`);
    }
    await page.unroute(`${url}/graphql`);

    // Logging out ends the session on the server too.
    const refreshToken = await page.evaluate(() => localStorage.getItem('igny8.refreshToken'));
    await page.getByRole('button', { name: 'Log out' }).click();
    await waitForPath(page, '/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    if (await page.evaluate(() => localStorage.getItem('igny8.refreshToken'))) throw new Error('token kept');
    const reuse = await gql(url, `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, {
      t: refreshToken,
    });
    if (reuse.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') {
      throw new Error(`the logged-out refresh token still works: ${JSON.stringify(reuse)}`);
    }
    await snapshot(page, '06-logged-out');
  });

  it('lets the invited teammate join through the link, without admin actions', { timeout: 120_000 }, async () => {
    if (!inviteUrl) throw new Error('the previous test did not produce an invite link');
    const page = await openPage();
    await page.goto(inviteUrl);
    await page.fill('input[name="firstName"]', 'Theo');
    await page.fill('input[name="lastName"]', 'Teammate');
    await page.fill('input[name="password"]', PASSWORD);
    await page.fill('input[name="confirmPassword"]', PASSWORD);
    await page.getByRole('button', { name: 'Join and sign in' }).click();
    await waitForPath(page, '/sites');
    await textOf(page, '[data-testid="user-name"]', 'Theo Teammate');
    await page.getByRole('article', { name: 'Green Thumb Journal' }).waitFor();
    if (await page.getByRole('button', { name: 'New site' }).count()) throw new Error('an editor may not add sites');

    await page.getByRole('link', { name: 'Team' }).click();
    await textOf(page, '[role="status"]', 'Only owners and admins can invite');
    if (await page.locator('input[name="email"]').count()) throw new Error('an editor may not invite');
    await page.getByTestId('member-row').filter({ hasText: owner.email }).waitFor();
    await snapshot(page, '07-editor-team');
  });

  it('edits a prompt and resets it, creates an author profile, and hides Thinker when it is off', {
    timeout: 120_000,
  }, async () => {
    const email = `thinker-${stamp}@example.com`;
    const registered = await gql(
      url,
      `mutation($input: RegisterInput!) { register(input: $input) { account { id } } }`,
      { input: { email, password: PASSWORD, name: 'Tina Thinker', accountName: `Thinker Agency ${stamp}` } },
    );
    if (registered.errors) throw new Error(`register failed: ${JSON.stringify(registered.errors)}`);
    const page = await openPage();
    await page.goto(`${url}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForPath(page, '/sites');

    // /thinker opens the prompts, each marked as the default.
    await page.goto(`${url}/thinker`);
    await waitForPath(page, '/thinker/prompts');
    const card = page.getByRole('article', { name: /^Image generation/ });
    await card.getByText('Default', { exact: true }).waitFor();

    // A variable the operation does not supply is refused next to the text, naming it.
    await card.getByRole('button', { name: 'Edit' }).click();
    const text = card.locator('textarea[name="text"]');
    await text.fill('{{image_prompt}} for {{audience}}');
    await card.getByRole('button', { name: 'Save prompt' }).click();
    await card.locator('.field-error').filter({ hasText: 'unknown variable {{audience}}' }).waitFor();
    await text.fill('A soft watercolour of ');
    await card.getByRole('button', { name: 'Insert {{image_prompt}}' }).click();
    if ((await text.inputValue()) !== 'A soft watercolour of {{image_prompt}}') {
      throw new Error(`the variable was not inserted: ${await text.inputValue()}`);
    }
    await card.getByRole('button', { name: 'Save prompt' }).click();
    await card.getByText('Customised', { exact: true }).waitFor();
    await snapshot(page, '08-prompt-customised');

    // Reset asks first, then the default is back.
    await card.getByRole('button', { name: 'Reset the Image generation prompt to its default' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset to default' }).click();
    await card.getByText('Default', { exact: true }).waitFor();

    // An author profile, made the default.
    await page.getByRole('link', { name: 'Author profiles' }).click();
    await waitForPath(page, '/thinker/author-profiles');
    await textOf(page, '.empty-state', 'No author profiles yet');
    await page.getByRole('button', { name: 'New profile' }).click();
    const form = page.getByRole('form', { name: 'New author profile' });
    await form.locator('input[name="name"]').fill('Expert Emma');
    await form.locator('input[name="tone"]').fill('Warm and confident');
    await form.getByLabel(/^Default/).check();
    await form.getByRole('button', { name: 'Create profile' }).click();
    await page
      .getByTestId('author-profile-row')
      .filter({ hasText: 'Expert Emma' })
      .filter({ hasText: 'Default' })
      .waitFor();
    // The free plan allows one profile: the page says so instead of offering another.
    await textOf(page, '[role="status"]', 'Your Free plan allows 1 author profile');
    await snapshot(page, '09-author-profiles');

    // Switching the module off hides its sidebar section and its pages.
    await page.getByRole('link', { name: 'Modules' }).click();
    // The switch's track covers the checkbox: click the label, as a person does.
    await page.locator('label.switch', { has: page.locator('input[name="thinker"]') }).click();
    await page.getByRole('link', { name: 'Author profiles' }).waitFor({ state: 'detached' });
    await page.goto(`${url}/thinker/strategies`);
    await textOf(page, '[role="status"]', 'The Thinker module is switched off');
  });
});
