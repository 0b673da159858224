/**
 * The WIP schedule's columns, declared once: the JSON keys, the CSV header, the XLSX and PDF columns all come
 * from this list so the formats cannot disagree.
 */
import type { Dec } from '../../connectors/canonical/money.ts';
import type { WipJobLine, WipTotals } from './types.ts';

export type ColumnKind = 'text' | 'money' | 'ratio' | 'date';

export interface WipColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  value(line: WipJobLine): Dec | string | null;
  /** The total of the column, when it has one (sums of unrounded values). */
  total?(totals: WipTotals): Dec;
}

export const WIP_COLUMNS: readonly WipColumn[] = [
  { key: 'job_number', label: 'Job', kind: 'text', value: (l) => l.jobNumber },
  { key: 'job_name', label: 'Job name', kind: 'text', value: (l) => l.jobName },
  {
    key: 'original_contract',
    label: 'Original contract',
    kind: 'money',
    value: (l) => l.originalContract,
    total: (t) => t.originalContract,
  },
  {
    key: 'approved_change_orders',
    label: 'Approved change orders',
    kind: 'money',
    value: (l) => l.approvedChangeOrders,
    total: (t) => t.approvedChangeOrders,
  },
  {
    key: 'contract_amount',
    label: 'Revised contract',
    kind: 'money',
    value: (l) => l.contractAmount,
    total: (t) => t.contractAmount,
  },
  {
    key: 'pending_change_orders',
    label: 'Pending COs (not in contract)',
    kind: 'money',
    value: (l) => l.pendingChangeOrders,
    total: (t) => t.pendingChangeOrders,
  },
  {
    key: 'estimated_total_cost',
    label: 'Estimated total cost',
    kind: 'money',
    value: (l) => l.estimatedTotalCost,
    total: (t) => t.estimatedTotalCost,
  },
  {
    key: 'estimated_gross_profit',
    label: 'Estimated gross profit',
    kind: 'money',
    value: (l) => l.estimatedGrossProfit,
    total: (t) => t.estimatedGrossProfit,
  },
  {
    key: 'estimated_gross_profit_percent',
    label: 'Est. GP %',
    kind: 'ratio',
    value: (l) => l.estimatedGrossProfitMargin,
  },
  {
    key: 'cost_to_date',
    label: 'Cost to date',
    kind: 'money',
    value: (l) => l.costToDate,
    total: (t) => t.costToDate,
  },
  {
    key: 'uninstalled_materials',
    label: 'Uninstalled materials',
    kind: 'money',
    value: (l) => l.uninstalledMaterials,
    total: (t) => t.uninstalledMaterials,
  },
  { key: 'percent_complete', label: 'Percent complete', kind: 'ratio', value: (l) => l.percentComplete },
  {
    key: 'earned_revenue',
    label: 'Earned revenue',
    kind: 'money',
    value: (l) => l.earnedRevenue,
    total: (t) => t.earnedRevenue,
  },
  {
    key: 'billed_to_date',
    label: 'Billed to date',
    kind: 'money',
    value: (l) => l.billedToDate,
    total: (t) => t.billedToDate,
  },
  {
    key: 'over_under_billing',
    label: 'Over/(under) billing',
    kind: 'money',
    value: (l) => l.overUnderBilling,
    total: (t) => t.overUnderBilling,
  },
  {
    key: 'over_billing',
    label: 'Billings in excess (liability)',
    kind: 'money',
    value: (l) => l.overBilling,
    total: (t) => t.overBilling,
  },
  {
    key: 'under_billing',
    label: 'Costs in excess (asset)',
    kind: 'money',
    value: (l) => l.underBilling,
    total: (t) => t.underBilling,
  },
  {
    key: 'cost_to_complete',
    label: 'Cost to complete',
    kind: 'money',
    value: (l) => l.costToComplete,
    total: (t) => t.costToComplete,
  },
  {
    key: 'revenue_to_be_earned',
    label: 'Revenue to be earned',
    kind: 'money',
    value: (l) => l.revenueToBeEarned,
    total: (t) => t.revenueToBeEarned,
  },
  {
    key: 'gross_profit_to_date',
    label: 'Gross profit to date',
    kind: 'money',
    value: (l) => l.grossProfitToDate,
    total: (t) => t.grossProfitToDate,
  },
  {
    key: 'provision_for_loss',
    label: 'Provision for loss',
    kind: 'money',
    value: (l) => l.provisionForLoss,
    total: (t) => t.provisionForLoss,
  },
  {
    key: 'retainage_receivable',
    label: 'Retainage receivable',
    kind: 'money',
    value: (l) => l.retainageReceivable,
    total: (t) => t.retainageReceivable,
  },
  {
    key: 'fiscal_year_revenue',
    label: 'Revenue, fiscal YTD',
    kind: 'money',
    value: (l) => l.fiscalYear?.revenue ?? null,
    total: (t) => t.fiscalYearRevenue,
  },
  {
    key: 'fiscal_year_cost_of_revenue',
    label: 'Cost of revenue, fiscal YTD',
    kind: 'money',
    value: (l) => l.fiscalYear?.costOfRevenue ?? null,
    total: (t) => t.fiscalYearCostOfRevenue,
  },
  {
    key: 'fiscal_year_gross_profit',
    label: 'Gross profit, fiscal YTD',
    kind: 'money',
    value: (l) => l.fiscalYear?.grossProfit ?? null,
    total: (t) => t.fiscalYearGrossProfit,
  },
  {
    key: 'period_revenue',
    label: 'Revenue, this period',
    kind: 'money',
    value: (l) => l.currentPeriod?.revenue ?? null,
    total: (t) => t.periodRevenue,
  },
  {
    key: 'period_cost_of_revenue',
    label: 'Cost of revenue, this period',
    kind: 'money',
    value: (l) => l.currentPeriod?.costOfRevenue ?? null,
    total: (t) => t.periodCostOfRevenue,
  },
  {
    key: 'period_gross_profit',
    label: 'Gross profit, this period',
    kind: 'money',
    value: (l) => l.currentPeriod?.grossProfit ?? null,
    total: (t) => t.periodGrossProfit,
  },
];

/** Ratios keep ten decimals at the edge so a reader can recompute earned revenue to the cent. */
export const RATIO_DECIMALS = 10;

/** Columns that only mean something when the schedule has the baseline they subtract. */
export function hasBaselineFor(
  key: string,
  s: { fiscalYearBaseline: unknown; periodBaseline: unknown },
): boolean {
  if (key.startsWith('fiscal_year_')) return s.fiscalYearBaseline !== null;
  if (key.startsWith('period_')) return s.periodBaseline !== null;
  return true;
}
