/**
 * The Sage 300 CRE profile on Excel exports as a user makes them from the Timberline Data ODBC tables: typed
 * cells (real dates, numbers), a title and the company folder above the heading row, columns in any order and
 * extra columns the profile does not read. Expected rows are worked out by hand from the cells below.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesConfigSchema, filesFactory } from '../../connectors/files/index.ts';
import { drain, sorted, type Tables } from '../sage100c/support.ts';

type Cell = string | number | Date | null;

async function workbook(dir: string, file: string, title: string, rows: Cell[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([title]);
  ws.addRow(['Company folder: C:\\Sage\\Timberline Office\\Data\\Demo']);
  ws.addRow([]);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path.join(dir, file));
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('the Sage 300 CRE profile reads Excel exports of the ODBC tables', () => {
  let t: Tables;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tieout-s300-'));
    await workbook(dir, 'JCM_MASTER__JOB.xlsx', 'JCM_MASTER__JOB', [
      ['Job', 'Description', 'Status', 'Job_Type', 'Original_Contract_Amount', 'Actual_Start_Date'],
      ['24-017', 'Riverside Clinic', 'In Progress', 'Fixed', 1250000, day('2024-03-04')],
      ['24-018', 'Oak Street Garage', 'Closed', 'Fixed', 480000.5, null],
    ]);
    await workbook(dir, 'JCM_MASTER__CATEGORY.xlsx', 'JCM_MASTER__CATEGORY', [
      [
        'Job',
        'Extra',
        'Cost_Code',
        'Category',
        'Original_Estimate',
        'Approved_Estimate_Changes',
        'Total_Estimate',
        'Pending_Estimate_Changes',
        'Revised_Commitment',
        'JTD_Cost',
      ],
      ['24-017', '', '03-300', 'L', 10000, 2500, 12500, 0, 0, 1200.5],
      ['24-017', '', '03-300', 'S', 80000, 0, 80000, 1500, 82000, 25000],
    ]);
    await workbook(dir, 'JCT_CURRENT__TRANSACTION.xlsx', 'JCT_CURRENT__TRANSACTION', [
      [
        'Row_ID',
        'Job',
        'Cost_Code',
        'Category',
        'Transaction_Type',
        'Transaction_Date',
        'Accounting_Date',
        'Amount',
        'Vendor',
        'Invoice',
        'Description',
      ],
      [
        7001,
        '24-017',
        '03-300',
        'L',
        'PR cost',
        day('2024-04-12'),
        day('2024-04-30'),
        1200.5,
        null,
        null,
        'Payroll week 15',
      ],
      [
        7002,
        '24-017',
        '03-300',
        'S',
        'AP cost',
        day('2024-04-30'),
        day('2024-04-30'),
        25000,
        'KEYCON',
        'PA-1',
        'Pay app 1',
      ],
      [
        7003,
        '24-017',
        '03-300',
        'S',
        'Commitment',
        day('2024-03-15'),
        day('2024-03-31'),
        82000,
        'KEYCON',
        null,
        'Subcontract 24-017-001',
      ],
    ]);
    await workbook(dir, 'APM_MASTER__DISTRIBUTION.xlsx', 'APM_MASTER__DISTRIBUTION', [
      [
        'Vendor',
        'Invoice',
        'Dist_Seq',
        'Status',
        'Job',
        'Cost_Code',
        'Category',
        'Commitment',
        'Amount',
        'Retainage',
        'Retainage_Paid',
        'Invoice_Date',
        'Accounting_Date',
      ],
      [
        'KEYCON',
        'PA-1',
        1,
        'Fully paid',
        '24-017',
        '03-300',
        'S',
        '24-017-001',
        15000,
        1500,
        0,
        day('2024-04-30'),
        day('2024-04-30'),
      ],
      [
        'KEYCON',
        'PA-1',
        2,
        'Fully paid',
        '24-017',
        '03-310',
        'S',
        '24-017-001',
        10000,
        1000,
        0,
        day('2024-04-30'),
        day('2024-04-30'),
      ],
    ]);
    const connector = await filesFactory.create(
      filesConfigSchema.parse({ type: 'files', dir, profile: 'sage300cre' }),
      { baseDir: '/', dataDir: dir, companyId: 't', log: console, env: {} },
    );
    t = await drain(connector);
  });

  it('jobs and the job-level prime contract, below the title rows', () => {
    expect(sorted(t.jobs).map((j) => [j.job_id, j.name, j.status, j.start_date])).toEqual([
      ['24-017', 'Riverside Clinic', 'open', '2024-03-04'],
      ['24-018', 'Oak Street Garage', 'closed', null],
    ]);
    expect(sorted(t.prime_contracts).map((c) => [c.contract_id, c.job_id, c.original_amount])).toEqual([
      ['24-017', '24-017', '1250000.00'],
      ['24-018', '24-018', '480000.50'],
    ]);
  });

  it('budget lines with original, approved and pending estimate changes and the revised commitment', () => {
    expect(
      sorted(t.budget_lines).map((b) => [
        b.cost_type,
        b.original_budget,
        b.approved_changes,
        b.revised_budget,
        b.pending_changes,
        b.committed_cost,
      ]),
    ).toEqual([
      ['labor', '10000.00', '2500.00', '12500.00', '0.00', '0.00'],
      ['subcontract', '80000.00', '0.00', '80000.00', '1500.00', '82000.00'],
    ]);
  });

  it('cost transactions: AP and PR cost, not the commitment row; the AP invoice keyed by vendor, job and invoice', () => {
    expect(
      sorted(t.cost_transactions).map((c) => [c.transaction_id, c.date, c.source, c.amount, c.invoice_id]),
    ).toEqual([
      ['7001', '2024-04-12', 'payroll', '1200.50', null],
      ['7002', '2024-04-30', 'ap', '25000.00', 'KEYCON/24-017/PA-1'],
    ]);
  });

  it('an AP invoice from its distributions: amounts and retainage summed, status from Sage words', () => {
    expect(t.payables).toEqual([
      {
        invoice_id: 'KEYCON/24-017/PA-1',
        linked_id: null,
        job_id: '24-017',
        number: 'PA-1',
        vendor_id: 'KEYCON',
        commitment_id: '24-017/24-017-001',
        invoice_date: '2024-04-30',
        period_end: '2024-04-30',
        status: 'paid',
        gross_amount: '25000.00',
        retainage_held: '2500.00',
        retainage_released: '0.00',
        net_amount: null,
      },
    ]);
    expect(t.payable_lines?.map((l) => [l.line_id, l.cost_code, l.amount, l.retainage_held])).toEqual([
      ['1', '03-300', '15000.00', '1500.00'],
      ['2', '03-310', '10000.00', '1000.00'],
    ]);
  });
});
