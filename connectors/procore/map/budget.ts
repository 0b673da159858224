/**
 * Budget view detail rows → budget_lines. A budget view's columns are configured per company, so besides the
 * fixed fields (original_budget_amount, budget_modifications, budget_forecast) the values arrive under keys
 * named after the view's columns. Keys are matched after normalising ("Revised Budget" = revised_budget).
 * Forecast to complete is always `budget_forecast.amount`, whatever the column is called in the view
 * (official-docs/tutorials/tutorial_budget_line_items.md).
 */
import type { SourceRecord } from '../../contract.ts';
import type { ListedItem } from '../paginate.ts';
import { budgetDetailRowPayload } from '../payloads.ts';
import { mapped, parseItem } from './emit.ts';
import { columnKey, money } from './fields.ts';
import type { Lookups } from './lookups.ts';

const DYNAMIC: Record<string, string[]> = {
  approved_changes: ['approved_budget_changes', 'approved_changes', 'approved_cos'],
  revised_budget: ['revised_budget'],
  pending_changes: ['pending_budget_changes', 'pending_changes'],
  committed_cost: ['committed_costs', 'committed_cost'],
  estimated_cost_at_completion: ['estimated_cost_at_completion', 'eac'],
};

export function mapBudgetRow(listed: ListedItem, jobId: string, lookups: Lookups): SourceRecord {
  const p = parseItem(budgetDetailRowPayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  const byKey = new Map<string, [string, unknown]>();
  for (const [k, v] of Object.entries(d)) byKey.set(columnKey(k), [k, v]);
  const dynamic = (column: string): string | null => {
    for (const key of DYNAMIC[column]!) {
      const hit = byKey.get(key);
      if (hit) return money(hit[1], hit[0]);
    }
    return null;
  };
  return mapped(p.ref, listed.item, () => ({
    job_id: jobId,
    cost_code: lookups.costCodeById(d.cost_code_id) ?? stripName(d.cost_code),
    cost_type: lookups.costTypeById(d.category_id, d.category),
    original_budget: money(d.original_budget_amount, 'original_budget_amount'),
    // budget_modifications are transfers between lines, not approved changes: never used in their place.
    approved_changes: dynamic('approved_changes'),
    revised_budget: dynamic('revised_budget'),
    pending_changes: dynamic('pending_changes'),
    committed_cost: dynamic('committed_cost'),
    forecast_to_complete: money(d.budget_forecast?.amount, 'budget_forecast.amount'),
    estimated_cost_at_completion: dynamic('estimated_cost_at_completion'),
  }));
}

/** "03-300 - Cast-in-Place Concrete" → "03-300" when the row carries only the display text. */
function stripName(text: string | null | undefined): string | null {
  if (!text) return null;
  return text.split(' - ')[0]!.trim();
}
