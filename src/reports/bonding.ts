/**
 * Wires the bonding view: the WIP (the pinned snapshot when the period is closed), its gain/fade analysis,
 * the GL by role read from the same snapshot as of the date and as of each earlier closed period, and the
 * closed periods' frozen WIPs as trend points, handed to the pure report in reports/bonding.
 */
import { type BondingReport, buildBonding } from '../../reports/bonding/bonding.ts';
import { workingCapitalOf } from '../../reports/bonding/capacity.ts';
import { type GlByRole, readGlByRole } from '../../reports/bonding/gl.ts';
import {
  type PeriodPoint,
  pointFromStored,
  type StoredWipJson,
  storedContractPosition,
} from '../../reports/bonding/trends.ts';
import { fadeReport } from '../../reports/fade/fade.ts';
import { periodOf } from '../../reports/shared/period.ts';
import type { CompanyConfig } from '../config/schema.ts';
import type { Runtime } from '../runtime.ts';
import { closedPeriodsBefore } from '../store/wip.ts';
import { baselineFromClosed, computeWip, type WipComputation, withSnapshot } from './wip-inputs.ts';

export interface BondingComputation {
  report: BondingReport;
  run: WipComputation;
}

export async function computeBonding(
  runtime: Runtime,
  company: CompanyConfig,
  options: { asOf: string; preparedBy?: string },
  /** The WIP already computed for this date (the surety PDF has it), else it is computed here. */
  computed?: WipComputation,
): Promise<BondingComputation> {
  const run = computed ?? (await computeWip(runtime, company, options));
  const wip = run.schedule;
  const closed = closedPeriodsBefore(runtime.store.db, company.id, periodOf(options.asOf)).slice().reverse();
  const { gl, history } = await withSnapshot(runtime, run.snapshot, async (con) => {
    const history: PeriodPoint[] = [];
    for (const row of closed) {
      const stored = JSON.parse(row.resultJson) as StoredWipJson;
      const then = workingCapitalOf(await readGlByRole(con, row.asOf), storedContractPosition(stored));
      history.push(pointFromStored(row.period, stored, then?.workingCapital ?? null));
    }
    const gl: GlByRole = await readGlByRole(con, options.asOf);
    return { gl, history };
  });
  const previous = run.previousClosed ? baselineFromClosed(run.previousClosed) : null;
  const report = buildBonding({
    wip,
    fade: fadeReport(wip, previous, run.trend),
    gl,
    settings: company.settings.bonding,
    history,
  });
  return { report, run };
}
