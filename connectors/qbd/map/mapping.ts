/**
 * How a company's QuickBooks file is read into canonical rows: the choices QuickBooks leaves to each contractor
 * (where the job number is, whether classes are cost types, which vendors are subcontractors, where retainage
 * is posted). The connector's config fills these; the sandbox company uses the contractor conventions it
 * renders (render-lists.ts).
 */
import type { GlRole } from '../../canonical/tables.ts';
export interface QbdMapping {
  /** `name-prefix`: the job number leads the job's name ("2026-015 Eastgate…"); `name`: the name is the number. */
  jobNumber: 'name-prefix' | 'name';
  /** Custom field (DataExt, OwnerID 0) on jobs and vendors holding the other system's id, if any. */
  linkedIdField?: string;
  /** `class`: a line's class is its cost type; `none`: QuickBooks has no cost types, every line is `other`. */
  costTypes: 'class' | 'none';
  /** Class full name → cost type when a class is not named after one (Labor → labor otherwise). */
  classCostTypes: Record<string, string>;
  /** Where retainage is posted: items (invoices, bills) and accounts (bill expense lines), by full name. */
  retainage: { items: string[]; accounts: string[] };
  /** Purchase orders to these vendor types or vendors are subcontracts; the rest purchase orders. */
  subcontracts: { vendorTypes: string[]; vendors: string[] };
  /** Cost sources: checks to these payees and journal lines on these accounts are payroll, etc. */
  sources: { payrollPayees: string[]; payrollAccounts: string[]; equipmentAccounts: string[] };
  /** GL accounts (number or full name) by the role the WIP ties them to. */
  glAccounts?: Partial<Record<GlRole, string[]>>;
}

export const DEFAULT_MAPPING: QbdMapping = {
  jobNumber: 'name-prefix',
  costTypes: 'none',
  classCostTypes: {},
  retainage: { items: ['Retainage'], accounts: ['Retainage Payable', 'Retainage Receivable'] },
  subcontracts: { vendorTypes: ['Subcontractor', 'Subcontractors'], vendors: [] },
  sources: { payrollPayees: [], payrollAccounts: [], equipmentAccounts: [] },
};
