/** Date arithmetic on `YYYY-MM-DD` strings (UTC calendar days), and the S-curve jobs progress along. */

const DAY_MS = 86_400_000;

// Generating millions of cost rows calls these in the hot loop: parse and format each day once.
const dayOf = new Map<string, number>();
const dateOf = new Map<number, string>();

function toDay(date: string): number {
  let day = dayOf.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    dayOf.set(date, day);
  }
  return day;
}

function fromDay(day: number): string {
  let date = dateOf.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateOf.set(day, date);
  }
  return date;
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

export function monthEnd(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** The last month end on or before `date`. */
export function lastMonthEnd(date: string): string {
  const end = monthEnd(date);
  return end === date ? date : addDays(`${date.slice(0, 8)}01`, -1);
}

/** Month ends from the month of `from` through `to` (inclusive, only those ≤ to). */
export function monthEndsBetween(from: string, to: string): string[] {
  const ends: string[] = [];
  let current = monthEnd(from);
  while (current <= to) {
    ends.push(current);
    current = monthEnd(addDays(current, 1));
  }
  return ends;
}

export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);

/**
 * Share of the work done at `date` for a job running from `start` to `end`: the usual construction
 * S-curve (slow mobilisation, fast middle, slow close-out), 0 before the start and 1 after the end.
 */
export function progressAt(start: string, end: string, date: string): number {
  const span = daysBetween(start, end);
  if (span <= 0) return date >= end ? 1 : 0;
  const t = Math.min(1, Math.max(0, daysBetween(start, date) / span));
  return t * t * (3 - 2 * t);
}
