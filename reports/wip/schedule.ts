/**
 * Builds the WIP schedule of a company as of a date from an open snapshot: reads the inputs, applies the
 * controller's overrides for the period, runs the formulas per job and sums the unrounded values.
 * Pure over (snapshot, params): the caller (src/) loads overrides and closed-period baselines from the store.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Dec } from '../../connectors/canonical/money.ts';
import { fiscalYearStart, periodOf, priorFiscalYearEnd } from '../shared/period.ts';
import { computeWipJob } from './formulas.ts';
import {
  type GlBalances,
  readGlBalances,
  readSnapshotTakenAt,
  readWipInputs,
  type WipJobInputs,
} from './inputs.ts';
import type {
  BalanceSheetTieOut,
  EacSource,
  EstimateSource,
  WipBaseline,
  WipJobLine,
  WipOverride,
  WipParams,
  WipSchedule,
  WipTotals,
} from './types.ts';

const ZERO = new Dec(0);

/** A job is on the open schedule at as-of unless it was completed on or before as-of. */
export function isOpenAt(job: { status: string; completionDate: string | null }, asOf: string): boolean {
  if (job.completionDate) return job.completionDate > asOf;
  return job.status === 'open';
}

function chooseEstimate(
  input: WipJobInputs,
  source: EstimateSource,
): { eac: Dec | null; original: Dec | null; from: EacSource } {
  // An estimate of zero is no estimate (DESIGN §6): fall back as for a missing one.
  const pmHasEstimate =
    input.pmJobId !== null && input.pmLinesWithEstimate > 0 && input.pmEstimateAtCompletion?.gt(0) === true;
  if (source === 'pm' && pmHasEstimate) {
    return { eac: input.pmEstimateAtCompletion, original: input.pmOriginalBudget, from: 'pm' };
  }
  if (input.erpBudgetLines > 0 && input.erpRevisedBudget !== null && input.erpRevisedBudget.gt(0)) {
    return { eac: input.erpRevisedBudget, original: input.erpOriginalBudget, from: 'erp' };
  }
  return { eac: null, original: null, from: 'none' };
}

export function wipJobLine(
  input: WipJobInputs,
  estimateSource: EstimateSource,
  override: WipOverride | null,
  completed = false,
): WipJobLine {
  const estimate = chooseEstimate(input, estimateSource);
  const notes: string[] = [];
  const contractFromBooks = input.originalContract.plus(input.approvedChangeOrders);
  let contractAmount = contractFromBooks;
  let eac = estimate.eac;
  let eacSource = estimate.from;
  let uninstalled = ZERO;
  if (override?.contractAmount) {
    contractAmount = new Dec(override.contractAmount);
    notes.push(`Contract overridden (${contractFromBooks.toFixed(2)} in the books): ${override.note}`);
  }
  if (override?.estimatedTotalCost) {
    eac = new Dec(override.estimatedTotalCost);
    eacSource = 'override';
    notes.push(`Estimated total cost overridden: ${override.note}`);
  }
  if (override?.uninstalledMaterials) {
    uninstalled = new Dec(override.uninstalledMaterials);
    notes.push(`Uninstalled materials ${uninstalled.toFixed(2)} excluded from progress: ${override.note}`);
  }
  if (completed) {
    // A completed job's final cost is its cost to date; the last estimate no longer matters (DESIGN §6).
    eac = input.costToDate;
    eacSource = 'final_cost';
  }
  if (input.notExecutedContracts > 0) {
    notes.push(
      `${input.notExecutedContracts} prime contract(s) not executed by this date (${input.notExecutedContract.toFixed(2)}) left out of the contract.`,
    );
  }
  if (input.approvedUndated > 0) {
    notes.push(
      `Approved change order(s) without an approval date counted in the contract: ${input.approvedUndatedNumbers ?? ''}. Enter the approval date in the books.`,
    );
  }
  const result = computeWipJob({
    contractAmount,
    estimatedTotalCost: eac,
    costToDate: input.costToDate,
    uninstalledMaterials: uninstalled,
    billedToDate: input.billedToDate,
    completed,
  });
  const warnings: WipJobLine['warnings'] = [...result.warnings];
  if (input.pmJobId === null && input.linkCandidates > 1) warnings.push('ambiguous_pm_job');
  else if (input.pmJobId === null && estimateSource === 'pm') warnings.push('unlinked_pm_job');
  if (input.approvedUndated > 0) warnings.push('approved_change_order_undated');
  return {
    ...result,
    warnings,
    jobId: input.jobId,
    pmJobId: input.pmJobId,
    jobNumber: input.jobNumber,
    jobName: input.jobName,
    status: input.status,
    startDate: input.startDate,
    completionDate: input.completionDate,
    contractSide: input.contractSide,
    eacSource,
    originalContract: input.originalContract,
    approvedChangeOrders: input.approvedChangeOrders,
    contractAmount,
    pendingChangeOrders: input.pendingChangeOrders,
    // Blank when the estimate is not usable, so the column foots: Σ C − Σ EAC = Σ estimated GP over jobs with one.
    estimatedTotalCost: result.estimatedGrossProfit === null ? null : eac,
    originalEstimatedCost: estimate.original,
    originalEstimatedGrossProfit: estimate.original ? input.originalContract.minus(estimate.original) : null,
    costToDate: input.costToDate,
    uninstalledMaterials: uninstalled,
    billedToDate: input.billedToDate,
    retainageReceivable: input.retainageReceivable,
    fiscalYear: null,
    currentPeriod: null,
    override,
    notes,
  };
}

