// The web app in a real headless Chromium against the real platform (browser-platform.ts). Image
// generation goes to a local server speaking the OpenAI protocol, which a test scripts.
import {
  createBillingCreditHolds,
  createJobRuntime,
  createLogger,
  createServiceClient,
  createServiceCredentials,
  defineJob,
  type JobRuntime,
  loadServiceSecret,
} from '@igny8/lib';
import { Gates, type OpenAiProtocolServer } from '@igny8/lib/testing';
import type { WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { z } from 'zod';
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
  textOf,
  waitForPath,
} from './browser-platform';

const OPERATOR = { email: 'operator@example.com', password: 'operator-password-42' };
const owner = { name: 'Olivia Owner', email: `owner-${stamp}@example.com`, accountName: `Olivia's Agency ${stamp}` };
const teammate = `teammate-${stamp}@example.com`;

requireChromium('web app in Chromium');

/** Holds a test job at a named step until the test opens it; a cancelled job stops waiting. */
const gates = new Gates();

/** An AI job as the product's are (priced as one generated image, reporting its steps), on cue. */
const gatedImageJob = defineJob({
  kind: 'webtest.gated-image',
  operation: 'image_generation',
  inputSchema: z.object({ gate: z.string() }),
  summarize: (input) => `picture ${input.gate}`,
  retryLimit: 0,
  async handler(input, ctx) {
    await ctx.progress(10, 'PREP', 'Preparing the prompt');
    await gates.wait(`${input.gate}:draw`, ctx.signal);
    await ctx.progress(60, 'AI_CALL', 'Drawing the picture');
    await gates.wait(`${input.gate}:save`, ctx.signal);
    return {
      result: { saved: true },
      summary: 'Picture saved',
      usage: { inputTokens: 120, outputTokens: 0, model: 'test-model' },
    };
  },
});

