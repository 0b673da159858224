/**
 * What a run says about its sources beside its numbers, for people (CLI, API): how old each side's data is,
 * the expected tables a side did not deliver (read as no records), and the checks skipped because a side
 * does not export a table they need. Read from the run's stats; runs recorded before these were kept say less.
 */
import type { RunStats } from './take.ts';

const LABEL: Record<string, string> = { pm: 'project-management', erp: 'accounting (ERP)' };

export function runNotes(stats: unknown): string[] {
  if (!stats || typeof stats !== 'object') return [];
  const s = stats as Partial<RunStats>;
  const notes: string[] = [];
  for (const side of ['pm', 'erp']) {
    const one = s.sides?.[side];
    if (!one) continue;
    const label = LABEL[side];
    if (one.dataAsOf)
      notes.push(`The ${label} side's data is as of ${one.dataAsOf.at}: ${one.dataAsOf.detail}.`);
    if (one.tablesMissing && one.tablesMissing.length > 0) {
      notes.push(
        `The ${label} side delivered no ${one.tablesMissing.join(', ')}: read as no records. If that system does not export ${one.tablesMissing.length === 1 ? 'it' : 'them'}, list ${one.tablesMissing.length === 1 ? 'it' : 'them'} in settings.tablesNotExported.${side} and the checks that need ${one.tablesMissing.length === 1 ? 'it' : 'them'} are skipped instead of reporting false differences.`,
      );
    }
  }
  for (const skipped of s.checksSkipped ?? []) {
    notes.push(`${skipped.check} was not run: ${skipped.reason}.`);
  }
  return notes;
}
