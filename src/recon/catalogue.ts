/**
 * The check catalogue (DESIGN §5): every check id, its severity, whether a money tolerance applies, what it
 * compares, and which canonical tables each side must export for its findings to be honest. Each SQL check
 * lives in checks/<id>.sql; source.stale is decided before any SQL runs.
 */
import type { CanonicalTableName, Side } from '../../connectors/canonical/tables.ts';

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
  'source.report_mismatch',
  'forecast.below_committed',
  'forecast.trend',
  'fade.period',
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
  /**
   * Tables each side must export for the check to mean anything: a table a side does not export (company
   * setting `tablesNotExported`) would read as "no records" and make false findings, so the check is skipped
   * and the run says so.
   */
  needs: Readonly<Record<Side, readonly CanonicalTableName[]>>;
  /** `sql`: checks/<id>.sql over the snapshot; `wip`: computed from the WIP and the closed periods (wip-checks/). */
  runs: 'sql' | 'wip';
  /** The tolerance when the company names none for this check (else the company's default applies). */
  defaultTolerance?: { absolute: string; relative: string };
}

type Needs = CheckSpec['needs'];
const both = (...tables: CanonicalTableName[]): Needs => ({ pm: tables, erp: tables });
const NONE: Needs = { pm: [], erp: [] };

const spec = (
  id: CheckId,
  severity: Severity,
  usesTolerance: boolean,
  compares: string,
  needs: Needs = NONE,
): CheckSpec => ({ id, severity, usesTolerance, compares, needs, runs: 'sql' });

export const CHECKS: readonly CheckSpec[] = [
  spec('source.stale', 'critical', false, 'a side failed, is missing, or is older than its schedule allows'),
  spec('job.unlinked', 'warning', false, 'open jobs on one side only', both('jobs')),
  spec(
    'job.duplicate',
    'critical',
    false,
    'jobs that look like the same job on both sides but are not linked',
    both('jobs'),
  ),
  spec('costcode.unmapped', 'warning', false, 'cost codes used on one side that map to nothing on the other'),
  spec(
    'vendor.unlinked',
    'warning',
    false,
    'vendors on commitments or invoices without an ERP vendor id',
    both('vendors'),
  ),
  spec(
    'budget.mismatch',
    'warning',
    true,
    'revised budget per job × cost code × cost type',
    both('budget_lines'),
  ),
  spec(
    'changeorder.missing',
    'critical',
    false,
    'approved change orders on one side only',
    both('change_orders'),
  ),
  spec(
    'changeorder.mismatch',
    'critical',
    true,
    'amounts of approved change orders present on both sides',
    both('change_orders'),
  ),
  spec(
    'changeorder.budget_not_updated',
    'warning',
    true,
    'ERP budget approved changes vs the ERP’s own approved change orders',
    { pm: [], erp: ['change_orders', 'budget_lines'] },
  ),
  spec(
    'commitment.missing',
    'critical',
    false,
    'approved subcontracts and purchase orders on one side only',
    both('commitments'),
  ),
  spec(
    'commitment.mismatch',
    'critical',
    true,
    'revised commitment amounts, per line where both sides have lines',
    both('commitments'),
  ),
  spec(
    'invoice.missing',
    'critical',
    false,
    'approved subcontractor invoices vs posted AP invoices',
    both('payables'),
  ),
  spec(
    'invoice.mismatch',
    'critical',
    true,
    'gross amounts of invoices present on both sides',
    both('payables'),
  ),
  spec('invoice.duplicate', 'critical', false, 'the same vendor invoice entered twice on one side'),
  spec(
    'retainage.mismatch',
    'warning',
    true,
    'retainage held per commitment and per vendor',
    both('payables'),
  ),
  spec('jobcost.mismatch', 'critical', true, 'job-to-date cost per job × cost code × cost type', {
    pm: ['cost_transactions', 'payables'],
    erp: ['cost_transactions'],
  }),
  spec('approval.no_approver', 'warning', false, 'items waiting with no accounting approver assigned', {
    pm: ['sync_queue'],
    erp: [],
  }),
  spec('approval.stale', 'warning', false, 'items waiting for an approver longer than the company allows', {
    pm: ['sync_queue'],
    erp: [],
  }),
  spec('forecast.overrun', 'warning', true, 'estimated cost at completion above revised budget'),
  // Needs nothing: it compares only where the books delivered their own job report (a system without one, or
  // a folder without reported_job_totals.csv, is simply not compared, and no file is asked for).
  spec(
    'source.report_mismatch',
    'critical',
    true,
    'the books’ own job report (cost to date per job) vs the ERP posted job cost tieout reads from the detail',
  ),
  {
    ...spec(
      'forecast.below_committed',
      'warning',
      true,
      'WIP estimate at completion below committed cost plus the cost to date outside commitments',
      { pm: [], erp: ['commitments', 'payables'] },
    ),
    runs: 'wip',
  },
  {
    ...spec(
      'forecast.trend',
      'warning',
      true,
      'cost per percent of progress over the last closed periods projects past the WIP estimate',
    ),
    runs: 'wip',
    defaultTolerance: { absolute: '1.00', relative: '0.02' },
  },
  {
    ...spec(
      'fade.period',
      'warning',
      true,
      'estimated gross profit fell by the threshold since the last closed period',
    ),
    runs: 'wip',
    // 10 % of the estimated gross profit: the fade a bonding agent calls about (lvb.com; cpa-connecticut.com).
    defaultTolerance: { absolute: '1.00', relative: '0.10' },
  },
];

export function checkSpec(id: CheckId): CheckSpec {
  const found = CHECKS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown check ${id}`);
  return found;
}

export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}

/** Tables the WIP schedule reads from the books besides what the checks compare (billed to date, the GL tie-out). */
const WIP_NEEDS: Needs = { pm: [], erp: ['billings', 'gl_balances'] };

/**
 * The canonical tables tieout expects a side to deliver: what the checks compare there and what the WIP reads.
 * A folder without one of these files is read as "no records", so the run names the files it lacked.
 */
export function expectedTables(side: Side): CanonicalTableName[] {
  const out = new Set<CanonicalTableName>();
  for (const c of CHECKS) for (const t of c.needs[side]) out.add(t);
  for (const t of WIP_NEEDS[side]) out.add(t);
  return [...out].sort();
}

export interface SkippedCheck {
  check: CheckId;
  /** For people: "the ERP side does not export payables". */
  reason: string;
  /** side → the tables it does not export that the check needs. */
  notExported: Partial<Record<Side, CanonicalTableName[]>>;
}

const SIDE_LABEL: Record<Side, string> = { pm: 'project-management', erp: 'accounting (ERP)' };

/** The checks a company's `tablesNotExported` setting rules out, each with the reason. */
export function skippedChecks(
  notExported: Partial<Record<Side, readonly CanonicalTableName[]>> | undefined,
): SkippedCheck[] {
  const out: SkippedCheck[] = [];
  for (const c of CHECKS) {
    const lacking: SkippedCheck['notExported'] = {};
    const parts: string[] = [];
    for (const side of ['pm', 'erp'] as const) {
      const tables = c.needs[side].filter((t) => notExported?.[side]?.includes(t));
      if (tables.length === 0) continue;
      lacking[side] = tables;
      parts.push(`the ${SIDE_LABEL[side]} side does not export ${tables.join(', ')}`);
    }
    if (parts.length > 0) out.push({ check: c.id, reason: parts.join('; '), notExported: lacking });
  }
  return out;
}