describe.skipIf(!HAS_CHROMIUM)('web app in Chromium', () => {
  let platform: BrowserPlatform;
  let url: string;
  let ai: OpenAiProtocolServer;
  let jobRuntime: JobRuntime | undefined;
  let inviteUrl: string | undefined;

  beforeAll(async () => {
    platform = await startBrowserPlatform({
      name: 'web',
      system: { SUPERUSER_EMAIL: OPERATOR.email, SUPERUSER_PASSWORD: OPERATOR.password },
    });
    ({ url, ai } = platform);
  });

  afterAll(async () => {
    await jobRuntime?.stop({ graceful: false });
    await platform?.close();
  });

  it('signs up, manages sites and the team, survives a reload and logs out', { timeout: 180_000 }, async () => {
    const page = await openPage(platform.browser);
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
    const page = await openPage(platform.browser);
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
    await registerAccount(url, { email, name: 'Tina Thinker', accountName: `Thinker Agency ${stamp}` });
    const page = await openPage(platform.browser);
    await signIn(page, url, email);

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

  it('shows the credits in the header, follows jobs live in the tray, and lists the ledger and usage', {
    timeout: 180_000,
  }, async () => {
    const email = `credits-${stamp}@example.com`;
    const { accountId, userId } = await registerAccount(url, {
      email,
      name: 'Cora Credits',
      accountName: `Credits Agency ${stamp}`,
    });

    // Workers for the test job, as a subgraph runs them: credits held in billing, progress on the
    // database's job events that the gateway's subscriptions serve.
    const log = createLogger('test', 'silent');
    jobRuntime = createJobRuntime({
      database: platform.db.database,
      schema: platform.queueSchema,
      holds: createBillingCreditHolds(
        createServiceClient({
          url: platform.subgraphs.billing.url,
          target: 'billing',
          credentials: createServiceCredentials(loadServiceSecret(platform.dataDir), 'test'),
          log,
        }),
      ),
      log,
      jobs: [gatedImageJob],
      events: platform.jobEvents,
      pollingIntervalSeconds: 0.5,
    });
    await jobRuntime.start();
    await platform.jobEvents.ready();
    const runtime = jobRuntime;
    const startJob = (gate: string) => runtime.enqueue({ accountId, userId }, gatedImageJob, { gate });

    const page = await openPage(platform.browser);
    const sockets: WebSocket[] = [];
    page.on('websocket', (socket) => sockets.push(socket));
    await signIn(page, url, email);

    // The header shows the Free plan's opening credits, and leads to the credits page.
    const credits = page.getByTestId('credit-balance');
    await credits.filter({ hasText: '100 credits' }).waitFor();
    const title = await credits.getAttribute('title');
    if (title !== 'Balance 100 credits, 0 reserved by running jobs') throw new Error(`header title: ${title}`);
    // Only the platform operator has the admin section.
    if (await page.getByRole('link', { name: 'Account credits' }).count()) throw new Error('an owner sees Admin');

    // A job starts: its 5 credits are held at once; the tray counts it and follows its steps live.
    await startJob('first');
    await credits.filter({ hasText: '95 credits' }).waitFor();
    await page.getByTestId('active-jobs').filter({ hasText: '1' }).waitFor();
    await page.getByRole('button', { name: 'Jobs, 1 running or queued' }).click();
    const panel = page.getByRole('region', { name: 'Recent jobs' });
    const first = panel.getByTestId('job-row').filter({ hasText: 'picture first' });
    await first.filter({ hasText: 'Preparing the prompt' }).waitFor();
    gates.open('first:draw');
    await first.filter({ hasText: 'Drawing the picture' }).filter({ hasText: '60%' }).waitFor();
    await snapshot(page, '10-jobs-tray');

    // Cancelling asks first; the job stops and its held credits come back.
    await first.getByRole('button', { name: 'Cancel Gated image' }).click();
    await page.getByRole('dialog', { name: 'Cancel job' }).getByRole('button', { name: 'Cancel job' }).click();
    await first.filter({ hasText: 'Cancelled' }).waitFor();
    await credits.filter({ hasText: '100 credits' }).waitFor();
    await page.getByTestId('active-jobs').waitFor({ state: 'detached' });

    // A job that runs to the end is charged: the tray and the header follow it there.
    gates.open('second:draw');
    gates.open('second:save');
    await startJob('second');
    const second = panel.getByTestId('job-row').filter({ hasText: 'picture second' });
    await second.filter({ hasText: 'Succeeded' }).filter({ hasText: '5 credits charged' }).waitFor();
    await credits.filter({ hasText: '95 credits' }).waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    // The live updates came over the gateway's websocket.
    const subscriptionUrl = `${url.replace(/^http/, 'ws')}/graphql`;
    if (!sockets.some((socket) => socket.url() === subscriptionUrl)) {
      throw new Error(`no subscription socket was opened: ${sockets.map((socket) => socket.url()).join(', ')}`);
    }

    // The ledger: the opening entry and the one charge (the cancelled job cost nothing).
    await page.getByRole('link', { name: 'Transactions', exact: true }).click();
    await waitForPath(page, '/billing/transactions');
    const entries = page.getByTestId('transaction-row');
    await entries.filter({ hasText: 'Opening credits of the Free plan' }).filter({ hasText: '+100' }).waitFor();
    await entries.filter({ hasText: 'Picture saved' }).filter({ hasText: '−5' }).waitFor();
    await textOf(page, '[data-testid="pager-range"]', '1–2 of 2');
    await snapshot(page, '11-transactions');
    await page.selectOption('select[name="type"]', 'DEDUCTION');
    await textOf(page, '[data-testid="pager-range"]', '1–1 of 1');
    await entries.filter({ hasText: 'Picture saved' }).waitFor();
    if (await entries.filter({ hasText: 'Opening credits' }).count())
      throw new Error('the type filter let the opening entry through');
    // The charge names the job as a person does and opens the job's own page.
    await entries.getByRole('link', { name: 'Gated image: picture second' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/billing/jobs/'));
    await page.getByRole('heading', { name: 'Gated image', level: 1 }).waitFor();
    await textOf(page, '[data-testid="job-result"]', 'Picture saved');
    await textOf(page, '[data-testid="job-credits"]', '5');
    await snapshot(page, '11-job');

    // Usage: a bar for today in the chart, and the same numbers in the table beside it.
    await page.getByRole('link', { name: 'Usage', exact: true }).click();
    await waitForPath(page, '/billing/usage');
    const chart = page.getByRole('img', { name: /Credits used per day/ });
    await chart.getByTestId('chart-bar').first().waitFor();
    await page
      .getByTestId('usage-row')
      .filter({ hasText: 'Image generation' })
      .filter({ has: page.locator('td', { hasText: /^5$/ }) })
      .waitFor();
    await textOf(page, '[data-testid="usage-total-credits"]', '5');
    await snapshot(page, '12-usage');

    // The overview names the account's id, which the platform operator looks it up by.
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await waitForPath(page, '/billing/overview');
    await page.getByText(accountId).waitFor();
    await page.getByTestId('transaction-row').filter({ hasText: 'Picture saved' }).waitFor();
    await snapshot(page, '13-billing-overview');

    // The operator adds credits with a reason; a reason too short is refused beside its field.
    const admin = await openPage(platform.browser);
    await signIn(admin, url, OPERATOR.email, OPERATOR.password);
    await admin.getByRole('link', { name: 'Account credits' }).click();
    await waitForPath(admin, '/admin/credits');
    await admin.fill('input[name="accountId"]', 'not-an-id');
    await admin.getByRole('button', { name: 'Look up' }).click();
    await textOf(admin, '.field-error', 'must be an id');
    await admin.fill('input[name="accountId"]', accountId);
    await admin.getByRole('button', { name: 'Look up' }).click();
    await admin.getByTestId('balance-facts').filter({ hasText: '95' }).waitFor();
    const adjust = admin.getByRole('form', { name: 'Adjust credits' });
    await adjust.locator('input[name="amount"]').fill('50');
    await adjust.locator('textarea[name="reason"]').fill('ok');
    await adjust.getByRole('button', { name: 'Record adjustment' }).click();
    await adjust.locator('.field-error').filter({ hasText: 'at least 3 characters' }).waitFor();
    await adjust.locator('textarea[name="reason"]').fill('Goodwill for the slow week');
    await adjust.getByRole('button', { name: 'Record adjustment' }).click();
    await textOf(admin, '[role="status"]', 'the balance is now 145');
    await snapshot(admin, '14-admin-credits');

    // Prices are checked by the server too; a refused edit changes nothing (costs are global, so
    // the test saves none).
    await admin.getByRole('link', { name: 'Credit costs' }).click();
    await waitForPath(admin, '/admin/credit-costs');
    const imageCost = admin.getByRole('form', { name: 'Edit image_generation' });
    await imageCost.locator('input[name="displayName"]').fill(' ');
    await imageCost.getByRole('button', { name: 'Save' }).click();
    await imageCost.locator('.field-error').filter({ hasText: 'is required' }).waitFor();
    await snapshot(admin, '15-admin-credit-costs');

    // The owner sees the adjustment in the ledger and the new balance in the header.
    sockets.length = 0; // A new document: only its sockets count below.
    await page.goto(`${url}/billing/transactions`);
    await page
      .getByTestId('transaction-row')
      .filter({ hasText: 'Goodwill for the slow week' })
      .filter({ hasText: '+50' })
      .waitFor();
    await credits.filter({ hasText: '145 credits' }).waitFor();

    // A signed-out tab keeps no socket open.
    if (!sockets.some((socket) => socket.url() === subscriptionUrl))
      throw new Error('the reloaded page did not subscribe');
    await page.getByRole('button', { name: 'Log out' }).click();
    await waitForPath(page, '/login');
    for (const socket of sockets) if (!socket.isClosed()) await socket.waitForEvent('close');
  });

  it('tests an image: shows the cost, follows the progress to the image, and charges the credits', {
    timeout: 180_000,
  }, async () => {
    const email = `images-${stamp}@example.com`;
    const { accountId } = await registerAccount(url, {
      email,
      name: 'Ivy Images',
      accountName: `Images Agency ${stamp}`,
    });
    const page = await openPage(platform.browser);
    await signIn(page, url, email);

    // The Thinker section leads to the page; the cost is shown before anything starts.
    await page.getByRole('link', { name: 'Image testing' }).click();
    await waitForPath(page, '/thinker/image-testing');
    await textOf(page, '[data-testid="test-image-cost"]', 'Costs 5 credits per image');
    const available = page.getByTestId('available-credits');
    await available.filter({ hasText: /^100$/ }).waitFor();
    await textOf(page, '.empty-state', 'No test images yet');

    // The model takes a few seconds: the progress bar shows the step it is at, then the image.
    ai.reset();
    ai.next({ delayMs: 4000 });
    const form = page.getByRole('form', { name: 'New test image' });
    await form.locator('textarea[name="prompt"]').fill('A red bicycle leaning on a brick wall');
    await form.locator('select[name="size"]').selectOption('512x512');
    await form.locator('input[name="style"]').fill('watercolour');
    await form.getByRole('button', { name: 'Generate image' }).click();
    const progress = page.getByRole('progressbar', { name: 'Image test progress' });
    await progress.waitFor();
    await textOf(page, '[data-testid="job-run-step"]', 'Generating');
    if ((await progress.getAttribute('value')) !== '20') throw new Error('the bar is not at the generating step');
    await snapshot(page, '14-image-testing-progress');
    const result = page.getByTestId('job-run');
    await result.filter({ hasText: '512×512 image generated' }).waitFor();
    await progress.waitFor({ state: 'detached' });
    // The image really arrived through its signed link.
    const image = result.locator('img');
    await image.waitFor();
    await page.waitForFunction((img) => (img as HTMLImageElement).complete, await image.elementHandle());
    if ((await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)) === 0) {
      throw new Error(`the image did not load from ${await image.getAttribute('src')}`);
    }
    // Five credits are gone, on the page and in the header; the gallery has the image.
    await page.reload();
    await available.filter({ hasText: /^95$/ }).waitFor();
    await page.getByTestId('credit-balance').filter({ hasText: '95 credits' }).waitFor();
    const title = await page.getByTestId('credit-balance').getAttribute('title');
    if (title !== 'Balance 95 credits, 0 reserved by running jobs') throw new Error(`header title: ${title}`);
    await page
      .getByTestId('test-image-gallery')
      .getByTestId('test-image')
      .filter({ hasText: 'A red bicycle leaning on a brick wall' })
      .filter({ hasText: 'watercolour' })
      .waitFor();
    const asked = ai.requests.find((r) => r.path === '/v1/images/generations');
    if (!String(asked?.body.prompt).startsWith('A red bicycle leaning on a brick wall\n\nStyle: watercolour.')) {
      throw new Error(`the image prompt was not built from the template: ${JSON.stringify(asked?.body)}`);
    }
    await snapshot(page, '15-image-testing-done');

    // A failed job says why, and charges nothing.
    ai.next({ status: 401 });
    await form.locator('textarea[name="prompt"]').fill('A lighthouse at dusk');
    await form.getByRole('button', { name: 'Generate image' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The image could not be generated.' })
      .filter({ hasText: 'refused the API key' })
      .waitFor();
    await page.reload();
    await available.filter({ hasText: /^95$/ }).waitFor();
    await page.getByTestId('credit-balance').filter({ hasText: '95 credits' }).waitFor();

    // Too few credits: the server's message, and nothing starts.
    const operator = await gql(url, LOGIN, { input: OPERATOR });
    const drained = await gql(
      url,
      'mutation($input: AdjustCreditsInput!) { adjustCredits(input: $input) { balanceAfter } }',
      { input: { accountId, amount: -92, reason: 'Browser test: too few credits' } },
      operator.data.login.accessToken,
    );
    if (drained.data?.adjustCredits.balanceAfter !== 3) throw new Error(`drain failed: ${JSON.stringify(drained)}`);
    await page.reload();
    await available.filter({ hasText: /^3$/ }).waitFor();
    await textOf(page, '[role="status"]', 'fewer credits than one image costs');
    await form.locator('textarea[name="prompt"]').fill('A lighthouse at dusk');
    await form.getByRole('button', { name: 'Generate image' }).click();
    await textOf(page, '[role="alert"]', 'This needs 5 credits and the account has 3 available.');
    await snapshot(page, '16-image-testing-no-credits');
  });

  it('saves AI settings with a write-only key and tests the connection', { timeout: 120_000 }, async () => {
    const email = `ai-${stamp}@example.com`;
    await registerAccount(url, { email, name: 'Ada Settings', accountName: `AI Agency ${stamp}` });
    const page = await openPage(platform.browser);
    await signIn(page, url, email);
    await page.goto(`${url}/account/settings`);

    // The platform default is shown until the account picks its own provider.
    await textOf(page, '.card', 'the platform default');
    await page.getByLabel('Provider').selectOption('OPENAI');
    await page.getByLabel('Base URL').fill(ai.baseUrl);
    await page.getByLabel('API key').fill(ai.apiKey);
    await page.getByLabel('Chat model').fill('browser-chat');
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    await textOf(page, '[role="status"], .banner', 'AI settings saved.');
    // The key is never shown again, only that one is stored and how it ends.
    await page
      .getByTestId('ai-key-stored')
      .filter({ hasText: `•••• ${ai.apiKey.slice(-4)} stored` })
      .waitFor();
    if ((await page.getByLabel('API key').inputValue()) !== '') throw new Error('the key field was not emptied');

    ai.reset();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await textOf(page, '.banner', 'Connection works');
    const asked = ai.requests.find((r) => r.path === '/v1/chat/completions');
    if (asked?.body.model !== 'browser-chat') throw new Error(`the test asked: ${JSON.stringify(asked?.body)}`);

    // An OpenAI-compatible provider cannot lose its key: the field says why.
    await page.getByRole('button', { name: 'Clear stored key' }).click();
    await textOf(page, '.field-error', 'is required for an OpenAI-compatible provider');
    await snapshot(page, '17-ai-settings');
  });
  it('sends an open tab to sign in the moment its user signs out everywhere from another device', {
    timeout: 120_000,
  }, async () => {
    const email = `everywhere-${stamp}@example.com`;
    await registerAccount(url, { email, name: 'Eve Everywhere', accountName: `Everywhere ${stamp}` });
    const page = await openPage(platform.browser);
    await signIn(page, url, email);
    await page.getByRole('link', { name: 'Team' }).click();
    await waitForPath(page, '/account/team');

    // Another device signs in and signs the user out everywhere: this tab's tokens stop at once,
    // long before the access token would expire.
    const other = await gql(url, 'mutation($input: LoginInput!) { login(input: $input) { refreshToken } }', {
      input: { email, password: PASSWORD },
    });
    const out = await gql(url, 'mutation($r: String!) { logout(refreshToken: $r, everywhere: true) }', {
      r: other.data.login.refreshToken,
    });
    if (out.data?.logout !== true) throw new Error(`logout everywhere failed: ${JSON.stringify(out.errors)}`);

    // Its next request is refused, the refresh too: the tab asks to sign in again — at once when its
    // live socket is closed (4403) and the refresh is refused, or at its next click. Under load the
    // first may come while the click is under way (the link is unmounted): either way, sign-in.
    if (!new URL(page.url()).pathname.startsWith('/login')) {
      await page
        .getByRole('link', { name: 'Sites' })
        .click({ timeout: 5_000 })
        .catch(() => {});
    }
    await waitForPath(page, '/login');
    await snapshot(page, '18-signed-out-everywhere');
  });
});
