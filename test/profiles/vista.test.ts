/**
 * The Viewpoint Vista profile on a hand-made export folder (Vista's own column names, M/D/YYYY dates,
 * thousands separators, months as first-of-month dates, a Grand Total row): every canonical row below is
 * worked out by hand from the CSV files in fixtures/vista.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesConfigSchema, filesFactory } from '../../connectors/files/index.ts';
import { loadProfile } from '../../connectors/files/profile/load.ts';
import { readWithProfile } from '../../connectors/files/profile/read.ts';
import { drain, sorted, type Tables } from '../sage100c/support.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'vista');
const env = { baseDir: '/', dataDir: '/tmp', companyId: 't', log: console, env: {} };

async function throughVista(dir: string): Promise<Tables> {
  const connector = await filesFactory.create(
    filesConfigSchema.parse({ type: 'files', dir, profile: 'vista' }),
    env,
  );
  return drain(connector);
}

async function copyFixture(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tieout-vista-'));
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

async function edit(dir: string, file: string, change: (text: string) => string) {
  const f = path.join(dir, file);
  await writeFile(f, change(await readFile(f, 'utf8')));
}

describe('the Vista profile reads Vista exports', () => {
  let t: Tables;
  beforeAll(async () => {
    t = await throughVista(FIXTURE);
  });

  it('jobs: Job is id and number; JobStatus 1 open, 3 hard-closed', () => {
    expect(sorted(t.jobs)).toEqual([
      {
        job_id: '2024-017',
        linked_id: '562949953421312',
        number: '2024-017',
        name: 'Riverside Clinic',
        status: 'open',
        start_date: null,
        completion_date: null,
      },
      {
        job_id: '2024-018',
        linked_id: null,
        number: '2024-018',
        name: 'Oak Street Garage',
        status: 'closed',
        start_date: null,
        completion_date: null,
      },
    ]);
  });

  it('prime contracts: only jobs with a Contract, amount without thousands separators', () => {
    expect(t.prime_contracts).toEqual([
      {
        contract_id: '2024-017',
        linked_id: null,
        job_id: '2024-017',
        number: '2024-017',
        status: 'approved',
        original_amount: '1250000.00',
        executed_date: '2024-03-04',
      },
    ]);
  });

  it('budget lines: JCCP months summed per job, phase and cost type', () => {
    expect(sorted(t.budget_lines)).toEqual([
      {
        job_id: '2024-017',
        cost_code: '03-300-',
        cost_type: 'labor',
        original_budget: '10000.00',
        approved_changes: null,
        revised_budget: '12500.00',
        pending_changes: null,
        committed_cost: '0.00',
        forecast_to_complete: null,
        estimated_cost_at_completion: '0.00',
      },
      {
        job_id: '2024-017',
        cost_code: '03-300-',
        cost_type: 'subcontract',
        original_budget: '80000.00',
        approved_changes: null,
        revised_budget: '80000.00',
        pending_changes: null,
        committed_cost: '82000.00',
        forecast_to_complete: null,
        estimated_cost_at_completion: '0.00',
      },
    ]);
  });

  it('cost transactions: actual-cost types only, the original-estimate row and the Grand Total left out', () => {
    const rows = sorted(t.cost_transactions).map((r) => [
      r.transaction_id,
      r.date,
      r.cost_type,
      r.amount,
      r.source,
      r.vendor_id,
      r.invoice_id,
      r.status,
    ]);
    expect(rows).toEqual([
      ['9001', '2024-04-12', 'labor', '1200.50', 'payroll', null, null, 'posted'],
      ['9002', '2024-04-30', 'subcontract', '25000.00', 'ap', '1000', '55', 'posted'],
      ['9004', '2024-05-02', 'subcontract', '-500.00', 'ap', '1000', '56', 'void'],
    ]);
  });

  it('subcontract: header from its items (original and current cost summed), retainage fraction as percent', () => {
    expect(t.commitments).toEqual([
      {
        commitment_id: '2024-017/2024017-001',
        linked_id: '24117001',
        job_id: '2024-017',
        number: '2024017-001',
        kind: 'subcontract',
        vendor_id: '1000',
        status: 'approved',
        original_amount: '80000.00',
        approved_changes: null,
        revised_amount: '82000.00',
        retainage_percent: '10',
        executed_date: '2024-03-15',
      },
    ]);
    expect(t.commitment_lines?.map((l) => [l.line_id, l.cost_code, l.cost_type, l.amount])).toEqual([
      ['1', '03-300-', 'subcontract', '52000.00'],
      ['2', '03-310-', 'subcontract', '30000.00'],
    ]);
  });

  it('AP: the invoice from its lines, period from the batch month, commitment from SL', () => {
    expect(t.payables).toEqual([
      {
        invoice_id: '55',
        linked_id: '9712000',
        job_id: '2024-017',
        number: 'PA-1',
        vendor_id: '1000',
        commitment_id: '2024-017/2024017-001',
        invoice_date: '2024-04-30',
        period_end: '2024-04-30',
        status: 'paid',
        gross_amount: '25000.00',
        retainage_held: '2500.00',
        retainage_released: null,
        net_amount: null,
      },
    ]);
    expect(t.payable_lines).toEqual([
      {
        invoice_id: '55',
        line_id: '1',
        cost_code: '03-300-',
        cost_type: 'subcontract',
        amount: '25000.00',
        retainage_held: '2500.00',
      },
    ]);
  });

  it('change orders: cost is the sum of the PMOL lines, lines numbered in order', () => {
    expect(
      t.change_orders?.map((c) => [c.change_order_id, c.kind, c.status, c.contract_amount, c.cost_amount]),
    ).toEqual([['2024-017/ACO-1', 'prime', 'approved', '12000.00', '10000.00']]);
    expect(t.change_order_lines?.map((l) => [l.line_id, l.cost_code, l.cost_type, l.amount])).toEqual([
      ['1', '03-300-', 'labor', '4000.00'],
      ['2', '03-310-', 'subcontract', '6000.00'],
    ]);
  });

  it('billings, vendors and phases', () => {
    expect(
      t.billings?.map((b) => [b.billing_id, b.job_id, b.period_end, b.billed_amount, b.retainage_held]),
    ).toEqual([['301', '2024-017', '2024-05-31', '125000.00', '12500.00']]);
    expect(sorted(t.vendors).map((v) => [v.vendor_id, v.linked_id, v.status])).toEqual([
      ['1000', '3104000', 'active'],
      ['1010', null, 'inactive'],
    ]);
    expect(t.cost_codes?.map((c) => c.code)).toEqual(['03-300-', '03-310-']);
  });
});

describe('bad Vista exports are named precisely', () => {
  it('a missing column fails the side, naming the file, the column and the report', async () => {
    const dir = await copyFixture();
    await edit(dir, 'JCCD.csv', (s) => s.replace(',ActualCost,', ',Cost,'));
    await expect(readWithProfile(dir, loadProfile('vista'))).rejects.toThrow(
      /JCCD\.csv row 1: the heading row lacks "ActualCost"; .*"JC Cost Detail \(JCCD\)/,
    );
  });

  it('an extra total row the profile does not know is rejected, naming the row and column', async () => {
    const dir = await copyFixture();
    await edit(dir, 'JCCP.csv', (s) => `${s},Total,,,,,"90,000.00","92,500.00",0.00,"82,000.00"\n`);
    const records = (await readWithProfile(dir, loadProfile('vista'))).get('budget_lines')!;
    const bad = records.filter((r) => !r.ok);
    expect(bad).toHaveLength(1);
    expect(bad[0]!.ok || bad[0]!.reason).toMatch(
      /^JCCP\.csv row 5 column "Phase" is empty.*total or subtotal row/,
    );
  });

  it('a date in another format is rejected with the formats the profile reads', async () => {
    const dir = await copyFixture();
    await edit(dir, 'JCCD.csv', (s) => s.replace('4/12/2024', '2024.04.12'));
    const bad = (await readWithProfile(dir, loadProfile('vista')))
      .get('cost_transactions')!
      .filter((r) => !r.ok);
    expect(bad.map((r) => !r.ok && r.reason)).toEqual([
      'JCCD.csv row 2 column "ActualDate": "2024.04.12" is not a date in the profile\'s format (M/D/YYYY or MM/DD/YYYY or YYYY-MM-DD) (JC Cost Detail (JCCD), actual cost transactions)',
    ]);
  });

  it('a status code the profile does not translate is rejected with the codes it knows', async () => {
    const dir = await copyFixture();
    await edit(dir, 'JCJM.csv', (s) => s.replace('Oak Street Garage,3', 'Oak Street Garage,9'));
    const bad = (await readWithProfile(dir, loadProfile('vista'))).get('jobs')!.filter((r) => !r.ok);
    expect(bad.map((r) => !r.ok && r.reason)[0]).toMatch(
      /^JCJM\.csv row 3 column "JobStatus": "9" is not one of "0", "1", "2", "3", the values the profile translates into jobs.status/,
    );
  });
});
