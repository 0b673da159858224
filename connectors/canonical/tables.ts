/**
 * The canonical model: the contract between every connector and the rest of tieout.
 *
 * Each table is declared once here as a list of columns. The zod schemas (schemas.ts), the DuckDB DDL
 * (ddl.ts), the canonical CSV format of connectors/files and the README's format reference are all derived
 * from these declarations, so they cannot drift apart.
 */

export const SIDES = ['pm', 'erp'] as const;
export type Side = (typeof SIDES)[number];

export const JOB_STATUSES = ['open', 'completed', 'closed'] as const;
export const CHANGE_ORDER_KINDS = ['prime', 'commitment', 'budget'] as const;
export const CHANGE_ORDER_STATUSES = ['approved', 'pending', 'rejected', 'void'] as const;
export const COMMITMENT_KINDS = ['subcontract', 'purchase_order'] as const;
export const COMMITMENT_STATUSES = ['draft', 'pending', 'approved', 'complete', 'void'] as const;
export const PAYABLE_STATUSES = ['pending', 'approved', 'posted', 'paid', 'void'] as const;
export const COST_SOURCES = ['ap', 'payroll', 'equipment', 'journal', 'direct'] as const;
export const COST_STATUSES = ['pending', 'approved', 'posted', 'void'] as const;
export const BILLING_STATUSES = ['draft', 'pending', 'approved', 'posted', 'paid', 'void'] as const;
export const VENDOR_STATUSES = ['active', 'inactive'] as const;
export const SYNC_ITEM_TYPES = [
  'job',
  'vendor',
  'cost_code',
  'budget',
  'commitment',
  'change_order',
  'invoice',
  'billing',
  'other',
] as const;
export const SYNC_STATUSES = ['waiting', 'accepted', 'rejected', 'failed'] as const;
export const PRIME_CONTRACT_STATUSES = ['draft', 'pending', 'approved', 'complete', 'void'] as const;

/**
 * What a GL account holds. The first four are what the WIP ties out to; the balance-sheet roles after them feed
 * the bonding view's working capital and equity. A company maps its chart of accounts onto these per account in
 * its ERP connector's `glAccounts`; an account it does not map is not read.
 */
export const GL_MAPPED_ROLES = [
  'under_billings',
  'over_billings',
  'retainage_receivable',
  'retainage_payable',
  'cash',
  'accounts_receivable',
  'other_current_assets',
  'accounts_payable',
  'line_of_credit',
  'other_current_liabilities',
  'equity',
] as const;
export type GlRole = (typeof GL_MAPPED_ROLES)[number];
export const GL_ROLES = [...GL_MAPPED_ROLES, 'other'] as const;

/** The five standard cost types; any other short code is a custom cost type (e.g. Sage types 6–9). */
export const STANDARD_COST_TYPES = ['labor', 'material', 'equipment', 'subcontract', 'other'] as const;

export type ColumnKind =
  | { type: 'id' } // a record id: string, never a number
  | { type: 'text'; maxLength?: number }
  | { type: 'code' } // a cost code or cost type: trimmed text without line breaks
  | { type: 'money' } // DECIMAL(18,2), decimal string at the edges
  | { type: 'percent' } // DECIMAL(9,4) percentage points: "10" means 10 %
  | { type: 'date' } // YYYY-MM-DD
  | { type: 'enum'; values: readonly string[] };

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** Required columns must be present and non-empty on every row. */
  required: boolean;
  description: string;
}

export interface TableSpec {
  name: string;
  description: string;
  /** Columns that identify a row within one side (used for duplicate detection). */
  key: readonly string[];
  columns: readonly ColumnSpec[];
}

const id = (name: string, description: string, required = false): ColumnSpec => ({
  name,
  kind: { type: 'id' },
  required,
  description,
});
const text = (name: string, description: string, required = false): ColumnSpec => ({
  name,
  kind: { type: 'text' },
  required,
  description,
});
const code = (name: string, description: string, required = false): ColumnSpec => ({
  name,
  kind: { type: 'code' },
  required,
  description,
});
const money = (name: string, description: string, required = false): ColumnSpec => ({
  name,
  kind: { type: 'money' },
  required,
  description,
});
const date = (name: string, description: string, required = false): ColumnSpec => ({
  name,
  kind: { type: 'date' },
  required,
  description,
});
const oneOf = (
  name: string,
  values: readonly string[],
  description: string,
  required = true,
): ColumnSpec => ({
  name,
  kind: { type: 'enum', values },
  required,
  description,
});

