// Invitations and password resets reach people by mail: over SMTP (a real server on loopback),
// or into the outbox developers can read when no SMTP server is configured.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nodesOf, startTestSmtpServer, type TestSmtpServer } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSystemConfig, setAccountPlan, startSystem } from '../src/server.js';
import { PASSWORD, registerOwner, startTestSystem, type TestSystem, uniqueEmail } from './harness.js';

const INVITE = `mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) { inviteUrl mailDelivery member { id status } } }`;
const ACCEPT = `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { user { id } } }`;
const RESET = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const CONFIRM = `mutation($input: ConfirmPasswordResetInput!) { confirmPasswordReset(input: $input) }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
const OUTBOX = `query($first: Int) { outboxMails(first: $first) { id kind to from subject text html links { name url } createdAt } }`;

const PUBLIC_URL = 'https://app.igny8.test';
const tokenOf = (url: string) => new URL(url).searchParams.get('token');
/** The one link a mail's text carries. */
const linkIn = (text: string) => /https?:\/\/\S+/.exec(text)?.[0];

describe('system subgraph: mail over SMTP', () => {
  let smtp: TestSmtpServer;
  let sys: TestSystem;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    sys = await startTestSystem({ SMTP_URL: smtp.url, MAIL_FROM: 'IGNY8 <no-reply@igny8.test>', PUBLIC_URL });
  });
  afterAll(async () => {
    await sys.close();
    await smtp.close();
  });

  const ownerOnGrowth = async (accountName = 'Mail Agency') => {
    const owner = await registerOwner(sys, accountName);
    await setAccountPlan(sys.server.services, owner.accountId, 'growth');
    return owner;
  };

  it('e-mails an invitation with a text and an HTML part and a link from PUBLIC_URL that lets them in', async () => {
    const owner = await ownerOnGrowth('Tom & <Jerry>');
    const email = uniqueEmail('invitee');
    const res = await sys.gql(INVITE, { input: { email, role: 'EDITOR' } }, owner.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.inviteMember.mailDelivery).toBe('SENT');
    const { inviteUrl } = res.data.inviteMember;
    expect(inviteUrl).toMatch(new RegExp(`^${PUBLIC_URL}/accept-invite\\?token=`));

    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mail.from).toBe('no-reply@igny8.test');
    expect(mail.subject).toBe('You are invited to Tom & <Jerry> on IGNY8');
    expect(mail.contentTypes).toEqual(['multipart/alternative', 'text/plain', 'text/html']);
    expect(mail.text).toContain('join Tom & <Jerry> on IGNY8 as an editor');
    expect(linkIn(mail.text)).toBe(inviteUrl);
    expect(mail.html).toContain('Tom &amp; &lt;Jerry&gt;');
    expect(mail.html).toContain(`href="${inviteUrl}"`);

    const accepted = await sys.gql(ACCEPT, { input: { token: tokenOf(linkIn(mail.text)!), password: PASSWORD } });
    expect(accepted.errors).toBeUndefined();
  });

  it('e-mails a reset link to a known address only, and answers the same either way', async () => {
    const owner = await registerOwner(sys);
    const unknown = uniqueEmail('ghost');
    const answers = await Promise.all([
      sys.gql(RESET, { input: { email: owner.email } }),
      sys.gql(RESET, { input: { email: unknown } }),
    ]);
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual({ data: { requestPasswordReset: true } });

    const mail = await smtp.waitFor((m) => m.to.includes(owner.email));
    expect(mail.subject).toBe('Reset your IGNY8 password');
    expect(mail.contentTypes).toEqual(['multipart/alternative', 'text/plain', 'text/html']);
    const link = linkIn(mail.text)!;
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/reset-password\\?token=`));
    expect(mail.html).toContain(`href="${link}"`);

    const newPassword = 'mailed and reset 5';
    expect(await sys.gql(CONFIRM, { input: { token: tokenOf(link), newPassword } })).toEqual({
      data: { confirmPasswordReset: true },
    });
    expect((await sys.gql(LOGIN, { input: { email: owner.email, password: newPassword } })).errors).toBeUndefined();
    // The mail to the known address has long arrived; none went to the unknown one.
    expect(smtp.received.some((m) => m.to.includes(unknown))).toBe(false);
  });

  it('keeps the invitation when the mail server refuses it, and says so with the link to pass on', async () => {
    const owner = await ownerOnGrowth();
    const email = uniqueEmail('bounced');
    smtp.refuseNext();
    const res = await sys.gql(INVITE, { input: { email, role: 'VIEWER' } }, owner.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.inviteMember).toMatchObject({ mailDelivery: 'FAILED', member: { status: 'INVITED' } });
    const members = await sys.gql('{ members { edges { node { id status } } } }', {}, owner.token);
    expect(nodesOf(members.data.members)).toContainEqual({ id: res.data.inviteMember.member.id, status: 'INVITED' });
    const accepted = await sys.gql(ACCEPT, {
      input: { token: tokenOf(res.data.inviteMember.inviteUrl), password: PASSWORD },
    });
    expect(accepted.errors).toBeUndefined();
  });

  it('answers a reset request the same when the mail server refuses the mail', async () => {
    const owner = await registerOwner(sys);
    smtp.refuseNext();
    expect(await sys.gql(RESET, { input: { email: owner.email } })).toEqual({ data: { requestPasswordReset: true } });
  });
});

