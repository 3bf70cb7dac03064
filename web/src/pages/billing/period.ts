// Billing reports count by UTC day (the server's `day` is YYYY-MM-DD in UTC): periods here are
// whole UTC days, `from` inclusive and `to` exclusive, as the API takes them.

const DAY_MS = 86_400_000;

export interface Period {
  from: Date;
  to: Date;
}

const startOfUtcDay = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** The last `days` UTC days, today included. */
export function lastDays(days: number, now = new Date()): Period {
  const to = new Date(startOfUtcDay(now).getTime() + DAY_MS);
  return { from: new Date(to.getTime() - days * DAY_MS), to };
}

/** The current UTC month up to the end of today. */
export function thisMonth(now = new Date()): Period {
  return {
    from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    to: new Date(startOfUtcDay(now).getTime() + DAY_MS),
  };
}

/** Every UTC day of the period as YYYY-MM-DD. */
export function daysOf({ from, to }: Period): string[] {
  const days: string[] = [];
  for (let t = startOfUtcDay(from).getTime(); t < to.getTime(); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** `2025-05-12` → `12 May`. */
export const formatShortDay = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));
/** `2025-05-12` → `12 May 2025`. */
export const formatDay = (day: string) => longDay.format(new Date(`${day}T00:00:00Z`));

/**
 * A date input's value (YYYY-MM-DD, the reader's own calendar day) as the instant it starts in
 * their time zone; `endOf` gives the start of the next day, for an inclusive end date.
 */
export function localDayStart(value: string, endOf = false): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (endOf ? 1 : 0));
  return Number.isNaN(date.getTime()) ? null : date;
}
