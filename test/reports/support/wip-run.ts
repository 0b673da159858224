/** Runs the WIP over a fixture snapshot built from golden jobs and returns its JSON. */

import { wipJson } from '../../../reports/wip/json.ts';
import { buildWipSchedule } from '../../../reports/wip/schedule.ts';
import type { WipParams } from '../../../reports/wip/types.ts';
import { fixtureSnapshot, type SideRows } from '../../support/fixture-snapshot.ts';
import { type GoldenJob, goldenRows } from './wip-job.ts';

export type WipJsonOut = {
  jobs: Record<string, string | null>[];
  completed_jobs: Record<string, string | null>[];
  totals: Record<string, string>;
  balance_sheet: Record<string, Record<string, string | null>>;
  estimate_source: string;
  warnings: string[];
} & Record<string, unknown>;

export async function runWip(
  jobs: GoldenJob[],
  params: Partial<WipParams> & { asOf: string },
  extra: { erp?: SideRows } = {},
): Promise<WipJsonOut> {
  const rows = goldenRows(jobs);
  const snap = await fixtureSnapshot({ pm: rows.pm, erp: { ...rows.erp, ...extra.erp } });
  try {
    const schedule = await buildWipSchedule(snap.con, {
      company: { id: 'acme', name: 'Acme Builders' },
      estimateSource: 'pm',
      fiscalYearStartMonth: 1,
      ...params,
    });
    return wipJson(schedule) as WipJsonOut;
  } finally {
    snap.close();
  }
}

export function jobOf(out: WipJsonOut, number: string): Record<string, string | null> {
  const job =
    out.jobs.find((j) => j.job_number === number) ?? out.completed_jobs.find((j) => j.job_number === number);
  if (!job) throw new Error(`job ${number} is not on the schedule`);
  return job;
}
