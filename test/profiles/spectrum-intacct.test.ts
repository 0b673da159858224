/**
 * Spectrum and Sage Intacct profiles on hand-made exports: Spectrum's YYYYMMDD text dates and 25-character
 * names; Intacct's estimate workflow rows (original, approved change, pending change) summed into one budget
 * line and its unsigned GL amounts with TR_TYPE 1 debit / -1 credit. Expected rows are worked out by hand.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesConfigSchema, filesFactory } from '../../connectors/files/index.ts';
import { drain, sorted, type Tables } from '../sage100c/support.ts';

async function through(profile: string, files: Record<string, string>): Promise<Tables> {
  const dir = await mkdtemp(path.join(tmpdir(), `tieout-${profile}-`));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const connector = await filesFactory.create(filesConfigSchema.parse({ type: 'files', dir, profile }), {
    baseDir: '/',
    dataDir: dir,
    companyId: 't',
    log: console,
    env: {},
  });
  return drain(connector);
}

describe('Spectrum Info-Link exports', () => {
  it('reads text dates, job status codes, phases and history rows of the known transaction types', async () => {
    const t = await through('spectrum', {
      'JC_JOB_MASTER_MC.csv':
        'Company_Code,Job_Number,Job_Description,Status_Code,Start_Date,Complete_Date,Original_Contract\n' +
        'ABC,24-017,Riverside Clinic,A,03/04/2024,,"1,250,000.00"\n' +
        'ABC,23-101,Harbor Pump Station,C,05/01/2023,11/30/2023,640000.00\n',
      'JC_PHASE_MASTER_MC.csv':
        'Company_Code,Job_Number,Phase_Code,Cost_Type,Description,Original_Est_Cost,Current_Estimated_Dollars,Projected_Dollars\n' +
        'ABC,24-017,033000,L,Concrete,10000.00,12500.00,13100.00\n',
      'JC_TRANSACTION_HISTORY_MC.csv':
        'Company_Code,Job_Number,Phase_Code,Cost_Type,Tran_Type_Code,Tran_Date_Text,Batch_Code,Batch_Sequence,Tran_Amount,Vendor_Code,Invoice_Number,Description\n' +
        'ABC,24-017,033000,L,PR,20240412,PR0415,1,1200.50,,,Payroll week 15\n' +
        'ABC,24-017,033000,L,AP,20240430,AP0430,7,-75.25,KEYCON,PA-1,Credit memo\n' +
        'ABC,24-017,033000,L,EN,20240401,EN0401,1,10000.00,,,Estimate entry\n',
    });
    expect(sorted(t.jobs).map((j) => [j.job_id, j.status, j.start_date, j.completion_date])).toEqual([
      ['23-101', 'completed', '2023-05-01', '2023-11-30'],
      ['24-017', 'open', '2024-03-04', null],
    ]);
    expect(
      t.budget_lines?.map((b) => [
        b.cost_code,
        b.cost_type,
        b.original_budget,
        b.revised_budget,
        b.estimated_cost_at_completion,
      ]),
    ).toEqual([['033000', 'labor', '10000.00', '12500.00', '13100.00']]);
    expect(
      sorted(t.cost_transactions).map((c) => [c.transaction_id, c.date, c.source, c.amount, c.invoice_id]),
    ).toEqual([
      ['AP0430/7', '2024-04-30', 'ap', '-75.25', 'KEYCON/24-017/PA-1'],
      ['PR0415/1', '2024-04-12', 'payroll', '1200.50', null],
    ]);
  });
});

describe('Sage Intacct query exports', () => {
  it('sums the estimate workflow rows and signs GL amounts by TR_TYPE', async () => {
    const t = await through('sage-intacct', {
      'PROJECT.csv':
        'PROJECTID,NAME,PROJECTSTATUS,CONTRACTAMOUNT\n24-017,Riverside Clinic,In Progress,1250000.00\n',
      'PJESTIMATEENTRY.csv':
        'PROJECTID,TASKID,COSTTYPEID,WFTYPE,AMOUNT,EFFECTIVEDATE\n' +
        '24-017,03-300,Labor,original,10000.00,03/01/2024\n' +
        '24-017,03-300,Labor,approved change,2500.00,04/15/2024\n' +
        '24-017,03-300,Labor,revision,-500.00,04/20/2024\n' +
        '24-017,03-300,Labor,pending change,900.00,05/01/2024\n' +
        '24-017,03-300,Labor,forecast,13100.00,05/01/2024\n',
      'GLDETAIL.csv':
        'RECORDNO,BATCH_DATE,PROJECTID,TASKID,COSTTYPEID,TRX_AMOUNT,TR_TYPE,JOURNAL,VENDORID,APBILLKEY,DESCRIPTION\n' +
        '881,04/12/2024,24-017,03-300,Labor,1200.50,1,PRJ,,,Payroll week 15\n' +
        '882,04/30/2024,24-017,03-300,Labor,75.25,-1,APJ,KEYCON,3301,Credit memo\n' +
        '883,04/30/2024,,,,5000.00,1,GJ,,,Office rent\n',
    });
    expect(t.budget_lines).toEqual([
      {
        job_id: '24-017',
        cost_code: '03-300',
        cost_type: 'labor',
        original_budget: '10000.00',
        approved_changes: '2000.00',
        revised_budget: '12000.00',
        pending_changes: '900.00',
        committed_cost: null,
        forecast_to_complete: null,
        estimated_cost_at_completion: null,
      },
    ]);
    expect(
      sorted(t.cost_transactions).map((c) => [c.transaction_id, c.source, c.amount, c.invoice_id]),
    ).toEqual([
      ['881', 'payroll', '1200.50', null],
      ['882', 'ap', '-75.25', '3301'],
    ]);
    expect(t.prime_contracts?.map((c) => [c.contract_id, c.original_amount])).toEqual([
      ['24-017', '1250000.00'],
    ]);
  });
});
