/**
 * Drift: a snapshot's findings against the previous snapshot's, by finding key.
 *   new        — not in the previous snapshot;
 *   worsened   — |difference| grew;
 *   improved   — |difference| shrank but is still beyond tolerance;
 *   unchanged  — same |difference| (or a finding without an amount, still there);
 *   resolved   — in the previous snapshot, gone now.
 * firstSeenAt carries the age: when the finding was first seen in an unbroken run of snapshots.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { Finding } from './types.ts';

export type DriftState = 'new' | 'worsened' | 'improved' | 'unchanged' | 'resolved';

export interface DriftEntry {
  key: string;
  state: DriftState;
  /** The current finding (the previous one for resolved findings). */
  finding: Finding;
  previousDifference: string | null;
  firstSeenAt: string;
  /** Whole days between first seen and this snapshot. */
  ageDays: number;
}

export interface PreviousFinding extends Finding {
  /** When this finding was first seen (carried over from earlier snapshots); defaults to its takenAt. */
  firstSeenAt?: string;
}

export function diffFindings(
  previous: readonly PreviousFinding[],
  current: readonly Finding[],
): DriftEntry[] {
  const before = new Map(previous.map((f) => [f.key, f]));
  const now = new Set(current.map((f) => f.key));
  const entries: DriftEntry[] = [];
  for (const finding of current) {
    const prior = before.get(finding.key);
    const firstSeenAt = prior ? (prior.firstSeenAt ?? prior.takenAt) : finding.takenAt;
    entries.push({
      key: finding.key,
      state: prior ? compare(prior.difference, finding.difference) : 'new',
      finding,
      previousDifference: prior?.difference ?? null,
      firstSeenAt,
      ageDays: days(firstSeenAt, finding.takenAt),
    });
  }
  for (const prior of previous) {
    if (now.has(prior.key)) continue;
    const firstSeenAt = prior.firstSeenAt ?? prior.takenAt;
    entries.push({
      key: prior.key,
      state: 'resolved',
      finding: prior,
      previousDifference: prior.difference,
      firstSeenAt,
      ageDays: days(firstSeenAt, prior.takenAt),
    });
  }
  return entries;
}

function compare(before: string | null, after: string | null): DriftState {
  if (before === null || after === null) return 'unchanged';
  const was = new Dec(before).abs();
  const is = new Dec(after).abs();
  if (is.gt(was)) return 'worsened';
  if (is.lt(was)) return 'improved';
  return 'unchanged';
}

function days(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000));
}
