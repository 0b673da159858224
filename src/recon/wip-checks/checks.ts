/**
 * The early fade warnings (beyond the PM's own forecast), from the WIP as of the snapshot and the frozen WIPs
 * of the closed periods before it. They read the WIP's figures (its estimate, cost to date, percent complete
 * and estimated gross profit, overrides included), so the estimate a warning names is the one the schedule
 * prints:
 *
 *   forecast.below_committed  the estimate at completion is below what is already committed (subcontracts
 *                             and purchase orders) plus the cost to date outside them
 *   forecast.trend            the cost per percent of progress over the last periods (up to three closed
 *                             periods and now) projects a cost at completion past the estimate
 *   fade.period               the estimated gross profit fell by the threshold or more since the last closed
 *                             period (default 10 % of it, the fade bonding agents call about)
 *
 * Each finding carries the tolerance applied, a sentence (messages.ts) and the job's history period by period.
 */
import { Dec } from '../../../connectors/canonical/money.ts';
import type { WipJobLine, WipSchedule } from '../../../reports/wip/types.ts';
import { type CheckId, checkSpec } from '../catalogue.ts';
import { findingMessage } from '../messages.ts';
import type { AppliedTolerance, Finding } from '../types.ts';

/** One job in one closed period's frozen WIP. */
export interface ClosedJob {
  asOf: string;
  percentComplete: Dec;
  costToDate: Dec;
  estimatedTotalCost: Dec | null;
  estimatedGrossProfit: Dec | null;
}

/** Job number → its closed periods, oldest first. */
export type JobHistory = Map<string, ClosedJob[]>;

export interface CommittedFloor {
  committed: Dec;
  commitments: number;
  invoicedOnCommitments: Dec;
}

export interface WipCheckInput {
  wip: WipSchedule;
  history: JobHistory;
  /** ERP job id → its commitments. */
  committed: Map<string, CommittedFloor>;
  tolerance(check: CheckId): AppliedTolerance;
  ctx: { companyId: string; snapshotId: string; takenAt: string };
  names: { pm: string; erp: string };
}

const ZERO = new Dec(0);
const money = (v: Dec) => v.toFixed(2, Dec.ROUND_HALF_UP);
const ratio = (v: Dec) => v.toFixed(6, Dec.ROUND_HALF_UP);

/** Beyond the tolerance: more than `absolute` and more than `relative` × the reference. */
export function beyond(excess: Dec, reference: Dec, tol: AppliedTolerance): boolean {
  return excess.gt(tol.absolute) && excess.gt(reference.abs().times(tol.relative));
}

function historyFacts(line: WipJobLine, closed: ClosedJob[]) {
  const point = (asOf: string, p: Dec, ctd: Dec, eac: Dec | null, gp: Dec | null) => ({
    as_of: asOf,
    percent_complete: ratio(p),
    cost_to_date: money(ctd),
    estimated_total_cost: eac === null ? null : money(eac),
    estimated_gross_profit: gp === null ? null : money(gp),
  });
  return [
    ...closed.map((c) =>
      point(c.asOf, c.percentComplete, c.costToDate, c.estimatedTotalCost, c.estimatedGrossProfit),
    ),
    point('now', line.percentComplete, line.costToDate, line.estimatedTotalCost, line.estimatedGrossProfit),
  ];
}

function finding(
  input: WipCheckInput,
  check: CheckId,
  line: WipJobLine,
  difference: Dec,
  facts: Record<string, unknown>,
): Finding {
  const spec = checkSpec(check);
  const tolerance = input.tolerance(check);
  const allFacts = { ...facts, history: historyFacts(line, input.history.get(line.jobNumber) ?? []) };
  return {
    key: `${check}|${line.jobId}`,
    check,
    severity: spec.severity,
    ...input.ctx,
    jobNumber: line.jobNumber,
    pmJobId: line.pmJobId,
    erpJobId: line.jobId,
    pmJobName: null,
    erpJobName: line.jobName,
    costCode: null,
    costType: null,
    document: null,
    vendor: null,
    pmAmount: null,
    erpAmount: null,
    difference: money(difference),
    tolerance,
    message: findingMessage({
      check,
      ...input.names,
      job: `${line.jobNumber} ${line.jobName}`,
      line: '',
      document: null,
      vendor: null,
      pmAmount: null,
      erpAmount: null,
      difference: money(difference),
      facts: allFacts,
    }),
    documents: { pm: [], erp: [] },
    facts: allFacts,
  };
}