/** Revenue, cost of revenue and gross profit since a baseline WIP (a job not on it had none then). */
function since(line: WipJobLine, baseline: WipBaseline | null | undefined): WipJobLine['fiscalYear'] {
  if (!baseline) return null;
  const prior = baseline.jobs[line.jobNumber];
  const revenue = line.earnedRevenue.minus(prior?.earnedRevenue ?? 0);
  const costOfRevenue = line.costOfRevenue.minus(prior?.costOfRevenue ?? 0);
  return { revenue, costOfRevenue, grossProfit: revenue.minus(costOfRevenue) };
}

export function sumWip(lines: WipJobLine[]): WipTotals {
  const sum = (pick: (l: WipJobLine) => Dec | null | undefined) =>
    lines.reduce((acc, l) => acc.plus(pick(l) ?? ZERO), ZERO);
  return {
    originalContract: sum((l) => l.originalContract),
    approvedChangeOrders: sum((l) => l.approvedChangeOrders),
    contractAmount: sum((l) => l.contractAmount),
    pendingChangeOrders: sum((l) => l.pendingChangeOrders),
    estimatedTotalCost: sum((l) => l.estimatedTotalCost),
    estimatedGrossProfit: sum((l) => l.estimatedGrossProfit),
    costToDate: sum((l) => l.costToDate),
    earnedRevenue: sum((l) => l.earnedRevenue),
    billedToDate: sum((l) => l.billedToDate),
    overUnderBilling: sum((l) => l.overUnderBilling),
    overBilling: sum((l) => l.overBilling),
    underBilling: sum((l) => l.underBilling),
    costToComplete: sum((l) => l.costToComplete),
    revenueToBeEarned: sum((l) => l.revenueToBeEarned),
    grossProfitToDate: sum((l) => l.grossProfitToDate),
    provisionForLoss: sum((l) => l.provisionForLoss),
    retainageReceivable: sum((l) => l.retainageReceivable),
    uninstalledMaterials: sum((l) => l.uninstalledMaterials),
    fiscalYearRevenue: sum((l) => l.fiscalYear?.revenue),
    fiscalYearCostOfRevenue: sum((l) => l.fiscalYear?.costOfRevenue),
    fiscalYearGrossProfit: sum((l) => l.fiscalYear?.grossProfit),
    periodRevenue: sum((l) => l.currentPeriod?.revenue),
    periodCostOfRevenue: sum((l) => l.currentPeriod?.costOfRevenue),
    periodGrossProfit: sum((l) => l.currentPeriod?.grossProfit),
  };
}

/**
 * The WIP's contract assets and liabilities beside the GL. A completed job keeps its position (billed −
 * earned) until it is billed out, and the books carry it until then, so completed jobs count here too.
 */
export function balanceSheetTieOut(
  open: WipTotals,
  completed: WipTotals,
  gl: GlBalances,
): BalanceSheetTieOut {
  // GL balances are debit positive: the over-billings liability is a credit, shown here as positive.
  const under = open.underBilling.plus(completed.underBilling);
  const over = open.overBilling.plus(completed.overBilling);
  const glUnder = gl.underBillings ? gl.underBillings.balance : null;
  const glOver = gl.overBillings ? gl.overBillings.balance.neg() : null;
  return {
    underBillings: {
      wip: under,
      completedJobs: completed.underBilling,
      gl: glUnder,
      difference: glUnder ? under.minus(glUnder) : null,
      accounts: gl.underBillings?.accounts ?? null,
    },
    overBillings: {
      wip: over,
      completedJobs: completed.overBilling,
      gl: glOver,
      difference: glOver ? over.minus(glOver) : null,
      accounts: gl.overBillings?.accounts ?? null,
    },
    net: over.minus(under),
  };
}

