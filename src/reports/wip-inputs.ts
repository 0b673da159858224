/**
 * Wires a WIP computation: picks the snapshot (the pinned one when the period is closed, the current one
 * otherwise), loads the period's overrides and the closed baselines from the store, opens the snapshot
 * read-only and hands everything to the pure report in reports/wip. A closed period is recomputed from its
 * pinned snapshot and must reproduce the stored result byte for byte; if it does not, the report refuses.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Dec } from '../../connectors/canonical/money.ts';
import { type ErrorKind, TieoutError } from '../../connectors/errors.ts';
import type { FadeTrendPoint } from '../../reports/fade/fade.ts';
import { periodEnd, periodOf, priorFiscalYearEnd } from '../../reports/shared/period.ts';
import { wipJson } from '../../reports/wip/json.ts';
import { baselineOf, buildWipSchedule } from '../../reports/wip/schedule.ts';
import type { WipBaseline, WipSchedule } from '../../reports/wip/types.ts';
import type { CompanyConfig } from '../config/schema.ts';
import type { Runtime } from '../runtime.ts';
import { withSnapshotFile } from '../snapshot/handles.ts';
import { absoluteSnapshotPath } from '../snapshot/paths.ts';
import { currentSnapshot, getSnapshot, type SnapshotRow } from '../store/runs.ts';
import {
  activeClose,
  type ClosedPeriodRow,
  closedPeriodsBefore,
  listWipOverrides,
  resultSha256,
} from '../store/wip.ts';
import { snapshotCurrentAt } from './as-of.ts';
import { closedDifferences } from './closed-check.ts';

const REPORT_ERROR_KIND = {
  no_snapshot: 'not_found',
  closed_period_drift: 'conflict',
  snapshot_missing: 'unavailable',
  bad_request: 'bad_request',
} as const satisfies Record<string, ErrorKind>;

export class ReportError extends TieoutError {
  constructor(
    override readonly code: keyof typeof REPORT_ERROR_KIND,
    message: string,
  ) {
    super(REPORT_ERROR_KIND[code], code, message);
    this.name = 'ReportError';
  }
}

export interface WipComputation {
  schedule: WipSchedule;
  snapshot: SnapshotRow;
  closed: ClosedPeriodRow | null;
  previousClosed: ClosedPeriodRow | null;
  trend: FadeTrendPoint[];
}

type StoredJob = Record<string, string | null>;
interface StoredWip {
  as_of: string;
  jobs: StoredJob[];
  completed_jobs?: StoredJob[];
  totals: Record<string, string>;
  prepared_by?: string | null;
  fiscal_year_baseline?: { kind: string } | null;
  period_baseline?: { as_of: string } | null;
}

/** A closed period's stored result as a baseline (values at cents, as closed). */
export function baselineFromClosed(row: ClosedPeriodRow): WipBaseline {
  const stored = JSON.parse(row.resultJson) as StoredWip;
  const jobs: WipBaseline['jobs'] = {};
  // Completed jobs count too: a job finished in September must not earn its whole revenue again in October.
  for (const j of [...stored.jobs, ...(stored.completed_jobs ?? [])]) {
    jobs[String(j.job_number)] = {
      earnedRevenue: j.earned_revenue ?? '0',
      costOfRevenue: j.cost_of_revenue ?? j.cost_to_date ?? '0',
      grossProfitToDate: j.gross_profit_to_date ?? '0',
      estimatedGrossProfit: j.estimated_gross_profit ?? null,
      estimatedGrossProfitMargin: j.estimated_gross_profit_percent ?? null,
    };
  }
  return { asOf: row.asOf, kind: 'closed', jobs };
}

function trendPoint(row: ClosedPeriodRow): FadeTrendPoint {
  const stored = JSON.parse(row.resultJson) as StoredWip;
  return {
    period: row.period,
    asOf: row.asOf,
    estimatedGrossProfit: new Dec(stored.totals.estimated_gross_profit ?? '0'),
    contractAmount: new Dec(stored.totals.contract_amount ?? '0'),
  };
}