const linkedId = id(
  'linked_id',
  "The other side's id for the same record when this system knows it; blank when unknown.",
);

export const TABLES = {
  jobs: {
    name: 'jobs',
    description: 'Jobs (Procore projects, ERP jobs).',
    key: ['job_id'],
    columns: [
      id('job_id', 'This system’s id of the job.', true),
      linkedId,
      code('number', 'Job number as people write it, e.g. 2024-017.', true),
      text('name', 'Job name.', true),
      oneOf('status', JOB_STATUSES, 'open, completed (work done, not yet closed out) or closed.'),
      date('start_date', 'Start (or contract) date.'),
      date('completion_date', 'Actual completion date; blank while open.'),
    ],
  },
  cost_codes: {
    name: 'cost_codes',
    description: 'Cost codes, company-wide (blank job_id) or per job.',
    key: ['job_id', 'code'],
    columns: [
      id('job_id', 'Job the code belongs to; blank for the company-wide list.'),
      code('code', 'Cost code, e.g. 03-300 or 3300.', true),
      linkedId,
      text('description', 'What the code is for.'),
    ],
  },
  vendors: {
    name: 'vendors',
    description: 'Vendors and subcontractors.',
    key: ['vendor_id'],
    columns: [
      id('vendor_id', 'This system’s id of the vendor.', true),
      linkedId,
      text('name', 'Vendor name.', true),
      oneOf('status', VENDOR_STATUSES, 'active or inactive.', false),
    ],
  },
  budget_lines: {
    name: 'budget_lines',
    description: 'Budget per job × cost code × cost type. Columns a system lacks stay blank.',
    key: ['job_id', 'cost_code', 'cost_type'],
    columns: [
      id('job_id', 'Job.', true),
      code('cost_code', 'Cost code.', true),
      code('cost_type', 'labor, material, equipment, subcontract, other, or a custom code.', true),
      money('original_budget', 'Original budget.'),
      money('approved_changes', 'Approved budget changes.'),
      money('revised_budget', 'Original budget plus approved changes.'),
      money('pending_changes', 'Budget changes not yet approved.'),
      money('committed_cost', 'Approved commitments on this line.'),
      money('forecast_to_complete', 'PM forecast of the cost still to come.'),
      money('estimated_cost_at_completion', 'Estimated total cost at completion (EAC).'),
    ],
  },
  prime_contracts: {
    name: 'prime_contracts',
    description: 'Owner (prime) contracts.',
    key: ['contract_id'],
    columns: [
      id('contract_id', 'This system’s id of the contract.', true),
      linkedId,
      id('job_id', 'Job.', true),
      code('number', 'Contract number.'),
      oneOf('status', PRIME_CONTRACT_STATUSES, 'draft, pending, approved, complete or void.'),
      money('original_amount', 'Original contract amount, excluding sales tax.', true),
      date('executed_date', 'Date the contract was signed.'),
    ],
  },
  change_orders: {
    name: 'change_orders',
    description: 'Change orders: prime (revenue), commitment (subcontract/PO) and budget-only.',
    key: ['change_order_id'],
    columns: [
      id('change_order_id', 'This system’s id of the change order.', true),
      linkedId,
      id('job_id', 'Job.', true),
      code('number', 'Change order number, e.g. PCCO-014.', true),
      oneOf('kind', CHANGE_ORDER_KINDS, 'prime, commitment or budget.'),
      id('commitment_id', 'For commitment change orders: the commitment changed.'),
      oneOf('status', CHANGE_ORDER_STATUSES, 'approved, pending, rejected or void.'),
      date('approved_date', 'Date approved (blank unless approved).'),
      money('contract_amount', 'Change to the prime contract (revenue); blank or 0 for cost-only changes.'),
      money('cost_amount', 'Change to budget or commitment cost.'),
      text('description', 'What changed.'),
    ],
  },
  change_order_lines: {
    name: 'change_order_lines',
    description: 'Change order lines by cost code × cost type.',
    key: ['change_order_id', 'line_id'],
    columns: [
      id('change_order_id', 'Change order.', true),
      id('line_id', 'Line id (or line number) within the change order.', true),
      code('cost_code', 'Cost code.'),
      code('cost_type', 'Cost type.'),
      money('amount', 'Amount of the line.', true),
    ],
  },
  commitments: {
    name: 'commitments',
    description: 'Subcontracts and purchase orders.',
    key: ['commitment_id'],
    columns: [
      id('commitment_id', 'This system’s id of the commitment.', true),
      linkedId,
      id('job_id', 'Job.', true),
      code('number', 'Commitment number, e.g. SC-003.', true),
      oneOf('kind', COMMITMENT_KINDS, 'subcontract or purchase_order.'),
      id('vendor_id', 'Vendor.'),
      oneOf('status', COMMITMENT_STATUSES, 'draft, pending, approved, complete or void.'),
      money('original_amount', 'Original amount.', true),
      money('approved_changes', 'Approved change orders.'),
      money('revised_amount', 'Original plus approved changes.'),
      {
        name: 'retainage_percent',
        kind: { type: 'percent' },
        required: false,
        description: 'Retainage rate in percentage points (10 = 10 %).',
      },
      date('executed_date', 'Date signed.'),
    ],
  },
  commitment_lines: {
    name: 'commitment_lines',
    description: 'Commitment schedule of values by cost code × cost type.',
    key: ['commitment_id', 'line_id'],
    columns: [
      id('commitment_id', 'Commitment.', true),
      id('line_id', 'Line id (or line number) within the commitment.', true),
      code('cost_code', 'Cost code.'),
      code('cost_type', 'Cost type.'),
      money('amount', 'Amount of the line, including approved changes.', true),
    ],
  },
  payables: {
    name: 'payables',
    description: 'Subcontractor and vendor invoices (Procore requisitions, ERP AP invoices).',
    key: ['invoice_id'],
    columns: [
      id('invoice_id', 'This system’s id of the invoice.', true),
      linkedId,
      id('job_id', 'Job.', true),
      code('number', 'Invoice number.', true),
      id('vendor_id', 'Vendor.'),
      id('commitment_id', 'Commitment billed against, if any.'),
      date('invoice_date', 'Invoice date.'),
      date('period_end', 'End of the billing period.'),
      oneOf('status', PAYABLE_STATUSES, 'pending, approved, posted, paid or void.'),
      money('gross_amount', 'Work billed this invoice before retainage.', true),
      money('retainage_held', 'Retainage withheld on this invoice.'),
      money('retainage_released', 'Retainage released (paid out) on this invoice.'),
      money('net_amount', 'Amount payable now.'),
    ],
  },
  payable_lines: {
    name: 'payable_lines',
    description: 'Invoice lines by cost code × cost type (optional).',
    key: ['invoice_id', 'line_id'],
    columns: [
      id('invoice_id', 'Invoice.', true),
      id('line_id', 'Line id (or line number) within the invoice.', true),
      code('cost_code', 'Cost code.'),
      code('cost_type', 'Cost type.'),
      money('amount', 'Amount of the line before retainage.', true),
      money('retainage_held', 'Retainage withheld on the line.'),
    ],
  },
  cost_transactions: {
    name: 'cost_transactions',
    description: 'Job cost: every cost posted (ERP) or recorded (PM direct costs).',
    key: ['transaction_id'],
    columns: [
      id('transaction_id', 'This system’s id of the transaction.', true),
      id('job_id', 'Job.', true),
      date('date', 'Cost date (posting date).', true),
      code('cost_code', 'Cost code.', true),
      code('cost_type', 'Cost type.', true),
      money('amount', 'Amount; negative for credits and reversals.', true),
      oneOf('source', COST_SOURCES, 'ap, payroll, equipment, journal or direct.', false),
      id('vendor_id', 'Vendor, for AP costs.'),
      id('invoice_id', 'Invoice, for AP costs.'),
      id('reverses_id', 'For a reversal: the transaction it reverses (when the system records it).'),
      oneOf('status', COST_STATUSES, 'pending, approved, posted or void; approved and posted count as cost.'),
      text('description', 'Memo.'),
    ],
  },
  billings: {
    name: 'billings',
    description: 'Owner billings (pay applications, AR contract invoices), excluding sales tax.',
    key: ['billing_id'],
    columns: [
      id('billing_id', 'This system’s id of the billing.', true),
      linkedId,
      id('job_id', 'Job.', true),
      code('number', 'Pay application or invoice number.', true),
      date('period_end', 'End of the billing period.', true),
      money('billed_amount', 'Amount billed this period, excluding sales tax, before retainage.', true),
      money(
        'retainage_held',
        'Retainage the owner held on this billing (this billing’s amount, not a running total).',
      ),
      money(
        'retainage_released',
        'Retainage the owner released (billed back) on this billing, this billing’s amount like retainage_held; empty when the system does not say. Retainage receivable as of a date = retainage held less released on billings up to that date.',
      ),
      oneOf('status', BILLING_STATUSES, 'draft, pending, approved, posted, paid or void.'),
    ],
  },
  sync_queue: {
    name: 'sync_queue',
    description:
      'Items waiting between the two systems (Procore ERP-integration requests): what was sent, its state and its accounting approver.',
    key: ['item_id'],
    columns: [
      id('item_id', 'Id of the queue item (the ERP request).', true),
      id('job_id', 'Job, when the item belongs to one.'),
      oneOf(
        'item_type',
        SYNC_ITEM_TYPES,
        'job, vendor, cost_code, budget, commitment, change_order, invoice, billing or other.',
      ),
      id('record_id', 'Id of the record waiting (commitment, invoice…) on this side.'),
      code('item_number', 'Number people know the record by.'),
      date('submitted_date', 'Date it was sent for acceptance.', true),
      oneOf('status', SYNC_STATUSES, 'waiting, accepted, rejected or failed.'),
      text('approver', 'Accounting approver assigned; blank when nobody is.'),
      text('message', 'Last message from the integration (e.g. why an export failed).'),
    ],
  },
  gl_balances: {
    name: 'gl_balances',
    description:
      'General-ledger balances (ERP side) by account role: the contract assets and liabilities the WIP ties to, and the current assets, current liabilities and equity of the bonding view.',
    key: ['account', 'as_of'],
    columns: [
      code('account', 'GL account number.', true),
      oneOf(
        'role',
        GL_ROLES,
        'What the account holds: under_billings (costs in excess of billings), over_billings, retainage_receivable, retainage_payable; for the bonding view cash, accounts_receivable, other_current_assets, accounts_payable, line_of_credit, other_current_liabilities, equity; other.',
      ),
      date('as_of', 'Balance as of this date (a period end).', true),
      money('balance', 'Balance, debit positive.', true),
    ],
  },
  reported_job_totals: {
    name: 'reported_job_totals',
    description:
      'Totals the system’s own job report gives per job (QuickBooks Desktop: Job Estimates vs Actuals Summary), kept beside the detail so tieout’s reading of the detail can be checked against the system’s arithmetic (source.report_mismatch).',
    key: ['report', 'job_id'],
    columns: [
      code('report', 'Which report, e.g. job_estimates_vs_actuals.', true),
      id('job_id', 'Job (a sub-job’s row counts in its job).', true),
      date('as_of', 'Date the report was run for.', true),
      money('cost_to_date', 'Actual job cost the report shows.'),
      money('estimated_cost', 'Estimated cost the report shows.'),
      money('revenue_to_date', 'Actual revenue (billed) the report shows.'),
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type CanonicalTableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as CanonicalTableName[];

export function tableSpec(name: CanonicalTableName): TableSpec {
  return TABLES[name];
}

export function isCanonicalTable(name: string): name is CanonicalTableName {
  return Object.hasOwn(TABLES, name);
}
