/**
 * Which rows make each figure of the WIP and of the job cost report: a column is a signed sum of measures of
 * the rows the report itself sums (ledger_wip_rows, job_cost_figures), or a formula over other columns. The
 * drill-down lists those rows; the report's figure is their sum (held to each other in test/reports).
 */
import type { EacSource } from '../wip/types.ts';

export interface SummedColumn {
  kind: 'rows';
  /** measure → sign (+1 adds the rows, −1 takes them off). */
  measures: Record<string, 1 | -1>;
}
export interface DerivedColumn {
  kind: 'derived';
  formula: string;
  /** The columns the formula reads, each with its own drill-down. */
  inputs: string[];
}
export type LineageColumn = SummedColumn | DerivedColumn;

const rows = (...measures: string[]): SummedColumn => ({
  kind: 'rows',
  measures: Object.fromEntries(measures.map((m) => [m, 1])),
});
const derived = (formula: string, ...inputs: string[]): DerivedColumn => ({
  kind: 'derived',
  formula,
  inputs,
});

/** The WIP's columns (keys as in its JSON). estimated_total_cost depends on where the job's estimate came from. */
export function wipLineageColumn(column: string, eacSource: EacSource): LineageColumn | undefined {
  if (column === 'estimated_total_cost') {
    if (eacSource === 'pm') return rows('pm_estimate');
    if (eacSource === 'erp') return rows('erp_revised_budget');
    if (eacSource === 'final_cost') return rows('cost_to_date');
    return derived(
      eacSource === 'override' ? 'a controller override for the period' : 'no estimate',
      'cost_to_date',
    );
  }
  return WIP_COLUMNS_LINEAGE[column];
}

const WIP_COLUMNS_LINEAGE: Record<string, LineageColumn> = {
  original_contract: rows('original_contract'),
  approved_change_orders: rows('approved_change_orders'),
  contract_amount: rows('original_contract', 'approved_change_orders'),
  pending_change_orders: rows('pending_change_orders'),
  cost_to_date: rows('cost_to_date'),
  billed_to_date: rows('billed_to_date'),
  retainage_receivable: rows('retainage_receivable'),
  estimated_gross_profit: derived(
    'revised contract − estimated total cost',
    'contract_amount',
    'estimated_total_cost',
  ),
  estimated_gross_profit_percent: derived(
    'estimated gross profit ÷ revised contract',
    'contract_amount',
    'estimated_total_cost',
  ),
  uninstalled_materials: derived('a controller override for the period (0 without one)'),
  percent_complete: derived(
    '(cost to date − uninstalled materials) ÷ estimated total cost',
    'cost_to_date',
    'estimated_total_cost',
  ),
  earned_revenue: derived(
    'percent complete × revised contract',
    'contract_amount',
    'cost_to_date',
    'estimated_total_cost',
  ),
  over_under_billing: derived(
    'billed to date − earned revenue',
    'billed_to_date',
    'contract_amount',
    'cost_to_date',
    'estimated_total_cost',
  ),
  over_billing: derived(
    'over/under billing when above zero',
    'billed_to_date',
    'contract_amount',
    'cost_to_date',
    'estimated_total_cost',
  ),
  under_billing: derived(
    '−over/under billing when below zero',
    'billed_to_date',
    'contract_amount',
    'cost_to_date',
    'estimated_total_cost',
  ),
  cost_to_complete: derived('estimated total cost − cost to date', 'estimated_total_cost', 'cost_to_date'),
  revenue_to_be_earned: derived(
    'revised contract − earned revenue',
    'contract_amount',
    'cost_to_date',
    'estimated_total_cost',
  ),
  gross_profit_to_date: derived(
    'earned revenue − cost of revenue',
    'contract_amount',
    'cost_to_date',
    'estimated_total_cost',
  ),
  provision_for_loss: derived(
    'the estimated loss not yet recognised',
    'contract_amount',
    'estimated_total_cost',
    'cost_to_date',
  ),
  fiscal_year_revenue: derived(
    'earned revenue − earned revenue at the prior fiscal year end',
    'contract_amount',
  ),
  fiscal_year_cost_of_revenue: derived('cost of revenue − at the prior fiscal year end', 'cost_to_date'),
  fiscal_year_gross_profit: derived('fiscal-year revenue − fiscal-year cost of revenue', 'contract_amount'),
  period_revenue: derived('earned revenue − earned revenue at the last closed period', 'contract_amount'),
  period_cost_of_revenue: derived('cost of revenue − at the last closed period', 'cost_to_date'),
  period_gross_profit: derived('period revenue − period cost of revenue', 'contract_amount'),
};

/** Every WIP column with a drill-down (the money and ratio columns of the schedule). */
export const WIP_LINEAGE_KEYS = [
  ...Object.keys(WIP_COLUMNS_LINEAGE).slice(0, 7),
  'estimated_total_cost',
  ...Object.keys(WIP_COLUMNS_LINEAGE).slice(7),
];

/** The job cost report's columns (keys as in its JSON), over job_cost_figures' measures. */
export const JOB_COST_LINEAGE: Record<string, LineageColumn> = {
  original_budget: rows('original_budget'),
  approved_changes: rows('approved_changes'),
  revised_budget: rows('revised_budget'),
  pending_changes: rows('pending_changes'),
  projected_budget: rows('revised_budget', 'pending_changes'),
  committed_cost: rows('committed_cost'),
  direct_cost: rows('direct_cost'),
  job_to_date_cost: rows('approved_direct_cost', 'subcontractor_invoices'),
  pending_cost_changes: rows('pending_cost_changes'),
  projected_cost: rows('committed_cost', 'direct_cost', 'pending_cost_changes'),
  forecast_to_complete: derived(
    "the PM's forecast on each line, else projected budget − projected cost (not below 0)",
    'projected_budget',
    'projected_cost',
  ),
  estimated_cost_at_completion: derived(
    "the PM's estimate when every budget line of the line has one, else projected cost + forecast to complete",
    'projected_cost',
    'forecast_to_complete',
  ),
  projected_over_under: derived(
    'projected budget − estimated cost at completion',
    'projected_budget',
    'estimated_cost_at_completion',
  ),
  erp_posted_cost: rows('erp_posted_cost'),
  variance: {
    kind: 'rows',
    measures: { approved_direct_cost: 1, subcontractor_invoices: 1, erp_posted_cost: -1 },
  },
};
