// Mail as the API shows it: how an invitation's mail went, and the developers' outbox.
import { enumOf, MAIL_DELIVERY_STATUSES, type OutboxMail, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import { listOutboxMails } from '../domain/mails.js';

export const MailDeliveryEnum = enumOf(
  builder,
  'MailDelivery',
  MAIL_DELIVERY_STATUSES,
  'SENT: the mail server took it; OUTBOX: no mail server is configured, it waits in the outbox; FAILED: the mail server refused it (logged).',
);

const MailLinkRef = builder.objectRef<{ name: string; url: string }>('MailLink').implement({
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the link is for, e.g. inviteUrl, resetUrl.' }),
    url: t.exposeString('url'),
  }),
});

const OutboxMailRef = builder.objectRef<OutboxMail>('OutboxMail').implement({
  description: 'A mail kept in the outbox (DATA_DIR/outbox) because no SMTP server is configured.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'e.g. team-invite, password-reset.' }),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    subject: t.exposeString('subject'),
    text: t.exposeString('text', { description: 'The plain-text part.' }),
    html: t.exposeString('html', { description: 'The HTML part.' }),
    links: t.field({
      type: [MailLinkRef],
      resolve: (mail) => Object.entries(mail.links).map(([name, url]) => ({ name, url })),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (mail) => mail.createdAt }),
  }),
});

builder.queryFields((t) => ({
  outboxMails: t.field({
    type: [OutboxMailRef],
    description: 'Platform operator: the newest mails kept in the outbox, newest first.',
    authScopes: scopePresets.operator,
    args: {
      first: t.arg.int({
        defaultValue: 20,
        validate: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100'),
      }),
    },
    resolve: (_root, { first }, ctx) => listOutboxMails(ctx.system, first ?? 20),
  }),
}));
