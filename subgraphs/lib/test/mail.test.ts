// The mail adapter: templates render both parts safely, mail goes over real SMTP (a local server
// on loopback) or into the outbox, and failures are reported instead of thrown.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicLinks } from '../src/links.js';
import {
  action,
  createMailer,
  defineMail,
  mailConfigSchema,
  mailSettingsFromConfig,
  renderMail,
} from '../src/mail/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/smtp-server.js';

const welcome = defineMail({
  kind: 'welcome',
  subject: ({ name }: { name: string; url: string }) => `Welcome,\r\nBcc: ${name}`,
  body: ({ name, url }) => [`Hello ${name},`, action('startUrl', 'Open IGNY8', url), 'See you soon.'],
});

function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, sink) };
}

const settings = (env: Record<string, string>) =>
  mailSettingsFromConfig({ NODE_ENV: 'test', ...mailConfigSchema.parse(env) });

describe('mail templates', () => {
  it('renders a plain-text and an HTML part, escaping what people typed', () => {
    const mail = renderMail(welcome, {
      name: '<script>alert("x")</script> & Co',
      url: 'https://app.example.com/x?a=1&b=2',
    });
    expect(mail.text).toContain('Hello <script>alert("x")</script> & Co,');
    expect(mail.text).toContain('Open IGNY8:\nhttps://app.example.com/x?a=1&b=2');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co,');
    expect(mail.html).toContain('href="https://app.example.com/x?a=1&amp;b=2"');
    expect(mail.links).toEqual({ startUrl: 'https://app.example.com/x?a=1&b=2' });
  });

  it('keeps the subject on one line, so a name cannot add a header', () => {
    expect(renderMail(welcome, { name: 'Eve', url: 'https://a.example' }).subject).toBe('Welcome, Bcc: Eve');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => renderMail(welcome, { name: 'Eve', url: 'javascript:alert(1)' })).toThrow(/must be an http\(s\) URL/);
  });
});

describe('mail settings', () => {
  it('sends to the outbox when no SMTP server is set, and over SMTP when one is', () => {
    expect(settings({})).toEqual({ from: 'IGNY8 <no-reply@localhost>' });
    expect(settings({ SMTP_URL: 'smtps://u:p@mail.example.com:465', MAIL_FROM: 'x@example.com' })).toEqual({
      from: 'x@example.com',
      smtp: { url: 'smtps://u:p@mail.example.com:465' },
    });
    expect(
      settings({ SMTP_HOST: 'mail.example.com', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASSWORD: 'p' }).smtp,
    ).toEqual({ host: 'mail.example.com', port: 465, secure: true, auth: { user: 'u', pass: 'p' } });
    expect(settings({ SMTP_HOST: 'mail.example.com' }).smtp).toMatchObject({ port: 587, secure: false });
  });

  it('names the variables of a setting that cannot work', () => {
    expect(() => settings({ SMTP_URL: 'smtp://a.example', SMTP_HOST: 'b.example' })).toThrow(/SMTP_URL: set either/);
    expect(() => settings({ SMTP_HOST: 'a.example', SMTP_USER: 'u' })).toThrow(
      /SMTP_USER and SMTP_PASSWORD go together/,
    );
    expect(() =>
      mailSettingsFromConfig({ NODE_ENV: 'production', ...mailConfigSchema.parse({ SMTP_HOST: 'a.example' }) }),
    ).toThrow(/MAIL_FROM: is required/);
    expect(mailConfigSchema.safeParse({ SMTP_URL: 'http://a.example' }).success).toBe(false);
    expect(mailConfigSchema.safeParse({ MAIL_FROM: 'not an address' }).success).toBe(false);
  });
});

describe('public links', () => {
  it('start at PUBLIC_URL, else at the gateway this process serves', () => {
    const served = createPublicLinks({
      configured: undefined,
      served: () => 'http://localhost:5173',
      production: true,
    });
    expect(served.to('/accept-invite', { token: 'a b' })).toBe('http://localhost:5173/accept-invite?token=a+b');
    const configured = createPublicLinks({
      configured: 'https://app.example.com/',
      served: () => 'http://localhost:5173',
      production: true,
    });
    expect(configured.to('/sites')).toBe('https://app.example.com/sites');
  });

  it('refuse to start in production without knowing where the app is', () => {
    expect(() => createPublicLinks({ configured: undefined, production: true })).toThrow(/PUBLIC_URL: is required/);
  });
});

