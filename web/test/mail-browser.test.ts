// The links in the platform's mails, opened in a real headless Chromium: the invitation and the
// password reset arrive over SMTP (a real server on loopback), and each link lands on its page
// and works. No PUBLIC_URL is set: links start where the platform's gateway listens.
import { startTestSmtpServer, type TestSmtpServer } from '@igny8/lib/testing';
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
  textOf,
  waitForPath,
} from './browser-platform';

const OPERATOR = { email: `mail-operator-${stamp}@example.com`, password: 'operator-password-42' };

requireChromium('mail links in Chromium');

/** The link a mail's HTML part's button points at. */
function buttonLink(html: string): string {
  const href = /<a href="([^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error(`no link in the mail: ${html}`);
  return href.replaceAll('&amp;', '&');
}

function expectLinkOn(link: string, origin: string, path: string) {
  const parsed = new URL(link);
  if (parsed.origin !== origin || parsed.pathname !== path || !parsed.searchParams.get('token')) {
    throw new Error(`expected a ${path} link on ${origin}, got ${link}`);
  }
}

describe.skipIf(!HAS_CHROMIUM)('mail links in Chromium', () => {
  let platform: BrowserPlatform;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    platform = await startBrowserPlatform({
      name: 'mail',
      system: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'IGNY8 <no-reply@igny8.test>',
        SUPERUSER_EMAIL: OPERATOR.email,
        SUPERUSER_PASSWORD: OPERATOR.password,
      },
    });
  });

  afterAll(async () => {
    await platform?.close();
    await smtp?.close();
  });

  it('mails an invitation whose link lets the teammate join and sign in', { timeout: 120_000 }, async () => {
    const { url } = platform;
    const owner = { email: `mail-owner-${stamp}@example.com`, name: 'Mona Mailer', accountName: `Mail & Co ${stamp}` };
    const { accountId } = await registerAccount(url, owner);
    const operator = await gql(url, LOGIN, { input: OPERATOR });
    const upgraded = await gql(
      url,
      `mutation($input: AdminSetAccountPlanInput!) { adminSetAccountPlan(input: $input) { plan { slug } } }`,
      { input: { accountId, planSlug: 'growth' } },
      operator.data?.login.accessToken,
    );
    if (upgraded.data?.adminSetAccountPlan.plan.slug !== 'growth') {
      throw new Error(`adminSetAccountPlan failed: ${JSON.stringify(upgraded.errors)}`);
    }

    // The owner invites from the Team page; the page says the link went out by mail.
    const page = await openPage(platform.browser);
    await signIn(page, url, owner.email);
    await page.getByRole('link', { name: 'Team' }).click();
    await waitForPath(page, '/account/team');
    const teammate = `mail-teammate-${stamp}@example.com`;
    await page.fill('input[name="email"]', teammate);
    await page.getByRole('button', { name: 'Send invite' }).click();
    await textOf(page, '[role="status"]', 'We e-mailed them this link');
    await snapshot(page, 'mail-01-invited');

    const mail = await smtp.waitFor((m) => m.to.includes(teammate));
    const link = buttonLink(mail.html);
    expectLinkOn(link, url, '/accept-invite');
    if (!mail.text.includes(link)) throw new Error('the text part does not carry the same link');

    // The teammate opens the mail's link in a browser of their own.
    const invitee = await openPage(platform.browser);
    await invitee.goto(link);
    await waitForPath(invitee, '/accept-invite');
    await invitee.fill('input[name="firstName"]', 'Tess');
    await invitee.fill('input[name="lastName"]', 'Mailed');
    await invitee.fill('input[name="password"]', PASSWORD);
    await invitee.fill('input[name="confirmPassword"]', PASSWORD);
    await invitee.getByRole('button', { name: 'Join and sign in' }).click();
    await waitForPath(invitee, '/sites');
    await textOf(invitee, '[data-testid="user-name"]', 'Tess Mailed');
    await snapshot(invitee, 'mail-02-joined');
  });

  it('mails a reset link that sets a new password, which then signs in', { timeout: 120_000 }, async () => {
    const { url } = platform;
    const email = `mail-forgetful-${stamp}@example.com`;
    await registerAccount(url, { email, name: 'Fran Forgetful', accountName: `Forgetful ${stamp}` });

    const page = await openPage(platform.browser);
    await page.goto(`${url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await waitForPath(page, '/forgot-password');
    await page.fill('input[name="email"]', email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await textOf(page, '[role="status"]', 'Check your inbox');

    const mail = await smtp.waitFor((m) => m.to.includes(email));
    const link = buttonLink(mail.html);
    expectLinkOn(link, url, '/reset-password');
    if (!mail.text.includes(link)) throw new Error('the text part does not carry the same link');

    await page.goto(link);
    await waitForPath(page, '/reset-password');
    const newPassword = 'mailed reset 2026';
    await page.fill('input[name="newPassword"]', newPassword);
    await page.fill('input[name="confirmPassword"]', newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await textOf(page, '[role="status"]', 'Your password is changed');
    await snapshot(page, 'mail-03-reset');

    await signIn(page, url, email, newPassword);
  });
});

describe.skipIf(!HAS_CHROMIUM)('the outbox in Chromium (no SMTP server)', () => {
  let platform: BrowserPlatform;

  beforeAll(async () => {
    platform = await startBrowserPlatform({
      name: 'outbox',
      system: { SUPERUSER_EMAIL: OPERATOR.email, SUPERUSER_PASSWORD: OPERATOR.password },
    });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('shows the operator the kept reset mail, whose link works', { timeout: 120_000 }, async () => {
    const { url } = platform;
    const email = `outbox-user-${stamp}@example.com`;
    await registerAccount(url, { email, name: 'Otto Outbox', accountName: `Outbox ${stamp}` });
    const asked = await gql(
      url,
      `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`,
      {
        input: { email },
      },
    );
    if (!asked.data?.requestPasswordReset) throw new Error(`reset request failed: ${JSON.stringify(asked.errors)}`);

    // Anyone else is told the page is the operator's.
    const user = await openPage(platform.browser);
    await signIn(user, url, email);
    await user.goto(`${url}/admin/outbox`);
    await textOf(user, '[role="status"]', 'These pages are for the IGNY8 platform operator.');

    const page = await openPage(platform.browser);
    await signIn(page, url, OPERATOR.email, OPERATOR.password);
    await page.getByRole('link', { name: 'Outbox' }).click();
    await waitForPath(page, '/admin/outbox');
    // The reset mail was written just after the answer, long before the operator signed in.
    const mail = page.getByTestId('outbox-mail').filter({ hasText: `To ${email}` });
    await mail.waitFor();
    await snapshot(page, 'mail-04-outbox');
    await mail.getByRole('link', { name: 'resetUrl' }).click();
    await waitForPath(page, '/reset-password');
    await page.fill('input[name="newPassword"]', 'outbox reset 2026');
    await page.fill('input[name="confirmPassword"]', 'outbox reset 2026');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await textOf(page, '[role="status"]', 'Your password is changed');
  });
});
