// The header bell in a real headless Chromium: the unread count, the panel with the newest
// notifications (made as the job runtime and billing make them, through the system subgraph's
// service-only notify), marking one read and then all of them.
import { createLogger, createServiceClient, createServiceCredentials, loadServiceSecret } from '@igny8/lib';
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
  textOf,
} from './browser-platform';

requireChromium('notification bell in Chromium');

describe.skipIf(!HAS_CHROMIUM)('notification bell in Chromium', () => {
  let platform: BrowserPlatform;

  beforeAll(async () => {
    platform = await startBrowserPlatform({ name: 'bell' });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('shows the unread count, lists the notifications and marks them read', { timeout: 120_000 }, async () => {
    const { url } = platform;
    const owner = { email: `bell-owner-${stamp}@example.com`, name: 'Bea Bell', accountName: `Bell & Co ${stamp}` };
    const { accountId, userId } = await registerAccount(url, owner);
    const system = createServiceClient({
      url: platform.subgraphs.urls.system!,
      target: 'system',
      credentials: createServiceCredentials(loadServiceSecret(platform.dataDir), 'test'),
      log: createLogger('test', 'silent'),
    });
    const notify = (input: Record<string, unknown>) =>
      system.request('mutation($input: NotifyInput!) { notify(input: $input) }', {
        input: { accountId, userId, ...input },
      });
    await notify({
      kind: 'job_succeeded',
      severity: 'SUCCESS',
      title: 'Auto-cluster finished',
      message: 'Auto-cluster: 12 keywords · Garden → Roses — Made 3 clusters',
      sourceKey: 'job:1:succeeded',
    });
    await notify({
      kind: 'credits_low',
      severity: 'WARNING',
      title: 'Credits are running low',
      message: '15 credits left (below 20).',
      link: '/account/usage',
      sourceKey: 'credits_low:1',
    });

    const page = await openPage(platform.browser);
    await signIn(page, url, owner.email);
    await textOf(page, '[data-testid="unread-notifications"]', '2');
    await page.getByRole('button', { name: 'Notifications, 2 unread' }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.getByText('Credits are running low').waitFor();
    await panel.getByText('Made 3 clusters', { exact: false }).waitFor();
    // Newest first, each with what it is about; the warning leads where credits are seen to.
    const titles = await panel.locator('[data-testid="notification"] .notification-head').allTextContents();
    expect(titles.map((t) => t.replace(/(Warning|Done)$/, ''))).toEqual([
      'Credits are running low',
      'Auto-cluster finished',
    ]);
    expect(await panel.getByRole('link', { name: 'Credits are running low' }).getAttribute('href')).toBe(
      '/account/usage',
    );
    await snapshot(page, 'bell-01-open');

    await panel.getByRole('button', { name: 'Mark “Auto-cluster finished” read' }).click();
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    expect(await page.locator('[data-testid="unread-notifications"]').count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^Mark “/ }).count()).toBe(0);
    await snapshot(page, 'bell-02-read');

    // Escape closes the panel.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });
});
