/**
 * Gross-profit gain/fade: each job's gross profit estimate now against the estimate at the previous closed
 * period and against the original estimate (original contract − original budget), in dollars and in margin
 * points. A fall of 10 % or more of the reference gross profit is flagged — the threshold bonding agents and
 * CPAs use (lvb.com 2017; cpa-connecticut.com fade analysis). Completed jobs use their actual gross profit.
 */
import { Dec, formatMoney } from '../../connectors/canonical/money.ts';
import type { WipBaseline, WipJobLine, WipSchedule } from '../wip/types.ts';

export const FADE_THRESHOLD = new Dec('0.10');

export interface FadeComparison {
  grossProfit: Dec;
  margin: Dec | null;
  change: Dec;
  /** Margin now − margin then, in percentage points (5 = five points). */
  pointsChange: Dec | null;
  /** Change ÷ |reference gross profit|; null when the reference is zero. */
  relativeChange: Dec | null;
  faded: boolean;
}

export interface FadeLine {
  jobNumber: string;
  jobName: string;
  completed: boolean;
  /** null for a job without an estimate: nothing to fade from, never flagged. */
  grossProfitNow: Dec | null;
  marginNow: Dec | null;
  vsPrevious: FadeComparison | null;
  vsOriginal: FadeComparison | null;
  flagged: boolean;
}

export interface FadeTrendPoint {
  period: string;
  asOf: string;
  estimatedGrossProfit: Dec;
  contractAmount: Dec;
}

export interface FadeReport {
  asOf: string;
  previous: { asOf: string; kind: WipBaseline['kind'] } | null;
  jobs: FadeLine[];
  trend: FadeTrendPoint[];
}

export function compare(now: Dec, marginNow: Dec | null, then: Dec, marginThen: Dec | null): FadeComparison {
  const change = now.minus(then);
  const relativeChange = then.isZero() ? null : change.div(then.abs());
  // A job already at or below zero fades on any further fall.
  const faded = then.lte(0) ? change.lt(0) : (relativeChange?.lte(FADE_THRESHOLD.neg()) ?? false);
  return {
    grossProfit: then,
    margin: marginThen,
    change,
    pointsChange: marginNow !== null && marginThen !== null ? marginNow.minus(marginThen).times(100) : null,
    relativeChange,
    faded,
  };
}

function fadeLine(l: WipJobLine, completed: boolean, previous: WipBaseline | null): FadeLine {
  const gp = completed ? l.contractAmount.minus(l.costToDate) : l.estimatedGrossProfit;
  if (gp === null) {
    return {
      jobNumber: l.jobNumber,
      jobName: l.jobName,
      completed,
      grossProfitNow: null,
      marginNow: null,
      vsPrevious: null,
      vsOriginal: null,
      flagged: false,
    };
  }
  const margin = l.contractAmount.isZero() ? null : gp.div(l.contractAmount);
  const prior = previous?.jobs[l.jobNumber];
  const vsPrevious =
    prior && prior.estimatedGrossProfit !== null
      ? compare(
          gp,
          margin,
          new Dec(prior.estimatedGrossProfit),
          prior.estimatedGrossProfitMargin === null ? null : new Dec(prior.estimatedGrossProfitMargin),
        )
      : null;
  const original = l.originalEstimatedGrossProfit;
  const vsOriginal = original
    ? compare(gp, margin, original, l.originalContract.isZero() ? null : original.div(l.originalContract))
    : null;
  return {
    jobNumber: l.jobNumber,
    jobName: l.jobName,
    completed,
    grossProfitNow: gp,
    marginNow: margin,
    vsPrevious,
    vsOriginal,
    flagged: Boolean(vsPrevious?.faded || vsOriginal?.faded),
  };
}

export function fadeReport(
  wip: WipSchedule,
  previous: WipBaseline | null,
  trend: FadeTrendPoint[] = [],
): FadeReport {
  const now: FadeTrendPoint = {
    period: wip.asOf.slice(0, 7),
    asOf: wip.asOf,
    estimatedGrossProfit: wip.totals.estimatedGrossProfit,
    contractAmount: wip.totals.contractAmount,
  };
  return {
    asOf: wip.asOf,
    previous: previous ? { asOf: previous.asOf, kind: previous.kind } : null,
    jobs: [
      ...wip.jobs.map((l) => fadeLine(l, false, previous)),
      ...wip.completedJobs.map((l) => fadeLine(l, true, previous)),
    ],
    trend: [...trend.filter((t) => t.asOf < wip.asOf), now],
  };
}

const money = (v: Dec | null | undefined) => (v === null || v === undefined ? null : formatMoney(v));
const fixed = (v: Dec | null | undefined, d: number) => (v === null || v === undefined ? null : v.toFixed(d));

function comparisonJson(c: FadeComparison | null) {
  if (!c) return null;
  return {
    gross_profit: money(c.grossProfit),
    gross_profit_percent: fixed(c.margin, 10),
    change: money(c.change),
    points_change: fixed(c.pointsChange, 6),
    relative_change: fixed(c.relativeChange, 10),
    faded: c.faded,
  };
}

export function fadeJson(r: FadeReport, company: { id: string; name: string }) {
  return {
    as_of: r.asOf,
    company,
    previous_period: r.previous,
    threshold: FADE_THRESHOLD.toFixed(2),
    jobs: r.jobs.map((j) => ({
      job_number: j.jobNumber,
      job_name: j.jobName,
      completed: j.completed,
      gross_profit_now: money(j.grossProfitNow),
      gross_profit_percent_now: fixed(j.marginNow, 10),
      vs_previous: comparisonJson(j.vsPrevious),
      vs_original: comparisonJson(j.vsOriginal),
      flagged: j.flagged,
    })),
    trend: r.trend.map((t) => ({
      period: t.period,
      as_of: t.asOf,
      estimated_gross_profit: money(t.estimatedGrossProfit),
      contract_amount: money(t.contractAmount),
    })),
  };
}
