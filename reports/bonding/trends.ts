/**
 * Trends over the closed periods and the red flags an underwriter looks for (shared/reference/domain §4.3):
 * net over/under billing, under billings, estimated gross profit and its fade, jobs past 100 % of their
 * estimate, loss jobs and working capital, period by period. A closed period's figures are its frozen WIP (the
 * JSON the close stored), so a trend never moves after close; its working capital is the GL of that date plus
 * that WIP's contract position.
 */
import { Dec, formatMoney } from '../../connectors/canonical/money.ts';
import type { FadeComparison, FadeReport } from '../fade/fade.ts';
import type { WipSchedule } from '../wip/types.ts';
import { type ContractPosition, contractPositionOf } from './capacity.ts';

export interface PeriodJob {
  underBilling: Dec;
  estimatedGrossProfit: Dec | null;
}

export interface PeriodPoint {
  period: string;
  asOf: string;
  /** 'closed' = a frozen closed period; 'now' = the report's own as-of. */
  kind: 'closed' | 'now';
  contracts: ContractPosition;
  /** Over − under billings, open and completed jobs. */
  netOverUnder: Dec;
  estimatedGrossProfit: Dec;
  jobsPastEstimate: string[];
  lossJobs: string[];
  workingCapital: Dec | null;
  jobs: Record<string, PeriodJob>;
}

type StoredJob = Record<string, unknown>;
/** The stored WIP JSON of a closed period (reports/wip/json.ts), as far as the trends read it. */
export interface StoredWipJson {
  as_of: string;
  jobs: StoredJob[];
  completed_jobs?: StoredJob[];
  totals: Record<string, string | null>;
  balance_sheet?: {
    under_billings?: { wip?: string | null };
    over_billings?: { wip?: string | null };
    net_over_under?: string | null;
  };
}

const dec = (v: unknown) => new Dec(v === null || v === undefined ? '0' : String(v));
const warned = (j: StoredJob, code: string) => Array.isArray(j.warnings) && j.warnings.includes(code);

/** The contract position a stored closed WIP carried. */
export function storedContractPosition(stored: StoredWipJson): ContractPosition {
  return {
    underBillings: dec(stored.balance_sheet?.under_billings?.wip),
    overBillings: dec(stored.balance_sheet?.over_billings?.wip),
    provisionForLoss: dec(stored.totals.provision_for_loss),
  };
}

export function pointFromStored(
  period: string,
  stored: StoredWipJson,
  workingCapital: Dec | null,
): PeriodPoint {
  const jobs: Record<string, PeriodJob> = {};
  for (const j of stored.jobs) {
    jobs[String(j.job_number)] = {
      underBilling: dec(j.under_billing),
      estimatedGrossProfit:
        j.estimated_gross_profit === null || j.estimated_gross_profit === undefined
          ? null
          : dec(j.estimated_gross_profit),
    };
  }
  const contracts = storedContractPosition(stored);
  return {
    period,
    asOf: stored.as_of,
    kind: 'closed',
    contracts,
    netOverUnder: contracts.overBillings.minus(contracts.underBillings),
    estimatedGrossProfit: dec(stored.totals.estimated_gross_profit),
    jobsPastEstimate: stored.jobs
      .filter((j) => warned(j, 'cost_exceeds_estimate'))
      .map((j) => String(j.job_number)),
    lossJobs: stored.jobs.filter((j) => warned(j, 'loss_job')).map((j) => String(j.job_number)),
    workingCapital,
    jobs,
  };
}

export function pointFromSchedule(wip: WipSchedule, workingCapital: Dec | null): PeriodPoint {
  const jobs: Record<string, PeriodJob> = {};
  for (const l of wip.jobs) {
    jobs[l.jobNumber] = { underBilling: l.underBilling, estimatedGrossProfit: l.estimatedGrossProfit };
  }
  return {
    period: wip.asOf.slice(0, 7),
    asOf: wip.asOf,
    kind: 'now',
    contracts: contractPositionOf(wip),
    netOverUnder: wip.balanceSheet.net,
    estimatedGrossProfit: wip.totals.estimatedGrossProfit,
    jobsPastEstimate: wip.jobs
      .filter((l) => l.warnings.includes('cost_exceeds_estimate'))
      .map((l) => l.jobNumber),
    lossJobs: wip.jobs.filter((l) => l.warnings.includes('loss_job')).map((l) => l.jobNumber),
    workingCapital,
    jobs,
  };
}

