// Display helpers for values the API sends as codes or ISO timestamps, and numbers as people type them.

/** `SYSTEM_BOT` → `System bot`. */
export const humanize = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDate = (iso: string | null | undefined, fallback = '—') =>
  iso ? dateFormat.format(new Date(iso)) : fallback;
export const formatDateTime = (iso: string | null | undefined, fallback = '—') =>
  iso ? dateTimeFormat.format(new Date(iso)) : fallback;

const numberFormat = new Intl.NumberFormat();

/** `12500` → `12,500` (in the reader's locale). */
export const formatNumber = (value: number) => numberFormat.format(value);
/** Ledger amounts: `+50`, `−12` (a true minus sign), `0`. */
export const formatSigned = (value: number) =>
  value > 0 ? `+${numberFormat.format(value)}` : value < 0 ? `−${numberFormat.format(-value)}` : '0';
/** `1 operation`, `5 operations`. */
export const formatCount = (count: number, singular: string, plural = `${singular}s`) =>
  `${numberFormat.format(count)} ${count === 1 ? singular : plural}`;

/** A whole number typed into a field, or null while it is empty or not a number. */
export function wholeNumberOrNull(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isInteger(n) ? n : null;
}

/** Whether `value` (from a select) is one of `options`. */
export const isOneOf = <T extends string>(options: readonly T[], value: string): value is T =>
  options.some((option) => option === value);

/** A filter select's value as the API's list of accepted codes: null (any) unless one is chosen. */
export const onlyIfOneOf = <T extends string>(options: readonly T[], value: string): T[] | null =>
  isOneOf(options, value) ? [value] : null;
