/**
 * The live job cost report against Procore's standard budget view definitions (Procore support, "About the
 * Procore standard budget view"; "Use the forecast to complete feature"): projected budget = revised +
 * pending budget changes; projected costs = committed + direct + pending cost changes; automatic forecast to
 * complete = projected budget − projected costs (never below 0), which gives a $0 projected over/under on a
 * line under budget; job-to-date = approved direct costs + approved subcontractor invoices. Values by hand.
 */
import { describe, expect, it } from 'vitest';
import { buildJobCostReport, findJobCostJob, JobNotFound } from '../../reports/job-cost/job-cost.ts';
import { jobCostJson } from '../../reports/job-cost/tables.ts';
import { fixtureSnapshot } from '../support/fixture-snapshot.ts';

const job = { number: '2026-014', name: 'Fire Station No. 4', status: 'open' };

async function jobCost() {
  const snap = await fixtureSnapshot({
    pm: {
      jobs: [{ ...job, job_id: 'P1', linked_id: 'E1' }],
      budget_lines: [
        {
          job_id: 'P1',
          cost_code: '03-300',
          cost_type: 'material',
          original_budget: '100000.00',
          approved_changes: '10000.00',
          revised_budget: '110000.00',
          pending_changes: '5000.00',
          committed_cost: '80000.00',
        },
        {
          job_id: 'P1',
          cost_code: '05-100',
          cost_type: 'labor',
          original_budget: '50000.00',
          revised_budget: '50000.00',
          forecast_to_complete: '20000.00',
          estimated_cost_at_completion: '62000.00',
        },
      ],
      cost_transactions: [
        {
          transaction_id: 'D1',
          job_id: 'P1',
          date: '2026-10-02',
          cost_code: '03-300',
          cost_type: 'material',
          amount: '2000.00',
          source: 'direct',
          status: 'pending',
        },
        {
          transaction_id: 'D2',
          job_id: 'P1',
          date: '2026-10-03',
          cost_code: '03-300',
          cost_type: 'material',
          amount: '3000.00',
          source: 'direct',
          status: 'approved',
        },
        {
          transaction_id: 'D3',
          job_id: 'P1',
          date: '2026-10-04',
          cost_code: '05-100',
          cost_type: 'labor',
          amount: '42000.00',
          source: 'direct',
          status: 'approved',
        },
        {
          transaction_id: 'D4',
          job_id: 'P1',
          date: '2026-10-05',
          cost_code: '05-100',
          cost_type: 'labor',
          amount: '999.00',
          source: 'direct',
          status: 'void',
        },
      ],
      commitments: [
        {
          commitment_id: 'C1',
          job_id: 'P1',
          number: 'SC-001',
          kind: 'subcontract',
          status: 'approved',
          original_amount: '80000.00',
        },
      ],
      commitment_lines: [
        { commitment_id: 'C1', line_id: '1', cost_code: '03-300', cost_type: 'material', amount: '60000.00' },
        { commitment_id: 'C1', line_id: '2', cost_code: '05-100', cost_type: 'labor', amount: '20000.00' },
      ],
      change_orders: [
        {
          change_order_id: 'CCO1',
          job_id: 'P1',
          number: 'CCO-1',
          kind: 'commitment',
          commitment_id: 'C1',
          status: 'pending',
          cost_amount: '4000.00',
        },
      ],
      change_order_lines: [
        {
          change_order_id: 'CCO1',
          line_id: '1',
          cost_code: '03-300',
          cost_type: 'material',
          amount: '4000.00',
        },
      ],
      payables: [
        {
          invoice_id: 'I1',
          job_id: 'P1',
          number: 'PA-1',
          commitment_id: 'C1',
          invoice_date: '2026-10-10',
          status: 'approved',
          gross_amount: '40000.00',
        },
        {
          invoice_id: 'I2',
          job_id: 'P1',
          number: 'PA-2',
          commitment_id: 'C1',
          invoice_date: '2026-10-20',
          status: 'approved',
          gross_amount: '10000.00',
        },
        {
          invoice_id: 'I3',
          job_id: 'P1',
          number: 'PA-3',
          commitment_id: 'C1',
          invoice_date: '2026-10-25',
          status: 'pending',
          gross_amount: '7777.00',
        },
      ],
      payable_lines: [
        { invoice_id: 'I1', line_id: '1', cost_code: '03-300', cost_type: 'material', amount: '40000.00' },
      ],
    },
    erp: {
      jobs: [{ ...job, job_id: 'E1' }],
      cost_transactions: [
        {
          transaction_id: 'T1',
          job_id: 'E1',
          date: '2026-10-11',
          cost_code: '03300',
          cost_type: 'material',
          amount: '42500.00',
          source: 'ap',
          status: 'posted',
        },
        {
          transaction_id: 'T2',
          job_id: 'E1',
          date: '2026-10-12',
          cost_code: '03300',
          cost_type: 'material',
          amount: '999.00',
          source: 'ap',
          status: 'void',
        },
        {
          transaction_id: 'T3',
          job_id: 'E1',
          date: '2026-10-13',
          cost_code: '05100',
          cost_type: 'labor',
          amount: '44500.00',
          source: 'payroll',
          status: 'posted',
        },
        {
          transaction_id: 'T4',
          job_id: 'E1',
          date: '2026-11-02',
          cost_code: '05100',
          cost_type: 'labor',
          amount: '1000.00',
          source: 'payroll',
          status: 'posted',
        },
      ],
    },
    mappings: {
      costCodes: [
        { pmCode: '03-300', erpCode: '03300' },
        { pmCode: '05-100', erpCode: '05100' },
      ],
    },
  });
  try {
    const report = await buildJobCostReport(snap.con, {
      asOf: '2026-10-31',
      company: { id: 'acme', name: 'Acme' },
      jobNumber: '2026014',
    });
    return jobCostJson(report);
  } finally {
    snap.close();
  }
}

