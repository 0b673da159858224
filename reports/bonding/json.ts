/**
 * The bonding view as JSON, keys in snake_case: money as decimal strings rounded half-up to cents once, ratios
 * as fractions. GL-derived liabilities and equity are shown positive (the GL itself is debit positive).
 */
import { type Dec, formatMoney } from '../../connectors/canonical/money.ts';
import type { BondingReport } from './bonding.ts';
import type { CompositionLine } from './capacity.ts';

const money = (v: Dec | null | undefined) => (v === null || v === undefined ? null : formatMoney(v));

const line = (l: CompositionLine) => ({
  key: l.key,
  label: l.label,
  amount: formatMoney(l.amount),
  from: l.from,
  accounts: l.accounts,
});

export function bondingJson(r: BondingReport) {
  const wc = r.workingCapital;
  const cap = r.capacity;
  const t = r.tenPercentTest;
  const cip = r.contractsInProgress;
  return {
    as_of: r.asOf,
    company: r.company,
    settings: {
      single_multiplier: r.settings.singleMultiplier,
      aggregate_multiplier: r.settings.aggregateMultiplier,
      work_on_hand: r.settings.workOnHand,
    },
    current_assets: money(wc?.currentAssets),
    current_liabilities: money(wc?.currentLiabilities),
    working_capital: money(wc?.workingCapital),
    equity: money(wc?.equity),
    single_job_limit: money(cap?.singleJobLimit),
    aggregate_limit: money(cap?.aggregateLimit),
    work_on_hand: money(cap?.workOnHand),
    available: money(cap?.available),
    backlog_revenue: formatMoney(r.backlog.revenueToBeEarned),
    backlog_cost_to_complete: formatMoney(r.backlog.costToComplete),
    ten_percent_test: t && {
      cost_to_complete: formatMoney(t.costToComplete),
      required: formatMoney(t.required),
      working_capital_passes: t.workingCapitalPasses,
      equity_passes: t.equityPasses,
      passes: t.passes,
    },
    red_flags: r.redFlags.map((f) => ({ code: f.code, job_number: f.jobNumber, reason: f.reason })),
    current_asset_lines: wc ? wc.assets.map(line) : [],
    current_liability_lines: wc ? wc.liabilities.map(line) : [],
    gl_contract_accounts: {
      under_billings: money(r.glContractAccounts.underBillings),
      over_billings: money(r.glContractAccounts.overBillings?.neg()),
    },
    backlog: r.backlog.jobs.map((j) => ({
      job_number: j.jobNumber,
      job_name: j.jobName,
      contract_amount: formatMoney(j.contractAmount),
      earned_revenue: formatMoney(j.earnedRevenue),
      percent_complete: j.percentComplete.toFixed(10),
      backlog_revenue: formatMoney(j.revenueToBeEarned),
      backlog_cost_to_complete: money(j.costToComplete),
    })),
    contracts_in_progress: {
      costs_incurred: formatMoney(cip.costsIncurred),
      estimated_earnings: formatMoney(cip.estimatedEarnings),
      earned_to_date: formatMoney(cip.earnedToDate),
      billings_to_date: formatMoney(cip.billingsToDate),
      net: formatMoney(cip.net),
      costs_in_excess_of_billings: formatMoney(cip.costsInExcessOfBillings),
      billings_in_excess_of_costs: formatMoney(cip.billingsInExcessOfCosts),
    },
    trends: r.trend.map((p, i) => {
      const prior = r.trend[i - 1];
      return {
        period: p.period,
        as_of: p.asOf,
        kind: p.kind,
        net_over_under: formatMoney(p.netOverUnder),
        under_billings: formatMoney(p.contracts.underBillings),
        over_billings: formatMoney(p.contracts.overBillings),
        estimated_gross_profit: formatMoney(p.estimatedGrossProfit),
        gross_profit_change: prior
          ? formatMoney(p.estimatedGrossProfit.minus(prior.estimatedGrossProfit))
          : null,
        jobs_past_estimate: p.jobsPastEstimate,
        loss_jobs: p.lossJobs,
        working_capital: money(p.workingCapital),
      };
    }),
    warnings: r.warnings,
  };
}

export type BondingJson = ReturnType<typeof bondingJson>;
