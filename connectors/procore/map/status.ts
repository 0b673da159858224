/**
 * Procore statuses → canonical statuses. Values come from the enums in openapi-derived/FIELDS-key-endpoints.md;
 * a status not listed there is refused (quarantined) rather than guessed.
 */
import { FieldError } from './fields.ts';

const CONTRACT: Record<string, string> = {
  draft: 'draft',
  'out for bid': 'pending',
  'out for signature': 'pending',
  approved: 'approved',
  complete: 'complete',
  terminated: 'void',
  void: 'void',
};

const PURCHASE_ORDER: Record<string, string> = {
  draft: 'draft',
  processing: 'pending',
  submitted: 'pending',
  'partially received': 'approved',
  received: 'approved',
  approved: 'approved',
  closed: 'complete',
};

const CHANGE_ORDER: Record<string, string> = {
  draft: 'pending',
  not_pricing: 'pending',
  pricing: 'pending',
  pending: 'pending',
  revised: 'pending',
  proceeding: 'pending',
  under_review: 'pending',
  pending_in_review: 'pending',
  pending_not_proceeding: 'pending',
  pending_proceeding: 'pending',
  pending_pricing: 'pending',
  pending_revised: 'pending',
  approved: 'approved',
  no_charge: 'approved',
  not_proceeding: 'rejected',
  rejected: 'rejected',
  void: 'void',
};

const REQUISITION: Record<string, string> = {
  draft: 'pending',
  under_review: 'pending',
  revise_and_resubmit: 'pending',
  pending_owner_approval: 'pending',
  approved: 'approved',
  approved_as_noted: 'approved',
};

const OWNER_INVOICE: Record<string, string> = {
  draft: 'draft',
  under_review: 'pending',
  revise_and_resubmit: 'pending',
  approved: 'approved',
};

const DIRECT_COST: Record<string, string> = {
  draft: 'pending',
  pending: 'pending',
  revise_and_resubmit: 'pending',
  approved: 'approved',
};

function lookup(map: Record<string, string>, value: unknown, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const key = String(value).trim().toLowerCase();
  const hit = map[key] ?? map[key.replace(/ /g, '_')];
  if (!hit) throw new FieldError(field, value, `unknown status; known: ${Object.keys(map).join(', ')}`);
  return hit;
}

export const contractStatus = (v: unknown) => lookup(CONTRACT, v, 'status');
export const purchaseOrderStatus = (v: unknown) => lookup(PURCHASE_ORDER, v, 'status');
export const changeOrderStatus = (v: unknown) => lookup(CHANGE_ORDER, v, 'status');
export const requisitionStatus = (v: unknown) => lookup(REQUISITION, v, 'status');
export const ownerInvoiceStatus = (v: unknown) => lookup(OWNER_INVOICE, v, 'status');
export const directCostStatus = (v: unknown) => lookup(DIRECT_COST, v, 'status');

/** Procore has no project status field; `active` and the project stage say it. */
export function projectStatus(active: boolean | null | undefined, stage: string | null | undefined): string {
  if (active === false) return 'closed';
  const s = (stage ?? '').toLowerCase();
  if (/post[- ]?construction|closeout|warranty|complete/.test(s)) return 'completed';
  return 'open';
}
