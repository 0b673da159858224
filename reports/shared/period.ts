/** Periods (`YYYY-MM`) and fiscal years, as calendar dates `YYYY-MM-DD`. */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

/** The period a date falls in: 2026-10-31 → 2026-10. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

/** Last day of a period: 2026-02 → 2026-02-28. */
export function periodEnd(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(`"${period}" is not a period; write YYYY-MM, e.g. 2026-10`);
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0));
  return last.toISOString().slice(0, 10);
}

/** The period before: 2026-01 → 2025-12. */
export function previousPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  const mo = Number(period.slice(5, 7));
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** First day of the fiscal year containing `date`, for a fiscal year starting in month `startMonth` (1–12). */
export function fiscalYearStart(date: string, startMonth: number): string {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  const year = mo >= startMonth ? y : y - 1;
  return `${year}-${String(startMonth).padStart(2, '0')}-01`;
}

/** Last day of the fiscal year before the one containing `date`. */
export function priorFiscalYearEnd(date: string, startMonth: number): string {
  const start = fiscalYearStart(date, startMonth);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}