export type RedFlagCode =
  | 'fade'
  | 'under_billings_growing'
  | 'past_estimate'
  | 'loss_job'
  | 'working_capital_negative'
  | 'ten_percent_test_failed'
  | 'work_on_hand_over_aggregate';

export interface RedFlag {
  code: RedFlagCode;
  jobNumber: string | null;
  reason: string;
}

const m = (v: Dec) => formatMoney(v);
const pct = (v: Dec) => `${v.times(100).abs().toFixed(1)} %`;

function fadeReason(job: string, now: Dec, c: FadeComparison, against: string): string {
  const fall = c.relativeChange === null ? '' : ` (${pct(c.relativeChange)})`;
  return `Job ${job}: gross profit ${m(now)} is ${m(c.change.neg())} below ${against} ${m(c.grossProfit)}${fall}; a fade of 10 % or more of the estimated gross profit.`;
}

/** True when the values rise at each of the last two steps (three points, oldest first). */
function growingTwice(values: Dec[]): boolean {
  if (values.length < 3) return false;
  const [a, b, c] = values.slice(-3) as [Dec, Dec, Dec];
  return b.gt(a) && c.gt(b);
}

/** Red flags from the points (oldest first, the last one being now), the gain/fade analysis and the WIP. */
export function redFlagsOf(points: PeriodPoint[], fade: FadeReport, wip: WipSchedule): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const f of fade.jobs) {
    if (!f.flagged || f.grossProfitNow === null) continue;
    if (f.vsOriginal?.faded) {
      flags.push({
        code: 'fade',
        jobNumber: f.jobNumber,
        reason: fadeReason(f.jobNumber, f.grossProfitNow, f.vsOriginal, 'the original estimate of'),
      });
    } else if (f.vsPrevious?.faded) {
      flags.push({
        code: 'fade',
        jobNumber: f.jobNumber,
        reason: fadeReason(
          f.jobNumber,
          f.grossProfitNow,
          f.vsPrevious,
          `the ${fade.previous?.asOf} estimate of`,
        ),
      });
    }
  }
  const last3 = points.slice(-3);
  if (growingTwice(last3.map((p) => p.contracts.underBillings))) {
    flags.push({
      code: 'under_billings_growing',
      jobNumber: null,
      reason: `Under billings grew two periods running: ${last3.map((p) => `${m(p.contracts.underBillings)} (${p.asOf})`).join(' → ')}.`,
    });
  }
  for (const l of wip.jobs) {
    const series = last3.map((p) => p.jobs[l.jobNumber]?.underBilling);
    if (series.every((v): v is Dec => v !== undefined) && growingTwice(series)) {
      flags.push({
        code: 'under_billings_growing',
        jobNumber: l.jobNumber,
        reason: `Job ${l.jobNumber}: under billing grew two periods running: ${series.map((v, i) => `${m(v)} (${last3[i]!.asOf})`).join(' → ')}.`,
      });
    }
    if (l.warnings.includes('cost_exceeds_estimate')) {
      flags.push({
        code: 'past_estimate',
        jobNumber: l.jobNumber,
        reason: `Job ${l.jobNumber}: cost to date ${m(l.costToDate)} is past its estimated total cost ${m(l.estimatedTotalCost ?? new Dec(0))}; the estimate is stale or the job is losing money.`,
      });
    }
    if (l.warnings.includes('loss_job') && l.estimatedGrossProfit) {
      flags.push({
        code: 'loss_job',
        jobNumber: l.jobNumber,
        reason: `Job ${l.jobNumber} is a loss job: estimated loss ${m(l.estimatedGrossProfit.neg())}, recognised in full.`,
      });
    }
  }
  return flags;
}
