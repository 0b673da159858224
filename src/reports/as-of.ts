/**
 * Which snapshot a report as of a past date reads: the one that was current at the end of that day in the
 * company's time zone. Budgets, commitments, contracts and estimates carry no dates, so a report as of a past
 * date must read them from the snapshot of then, not from today's.
 */
import { periodEnd, periodOf } from '../../reports/shared/period.ts';
import type { StoreDb } from '../store/db.ts';
import { getSnapshot, listSnapshots, type SnapshotRow } from '../store/runs.ts';
import { activeClose } from '../store/wip.ts';

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - instant) / 60_000);
}

/** The UTC instant (ISO) at which a calendar day ends in a time zone: the next day's local midnight. */
export function endOfDayUtc(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const localMidnight = Date.UTC(y, m - 1, d + 1);
  let instant = localMidnight - offsetMinutes(localMidnight, timeZone) * 60_000;
  // Across a daylight-saving change the offset at the guess can differ from the offset at the answer.
  instant = localMidnight - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** The newest live snapshot taken before the end of `date` in the company's zone, if any is kept. */
export function snapshotCurrentAt(
  db: StoreDb,
  company: { id: string; timezone: string },
  date: string,
): SnapshotRow | undefined {
  const end = endOfDayUtc(date, company.timezone);
  return listSnapshots(db, company.id).find((s) => s.takenAt < end);
}

/** The calendar day it is now in a time zone (YYYY-MM-DD). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return now.toLocaleDateString('en-CA', { timeZone });
}

export interface AsOfSnapshot {
  snapshot: SnapshotRow;
  /** What the report must say about which snapshot it read (null when it is simply the current one). */
  note: string | null;
}

/**
 * The snapshot a report as of `asOf` reads: the pinned one when `asOf` ends a closed period; for a past date
 * the one that was current at the end of that day; otherwise (today, or no snapshot that old is kept) the
 * current one, saying so when the date is past. Undefined when the company has no snapshot at all.
 */
export function snapshotForAsOf(
  db: StoreDb,
  company: { id: string; timezone: string },
  asOf: string,
  now: Date = new Date(),
): AsOfSnapshot | undefined {
  const period = periodOf(asOf);
  const close = asOf === periodEnd(period) ? activeClose(db, company.id, period) : undefined;
  if (close) {
    const pinned = getSnapshot(db, close.snapshotId);
    if (pinned && !pinned.deletedAt)
      return {
        snapshot: pinned,
        note: `${period} is closed: read from the snapshot it pinned, taken ${pinned.takenAt}.`,
      };
  }
  const current = listSnapshots(db, company.id)[0];
  if (!current) return undefined;
  if (asOf >= todayIn(company.timezone, now)) return { snapshot: current, note: null };
  const then = snapshotCurrentAt(db, company, asOf);
  if (then && then.id !== current.id)
    return {
      snapshot: then,
      note: `As of ${asOf}: read from the snapshot current then, taken ${then.takenAt} (budgets, commitments and estimates as they stood).`,
    };
  if (then) return { snapshot: then, note: null };
  return {
    snapshot: current,
    note: `No snapshot as old as ${asOf} is kept: costs are as of ${asOf}, but budgets, commitments and estimates are from the current snapshot, taken ${current.takenAt}.`,
  };
}