describe('live job cost report', () => {
  it('follows the Procore budget view and sets the ERP posted cost beside the PM job-to-date', async () => {
    const r = await jobCost();
    expect(r.job.number).toBe('2026-014');
    const [concrete, steel] = r.lines;
    expect(concrete).toMatchObject({
      cost_code: '03-300',
      cost_type: 'material',
      revised_budget: '110000.00',
      projected_budget: '115000.00',
      direct_cost: '5000.00',
      pending_cost_changes: '4000.00',
      projected_cost: '89000.00',
      forecast_to_complete: '26000.00',
      estimated_cost_at_completion: '115000.00',
      projected_over_under: '0.00',
      // 3,000 approved direct + 40,000 lined invoice + 7,500 (10,000 spread 60:20 over the commitment lines)
      job_to_date_cost: '50500.00',
      erp_posted_cost: '42500.00',
      variance: '8000.00',
      forecast_overrun: false,
    });
    expect(steel).toMatchObject({
      cost_code: '05-100',
      estimated_cost_at_completion: '62000.00',
      projected_over_under: '-12000.00',
      // 42,000 approved direct + 2,500 spread; the void direct cost is left out
      job_to_date_cost: '44500.00',
      // the November payroll is after as-of
      erp_posted_cost: '44500.00',
      variance: '0.00',
      forecast_overrun: true,
    });
    expect(r.summary).toMatchObject({
      job_to_date_cost: '95000.00',
      erp_posted_cost: '87000.00',
      overrun_lines: 1,
    });
    expect(r.notes.join(' ')).toMatch(
      /1 subcontractor invoice without lines spread over their commitment's lines pro rata/,
    );
  });

  it('a job with no linked PM job shows the ERP posted cost only, and says so', async () => {
    const snap = await fixtureSnapshot({
      // A PM job exists, but with another number and no link: it must not be picked up.
      pm: {
        jobs: [{ number: '2026-099', name: 'Other', status: 'open', job_id: 'P9' }],
        budget_lines: [{ job_id: 'P9', cost_code: '03-300', cost_type: 'material', original_budget: '5.00' }],
      },
      erp: {
        jobs: [{ ...job, job_id: 'E1' }],
        cost_transactions: [
          {
            transaction_id: 'T1',
            job_id: 'E1',
            date: '2026-10-01',
            cost_code: '03300',
            cost_type: 'material',
            amount: '2500.00',
            source: 'ap',
            status: 'posted',
          },
        ],
      },
    });
    try {
      const params = { asOf: '2026-10-31', company: { id: 'a', name: 'A' }, jobNumber: job.number };
      const found = await findJobCostJob(snap.con, job.number);
      expect(found.pm_job_id).toBeNull();
      const report = jobCostJson(await buildJobCostReport(snap.con, params, found));
      const summary = report.summary as Record<string, unknown>;
      expect(summary.erp_posted_cost).toBe('2500.00');
      expect(summary.original_budget).toBe('0.00');
      expect(report.notes).toContain('No linked PM job: only the ERP posted cost is shown.');
      // Passing the job found beforehand gives the report looking it up gives.
      expect(jobCostJson(await buildJobCostReport(snap.con, params))).toEqual(report);
    } finally {
      snap.close();
    }
  });

  it('names the job number it could not find', async () => {
    const snap = await fixtureSnapshot({ erp: { jobs: [{ ...job, job_id: 'E1' }] } });
    try {
      await expect(
        buildJobCostReport(snap.con, {
          asOf: '2026-10-31',
          company: { id: 'a', name: 'A' },
          jobNumber: '9999',
        }),
      ).rejects.toThrow(JobNotFound);
    } finally {
      snap.close();
    }
  });
});
