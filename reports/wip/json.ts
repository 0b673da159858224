/**
 * The WIP schedule as JSON: `{ as_of, company, estimate_source, jobs, totals, ... }`, money as decimal strings
 * rounded half-up to cents (each value once; totals are the rounded sums of unrounded values, so rows may not
 * add to the total by a cent or two — that is correct), ratios as fractions with ten decimals.
 */
import { Dec, formatMoney } from '../../connectors/canonical/money.ts';
import { hasBaselineFor, RATIO_DECIMALS, WIP_COLUMNS } from './columns.ts';
import type { WipJobLine, WipSchedule } from './types.ts';

export function edgeValue(kind: string, v: Dec | string | null): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  return kind === 'ratio' ? v.toFixed(RATIO_DECIMALS, Dec.ROUND_HALF_UP) : formatMoney(v);
}

export function wipLineJson(line: WipJobLine): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of WIP_COLUMNS) out[c.key] = edgeValue(c.kind, c.value(line));
  out.job_id = line.jobId;
  out.pm_job_id = line.pmJobId;
  out.status = line.status;
  out.completion_date = line.completionDate;
  out.contract_source = line.contractSide;
  out.estimate_source = line.eacSource;
  out.cost_of_revenue = edgeValue('money', line.costOfRevenue);
  out.original_estimated_cost = edgeValue('money', line.originalEstimatedCost);
  out.original_estimated_gross_profit = edgeValue('money', line.originalEstimatedGrossProfit);
  out.override = line.override
    ? {
        period: line.override.period,
        estimated_total_cost: line.override.estimatedTotalCost ?? null,
        contract_amount: line.override.contractAmount ?? null,
        uninstalled_materials: line.override.uninstalledMaterials ?? null,
        note: line.override.note,
      }
    : null;
  out.notes = line.notes;
  out.warnings = line.warnings;
  return out;
}

export function wipJson(s: WipSchedule): Record<string, unknown> {
  const totals: Record<string, string | null> = {};
  for (const c of WIP_COLUMNS) {
    if (c.total) totals[c.key] = hasBaselineFor(c.key, s) ? formatMoney(c.total(s.totals)) : null;
  }
  const bs = s.balanceSheet;
  const money = (v: Dec | null) => (v === null ? null : formatMoney(v));
  return {
    as_of: s.asOf,
    company: s.company,
    estimate_source: s.estimateSource,
    fiscal_year_start: s.fiscalYearStart,
    fiscal_year_baseline: s.fiscalYearBaseline && {
      as_of: s.fiscalYearBaseline.asOf,
      kind: s.fiscalYearBaseline.kind,
      ...(s.fiscalYearBaseline.reason ? { reason: s.fiscalYearBaseline.reason } : {}),
    },
    period_baseline: s.periodBaseline && { as_of: s.periodBaseline.asOf, kind: s.periodBaseline.kind },
    snapshot_taken_at: s.snapshotTakenAt,
    prepared_by: s.preparedBy,
    jobs: s.jobs.map(wipLineJson),
    totals,
    completed_jobs: s.completedJobs.map(wipLineJson),
    balance_sheet: {
      under_billings: {
        wip: money(bs.underBillings.wip),
        completed_jobs: money(bs.underBillings.completedJobs),
        gl: money(bs.underBillings.gl),
        difference: money(bs.underBillings.difference),
        accounts: bs.underBillings.accounts,
      },
      over_billings: {
        wip: money(bs.overBillings.wip),
        completed_jobs: money(bs.overBillings.completedJobs),
        gl: money(bs.overBillings.gl),
        difference: money(bs.overBillings.difference),
        accounts: bs.overBillings.accounts,
      },
      net_over_under: money(bs.net),
    },
    warnings: s.warnings,
  };
}
