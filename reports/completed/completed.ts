/**
 * Schedule of completed contracts: jobs completed in the fiscal year up to as-of, with the final contract,
 * final cost, gross profit for the whole job and the gross profit estimated at the start (original contract −
 * original budget), so a surety can see how close the job finished to its bid.
 */
import { Dec, formatMoney } from '../../connectors/canonical/money.ts';
import type { WipJobLine, WipSchedule } from '../wip/types.ts';

export interface CompletedJob {
  jobNumber: string;
  jobName: string;
  completionDate: string | null;
  finalContract: Dec;
  finalCost: Dec;
  grossProfit: Dec;
  grossProfitMargin: Dec | null;
  originalEstimatedGrossProfit: Dec | null;
  originalEstimatedMargin: Dec | null;
  /** Actual − original estimate: negative = fade, positive = gain. */
  variance: Dec | null;
  billedToDate: Dec;
  retainageReceivable: Dec;
}

export interface CompletedSchedule {
  asOf: string;
  fiscalYearStart: string;
  jobs: CompletedJob[];
  totals: {
    finalContract: Dec;
    finalCost: Dec;
    grossProfit: Dec;
    originalEstimatedGrossProfit: Dec;
    variance: Dec;
  };
}

const ZERO = new Dec(0);

export function completedJob(l: WipJobLine): CompletedJob {
  const grossProfit = l.contractAmount.minus(l.costToDate);
  const originalMargin =
    l.originalEstimatedGrossProfit && !l.originalContract.isZero()
      ? l.originalEstimatedGrossProfit.div(l.originalContract)
      : null;
  return {
    jobNumber: l.jobNumber,
    jobName: l.jobName,
    completionDate: l.completionDate,
    finalContract: l.contractAmount,
    finalCost: l.costToDate,
    grossProfit,
    grossProfitMargin: l.contractAmount.isZero() ? null : grossProfit.div(l.contractAmount),
    originalEstimatedGrossProfit: l.originalEstimatedGrossProfit,
    originalEstimatedMargin: originalMargin,
    variance: l.originalEstimatedGrossProfit ? grossProfit.minus(l.originalEstimatedGrossProfit) : null,
    billedToDate: l.billedToDate,
    retainageReceivable: l.retainageReceivable,
  };
}

export function completedSchedule(wip: WipSchedule): CompletedSchedule {
  const jobs = wip.completedJobs.map(completedJob);
  const sum = (pick: (j: CompletedJob) => Dec | null) => jobs.reduce((a, j) => a.plus(pick(j) ?? ZERO), ZERO);
  return {
    asOf: wip.asOf,
    fiscalYearStart: wip.fiscalYearStart,
    jobs,
    totals: {
      finalContract: sum((j) => j.finalContract),
      finalCost: sum((j) => j.finalCost),
      grossProfit: sum((j) => j.grossProfit),
      originalEstimatedGrossProfit: sum((j) => j.originalEstimatedGrossProfit),
      variance: sum((j) => j.variance),
    },
  };
}

const money = (v: Dec | null) => (v === null ? null : formatMoney(v));
const ratio = (v: Dec | null) => (v === null ? null : v.toFixed(10));

export function completedJson(s: CompletedSchedule, company: { id: string; name: string }) {
  return {
    as_of: s.asOf,
    company,
    fiscal_year_start: s.fiscalYearStart,
    jobs: s.jobs.map((j) => ({
      job_number: j.jobNumber,
      job_name: j.jobName,
      completion_date: j.completionDate,
      final_contract: money(j.finalContract),
      final_cost: money(j.finalCost),
      gross_profit: money(j.grossProfit),
      gross_profit_percent: ratio(j.grossProfitMargin),
      original_estimated_gross_profit: money(j.originalEstimatedGrossProfit),
      original_estimated_gross_profit_percent: ratio(j.originalEstimatedMargin),
      variance: money(j.variance),
      billed_to_date: money(j.billedToDate),
      retainage_receivable: money(j.retainageReceivable),
    })),
    totals: {
      final_contract: money(s.totals.finalContract),
      final_cost: money(s.totals.finalCost),
      gross_profit: money(s.totals.grossProfit),
      original_estimated_gross_profit: money(s.totals.originalEstimatedGrossProfit),
      variance: money(s.totals.variance),
    },
  };
}
