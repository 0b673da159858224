/**
 * The golden company: two jobs that tie out on every check (Procore on the PM side, Sage 100 Contractor on
 * the ERP side). Each golden case starts from a fresh copy and plants one situation.
 */
import { companySettingsSchema } from '../../src/config/schema.ts';
import { type Finding, reconcile } from '../../src/recon/index.ts';
import { type FixtureInput, fixtureSnapshot, type SideRows } from '../support/fixture-snapshot.ts';

export const TAKEN_AT = '2026-11-01T07:00:00.000Z';

export function cleanCompany(): Required<Pick<FixtureInput, 'pm' | 'erp'>> & FixtureInput {
  const pm: SideRows = {
    jobs: [
      { job_id: 'P1', number: '2024-017', name: 'Riverside Clinic', status: 'open' },
      { job_id: 'P2', number: '2024-018', name: 'Oak Street Lofts', status: 'open' },
    ],
    vendors: [
      { vendor_id: 'PV1', linked_id: 'V100', name: 'Apex Drywall', status: 'active' },
      { vendor_id: 'PV2', linked_id: 'V200', name: 'Metro Electric', status: 'active' },
    ],
    cost_codes: [
      { code: '03-300', description: 'Cast-in-place concrete' },
      { code: '09-250', description: 'Gypsum board' },
      { code: '16-100', description: 'Electrical' },
    ],
    budget_lines: [
      {
        job_id: 'P1',
        cost_code: '03-300',
        cost_type: 'labor',
        original_budget: '100000.00',
        revised_budget: '100000.00',
      },
      {
        job_id: 'P1',
        cost_code: '03-300',
        cost_type: 'material',
        original_budget: '50000.00',
        revised_budget: '50000.00',
      },
      {
        job_id: 'P1',
        cost_code: '09-250',
        cost_type: 'subcontract',
        original_budget: '200000.00',
        approved_changes: '10000.00',
        revised_budget: '210000.00',
        estimated_cost_at_completion: '205000.00',
      },
      {
        job_id: 'P2',
        cost_code: '16-100',
        cost_type: 'subcontract',
        original_budget: '300000.00',
        revised_budget: '300000.00',
      },
    ],
    change_orders: [
      {
        change_order_id: 'PCO1',
        job_id: 'P1',
        number: 'PCCO-001',
        kind: 'prime',
        status: 'approved',
        approved_date: '2026-10-02',
        contract_amount: '12000.00',
        cost_amount: '10000.00',
      },
    ],
    change_order_lines: [
      {
        change_order_id: 'PCO1',
        line_id: '1',
        cost_code: '09-250',
        cost_type: 'subcontract',
        amount: '10000.00',
      },
    ],
    commitments: [
      {
        commitment_id: 'PC1',
        job_id: 'P1',
        number: 'SC-001',
        kind: 'subcontract',
        vendor_id: 'PV1',
        status: 'approved',
        original_amount: '200000.00',
        revised_amount: '200000.00',
        retainage_percent: '10',
      },
      {
        commitment_id: 'PC2',
        job_id: 'P2',
        number: 'SC-002',
        kind: 'subcontract',
        vendor_id: 'PV2',
        status: 'approved',
        original_amount: '300000.00',
        revised_amount: '300000.00',
      },
    ],
    commitment_lines: [
      {
        commitment_id: 'PC1',
        line_id: '1',
        cost_code: '09-250',
        cost_type: 'subcontract',
        amount: '200000.00',
      },
      {
        commitment_id: 'PC2',
        line_id: '1',
        cost_code: '16-100',
        cost_type: 'subcontract',
        amount: '300000.00',
      },
    ],
    payables: [
      {
        invoice_id: 'PI1',
        job_id: 'P1',
        number: 'APX-1001',
        vendor_id: 'PV1',
        commitment_id: 'PC1',
        invoice_date: '2026-10-15',
        status: 'approved',
        gross_amount: '50000.00',
        retainage_held: '5000.00',
        net_amount: '45000.00',
      },
    ],
    payable_lines: [
      { invoice_id: 'PI1', line_id: '1', cost_code: '09-250', cost_type: 'subcontract', amount: '50000.00' },
    ],
    cost_transactions: [
      cost('PT1', 'P1', '03-300', 'labor', '20000.00', 'approved', 'direct'),
      cost('PT2', 'P1', '03-300', 'material', '8000.00', 'approved', 'direct'),
    ],
  };
  const erp: SideRows = {
    jobs: [
      { job_id: 'E1', number: '2024017', name: 'Riverside Clinic', status: 'open' },
      { job_id: 'E2', linked_id: 'P2', number: '24018', name: 'Oak St Lofts', status: 'open' },
    ],
    vendors: [
      { vendor_id: 'V100', name: 'Apex Drywall Inc', status: 'active' },
      { vendor_id: 'V200', name: 'Metro Electric', status: 'active' },
    ],
    cost_codes: [{ code: '3300' }, { code: '9250' }, { code: '16100' }],
    budget_lines: [
      {
        job_id: 'E1',
        cost_code: '3300',
        cost_type: 'labor',
        original_budget: '100000.00',
        revised_budget: '100000.00',
      },
      {
        job_id: 'E1',
        cost_code: '3300',
        cost_type: 'material',
        original_budget: '50000.00',
        revised_budget: '50000.00',
      },
      {
        job_id: 'E1',
        cost_code: '9250',
        cost_type: 'subcontract',
        original_budget: '200000.00',
        approved_changes: '10000.00',
        revised_budget: '210000.00',
      },
      {
        job_id: 'E2',
        cost_code: '16100',
        cost_type: 'subcontract',
        original_budget: '300000.00',
        revised_budget: '300000.00',
      },
    ],
    change_orders: [
      {
        change_order_id: 'EC1',
        linked_id: 'PCO1',
        job_id: 'E1',
        number: '1',
        kind: 'prime',
        status: 'approved',
        approved_date: '2026-10-03',
        contract_amount: '12000.00',
        cost_amount: '10000.00',
      },
    ],
    change_order_lines: [
      {
        change_order_id: 'EC1',
        line_id: '1',
        cost_code: '9250',
        cost_type: 'subcontract',
        amount: '10000.00',
      },
    ],
    commitments: [
      {
        commitment_id: 'EK1',
        job_id: 'E1',
        number: 'SC-1',
        kind: 'subcontract',
        vendor_id: 'V100',
        status: 'approved',
        original_amount: '200000.00',
        revised_amount: '200000.00',
        retainage_percent: '10',
      },
      {
        commitment_id: 'EK2',
        linked_id: 'PC2',
        job_id: 'E2',
        number: '2',
        kind: 'subcontract',
        vendor_id: 'V200',
        status: 'approved',
        original_amount: '300000.00',
        revised_amount: '300000.00',
      },
    ],
    commitment_lines: [
      {
        commitment_id: 'EK1',
        line_id: '1',
        cost_code: '9250',
        cost_type: 'subcontract',
        amount: '200000.00',
      },
      {
        commitment_id: 'EK2',
        line_id: '1',
        cost_code: '16100',
        cost_type: 'subcontract',
        amount: '300000.00',
      },
    ],
    payables: [
      {
        invoice_id: 'EI1',
        job_id: 'E1',
        number: 'APX1001',
        vendor_id: 'V100',
        commitment_id: 'EK1',
        invoice_date: '2026-10-15',
        status: 'posted',
        gross_amount: '50000.00',
        retainage_held: '5000.00',
        net_amount: '45000.00',
      },
    ],
    cost_transactions: [
      cost('ET1', 'E1', '3300', 'labor', '20000.00', 'posted', 'payroll'),
      cost('ET2', 'E1', '3300', 'material', '8000.00', 'posted', 'ap'),
      {
        ...cost('ET3', 'E1', '9250', 'subcontract', '50000.00', 'posted', 'ap'),
        invoice_id: 'EI1',
        vendor_id: 'V100',
      },
    ],
  };
  return { pm, erp };
}