/** The baseline a schedule's fiscal-year-to-date columns subtract, taken from a schedule's job lines. */
export function baselineOf(lines: WipJobLine[], asOf: string, kind: WipBaseline['kind']): WipBaseline {
  const jobs: WipBaseline['jobs'] = {};
  for (const l of lines) {
    jobs[l.jobNumber] = {
      earnedRevenue: l.earnedRevenue.toString(),
      costOfRevenue: l.costOfRevenue.toString(),
      grossProfitToDate: l.grossProfitToDate.toString(),
      estimatedGrossProfit: l.estimatedGrossProfit?.toString() ?? null,
      estimatedGrossProfitMargin: l.estimatedGrossProfitMargin?.toString() ?? null,
    };
  }
  return { asOf, kind, jobs };
}

export async function buildWipSchedule(con: DuckDBConnection, params: WipParams): Promise<WipSchedule> {
  const period = periodOf(params.asOf);
  const overrides = new Map<string, WipOverride>();
  for (const o of params.overrides ?? []) {
    if (o.period === period) overrides.set(o.jobNumber, o);
  }
  const inputs = await readWipInputs(con, params.asOf);
  const fyStart = fiscalYearStart(params.asOf, params.fiscalYearStartMonth);

  let baseline = params.fiscalYearBaseline;
  if (baseline === undefined) {
    // No closed year end was handed in: recompute the prior year end from this snapshot, and say so.
    const priorEnd = priorFiscalYearEnd(params.asOf, params.fiscalYearStartMonth);
    const prior = await readWipInputs(con, priorEnd);
    const lines = prior
      .filter((i) => isOpenAt(i, priorEnd))
      .map((i) => wipJobLine(i, params.estimateSource, null));
    baseline = {
      ...baselineOf(lines, priorEnd, 'recomputed'),
      reason: `${priorEnd} is not closed and no snapshot of that month is kept: recomputed from this snapshot's contracts and estimates, so the fiscal-year figures are an estimate, not booked`,
    };
  }

  const jobs: WipJobLine[] = [];
  const completedJobs: WipJobLine[] = [];
  const warnings: string[] = [];
  for (const input of inputs) {
    const open = isOpenAt(input, params.asOf);
    const completedThisYear =
      !open &&
      input.completionDate !== null &&
      input.completionDate >= fyStart &&
      input.completionDate <= params.asOf;
    if (!open && input.completionDate === null) {
      warnings.push(
        `Job ${input.jobNumber} is ${input.status} without a completion date; it is left off both schedules — enter its completion date in the books.`,
      );
    }
    if (!open && !completedThisYear) continue;
    const line = wipJobLine(input, params.estimateSource, overrides.get(input.jobNumber) ?? null, !open);
    overrides.delete(input.jobNumber);
    line.fiscalYear = since(line, baseline);
    line.currentPeriod = since(line, params.periodBaseline);
    (open ? jobs : completedJobs).push(line);
  }
  for (const o of overrides.values()) {
    warnings.push(`Override for job ${o.jobNumber} (${o.period}) matches no job on the schedule.`);
  }
  const totals = sumWip(jobs);
  const withoutEstimate = jobs.filter((l) => l.estimatedGrossProfit === null);
  if (withoutEstimate.length > 0) {
    warnings.push(
      `${withoutEstimate.length} job(s) without a usable estimate (${withoutEstimate.map((l) => l.jobNumber).join(', ')}): no revenue is recognised on them, and the estimated total cost, estimated gross profit and cost to complete totals leave them out.`,
    );
  }
  return {
    asOf: params.asOf,
    company: params.company,
    estimateSource: params.estimateSource,
    fiscalYearStart: fyStart,
    fiscalYearBaseline: baseline
      ? { asOf: baseline.asOf, kind: baseline.kind, ...(baseline.reason ? { reason: baseline.reason } : {}) }
      : null,
    periodBaseline: params.periodBaseline
      ? { asOf: params.periodBaseline.asOf, kind: params.periodBaseline.kind }
      : null,
    snapshotTakenAt: await readSnapshotTakenAt(con),
    preparedBy: params.preparedBy ?? null,
    jobs,
    totals,
    completedJobs,
    balanceSheet: balanceSheetTieOut(totals, sumWip(completedJobs), await readGlBalances(con, params.asOf)),
    warnings,
  };
}
