// A mail is declared, not written: a kind, a subject and a body of paragraphs and actions. One
// renderer makes both parts from it — plain text, and HTML with every piece of text escaped — so
// a template never handles markup and a name someone typed cannot inject any.

/** A button in the HTML part, a labelled URL in the text part. */
export interface MailAction {
  /** Names the link where the mail is logged and kept (`inviteUrl`, `resetUrl`). */
  name: string;
  label: string;
  url: string;
}

/** A paragraph of plain text, or an action. */
export type MailBlock = string | MailAction;

export interface MailTemplate<Data> {
  /** Names the kind of mail in logs and the outbox, e.g. `team-invite`. */
  kind: string;
  subject(data: Data): string;
  body(data: Data): MailBlock[];
}

export interface RenderedMail {
  kind: string;
  subject: string;
  text: string;
  html: string;
  /** The actions' URLs by name. */
  links: Record<string, string>;
}

export const defineMail = <Data>(template: MailTemplate<Data>): MailTemplate<Data> => template;

/** An action; only http(s) links, so no template can hand out a `javascript:` one. */
export function action(name: string, label: string, url: string): MailAction {
  if (!/^https?:\/\//.test(url)) throw new Error(`Mail link "${name}" must be an http(s) URL, not ${url}`);
  return { name, label, url };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const FONT =
  'font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2937';
const BUTTON =
  'display:inline-block;padding:10px 18px;border-radius:6px;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600';

function htmlBlock(block: MailBlock): string {
  if (typeof block === 'string') return `<p style="margin:0 0 16px">${escapeHtml(block)}</p>`;
  const href = escapeHtml(block.url);
  return (
    `<p style="margin:0 0 16px"><a href="${href}" style="${BUTTON}">${escapeHtml(block.label)}</a></p>` +
    `<p style="margin:0 0 16px;font-size:13px;color:#6b7280">If the button does not work, open this link: ` +
    `<a href="${href}" style="color:#4f46e5;word-break:break-all">${href}</a></p>`
  );
}

const textBlock = (block: MailBlock) => (typeof block === 'string' ? block : `${block.label}:\n${block.url}`);

export function renderMail<Data>(template: MailTemplate<Data>, data: Data): RenderedMail {
  // A header holds one line: a line break in someone's name must not start a new header.
  const subject = template.subject(data).replace(/\s+/g, ' ').trim();
  const blocks = template.body(data);
  const links = Object.fromEntries(
    blocks.filter((b): b is MailAction => typeof b !== 'string').map((b) => [b.name, b.url]),
  );
  const text = `${blocks.map(textBlock).join('\n\n')}\n\n-- \nIGNY8\n`;
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f3f4f6"><div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px;${FONT}">` +
    blocks.map(htmlBlock).join('') +
    `<p style="margin:24px 0 0;font-size:13px;color:#6b7280">IGNY8</p></div></body></html>`;
  return { kind: template.kind, subject, text, html, links };
}
