// The mails the system subgraph sends. A new kind is one more declaration here (or in the
// module that sends it): a subject and a body of paragraphs and actions, rendered by the library.
import { action, defineMail, type OutboxMail } from '@igny8/lib';
import type { SystemServices } from './services.js';

const ARTICLE: Record<string, string> = {
  owner: 'an owner',
  admin: 'an admin',
  editor: 'an editor',
  viewer: 'a viewer',
};

export const teamInviteMail = defineMail({
  kind: 'team-invite',
  subject: ({ accountName }: { accountName: string; role: string; inviteUrl: string }) =>
    `You are invited to ${accountName} on IGNY8`,
  body: ({ accountName, role, inviteUrl }) => [
    `You have been invited to join ${accountName} on IGNY8 as ${ARTICLE[role] ?? role}.`,
    action('inviteUrl', 'Accept the invitation', inviteUrl),
    'Opening the link lets you choose your password and signs you in. It works once.',
    'Not expecting this? Ignore this mail: nothing happens without you.',
  ],
});

export const passwordResetMail = defineMail({
  kind: 'password-reset',
  subject: () => 'Reset your IGNY8 password',
  body: ({ firstName, resetUrl, validMinutes }: { firstName: string; resetUrl: string; validMinutes: number }) => [
    firstName ? `Hello ${firstName},` : 'Hello,',
    'Someone asked to reset the password of your IGNY8 login. If it was you, choose a new one:',
    action('resetUrl', 'Choose a new password', resetUrl),
    `The link works once, within ${validMinutes} minutes, and signs you out everywhere else.`,
    'If you did not ask, ignore this mail: your password stays as it is.',
  ],
});

/** The outbox's newest mails: what would have been sent, for developers without an SMTP server. */
export const listOutboxMails = (s: SystemServices, first: number): Promise<OutboxMail[]> => s.mailer.outbox.list(first);
