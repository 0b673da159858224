/** The report-export way in: Sage's own Excel/CSV report exports, with their titles, subtotals and formats. */

import { utimesSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataAsOf } from '../../connectors/contract.ts';
import { sage100cConfigSchema, sage100cFactory } from '../../connectors/sage100c/index.ts';
import { drain, readContext, type Tables } from './support.ts';

const env = { baseDir: '/', dataDir: '/tmp', companyId: 'acme', log: console, env: {} };

async function exportsFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tieout-sage-exports-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

async function connectorOn(dir: string) {
  return sage100cFactory.create(
    sage100cConfigSchema.parse({ type: 'sage100c', reportExports: { dir } }),
    env,
  );
}

const JOBS = `Acme Construction
3-5 Jobs List
Job#,Job Name,Status,Contract,Contract#,Start Date
1017,Riverside Clinic,Current,"$2,400,000.00",PC-1017,02/01/2026
1019,Harbor Warehouse,Complete,"990,000.00",PC-1019,06/01/2025
`;

describe('Sage report exports', () => {
  let tables: Tables;
  beforeAll(async () => {
    const dir = await exportsFolder({
      'jobs.csv': JOBS,
      'budget.csv': `Job,Phase,Cost Code,Cost Type,Original Budget,Budget
1017 - Riverside Clinic,0,3300.000,Subcontract,"450,000.00","475,000.00"
1017 - Riverside Clinic,0,3300.000,Material,"80,000.00","80,000.00"
1017 - Riverside Clinic,,,Total,"530,000.00","555,000.00"
`,
      'subcontracts.csv': `Record#,Subcontract#,Job,Vendor,Status,Original,Changes,New Total,Retention
301,SC-1017-01,1017,2001 Summit Concrete,Current,"450,000.00","25,000.00","475,000.00",10.00%
`,
      'payables.csv': `Record#,Invoice#,Job,Vendor,Subcontract#,Date,Status,Type,Invoice Total,Retention,Invoice Net
801,INV-5501,1017,2001,SC-1017-01,05/31/2026,Open,Contract,"100,000.00","10,000.00","90,000.00"
805,ML-3402,1017,2003,,06/01/2026,Paid,Memo,"2,300.00",0.00,"2,300.00"
`,
      'change-orders.csv': `Record#,Change#,Job,Status,Approved,Approved Amount,Requested Amount,Cost Amount,Description
501,PCO-001,1017,Approved,04/02/2026,"32,000.00","32,000.00","25,000.00",Added footing depth
502,PCO-002,1017,Open,,0.00,"18,000.00","15,000.00",Owner upgrade pending
`,
      'receivables.csv': `Record#,Invoice#,Job,Date,Status,Type,Total,Sales Tax,Retention
601,AR-1017-01,1017,05/31/2026,Open,Contract,"367,500.00","17,500.00","35,000.00"
609,DEP-1,1017,02/01/2026,Open,Memo,"5,000.00",0.00,0.00
611,AR-1017-R1,1017,10/15/2026,Paid,Contract,0.00,0.00,"(12,000.00)"
612,AR-1017-R2,1017,11/15/2026,Open,Memo,0.00,0.00,"(3,000.00)"
`,
    });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Job Cost');
    sheet.addRow(['Acme Construction — Job Cost Detail']);
    sheet.addRow([]);
    sheet.addRow([
      'Record#',
      'Job',
      'Phase',
      'Cost Code',
      'Cost Type',
      'Date',
      'Cost',
      'Status',
      'Source',
      'Vendor',
      'Description',
    ]);
    sheet.addRow([
      9901,
      1017,
      0,
      3300,
      4,
      new Date(Date.UTC(2026, 4, 31)),
      100000,
      'Open',
      'Accounts Payable',
      2001,
      'Summit pay app 1',
    ]);
    sheet.addRow([
      9907,
      1017,
      0,
      1000,
      'Labor',
      new Date(Date.UTC(2026, 4, 15)),
      18250.5,
      'Void',
      'Payroll',
      null,
      'Payroll week 20',
    ]);
    sheet.addRow(['', '', '', '', '', '', 118250.5, '', '', '', 'Job total']);
    await workbook.xlsx.writeFile(path.join(dir, 'job-cost.xlsx'));
    const connector = await connectorOn(dir);
    tables = await drain(connector);
  });

  it('jobs read past the report title, with formatted amounts and US dates', () => {
    expect(tables.jobs).toEqual([
      {
        job_id: '1017',
        linked_id: null,
        number: '1017',
        name: 'Riverside Clinic',
        status: 'open',
        start_date: '2026-02-01',
        completion_date: null,
      },
      {
        job_id: '1019',
        linked_id: null,
        number: '1019',
        name: 'Harbor Warehouse',
        status: 'completed',
        start_date: '2025-06-01',
        completion_date: null,
      },
    ]);
    expect(tables.prime_contracts?.[0]).toMatchObject({ original_amount: '2400000.00', number: 'PC-1017' });
  });
  it('the budget report gives a line per cost type and skips its total row', () => {
    expect(tables.budget_lines).toEqual([
      expect.objectContaining({
        job_id: '1017',
        cost_code: '3300',
        cost_type: 'subcontract',
        approved_changes: '25000.00',
      }),
      expect.objectContaining({
        job_id: '1017',
        cost_code: '3300',
        cost_type: 'material',
        revised_budget: '80000.00',
      }),
    ]);
  });
  it('job cost from Excel keeps voids and skips subtotals', () => {
    expect(tables.cost_transactions).toHaveLength(2);
    expect(tables.cost_transactions?.[1]).toMatchObject({
      transaction_id: '9907',
      status: 'void',
      amount: '18250.50',
      cost_type: 'labor',
      source: 'payroll',
    });
    expect(tables.cost_transactions?.[0]).toMatchObject({
      date: '2026-05-31',
      cost_type: 'subcontract',
      source: 'ap',
    });
  });
  it('payables: contract invoices bill their subcontract, memo invoices do not', () => {
    expect(tables.payables?.[0]).toMatchObject({
      commitment_id: '301',
      retainage_held: '10000.00',
      net_amount: '90000.00',
      status: 'posted',
    });
    expect(tables.payables?.[1]).toMatchObject({ commitment_id: null, status: 'paid' });
    expect(tables.commitments?.[0]).toMatchObject({ retainage_percent: '10', revised_amount: '475000.00' });
  });
  it('change orders and billings follow the SQL rules', () => {
    expect(tables.change_orders?.map((c) => [c.change_order_id, c.status, c.contract_amount])).toEqual([
      ['501', 'approved', '32000.00'],
      ['502', 'pending', '18000.00'],
    ]);
    expect(tables.billings).toEqual([
      expect.objectContaining({ billing_id: '601', billed_amount: '350000.00', retainage_held: '35000.00' }),
      expect.objectContaining({ billing_id: '611', billed_amount: '0.00', retainage_released: '12000.00' }),
      expect.objectContaining({ billing_id: '612', billed_amount: '0.00', retainage_released: '3000.00' }),
    ]);
  });
});