export function cost(
  id: string,
  job: string,
  code: string,
  type: string,
  amount: string,
  status: string,
  source: string,
): Record<string, string> {
  return {
    transaction_id: id,
    job_id: job,
    date: '2026-10-20',
    cost_code: code,
    cost_type: type,
    amount,
    status,
    source,
  };
}

export const SIDES_CURRENT = [
  { side: 'pm' as const, system: 'procore', finishedAt: '2026-11-01T06:55:00.000Z' },
  { side: 'erp' as const, system: 'sage100c', finishedAt: '2026-11-01T06:58:00.000Z' },
];

export async function findingsOf(
  input: FixtureInput,
  settings: Record<string, unknown> = {},
  sides = SIDES_CURRENT,
): Promise<Finding[]> {
  const snap = await fixtureSnapshot(input);
  try {
    return await reconcile({
      con: snap.con,
      settings: companySettingsSchema.parse(settings),
      takenAt: TAKEN_AT,
      sides,
      companyId: 'acme',
      snapshotId: 'snap-1',
    });
  } finally {
    snap.close();
  }
}

/** The comparable part of a finding, for exact expectations. */
export function brief(f: Finding) {
  return {
    check: f.check,
    job: f.jobNumber,
    costCode: f.costCode,
    costType: f.costType,
    document: f.document,
    pm: f.pmAmount,
    erp: f.erpAmount,
  };
}

export type Company = ReturnType<typeof cleanCompany>;

/** Rows of one table on one side, typed loosely for planting. */
export function rows(company: Company, side: 'pm' | 'erp', table: keyof SideRows) {
  const sideRows = company[side];
  sideRows[table] ??= [];
  return sideRows[table]!;
}

export function row(
  company: Company,
  side: 'pm' | 'erp',
  table: keyof SideRows,
  field: string,
  value: string,
) {
  const found = rows(company, side, table).find(
    (r) => Object.values(r).includes(value) && r[field] === value,
  );
  if (!found) throw new Error(`no ${side}.${table} row with ${field} = ${value}`);
  return found;
}

export function remove(
  company: Company,
  side: 'pm' | 'erp',
  table: keyof SideRows,
  field: string,
  value: string,
) {
  const list = rows(company, side, table);
  const index = list.findIndex((r) => r[field] === value);
  if (index < 0) throw new Error(`no ${side}.${table} row with ${field} = ${value}`);
  list.splice(index, 1);
}

export type Brief = ReturnType<typeof brief>;

export function expected(check: string, fields: Partial<Brief>): Brief {
  return {
    check: check as Brief['check'],
    job: '2024-017',
    costCode: null,
    costType: null,
    document: null,
    pm: null,
    erp: null,
    ...fields,
  };
}
