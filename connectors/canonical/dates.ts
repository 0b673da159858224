/** Calendar dates are `YYYY-MM-DD` strings; instants are UTC ISO strings. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class DateFormatError extends Error {
  constructor(
    readonly value: string,
    readonly hint: string,
  ) {
    super(`"${value}" is not a valid date: ${hint}`);
    this.name = 'DateFormatError';
  }
}

/** Accepts a real calendar date written `YYYY-MM-DD`; returns it unchanged. */
export function parseIsoDate(input: string): string {
  const text = input.trim();
  const m = ISO_DATE.exec(text);
  if (!m) throw new DateFormatError(input, 'write dates as YYYY-MM-DD, e.g. 2026-10-31');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    throw new DateFormatError(input, 'no such day in the calendar');
  }
  return text;
}

export function isIsoDate(input: string): boolean {
  try {
    parseIsoDate(input);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date (DuckDB's DATE representation). */
export function isoDateToEpochDays(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** Last calendar day of a `YYYY-MM` period. */
export function periodEnd(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new DateFormatError(period, 'write periods as YYYY-MM, e.g. 2026-10');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw new DateFormatError(period, 'month must be 01 to 12');
  const last = new Date(Date.UTC(y, mo, 0));
  return last.toISOString().slice(0, 10);
}

/** A UTC timestamp safe for file names: 2026-11-26T02-00-00-123Z. */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/:/g, '-').replace('.', '-');
}