describe('exports tieout cannot read', () => {
  it('a folder without the jobs list', async () => {
    const connector = await connectorOn(await exportsFolder({ 'budget.csv': 'Job,Cost Code\n' }));
    await expect(drain(connector)).rejects.toThrow(
      /no jobs\.xlsx or jobs\.csv: export the 3-5 Jobs list first/,
    );
  });
  it('a report without the needed headings', async () => {
    const connector = await connectorOn(await exportsFolder({ 'jobs.csv': 'Job,Title\n1,x\n' }));
    await expect(drain(connector)).rejects.toThrow(
      /jobs\.csv: no heading row with the columns "Job#", "Job Name"/,
    );
  });
  it('an amount that is not one names file and line', async () => {
    const connector = await connectorOn(
      await exportsFolder({ 'jobs.csv': 'Job#,Job Name,Contract\n1017,Riverside,1.2.3\n' }),
    );
    await expect(drain(connector)).rejects.toThrow(/jobs\.csv:2: Contract "1\.2\.3" is not an amount/);
  });
});

describe('how old the exports are, and which were not exported', () => {
  it('the data is as of the newest report file; a report not exported is a table not delivered', async () => {
    const dir = await exportsFolder({
      'jobs.csv': JOBS,
      'payables.csv': `Record#,Invoice#,Job,Vendor,Subcontract#,Date,Status,Type,Invoice Total,Retention,Invoice Net
805,ML-3402,1017,2003,,06/01/2026,Paid,Memo,"2,300.00",0.00,"2,300.00"
`,
    });
    const set = (name: string, iso: string) => utimesSync(path.join(dir, name), new Date(iso), new Date(iso));
    set('jobs.csv', '2026-10-30T22:10:00Z');
    set('payables.csv', '2026-10-31T01:45:00Z');
    let said: DataAsOf | undefined;
    const tables = await drain(
      await connectorOn(dir),
      readContext({
        dataAsOf: (a) => {
          said = a;
        },
      }),
    );
    expect(said).toMatchObject({ basis: 'file_modified' });
    expect(said?.at.toISOString()).toBe('2026-10-31T01:45:00.000Z');
    expect(Object.keys(tables).filter((k) => k !== 'refs')).toEqual(['jobs', 'prime_contracts', 'payables']);
  });
});
