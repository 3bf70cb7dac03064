// A real SMTP server on loopback for tests: the platform's mailer connects, authenticates and
// delivers to it as to any mail server, and a test reads back what arrived, parsed.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  from: string;
  subject: string;
  /** The text/plain part. */
  text: string;
  /** The text/html part. */
  html: string;
  /** Content types of every MIME part, in order (e.g. multipart/alternative, text/plain, text/html). */
  contentTypes: string[];
  headers: Map<string, unknown>;
}

export interface TestSmtpServer {
  /** smtp://user:password@127.0.0.1:port, for SMTP_URL. */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  received: ReceivedMail[];
  /** The first mail (received already, or arriving within `timeoutMs`) that matches. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Refuse the next `times` mails with a permanent SMTP error, as a server with a problem would. */
  refuseNext(times?: number): void;
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const user = 'igny8-test';
  const password = 'smtp-test-password';
  const received: ReceivedMail[] = [];
  const waiters = new Set<{ match: (mail: ReceivedMail) => boolean; done: (mail: ReceivedMail) => void }>();
  let refusals = 0;

  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, so no STARTTLS; AUTH is allowed without it.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (refusals > 0) {
          refusals--;
          callback(Object.assign(new Error('Mailbox unavailable (test refusal)'), { responseCode: 550 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        const mail: ReceivedMail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          contentTypes: [...raw.toString('utf8').matchAll(/^Content-Type:\s*([^;\s]+)/gim)].map((m) =>
            m[1]!.toLowerCase(),
          ),
          headers: parsed.headers as Map<string, unknown>,
        };
        received.push(mail);
        for (const waiter of waiters) {
          if (waiter.match(mail)) {
            waiters.delete(waiter);
            waiter.done(mail);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    user,
    password,
    received,
    waitFor(match, timeoutMs = 10_000) {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          done: (mail: ReceivedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching mail arrived within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    refuseNext(times = 1) {
      refusals += times;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