function belowCommitted(input: WipCheckInput, line: WipJobLine, eac: Dec): Finding | null {
  const c = input.committed.get(line.jobId);
  if (!c) return null;
  const uncommitted = Dec.max(line.costToDate.minus(c.invoicedOnCommitments), 0);
  const floor = c.committed.plus(uncommitted);
  const shortfall = floor.minus(eac);
  if (!beyond(shortfall, floor, input.tolerance('forecast.below_committed'))) return null;
  return finding(input, 'forecast.below_committed', line, shortfall, {
    estimated_cost_at_completion: money(eac),
    committed: money(c.committed),
    commitments: c.commitments,
    uncommitted_cost_to_date: money(uncommitted),
    floor: money(floor),
  });
}

function trend(input: WipCheckInput, line: WipJobLine, eac: Dec, closed: ClosedJob[]): Finding | null {
  const first = closed.slice(-3)[0];
  if (!first || line.percentComplete.gte(1)) return null;
  const progress = line.percentComplete.minus(first.percentComplete);
  if (progress.lte(0)) return null;
  const costPerPercent = line.costToDate.minus(first.costToDate).div(progress.times(100));
  const projected = line.costToDate.plus(
    new Dec(1).minus(line.percentComplete).times(100).times(costPerPercent),
  );
  const excess = projected.minus(eac);
  if (!beyond(excess, eac, input.tolerance('forecast.trend'))) return null;
  return finding(input, 'forecast.trend', line, excess, {
    since: first.asOf,
    cost_per_percent: money(costPerPercent),
    projected_cost_at_completion: money(projected),
    estimated_cost_at_completion: money(eac),
  });
}

function fadePeriod(input: WipCheckInput, line: WipJobLine, gp: Dec, closed: ClosedJob[]): Finding | null {
  const prior = closed.at(-1);
  if (!prior || prior.estimatedGrossProfit === null) return null;
  const fall = prior.estimatedGrossProfit.minus(gp);
  if (fall.lte(0)) return null;
  const tol = input.tolerance('fade.period');
  // A job already at or below zero fades on any further fall beyond the absolute tolerance.
  const fades = prior.estimatedGrossProfit.lte(0)
    ? fall.gt(tol.absolute)
    : fall.gt(tol.absolute) && fall.gte(prior.estimatedGrossProfit.times(tol.relative));
  if (!fades) return null;
  return finding(input, 'fade.period', line, fall.neg(), {
    previous_as_of: prior.asOf,
    previous_gross_profit: money(prior.estimatedGrossProfit),
    gross_profit_now: money(gp),
    fall: money(fall),
    relative_fall: prior.estimatedGrossProfit.gt(0) ? ratio(fall.div(prior.estimatedGrossProfit)) : null,
    threshold: tol.relative,
  });
}

export function wipCheckFindings(input: WipCheckInput): Finding[] {
  const out: Finding[] = [];
  for (const line of input.wip.jobs) {
    const eac = line.estimatedTotalCost;
    if (eac === null) continue;
    const closed = (input.history.get(line.jobNumber) ?? []).filter((c) => c.asOf < input.wip.asOf);
    const found = [
      belowCommitted(input, line, eac),
      trend(input, line, eac, closed),
      line.estimatedGrossProfit ? fadePeriod(input, line, line.estimatedGrossProfit, closed) : null,
    ];
    for (const f of found) if (f) out.push(f);
  }
  return out;
}

type StoredJob = Record<string, unknown>;
const decOrNull = (v: unknown) => (v === null || v === undefined ? null : new Dec(String(v)));

/** The job history from closed periods' stored WIP results (any order in, oldest first out). */
export function historyFromClosed(rows: { asOf: string; resultJson: string }[]): JobHistory {
  const history: JobHistory = new Map();
  for (const row of [...rows].sort((a, b) => a.asOf.localeCompare(b.asOf))) {
    const stored = JSON.parse(row.resultJson) as { jobs: StoredJob[] };
    for (const j of stored.jobs) {
      const number = String(j.job_number);
      const list = history.get(number) ?? [];
      list.push({
        asOf: row.asOf,
        percentComplete: decOrNull(j.percent_complete) ?? ZERO,
        costToDate: decOrNull(j.cost_to_date) ?? ZERO,
        estimatedTotalCost: decOrNull(j.estimated_total_cost),
        estimatedGrossProfit: decOrNull(j.estimated_gross_profit),
      });
      history.set(number, list);
    }
  }
  return history;
}