describe('system subgraph: mail without an SMTP server', () => {
  const operator = { email: uniqueEmail('operator'), password: 'operator password 1' };
  let sys: TestSystem;
  let operatorToken: string;
  beforeAll(async () => {
    sys = await startTestSystem({ SUPERUSER_EMAIL: operator.email, SUPERUSER_PASSWORD: operator.password });
    operatorToken = (await sys.gql(LOGIN, { input: operator })).data.login.accessToken;
  });
  afterAll(() => sys.close());

  it('keeps the invitation in the outbox under DATA_DIR and lists it to developers', async () => {
    const owner = await registerOwner(sys);
    await setAccountPlan(sys.server.services, owner.accountId, 'growth');
    const email = uniqueEmail('outboxed');
    const res = await sys.gql(INVITE, { input: { email, role: 'EDITOR' } }, owner.token);
    expect(res.data.inviteMember.mailDelivery).toBe('OUTBOX');
    const { inviteUrl } = res.data.inviteMember;

    const outbox = join(sys.dataDir, 'outbox');
    expect(existsSync(outbox) && readdirSync(outbox).some((name) => name.endsWith('.json'))).toBe(true);
    const listed = await sys.gql(OUTBOX, { first: 5 }, operatorToken);
    expect(listed.errors).toBeUndefined();
    const mail = listed.data.outboxMails.find((m: { to: string }) => m.to === email);
    expect(mail).toMatchObject({
      kind: 'team-invite',
      from: 'IGNY8 <no-reply@localhost>',
      subject: 'You are invited to Test Agency on IGNY8',
      links: [{ name: 'inviteUrl', url: inviteUrl }],
    });
    expect(mail.text).toContain(inviteUrl);
    expect(mail.html).toContain(`href="${inviteUrl}"`);
  });

  it('lists the newest mail first', async () => {
    const owner = await registerOwner(sys);
    await setAccountPlan(sys.server.services, owner.accountId, 'growth');
    const emails = [uniqueEmail('earlier'), uniqueEmail('later')];
    for (const email of emails) await sys.gql(INVITE, { input: { email, role: 'VIEWER' } }, owner.token);
    const listed = await sys.gql(OUTBOX, { first: 2 }, operatorToken);
    expect(listed.data.outboxMails.map((m: { to: string }) => m.to)).toEqual(emails.reverse());
  });

  it('refuses the outbox to anyone but a developer', async () => {
    const owner = await registerOwner(sys);
    const asOwner = await sys.gql(OUTBOX, {}, owner.token);
    expect(asOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asOwner.data).toBeNull();
    const anonymous = await sys.gql(OUTBOX, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('system subgraph: mail settings in production', () => {
  const production = (env: Record<string, string>) =>
    startSystem({ config: loadSystemConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env }) });

  it('refuses to start without PUBLIC_URL when no gateway in the process says where the app is', async () => {
    await expect(production({})).rejects.toThrow(/PUBLIC_URL: is required in production/);
  });

  it('refuses to start with an SMTP server but no sender', async () => {
    await expect(production({ PUBLIC_URL, SMTP_URL: 'smtp://127.0.0.1:2525' })).rejects.toThrow(
      /MAIL_FROM: is required with an SMTP server in production/,
    );
  });
});
