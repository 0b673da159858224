/** The bonding view as report tables (CSV, XLSX, PDF): capacity, working capital, backlog, roll-up, trends. */
import { type Dec, formatMoney } from '../../connectors/canonical/money.ts';
import type { ReportHeader, ReportTable } from '../shared/table.ts';
import type { BondingReport } from './bonding.ts';
import { bondingJson } from './json.ts';

const money = (v: Dec | null | undefined) => (v === null || v === undefined ? null : formatMoney(v));
const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 'yes' : 'no');

export function bondingHeader(r: BondingReport): ReportHeader {
  return {
    title: 'Bonding Capacity',
    company: r.company.name,
    asOf: r.asOf,
    lines: [
      `Single-job limit = working capital × ${r.settings.singleMultiplier}; aggregate = single × ${r.settings.aggregateMultiplier}; work on hand measured as ${r.settings.workOnHand.replaceAll('_', ' ')}`,
    ],
  };
}

/** Figure | amount, one row per figure: the summary a surety reads first. */
export function capacityTable(r: BondingReport): ReportTable {
  const wc = r.workingCapital;
  const t = r.tenPercentTest;
  const rows: [string, string | null][] = [
    ...(wc?.assets ?? []).map((l): [string, string | null] => [l.label, formatMoney(l.amount)]),
    ['Current assets', money(wc?.currentAssets)],
    ...(wc?.liabilities ?? []).map((l): [string, string | null] => [l.label, formatMoney(l.amount)]),
    ['Current liabilities', money(wc?.currentLiabilities)],
    ['Working capital', money(wc?.workingCapital)],
    ['Equity', money(wc?.equity)],
    ['Single-job limit', money(r.capacity?.singleJobLimit)],
    ['Aggregate limit', money(r.capacity?.aggregateLimit)],
    ['Work on hand', money(r.capacity?.workOnHand)],
    ['Available', money(r.capacity?.available)],
    ['Backlog (revenue to be earned)', formatMoney(r.backlog.revenueToBeEarned)],
    ['Backlog (cost to complete)', formatMoney(r.backlog.costToComplete)],
    ['10 % of cost to complete', money(t?.required)],
  ];
  return {
    name: 'Capacity',
    title: 'Working capital and bonding capacity',
    columns: [
      { key: 'figure', label: 'Figure', kind: 'text', width: 3 },
      { key: 'amount', label: 'Amount', kind: 'money' },
    ],
    rows,
    notes: [
      `10 % test: working capital ${yesNo(t?.workingCapitalPasses) ?? 'n/a'}, equity ${yesNo(t?.equityPasses) ?? 'n/a'}.`,
      ...r.redFlags.map((f) => `RED FLAG: ${f.reason}`),
      ...r.warnings,
    ],
  };
}

export function backlogTable(r: BondingReport): ReportTable {
  const j = bondingJson(r);
  return {
    name: 'Backlog',
    title: 'Backlog by job',
    columns: [
      { key: 'job_number', label: 'Job', kind: 'text', width: 0.75 },
      { key: 'job_name', label: 'Job name', kind: 'text', width: 2.3 },
      { key: 'contract_amount', label: 'Revised contract', kind: 'money' },
      { key: 'earned_revenue', label: 'Earned revenue', kind: 'money' },
      { key: 'percent_complete', label: 'Percent complete', kind: 'ratio', width: 0.7 },
      { key: 'backlog_revenue', label: 'Revenue to be earned', kind: 'money' },
      { key: 'backlog_cost_to_complete', label: 'Cost to complete', kind: 'money' },
    ],
    rows: j.backlog.map((b) => [
      b.job_number,
      b.job_name,
      b.contract_amount,
      b.earned_revenue,
      b.percent_complete,
      b.backlog_revenue,
      b.backlog_cost_to_complete,
    ]),
    totals: ['Total', null, null, null, null, j.backlog_revenue, j.backlog_cost_to_complete],
  };
}

export function contractsInProgressTable(r: BondingReport): ReportTable {
  const c = bondingJson(r).contracts_in_progress;
  return {
    name: 'Contracts in progress',
    title: 'Costs and estimated earnings on uncompleted contracts',
    columns: [
      { key: 'line', label: '', kind: 'text', width: 3 },
      { key: 'amount', label: 'Amount', kind: 'money' },
    ],
    rows: [
      ['Costs incurred on uncompleted contracts', c.costs_incurred],
      ['Estimated earnings thereon', c.estimated_earnings],
      ['Earned to date', c.earned_to_date],
      ['Less billings to date', c.billings_to_date],
      ['Net', c.net],
      ['Costs and estimated earnings in excess of billings (asset)', c.costs_in_excess_of_billings],
      ['Billings in excess of costs and estimated earnings (liability)', c.billings_in_excess_of_costs],
    ],
  };
}

export function trendTable(r: BondingReport): ReportTable {
  const j = bondingJson(r);
  return {
    name: 'Trends',
    title: 'Trends over the closed periods',
    columns: [
      { key: 'as_of', label: 'As of', kind: 'date' },
      { key: 'net_over_under', label: 'Net over/(under) billing', kind: 'money' },
      { key: 'under_billings', label: 'Under billings', kind: 'money' },
      { key: 'estimated_gross_profit', label: 'Estimated gross profit', kind: 'money' },
      { key: 'gross_profit_change', label: 'Change (fade)', kind: 'money' },
      { key: 'jobs_past_estimate', label: 'Jobs past estimate', kind: 'text' },
      { key: 'loss_jobs', label: 'Loss jobs', kind: 'text' },
      { key: 'working_capital', label: 'Working capital', kind: 'money' },
    ],
    rows: j.trends.map((p) => [
      p.as_of,
      p.net_over_under,
      p.under_billings,
      p.estimated_gross_profit,
      p.gross_profit_change,
      p.jobs_past_estimate.join(' ') || null,
      p.loss_jobs.join(' ') || null,
      p.working_capital,
    ]),
  };
}

export function bondingTables(r: BondingReport): ReportTable[] {
  return [capacityTable(r), backlogTable(r), contractsInProgressTable(r), trendTable(r)];
}
