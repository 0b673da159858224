/**
 * Sage 300 CRE values → canonical values. Money arrives as the driver's doubles (or, from a replica, as
 * text): each value is read as the shortest decimal that prints it and rounded to cents, once, here; every
 * sum is then done in decimals. Status strings are the published ones; others are read as said below.
 */
import { Dec } from '../canonical/money.ts';
import { sageDate, sageText } from '../sage100c/values.ts';

export { sageDate as s300Date, sageText as s300Text } from '../sage100c/values.ts';

export function s300Money(value: unknown): Dec | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`money arrived as ${value}`);
    return new Dec(String(value)).toDecimalPlaces(2);
  }
  return new Dec(String(value).trim()).toDecimalPlaces(2);
}

export const money = (d: Dec | null): string | null => (d === null ? null : d.toFixed(2));

/** A running sum that stays empty while every value added is empty. */
export function addMoney(sum: Dec | null, value: unknown): Dec | null {
  const v = s300Money(value);
  return v === null ? sum : (sum ?? new Dec(0)).plus(v);
}

/** JCM_MASTER__JOB.Status: 'Unstarted' and 'In Progress' open, 'Closed' closed, 'Complete(d)' completed. */
export function jobStatus(value: unknown): string | null {
  const s = (sageText(value) ?? '').toLowerCase();
  if (s === 'closed') return 'closed';
  if (s.startsWith('complete')) return 'completed';
  return 'open';
}

/** APM_MASTER__INVOICE.Status: 'Fully paid' (or 'Paid') paid; 'Open', 'Partially paid' and others posted. */
export function invoiceStatus(value: unknown): string {
  const s = (sageText(value) ?? '').toLowerCase();
  return s === 'fully paid' || s === 'paid' ? 'paid' : 'posted';
}

/** Commitment_Type: 'Subcontract' or 'Purchase order' (also 'PO'). */
export function commitmentKind(value: unknown): string | null {
  const s = (sageText(value) ?? '').toLowerCase();
  if (s.startsWith('sub')) return 'subcontract';
  if (s.startsWith('purchase') || s === 'po') return 'purchase_order';
  return null;
}

/** Closed: Yes/No, Y/N, True/False or 1/0. */
export function commitmentStatus(closed: unknown): string {
  const s = (sageText(closed) ?? '').toLowerCase();
  return ['yes', 'y', 'true', '1'].includes(s) ? 'complete' : 'approved';
}

/** Transaction_Type → source: 'AP cost', 'PR cost', 'EQ cost' (assumed for equipment), 'JC cost'. */
export function costSource(value: unknown): string {
  const s = (sageText(value) ?? '').toUpperCase();
  if (s.startsWith('AP')) return 'ap';
  if (s.startsWith('PR')) return 'payroll';
  if (s.startsWith('EQ')) return 'equipment';
  return 'journal';
}

/** A percentage as points, trailing zeros dropped ("10", "7.5"). */
export function percent(value: unknown): string | null {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  return new Dec(String(value).trim()).toFixed(4).replace(/\.?0+$/, '');
}

export function dateOf(...values: unknown[]): string | null {
  for (const v of values) {
    const d = sageDate(v);
    if (d) return d;
  }
  return null;
}