export async function withSnapshot<T>(
  runtime: Runtime,
  snapshot: SnapshotRow,
  fn: (con: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const file = absoluteSnapshotPath(runtime.config.dataDir, snapshot.path);
  let opened = false;
  try {
    // The process's one read-only handle of this file (src/snapshot/handles.ts), not a new instance per call.
    return await withSnapshotFile(
      file,
      (con) => {
        opened = true;
        return fn(con);
      },
      { companyId: snapshot.companyId },
    );
  } catch (e) {
    if (opened) throw e;
    throw new ReportError(
      'snapshot_missing',
      `cannot open snapshot ${snapshot.path}: ${(e as Error).message}`,
    );
  }
}

/**
 * The fiscal-year baseline when the prior year end was never closed: the WIP at that date computed from the
 * snapshot that was current then (taken in the year's last month, on or before its last day), so fiscal YTD
 * revenue does not move with today's estimates. None kept: undefined (the schedule recomputes it from its own
 * snapshot and prints it as an estimate).
 */
async function yearEndSnapshotBaseline(
  runtime: Runtime,
  company: CompanyConfig,
  priorEnd: string,
): Promise<WipBaseline | undefined> {
  const snap = snapshotCurrentAt(runtime.store.db, company, priorEnd);
  if (!snap) return undefined;
  const takenLocal = new Date(snap.takenAt).toLocaleDateString('en-CA', { timeZone: company.timezone });
  if (periodOf(takenLocal) !== periodOf(priorEnd)) return undefined;
  const schedule = await withSnapshot(runtime, snap, (con) =>
    buildWipSchedule(con, {
      asOf: priorEnd,
      company: { id: company.id, name: company.name },
      estimateSource: company.settings.estimateSource,
      fiscalYearStartMonth: company.settings.fiscalYearStartMonth,
      overrides: listWipOverrides(runtime.store.db, company.id, periodOf(priorEnd)),
      fiscalYearBaseline: null,
      periodBaseline: null,
    }),
  );
  return {
    ...baselineOf([...schedule.jobs, ...schedule.completedJobs], priorEnd, 'year_end_snapshot'),
    reason: `${priorEnd} is not closed: computed from the snapshot taken ${snap.takenAt}, current at that date`,
  };
}

export function serialiseWip(schedule: WipSchedule): string {
  return `${JSON.stringify(wipJson(schedule), null, 2)}\n`;
}

export interface ComputeWipOptions {
  asOf: string;
  preparedBy?: string;
  /** Compute from this snapshot instead of the current/pinned one (period close uses the current one). */
  snapshot?: SnapshotRow;
  /** Skip the closed-period check (used while closing, before the close exists). */
  ignoreClose?: boolean;
}

export async function computeWip(
  runtime: Runtime,
  company: CompanyConfig,
  options: ComputeWipOptions,
): Promise<WipComputation> {
  const db = runtime.store.db;
  const period = periodOf(options.asOf);
  const closed =
    !options.ignoreClose && options.asOf === periodEnd(period)
      ? (activeClose(db, company.id, period) ?? null)
      : null;
  let snapshot = options.snapshot;
  if (closed) snapshot = getSnapshot(db, closed.snapshotId);
  snapshot ??= currentSnapshot(db, company.id);
  if (!snapshot) {
    throw new ReportError(
      'no_snapshot',
      closed
        ? `the snapshot pinned by the close of ${period} (${closed.snapshotPath}) is no longer registered`
        : `no snapshot of ${company.id} yet: run \`tieout snapshot --company ${company.id}\` first`,
    );
  }
  const settings = company.settings;
  const priorEnd = priorFiscalYearEnd(options.asOf, settings.fiscalYearStartMonth);
  let yearEndClose = activeClose(db, company.id, periodOf(priorEnd));
  let preparedBy = options.preparedBy;
  const earlier = closedPeriodsBefore(db, company.id, period);
  let periodBase: ClosedPeriodRow | undefined = earlier[0];
  if (closed) {
    // Recompute exactly as closed: the same preparer, and the same kind of fiscal-year baseline.
    const stored = JSON.parse(closed.resultJson) as StoredWip;
    preparedBy = stored.prepared_by ?? undefined;
    if (stored.fiscal_year_baseline?.kind !== 'closed') yearEndClose = undefined;
    // …and the same previous period as when it was closed, even if an earlier period was closed since.
    const storedBase = stored.period_baseline?.as_of;
    periodBase = storedBase ? earlier.find((r) => r.asOf === storedBase) : undefined;
  }
  let fiscalYearBaseline = yearEndClose ? baselineFromClosed(yearEndClose) : undefined;
  const storedKind = closed
    ? (JSON.parse(closed.resultJson) as StoredWip).fiscal_year_baseline?.kind
    : undefined;
  if (!fiscalYearBaseline && (!closed || storedKind === 'year_end_snapshot')) {
    fiscalYearBaseline = await yearEndSnapshotBaseline(runtime, company, priorEnd);
  }
  const schedule = await withSnapshot(runtime, snapshot, (con) =>
    buildWipSchedule(con, {
      asOf: options.asOf,
      company: { id: company.id, name: company.name },
      estimateSource: settings.estimateSource,
      fiscalYearStartMonth: settings.fiscalYearStartMonth,
      overrides: listWipOverrides(db, company.id, period),
      fiscalYearBaseline,
      periodBaseline: periodBase ? baselineFromClosed(periodBase) : null,
      preparedBy,
    }),
  );
  if (closed) {
    const again = serialiseWip(schedule);
    // The stored result must be the one the close hashed; then every value in it must come back unchanged.
    const tampered = resultSha256(closed.resultJson) !== closed.resultSha256;
    const differences = tampered ? [] : closedDifferences(closed.resultJson, again);
    if (tampered || differences.length > 0) {
      const detail = tampered
        ? 'the stored closed result no longer matches its hash'
        : differences
            .slice(0, 3)
            .map((d) => `${d.path.slice(1)} was ${JSON.stringify(d.closed)}, now ${JSON.stringify(d.now)}`)
            .join('; ');
      throw new ReportError(
        'closed_period_drift',
        `${period} is closed, but recomputing it from its pinned snapshot no longer gives the closed result (${detail}). ` +
          `Nothing is served; check the pinned file ${closed.snapshotPath} and the tieout version, or have an admin reopen the period.`,
      );
    }
  }
  return {
    schedule,
    snapshot,
    closed,
    previousClosed: earlier[0] ?? null,
    trend: earlier.slice().reverse().map(trendPoint),
  };
}
