/**
 * Which snapshot a report as of a past date reads: the one that was current at the end of that day in the
 * company's time zone. Budgets, commitments, contracts and estimates carry no dates, so a report as of a past
 * date must read them from the snapshot of then, not from today's.
 */
import type { StoreDb } from '../store/db.ts';
import { listSnapshots, type SnapshotRow } from '../store/runs.ts';

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
