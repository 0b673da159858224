/** Runs the bonding view over a fixture snapshot built from golden jobs and GL balances; returns its JSON. */

import { buildBonding } from '../../../reports/bonding/bonding.ts';
import type { BondingSettings } from '../../../reports/bonding/capacity.ts';
import { readGlByRole } from '../../../reports/bonding/gl.ts';
import { bondingJson } from '../../../reports/bonding/json.ts';
import type { PeriodPoint } from '../../../reports/bonding/trends.ts';
import { fadeReport } from '../../../reports/fade/fade.ts';
import { buildWipSchedule } from '../../../reports/wip/schedule.ts';
import type { WipBaseline } from '../../../reports/wip/types.ts';
import { fixtureSnapshot } from '../../support/fixture-snapshot.ts';
import { type GoldenJob, goldenRows } from './wip-job.ts';

export const SURETY_RULES: BondingSettings = {
  singleMultiplier: '10',
  aggregateMultiplier: '2.5',
  workOnHand: 'cost_to_complete',
};

/** One GL account balance, debit positive (a liability is negative). */
export const gl = (account: string, role: string, asOf: string, balance: string) => ({
  account,
  role,
  as_of: asOf,
  balance,
});

export async function runBonding(
  jobs: GoldenJob[],
  glRows: ReturnType<typeof gl>[],
  options: {
    asOf: string;
    settings?: Partial<BondingSettings>;
    history?: PeriodPoint[];
    previous?: WipBaseline | null;
  },
) {
  const rows = goldenRows(jobs);
  const snap = await fixtureSnapshot({ pm: rows.pm, erp: { ...rows.erp, gl_balances: glRows } });
  try {
    const wip = await buildWipSchedule(snap.con, {
      asOf: options.asOf,
      company: { id: 'acme', name: 'Acme Builders' },
      estimateSource: 'pm',
      fiscalYearStartMonth: 1,
      fiscalYearBaseline: null,
      periodBaseline: options.previous ?? null,
    });
    const report = buildBonding({
      wip,
      fade: fadeReport(wip, options.previous ?? null),
      gl: await readGlByRole(snap.con, options.asOf),
      settings: { ...SURETY_RULES, ...options.settings },
      history: options.history ?? [],
    });
    return Object.assign(bondingJson(report), { report });
  } finally {
    snap.close();
  }
}
