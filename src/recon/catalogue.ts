/**
 * The check catalogue (DESIGN §5): every check id, its severity, whether a money tolerance applies, and what
 * it compares. Each SQL check lives in checks/<id>.sql; source.stale is decided before any SQL runs.
 */
export const CHECK_IDS = [
  'source.stale',
  'job.unlinked',
  'job.duplicate',
  'costcode.unmapped',
  'vendor.unlinked',
  'budget.mismatch',
  'changeorder.missing',
  'changeorder.mismatch',
  'changeorder.budget_not_updated',
  'commitment.missing',
  'commitment.mismatch',
  'invoice.missing',
  'invoice.mismatch',
  'invoice.duplicate',
  'retainage.mismatch',
  'jobcost.mismatch',
  'approval.no_approver',
  'approval.stale',
  'forecast.overrun',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface CheckSpec {
  id: CheckId;
  severity: Severity;
  /** True when the check compares amounts and the company's tolerance decides what is a difference. */
  usesTolerance: boolean;
  /** One line for people: what the check compares. */
  compares: string;
}

const spec = (id: CheckId, severity: Severity, usesTolerance: boolean, compares: string): CheckSpec => ({
  id,
  severity,
  usesTolerance,
  compares,
});

export const CHECKS: readonly CheckSpec[] = [
  spec('source.stale', 'critical', false, 'a side failed, is missing, or is older than its schedule allows'),
  spec('job.unlinked', 'warning', false, 'open jobs on one side only'),
  spec(
    'job.duplicate',
    'critical',
    false,
    'jobs that look like the same job on both sides but are not linked',
  ),
  spec('costcode.unmapped', 'warning', false, 'cost codes used on one side that map to nothing on the other'),
  spec('vendor.unlinked', 'warning', false, 'vendors on commitments or invoices without an ERP vendor id'),
  spec('budget.mismatch', 'warning', true, 'revised budget per job × cost code × cost type'),
  spec('changeorder.missing', 'critical', false, 'approved change orders on one side only'),
  spec('changeorder.mismatch', 'critical', true, 'amounts of approved change orders present on both sides'),
  spec(
    'changeorder.budget_not_updated',
    'warning',
    true,
    'ERP budget approved changes vs the ERP’s own approved change orders',
  ),
  spec('commitment.missing', 'critical', false, 'approved subcontracts and purchase orders on one side only'),
  spec(
    'commitment.mismatch',
    'critical',
    true,
    'revised commitment amounts, per line where both sides have lines',
  ),
  spec('invoice.missing', 'critical', false, 'approved subcontractor invoices vs posted AP invoices'),
  spec('invoice.mismatch', 'critical', true, 'gross amounts of invoices present on both sides'),
  spec('invoice.duplicate', 'critical', false, 'the same vendor invoice entered twice on one side'),
  spec('retainage.mismatch', 'warning', true, 'retainage held per commitment and per vendor'),
  spec('jobcost.mismatch', 'critical', true, 'job-to-date cost per job × cost code × cost type'),
  spec('approval.no_approver', 'warning', false, 'items waiting with no accounting approver assigned'),
  spec('approval.stale', 'warning', false, 'items waiting for an approver longer than the company allows'),
  spec('forecast.overrun', 'warning', true, 'estimated cost at completion above revised budget'),
];

export function checkSpec(id: CheckId): CheckSpec {
  const found = CHECKS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown check ${id}`);
  return found;
}

export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}
