/**
 * Prime contracts, commitments (work order = subcontract, purchase order) with their schedule of values,
 * and change orders (prime and commitment) with their v2 line items.
 */
import type { SourceRecord } from '../../contract.ts';
import type { ListedItem } from '../paginate.ts';
import {
  changeOrderLinePayload,
  changeOrderPayload,
  commitmentPayload,
  contractLinePayload,
  primeContractPayload,
} from '../payloads.ts';
import { mapped, parseItem } from './emit.ts';
import { money, percent } from './fields.ts';
import type { Lookups } from './lookups.ts';
import { changeOrderStatus, contractStatus, purchaseOrderStatus } from './status.ts';

export function mapPrimeContract(listed: ListedItem, jobId: string): SourceRecord {
  const p = parseItem(primeContractPayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  return mapped(p.ref, listed.item, () => ({
    contract_id: d.id,
    linked_id: d.origin_id ?? null,
    job_id: jobId,
    number: d.number ?? null,
    status: contractStatus(d.status),
    // grand_total is the schedule of values (the original sum); approved change orders are separate.
    original_amount: money(d.grand_total ?? d.line_items_total, 'grand_total'),
    executed_date: d.execution_date ?? null,
  }));
}

export function mapCommitment(
  listed: ListedItem,
  jobId: string,
  kind: 'subcontract' | 'purchase_order',
): SourceRecord {
  const p = parseItem(commitmentPayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  return mapped(p.ref, listed.item, () => ({
    commitment_id: d.id,
    linked_id: d.origin_id ?? null,
    job_id: jobId,
    number: d.number ?? null,
    kind,
    vendor_id: d.vendor?.id ?? null,
    status: kind === 'subcontract' ? contractStatus(d.status) : purchaseOrderStatus(d.status),
    original_amount: money(d.grand_total, 'grand_total'),
    approved_changes: money(d.approved_change_orders, 'approved_change_orders'),
    revised_amount: money(d.revised_contract, 'revised_contract'),
    retainage_percent: percent(d.retainage_percent, 'retainage_percent'),
    executed_date: d.execution_date ?? null,
  }));
}

export function mapCommitmentLine(listed: ListedItem, commitmentId: string, lookups: Lookups): SourceRecord {
  const p = parseItem(contractLinePayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  const slot =
    d.cost_code || d.line_item_type
      ? { cost_code: lookups.costCode(d.cost_code), cost_type: lookups.costType(d.line_item_type) }
      : lookups.fromWbs(d.wbs_code);
  const lines = lookups.commitmentLines.get(commitmentId) ?? new Map();
  lookups.commitmentLines.set(commitmentId, lines);
  lines.set(d.id, slot);
  return mapped(p.ref, listed.item, () => ({
    commitment_id: commitmentId,
    line_id: d.id,
    ...slot,
    amount: money(d.amount, 'amount'),
  }));
}

export function mapChangeOrder(
  listed: ListedItem,
  jobId: string,
  kind: 'prime' | 'commitment',
): SourceRecord {
  const p = parseItem(changeOrderPayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  return mapped(p.ref, listed.item, () => {
    const amount = money(d.grand_total, 'grand_total');
    const status = changeOrderStatus(d.status);
    return {
      change_order_id: d.id,
      linked_id: d.origin_id ?? null,
      job_id: jobId,
      number: d.number ?? null,
      kind,
      commitment_id: kind === 'commitment' ? (d.contract_id ?? null) : null,
      status,
      // Procore has no approval date field on change orders; the review instant is when it was approved.
      approved_date: status === 'approved' ? (d.approved_date ?? d.reviewed_at ?? null) : null,
      contract_amount: kind === 'prime' ? amount : null,
      cost_amount: kind === 'commitment' ? amount : null,
      description: d.title ?? null,
    };
  });
}

export function mapChangeOrderLine(
  listed: ListedItem,
  changeOrderId: string,
  lookups: Lookups,
): SourceRecord {
  const p = parseItem(changeOrderLinePayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  const slot = d.wbs_code?.flat_code
    ? lookups.fromWbs(d.wbs_code)
    : { cost_code: lookups.costCode(d.cost_code), cost_type: lookups.costType(d.line_item_type) };
  return mapped(p.ref, listed.item, () => ({
    change_order_id: changeOrderId,
    line_id: d.id,
    ...slot,
    amount: money(d.amount, 'amount'),
  }));
}