describe('the mailer', () => {
  let smtp: TestSmtpServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'igny8-mail-'));
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers over SMTP, signed in, with both parts', async () => {
    const { log, lines } = capturedLog();
    const mailer = createMailer({
      settings: settings({ SMTP_URL: smtp.url, MAIL_FROM: 'IGNY8 <no-reply@example.com>' }),
      dataDir,
      log,
      production: false,
    });
    const receipt = await mailer.send(welcome, {
      to: 'ann@example.com',
      data: { name: 'Ann', url: 'https://a.example/go' },
      about: { userId: 'u1' },
    });
    await mailer.close();
    expect(receipt.status).toBe('sent');
    const mail = await smtp.waitFor((m) => m.to.includes('ann@example.com'));
    expect(mail.from).toBe('no-reply@example.com');
    expect(mail.contentTypes).toEqual(['multipart/alternative', 'text/plain', 'text/html']);
    expect(mail.text).toContain('https://a.example/go');
    expect(mail.html).toContain('href="https://a.example/go"');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(lines.find((l) => l.mailId === receipt.id)).toMatchObject({
      msg: 'mail sent',
      kind: 'welcome',
      userId: 'u1',
    });
    expect(mailer.delivery).toBe('smtp');
  });

  it('reports a refused mail as failed and logs why, without throwing', async () => {
    const { log, lines } = capturedLog();
    const mailer = createMailer({
      settings: settings({
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_USER: smtp.user,
        SMTP_PASSWORD: smtp.password,
      }),
      dataDir,
      log,
      production: false,
    });
    smtp.refuseNext();
    const receipt = await mailer.send(welcome, {
      to: 'bob@example.com',
      data: { name: 'Bob', url: 'https://a.example' },
    });
    await mailer.close();
    expect(receipt.status).toBe('failed');
    const line = lines.find((l) => l.mailId === receipt.id);
    expect(line).toMatchObject({ level: 50, msg: 'mail could not be sent', kind: 'welcome' });
    expect(JSON.stringify(line)).toMatch(/test refusal/);
  });

  it('keeps mail in the outbox without an SMTP server, and logs its links but not its recipient', async () => {
    const { log, lines } = capturedLog();
    const outboxDir = mkdtempSync(join(tmpdir(), 'igny8-outbox-'));
    const mailer = createMailer({ settings: settings({}), dataDir: outboxDir, log, production: false });
    const first = await mailer.send(welcome, {
      to: 'cy@example.com',
      data: { name: 'Cy', url: 'https://a.example/1' },
    });
    const second = await mailer.send(welcome, {
      to: 'di@example.com',
      data: { name: 'Di', url: 'https://a.example/2' },
    });
    await mailer.close();
    expect([first.status, second.status, mailer.delivery]).toEqual(['outbox', 'outbox', 'outbox']);
    expect(readdirSync(join(outboxDir, 'outbox'))).toHaveLength(2);
    const listed = await mailer.outbox.list(10);
    expect(listed.map((m) => m.to)).toEqual(['di@example.com', 'cy@example.com']);
    expect(listed[0]).toMatchObject({ id: second.id, kind: 'welcome', from: 'IGNY8 <no-reply@localhost>' });
    expect(listed[0]!.text).toContain('https://a.example/2');
    expect(listed[0]!.html).toContain('href="https://a.example/2"');
    const line = lines.find((l) => l.mailId === first.id);
    expect(line).toMatchObject({ kind: 'welcome', subject: 'Welcome, Bcc: Cy', startUrl: 'https://a.example/1' });
    expect(JSON.stringify(line)).not.toContain('cy@example.com');
    expect(
      JSON.parse(readFileSync(join(outboxDir, 'outbox', readdirSync(join(outboxDir, 'outbox'))[0]!), 'utf8')).to,
    ).toBe('cy@example.com');
    rmSync(outboxDir, { recursive: true, force: true });
  });

  it('keeps links out of the log in production', async () => {
    const { log, lines } = capturedLog();
    const mailer = createMailer({ settings: settings({}), dataDir, log, production: true });
    const receipt = await mailer.send(welcome, {
      to: 'ed@example.com',
      data: { name: 'Ed', url: 'https://a.example/secret' },
    });
    await mailer.close();
    expect(receipt.status).toBe('outbox');
    expect(lines.find((l) => l.mailId === receipt.id)).toMatchObject({ level: 40, kind: 'welcome' });
    expect(JSON.stringify(lines)).not.toContain('https://a.example/secret');
  });
});
