/**
 * Job cost report rules the ledger decides (DESIGN §4a, §6), each with figures worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { buildJobCostReport, findJobCostJob } from '../../reports/job-cost/job-cost.ts';
import { jobCostJson } from '../../reports/job-cost/tables.ts';
import { type FixtureInput, fixtureSnapshot } from '../support/fixture-snapshot.ts';

const company = { id: 'acme', name: 'Acme' };
const job = { number: '2026-020', name: 'Library', status: 'open' };

async function report(input: FixtureInput, jobNumber = job.number) {
  const snap = await fixtureSnapshot(input);
  try {
    return jobCostJson(await buildJobCostReport(snap.con, { asOf: '2026-10-31', company, jobNumber }));
  } finally {
    snap.close();
  }
}

const tx = (id: string, jobId: string, code: string, amount: string, extra: Record<string, string> = {}) => ({
  transaction_id: id,
  job_id: jobId,
  date: '2026-10-10',
  cost_code: code,
  cost_type: 'other',
  amount,
  source: 'ap',
  status: 'posted',
  ...extra,
});

describe('job cost report on the ledger', () => {
  it('two PM codes mapped onto one ERP code are one line: ERP cost is not counted twice', async () => {
    // PM budget 01-100 4,000 and 01-200 4,000 both map to ERP 1100; the books post 1,000 + 8,000 = 9,000
    // there. One line: budget 8,000, ERP 9,000 — the ERP total is 9,000, never 18,000.
    const r = await report({
      pm: {
        jobs: [{ ...job, job_id: 'P1', linked_id: 'E1' }],
        budget_lines: [
          { job_id: 'P1', cost_code: '01-100', cost_type: 'other', original_budget: '4000.00' },
          { job_id: 'P1', cost_code: '01-200', cost_type: 'other', original_budget: '4000.00' },
        ],
      },
      erp: {
        jobs: [{ ...job, job_id: 'E1' }],
        cost_transactions: [tx('T1', 'E1', '1100', '1000.00'), tx('T2', 'E1', '1100', '8000.00')],
      },
      mappings: {
        costCodes: [
          { pmCode: '01-100', erpCode: '1100' },
          { pmCode: '01-200', erpCode: '1100' },
        ],
      },
    });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({
      cost_code: '01-100, 01-200',
      erp_cost_code: '1100',
      original_budget: '8000.00',
      erp_posted_cost: '9000.00',
    });
  });

  it('09250 and 09-250 are one line, and Procore direct costs of type Invoice and Payroll count in job-to-date', async () => {
    // PM: direct 500 (direct) + 700 (Invoice type → source ap) + 300 (Payroll) approved = 1,500 JTD;
    // books 1,500 on 09250: variance 0 on a single line.
    const r = await report({
      pm: {
        jobs: [{ ...job, job_id: 'P1', linked_id: 'E1' }],
        budget_lines: [{ job_id: 'P1', cost_code: '09-250', cost_type: 'other', original_budget: '2000.00' }],
        cost_transactions: [
          tx('D1', 'P1', '09-250', '500.00', { source: 'direct', status: 'approved' }),
          tx('D2', 'P1', '09-250', '700.00', { source: 'ap', status: 'approved' }),
          tx('D3', 'P1', '09-250', '300.00', { source: 'payroll', status: 'approved' }),
        ],
      },
      erp: { jobs: [{ ...job, job_id: 'E1' }], cost_transactions: [tx('T1', 'E1', '09250', '1500.00')] },
    });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({
      job_to_date_cost: '1500.00',
      direct_cost: '1500.00',
      erp_posted_cost: '1500.00',
      variance: '0.00',
    });
  });

  it('an invoice without lines on a commitment whose lines total 0, and a pending change order without lines, are shown, not dropped', async () => {
    // Invoice 2,500 on SC-1 (its one line is 0.00): on (no cost code). Pending CCO 600 without lines on SC-2
    // (lines 100 on 01-100 and 200 on 02-100): spread 200 / 400.
    const r = await report({
      pm: {
        jobs: [{ ...job, job_id: 'P1', linked_id: 'E1' }],
        commitments: [
          {
            commitment_id: 'C1',
            job_id: 'P1',
            number: 'SC-1',
            kind: 'subcontract',
            status: 'approved',
            original_amount: '0.00',
          },
          {
            commitment_id: 'C2',
            job_id: 'P1',
            number: 'SC-2',
            kind: 'subcontract',
            status: 'approved',
            original_amount: '300.00',
          },
        ],
        commitment_lines: [
          { commitment_id: 'C1', line_id: '1', cost_code: '01-100', cost_type: 'other', amount: '0.00' },
          { commitment_id: 'C2', line_id: '1', cost_code: '01-100', cost_type: 'other', amount: '100.00' },
          { commitment_id: 'C2', line_id: '2', cost_code: '02-100', cost_type: 'other', amount: '200.00' },
        ],
        payables: [
          {
            invoice_id: 'I1',
            job_id: 'P1',
            number: 'PA-1',
            commitment_id: 'C1',
            invoice_date: '2026-10-01',
            status: 'approved',
            gross_amount: '2500.00',
          },
        ],
        change_orders: [
          {
            change_order_id: 'CO1',
            job_id: 'P1',
            number: 'CCO-1',
            kind: 'commitment',
            commitment_id: 'C2',
            status: 'pending',
            cost_amount: '600.00',
          },
        ],
      },
      erp: { jobs: [{ ...job, job_id: 'E1' }] },
    });
    const byCode = Object.fromEntries(r.lines.map((l) => [l.cost_code, l]));
    expect(byCode['(no cost code)']).toMatchObject({ job_to_date_cost: '2500.00' });
    expect(byCode['01-100']).toMatchObject({ pending_cost_changes: '200.00', committed_cost: '100.00' });
    expect(byCode['02-100']).toMatchObject({ pending_cost_changes: '400.00', committed_cost: '200.00' });
    // Committed cost derived from the approved commitments (no PM budget column): 0 + 300.
    expect((r.summary as unknown as Record<string, string>).committed_cost).toBe('300.00');
    expect(r.notes.join(' ')).toMatch(
      /1 subcontractor invoice without lines or commitment lines shown on \(no cost code\)/,
    );
    expect(r.notes.join(' ')).toMatch(/Committed cost derived from approved commitments/);
  });

  it('two PM jobs with the same normalised number link neither, and the report says so', async () => {
    const snap = await fixtureSnapshot({
      pm: {
        jobs: [
          { ...job, job_id: 'P1', number: '2026-020' },
          { ...job, job_id: 'P2', number: '2026 020' },
        ],
        budget_lines: [{ job_id: 'P1', cost_code: '01-100', cost_type: 'other', original_budget: '5.00' }],
      },
      erp: { jobs: [{ ...job, job_id: 'E1', number: '2026020' }] },
    });
    try {
      const found = await findJobCostJob(snap.con, '2026020');
      expect(found.pm_job_id).toBeNull();
      const r = await buildJobCostReport(
        snap.con,
        { asOf: '2026-10-31', company, jobNumber: '2026020' },
        found,
      );
      expect(r.notes.join(' ')).toMatch(/2 PM jobs share this job's number and none is linked to it/);
      expect(r.totals.originalBudget.toFixed(2)).toBe('0.00');
    } finally {
      snap.close();
    }
  });
});
