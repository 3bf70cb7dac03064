// The one way the platform sends mail: render a declared template, then deliver it over SMTP, or
// into the outbox when no SMTP server is configured. Sending never throws: a failure is logged
// and reported, so the caller decides what the person in front of it should hear.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Logger } from '../logger.js';
import type { MailSettings } from './config.js';
import { createMailOutbox, type MailOutbox } from './outbox.js';
import { type MailTemplate, renderMail } from './template.js';

/** `sent`: the SMTP server took it; `outbox`: kept under DATA_DIR (no SMTP server); `failed`: logged. */
export const MAIL_DELIVERY_STATUSES = ['sent', 'outbox', 'failed'] as const;
export type MailDeliveryStatus = (typeof MAIL_DELIVERY_STATUSES)[number];

export interface MailReceipt {
  id: string;
  status: MailDeliveryStatus;
}

export interface MailRequest<Data> {
  to: string;
  data: Data;
  /**
   * What the mail is about, for the log line (e.g. `{ userId }`). Never the address: a log line
   * holding a sign-in link must not also say whose it is.
   */
  about?: Record<string, string>;
}

export interface Mailer {
  /** Where mail goes: `smtp`, or `outbox` (DATA_DIR/outbox). */
  readonly delivery: 'smtp' | 'outbox';
  send<Data>(template: MailTemplate<Data>, request: MailRequest<Data>): Promise<MailReceipt>;
  /** The outbox's newest mails (for developers; empty when every mail goes over SMTP). */
  outbox: Pick<MailOutbox, 'list'>;
  /** Waits for the mails being sent, then lets go of the SMTP server. */
  close(): Promise<void>;
}

export interface MailerOptions {
  settings: MailSettings;
  dataDir: string;
  /** Logged with `component: 'mail'` on the service's own logger. */
  log: Logger;
  production: boolean;
}

/** A dead or silent SMTP server fails the send within seconds, not after nodemailer's 2 minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function createMailer({ settings, dataDir, log, production }: MailerOptions): Mailer {
  const outbox = createMailOutbox(join(dataDir, 'outbox'));
  const transport = settings.smtp ? createTransport({ ...settings.smtp, ...SMTP_TIMEOUTS }) : undefined;
  const inFlight = new Set<Promise<MailReceipt>>();
  if (!transport) {
    log[production ? 'warn' : 'info'](
      { component: 'mail', outbox: outbox.dir },
      'no SMTP server is configured (SMTP_URL or SMTP_HOST): mail is kept in the outbox, not delivered',
    );
  }

  async function deliver<Data>(template: MailTemplate<Data>, request: MailRequest<Data>): Promise<MailReceipt> {
    const id = randomUUID();
    const mail = renderMail(template, request.data);
    const fields = { component: 'mail', mailId: id, kind: mail.kind, ...request.about };
    try {
      if (!transport) {
        // Logged before the file is written: the line is there by the time the request that
        // caused the mail is answered, even when the caller does not wait for the mail.
        if (production) log.warn(fields, 'mail kept in the outbox: no SMTP server is configured');
        else log.info({ ...fields, subject: mail.subject, ...mail.links }, 'mail kept in the outbox (no SMTP server)');
        const createdAt = new Date().toISOString();
        await outbox.put({ ...mail, id, from: settings.from, to: request.to, createdAt });
        return { id, status: 'outbox' };
      }
      await transport.sendMail({
        from: settings.from,
        to: request.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Tells mail servers and auto-responders this was sent by a machine (RFC 3834).
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      log.info(fields, 'mail sent');
      return { id, status: 'sent' };
    } catch (error) {
      log.error({ ...fields, err: error }, 'mail could not be sent');
      return { id, status: 'failed' };
    }
  }

  return {
    delivery: transport ? 'smtp' : 'outbox',
    send(template, request) {
      const sending = deliver(template, request);
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
      return sending;
    },
    outbox,
    async close() {
      await Promise.all(inFlight);
      transport?.close();
    },
  };
}
