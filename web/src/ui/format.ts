// Display helpers for values the API sends as codes or ISO timestamps.

/** `SYSTEM_BOT` → `System bot`. */
export const humanize = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDate = (iso: string | null | undefined, fallback = '—') =>
  iso ? dateFormat.format(new Date(iso)) : fallback;
export const formatDateTime = (iso: string | null | undefined, fallback = '—') =>
  iso ? dateTimeFormat.format(new Date(iso)) : fallback;
