/**
 * The WIP rules of DESIGN §6 that the ledger work corrected, each with figures worked by hand (in the comments)
 * rather than read back from the code.
 */
import { describe, expect, it } from 'vitest';
import { jobOf, runWip } from '../reports/support/wip-run.ts';

describe('WIP rules', () => {
  it('a completed job is 100 % complete: earns C, cost of revenue CTD, GP C − CTD, whatever the last estimate', async () => {
    // C 1,000,000; last EAC 950,000; CTD 900,000; billed 1,000,000; completed 2026-09-30, WIP at 2026-10-31.
    // Earned = C = 1,000,000 (not 900/950 × 1M = 947,368.42); GP = 100,000; over/under = 1,000,000 − 1,000,000 = 0.
    const out = await runWip(
      [
        {
          number: 'J1',
          status: 'completed',
          completionDate: '2026-09-30',
          originalContract: '1000000.00',
          pmEstimate: '950000.00',
          costs: [{ date: '2026-08-01', amount: '900000.00' }],
          billings: [{ periodEnd: '2026-09-30', amount: '1000000.00' }],
        },
      ],
      { asOf: '2026-10-31' },
    );
    const j = jobOf(out, 'J1');
    expect(j).toMatchObject({
      percent_complete: '1.0000000000',
      earned_revenue: '1000000.00',
      cost_of_revenue: '900000.00',
      gross_profit_to_date: '100000.00',
      estimated_gross_profit: '100000.00',
      over_under_billing: '0.00',
      over_billing: '0.00',
      estimated_total_cost: '900000.00',
    });
    // …and nothing of it reaches the balance-sheet tie-out as over billing.
    expect(out.balance_sheet.over_billings?.wip).toBe('0.00');
  });

  it('a PM estimate of 0 is no estimate: the ERP revised budget is used instead', async () => {
    // C 1,000,000; PM EAC 0; ERP revised budget 800,000; CTD 100,000 → 12.5 %, earned 125,000, est. GP 200,000.
    const out = await runWip(
      [
        {
          number: 'J2',
          originalContract: '1000000.00',
          pmEstimate: '0.00',
          erpBudget: '800000.00',
          costs: [{ date: '2026-10-01', amount: '100000.00' }],
        },
      ],
      { asOf: '2026-10-31' },
    );
    expect(jobOf(out, 'J2')).toMatchObject({
      estimate_source: 'erp',
      estimated_total_cost: '800000.00',
      estimated_gross_profit: '200000.00',
      percent_complete: '0.1250000000',
      earned_revenue: '125000.00',
      gross_profit_to_date: '25000.00',
    });
  });

  it('with neither estimate the job shows no estimated GP (blank, not C − CTD) and the totals foot', async () => {
    // J3: no estimate anywhere. J4: C 500,000, EAC 400,000 → GP 100,000.
    // Totals: ΣC = 1,500,000, ΣEAC = 400,000 (J3 left out), Σ GP = 100,000 = 500,000 − 400,000 over J4 only.
    const out = await runWip(
      [
        {
          number: 'J3',
          originalContract: '1000000.00',
          costs: [{ date: '2026-10-01', amount: '100000.00' }],
        },
        {
          number: 'J4',
          originalContract: '500000.00',
          pmEstimate: '400000.00',
          costs: [{ date: '2026-10-01', amount: '100000.00' }],
        },
      ],
      { asOf: '2026-10-31' },
    );
    expect(jobOf(out, 'J3')).toMatchObject({
      estimated_gross_profit: null,
      estimated_total_cost: null,
      cost_to_complete: null,
      earned_revenue: '0.00',
      percent_complete: '0.0000000000',
    });
    expect(out.totals).toMatchObject({
      contract_amount: '1500000.00',
      estimated_total_cost: '400000.00',
      estimated_gross_profit: '100000.00',
    });
    expect(out.warnings.join(' ')).toMatch(/1 job\(s\) without a usable estimate \(J3\)/);
  });

  it('C leaves out a prime contract not yet executed, and counts an undated approved change order, naming it', async () => {
    // Executed 1,000,000 + approved undated CO 50,000 = C 1,050,000; the pending contract is not C.
    const out = await runWip(
      [
        {
          number: 'J5',
          originalContract: '1000000.00',
          pmEstimate: '840000.00',
          changeOrders: [{ amount: '50000.00', status: 'approved' }],
          costs: [{ date: '2026-10-01', amount: '420000.00' }],
        },
      ],
      { asOf: '2026-10-31' },
      {
        erp: {
          prime_contracts: [
            {
              contract_id: 'K-J5',
              job_id: 'E-J5',
              number: '1',
              status: 'approved',
              original_amount: '1000000.00',
            },
            {
              contract_id: 'K-J5b',
              job_id: 'E-J5',
              number: '2',
              status: 'pending',
              original_amount: '300000.00',
            },
          ],
        },
      },
    );
    const j = jobOf(out, 'J5');
    expect(j.contract_amount).toBe('1050000.00');
    // 420,000 / 840,000 = 50 % of 1,050,000 = 525,000.
    expect(j.earned_revenue).toBe('525000.00');
    const notes = (j as unknown as { notes: string[] }).notes.join(' ');
    expect(notes).toMatch(/PCCO-1/);
    expect(notes).toMatch(/1 prime contract\(s\) not executed by this date \(300000.00\)/);
  });

  it('a void original with its reversal still posted counts as nothing in cost to date', async () => {
    // Posted 400,000; a 50,000 cost voided, its −50,000 reversal still posted: CTD 400,000, not 350,000.
    const out = await runWip(
      [
        {
          number: 'J6',
          originalContract: '1000000.00',
          pmEstimate: '800000.00',
          costs: [
            { date: '2026-10-01', amount: '400000.00' },
            { date: '2026-10-02', amount: '50000.00', status: 'void' },
            { date: '2026-10-03', amount: '-50000.00' },
          ],
        },
      ],
      { asOf: '2026-10-31' },
    );
    expect(jobOf(out, 'J6').cost_to_date).toBe('400000.00');
  });

  it('retainage receivable is held less released', async () => {
    // Held 10,000 + 5,000, released 12,000 → 3,000.
    const out = await runWip(
      [{ number: 'J7', originalContract: '1000000.00', pmEstimate: '800000.00' }],
      { asOf: '2026-10-31' },
      {
        erp: {
          billings: [
            {
              billing_id: 'B1',
              job_id: 'E-J7',
              number: '1',
              period_end: '2026-08-31',
              billed_amount: '100000.00',
              retainage_held: '10000.00',
              status: 'posted',
            },
            {
              billing_id: 'B2',
              job_id: 'E-J7',
              number: '2',
              period_end: '2026-09-30',
              billed_amount: '50000.00',
              retainage_held: '5000.00',
              status: 'posted',
            },
            {
              billing_id: 'B3',
              job_id: 'E-J7',
              number: '3',
              period_end: '2026-10-31',
              billed_amount: '0.00',
              retainage_released: '12000.00',
              status: 'posted',
            },
          ],
        },
      },
    );
    expect(jobOf(out, 'J7').retainage_receivable).toBe('3000.00');
  });

  it('the period baseline counts jobs completed in an earlier closed period: no revenue twice', async () => {
    // J8 completed in September with C 200,000; the closed September WIP listed it as completed with earned
    // 200,000. October's period revenue for J8 is 200,000 − 200,000 = 0.
    const out = await runWip(
      [
        {
          number: 'J8',
          status: 'completed',
          completionDate: '2026-09-15',
          originalContract: '200000.00',
          pmEstimate: '150000.00',
          costs: [{ date: '2026-09-01', amount: '150000.00' }],
        },
      ],
      {
        asOf: '2026-10-31',
        periodBaseline: {
          asOf: '2026-09-30',
          kind: 'closed',
          jobs: {
            J8: {
              earnedRevenue: '200000.00',
              costOfRevenue: '150000.00',
              grossProfitToDate: '50000.00',
              estimatedGrossProfit: '50000.00',
              estimatedGrossProfitMargin: '0.25',
            },
          },
        },
      },
    );
    expect(jobOf(out, 'J8').period_revenue).toBe('0.00');
  });
});
