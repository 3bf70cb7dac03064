// Outgoing mail's settings: an SMTP server (SMTP_URL, or SMTP_HOST and friends), the sender, and
// PUBLIC_URL for the links in it. Without an SMTP server mail goes to the outbox under DATA_DIR.
import { z } from 'zod';

const unset = z.literal('').transform(() => undefined);
const optionalText = z.string().min(1).optional().or(unset);
const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional()
  .or(unset);
/** `Name <address>` or a bare address: what a mail's From header takes. */
const MAILBOX = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

export const mailConfigSchema = z.object({
  /** Where people reach the web app; every link in a mail or an answer starts here. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional()
    .or(unset),
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from the start). */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .optional()
    .or(unset),
  SMTP_HOST: optionalText,
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte; unset: on port 465 only (elsewhere STARTTLS when the server offers it). */
  SMTP_SECURE: flag,
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  /** The sender of every mail, `Name <address>`. */
  MAIL_FROM: z.string().regex(MAILBOX, 'must be an address or Name <address>').optional().or(unset),
});

export type MailConfig = z.infer<typeof mailConfigSchema>;

/** The SMTP server's connection, as nodemailer takes it. */
export interface SmtpSettings {
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  auth?: { user: string; pass: string };
}

export interface MailSettings {
  from: string;
  /** Unset: mail goes to the outbox. */
  smtp?: SmtpSettings;
}

/** The sender outside production when MAIL_FROM is unset; nobody can answer it. */
const DEVELOPMENT_SENDER = 'IGNY8 <no-reply@localhost>';

/**
 * Checks the combinations a schema of single variables cannot (and which a missing sender would
 * turn into bounces in production), naming the variables.
 */
export function mailSettingsFromConfig(config: MailConfig & { NODE_ENV: string }): MailSettings {
  const problems: string[] = [];
  if (config.SMTP_URL && config.SMTP_HOST) problems.push('SMTP_URL: set either SMTP_URL or SMTP_HOST, not both');
  if (!!config.SMTP_USER !== !!config.SMTP_PASSWORD) {
    problems.push('SMTP_USER: SMTP_USER and SMTP_PASSWORD go together: set both or neither');
  }
  if (config.SMTP_URL && config.SMTP_USER) {
    problems.push('SMTP_USER: with SMTP_URL, put the user and password in the URL (smtp://user:password@host)');
  }
  const smtpConfigured = !!(config.SMTP_URL || config.SMTP_HOST);
  if (smtpConfigured && !config.MAIL_FROM && config.NODE_ENV === 'production') {
    problems.push(
      'MAIL_FROM: is required with an SMTP server in production: the sender, e.g. IGNY8 <no-reply@example.com>',
    );
  }
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);

  const from = config.MAIL_FROM ?? DEVELOPMENT_SENDER;
  if (config.SMTP_URL) return { from, smtp: { url: config.SMTP_URL } };
  if (!config.SMTP_HOST) return { from };
  return {
    from,
    smtp: {
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE ?? config.SMTP_PORT === 465,
      ...(config.SMTP_USER && config.SMTP_PASSWORD
        ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } }
        : {}),
    },
  };
}
