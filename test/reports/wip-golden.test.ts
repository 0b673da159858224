/**
 * Golden WIP cases with values checked by hand to the cent. Each names the published worked example it
 * follows; where no published example exists for the exact situation the numbers are hand-built and the
 * arithmetic is written out beside the assertion.
 */
import { describe, expect, it } from 'vitest';
import { jobOf, runWip } from './support/wip-run.ts';

const hardhatYear1 = {
  asOf: '2014-12-31',
  kind: 'closed' as const,
  jobs: {
    'HH-2': {
      earnedRevenue: '1125000',
      costOfRevenue: '1000000',
      grossProfitToDate: '125000',
      estimatedGrossProfit: '500000',
      estimatedGrossProfitMargin: null,
    },
  },
};

describe('WIP golden cases', () => {
  // Kieso, Weygandt & Warfield, Intermediate Accounting (Wiley), ch. 18 "Revenue Recognition", Hardhat
  // Construction: contract $4,500,000; end of year 1 costs $1,000,000 and estimated cost to complete
  // $3,000,000 → 25 %, revenue $1,125,000; progress billings $900,000 → costs and recognised profit in excess
  // of billings $225,000.
  it('under-billed job shows costs in excess of billings as an asset (Kieso, Hardhat year 1)', async () => {
    const out = await runWip(
      [
        {
          number: 'HH-1',
          originalContract: '4500000.00',
          pmEstimate: '4000000.00',
          costs: [{ date: '2014-12-15', amount: '1000000.00' }],
          billings: [{ periodEnd: '2014-12-31', amount: '900000.00' }],
        },
      ],
      { asOf: '2014-12-31' },
    );
    const job = jobOf(out, 'HH-1');
    expect(job.percent_complete).toBe('0.2500000000');
    expect(job.earned_revenue).toBe('1125000.00');
    expect(job.gross_profit_to_date).toBe('125000.00');
    expect(job.over_under_billing).toBe('-225000.00');
    expect(job.under_billing).toBe('225000.00');
    expect(job.over_billing).toBe('0.00');
    expect(job.cost_to_complete).toBe('3000000.00');
    expect(job.revenue_to_be_earned).toBe('3375000.00');
    expect(job.estimated_gross_profit).toBe('500000.00');
    expect(job.estimated_gross_profit_percent).toBe('0.1111111111');
  });

  // Same source, year 2: costs to date $2,916,000, estimated cost to complete $1,134,000 → 72 %, revenue to
  // date $3,240,000 (year 2 revenue $2,115,000, gross profit $199,000); billings to date $3,300,000 → billings
  // in excess of costs and recognised profit $60,000.
  it('over-billed job shows billings in excess as a liability and its fiscal-year columns (Kieso, Hardhat year 2)', async () => {
    const out = await runWip(
      [
        {
          number: 'HH-2',
          originalContract: '4500000.00',
          pmEstimate: '4050000.00',
          costs: [
            { date: '2014-12-15', amount: '1000000.00' },
            { date: '2015-11-30', amount: '1916000.00' },
          ],
          billings: [
            { periodEnd: '2014-12-31', amount: '900000.00' },
            { periodEnd: '2015-12-31', amount: '2400000.00' },
          ],
        },
      ],
      {
        asOf: '2015-12-31',
        fiscalYearBaseline: hardhatYear1,
        periodBaseline: hardhatYear1,
      },
    );
    const job = jobOf(out, 'HH-2');
    expect(job.percent_complete).toBe('0.7200000000');
    expect(job.earned_revenue).toBe('3240000.00');
    expect(job.over_under_billing).toBe('60000.00');
    expect(job.over_billing).toBe('60000.00');
    expect(job.under_billing).toBe('0.00');
    expect(job.fiscal_year_revenue).toBe('2115000.00');
    expect(job.fiscal_year_cost_of_revenue).toBe('1916000.00');
    expect(job.fiscal_year_gross_profit).toBe('199000.00');
    // The last closed period is the same year end here, so the period columns agree.
    expect(job.period_revenue).toBe('2115000.00');
    expect(job.period_gross_profit).toBe('199000.00');
    // closed periods find their baselines again by these keys
    expect(out.period_baseline).toEqual({ as_of: '2014-12-31', kind: 'closed' });
    expect(out.fiscal_year_baseline).toEqual({ as_of: '2014-12-31', kind: 'closed' });
  });

  // Kieso, same chapter, "Loss on an unprofitable contract": year 2 estimated cost to complete rises to
  // $1,640,250, total $4,556,250 → loss $56,250; 64 % complete; loss attributable to the remaining 36 % is
  // $20,250 (the provision); cumulative gross profit −$56,250.
  it('loss job mid-way recognises the whole loss at once (Kieso, unprofitable contract)', async () => {
    const out = await runWip(
      [
        {
          number: 'HH-L',
          originalContract: '4500000.00',
          pmEstimate: '4556250.00',
          costs: [{ date: '2015-11-30', amount: '2916000.00' }],
          billings: [{ periodEnd: '2015-12-31', amount: '3300000.00' }],
        },
      ],
      { asOf: '2015-12-31', fiscalYearBaseline: null },
    );
    const job = jobOf(out, 'HH-L');
    expect(job.percent_complete).toBe('0.6400000000');
    expect(job.earned_revenue).toBe('2880000.00');
    expect(job.provision_for_loss).toBe('20250.00');
    expect(job.gross_profit_to_date).toBe('-56250.00');
    expect(job.estimated_gross_profit).toBe('-56250.00');
    expect(job.over_under_billing).toBe('420000.00');
    expect(job.warnings).toContain('loss_job');
  });

  // Hand-built from the same rule (ASC 605-35-25-46; provision = (EAC − C) × (1 − %)): C 1,000,000,
  // EAC 1,200,000, CTD 1,140,000 → 95 %; earned 950,000; provision 200,000 × 5 % = 10,000;
  // GP = 950,000 − 1,140,000 − 10,000 = −200,000.
  it('loss job near completion keeps only the small remaining provision', async () => {
    const out = await runWip(
      [
        {
          number: 'L-95',
          originalContract: '1000000.00',
          pmEstimate: '1200000.00',
          costs: [{ date: '2026-10-15', amount: '1140000.00' }],
          billings: [{ periodEnd: '2026-10-31', amount: '900000.00' }],
        },
      ],
      { asOf: '2026-10-31', fiscalYearBaseline: null },
    );
    const job = jobOf(out, 'L-95');
    expect(job.percent_complete).toBe('0.9500000000');
    expect(job.earned_revenue).toBe('950000.00');
    expect(job.provision_for_loss).toBe('10000.00');
    expect(job.gross_profit_to_date).toBe('-200000.00');
    expect(job.under_billing).toBe('50000.00');
  });

  // CICPAC Revenue Recognition Guide for Construction CPAs pp. 27–28 (ASC 606-10-55-187, Example 19):
  // price $5M, expected cost $4M incl. $1.5M elevators delivered but not installed; other cost $500k →
  // progress 500k / 2.5M = 20 %; revenue 20 % × $3.5M + $1.5M = $2.2M; cost $2.0M; profit $200k.
  it('uninstalled materials are excluded from progress and recognised at cost (CICPAC, ASC 606 Example 19)', async () => {
    const out = await runWip(
      [
        {
          number: 'ELEV',
          originalContract: '5000000.00',
          pmEstimate: '4000000.00',
          costs: [
            { date: '2026-09-30', amount: '500000.00' },
            { date: '2026-10-20', amount: '1500000.00' },
          ],
        },
      ],
      {
        asOf: '2026-10-31',
        fiscalYearBaseline: null,
        overrides: [
          {
            jobNumber: 'ELEV',
            period: '2026-10',
            uninstalledMaterials: '1500000.00',
            note: 'Elevators on site',
          },
        ],
      },
    );
    const job = jobOf(out, 'ELEV');
    expect(job.percent_complete).toBe('0.2000000000');
    expect(job.earned_revenue).toBe('2200000.00');
    expect(job.gross_profit_to_date).toBe('200000.00');
    expect(job.uninstalled_materials).toBe('1500000.00');
  });

  // Sage 100 Contractor Over/Under Billing report 6-1-7-21 (Sage KB): "the Budget is the actual costs when
  // costs exceed the budget", i.e. % complete stops at 100 %. C 500,000, EAC 400,000, CTD 420,000 →
  // 100 %; earned 500,000; GP 80,000; cost to complete 0.
  it('cost above the estimate caps percent complete at 100 % (Sage 6-1-7-21)', async () => {
    const out = await runWip(
      [
        {
          number: 'CAP',
          originalContract: '500000.00',
          pmEstimate: '400000.00',
          costs: [{ date: '2026-10-01', amount: '420000.00' }],
          billings: [{ periodEnd: '2026-10-31', amount: '475000.00' }],
        },
      ],
      { asOf: '2026-10-31', fiscalYearBaseline: null },
    );
    const job = jobOf(out, 'CAP');
    expect(job.percent_complete).toBe('1.0000000000');
    expect(job.earned_revenue).toBe('500000.00');
    expect(job.gross_profit_to_date).toBe('80000.00');
    expect(job.cost_to_complete).toBe('0.00');
    expect(job.under_billing).toBe('25000.00');
    expect(job.warnings).toContain('cost_exceeds_estimate');
  });

  // Approved change orders count in the contract only once approved on or before as-of (Sage 6-1-7-21:
  // "approved prime change details"; commercialsurety: only approved COs on a surety WIP). Hand-built:
  // 1,000,000 + 100,000 approved; 50,000 pending and 25,000 approved after as-of are shown, not added.
  // EAC 880,000, CTD 440,000 → 50 %; earned 550,000.
  it('change order added counts once approved; pending ones are shown beside, never in, the contract', async () => {
    const out = await runWip(
      [
        {
          number: 'CO',
          originalContract: '1000000.00',
          changeOrders: [
            { amount: '100000.00', status: 'approved', approvedDate: '2026-09-15' },
            { amount: '50000.00', status: 'pending' },
            { amount: '25000.00', status: 'approved', approvedDate: '2026-11-05' },
            { amount: '9999.00', status: 'rejected' },
          ],
          pmEstimate: '880000.00',
          costs: [{ date: '2026-10-01', amount: '440000.00' }],
          billings: [{ periodEnd: '2026-10-31', amount: '500000.00' }],
        },
      ],
      { asOf: '2026-10-31', fiscalYearBaseline: null },
    );
    const job = jobOf(out, 'CO');
    expect(job.approved_change_orders).toBe('100000.00');
    expect(job.contract_amount).toBe('1100000.00');
    expect(job.pending_change_orders).toBe('75000.00');
    expect(job.earned_revenue).toBe('550000.00');
    expect(job.under_billing).toBe('50000.00');
  });

  // A deductive change order lowers the contract (hand-built): 1,000,000 − 100,000 = 900,000; EAC 800,000,
  // CTD 200,000 → 25 %; earned 225,000; billed 250,000 → over-billed 25,000.
  it('contract price cut by a deductive change order lowers earned revenue', async () => {
    const out = await runWip(
      [
        {
          number: 'CUT',
          originalContract: '1000000.00',
          changeOrders: [{ amount: '-100000.00', status: 'approved', approvedDate: '2026-08-01' }],
          pmEstimate: '800000.00',
          costs: [{ date: '2026-10-01', amount: '200000.00' }],
          billings: [{ periodEnd: '2026-10-31', amount: '250000.00' }],
        },
      ],
      { asOf: '2026-10-31', fiscalYearBaseline: null },
    );
    const job = jobOf(out, 'CUT');
    expect(job.contract_amount).toBe('900000.00');
    expect(job.percent_complete).toBe('0.2500000000');
    expect(job.earned_revenue).toBe('225000.00');
    expect(job.over_billing).toBe('25000.00');
  });

  // Rounding policy (shared/DESIGN.md §6): totals are sums of unrounded values, rounded once half-up.
  // Three jobs at one third complete of $100,000: each earns 33,333.333… → 33,333.33 printed; the rows add
  // to 99,999.99 but the total is 100,000.00.
  it('multi-job schedule whose rounded rows do not add up to the rounded total', async () => {
    const third = (n: string) => ({
      number: n,
      originalContract: '100000.00',
      pmEstimate: '30000.00',
      costs: [{ date: '2026-10-01', amount: '10000.00' }],
    });
    const out = await runWip([third('R-1'), third('R-2'), third('R-3')], {
      asOf: '2026-10-31',
      fiscalYearBaseline: null,
    });
    expect(out.jobs.map((j) => j.earned_revenue)).toEqual(['33333.33', '33333.33', '33333.33']);
    expect(out.jobs[0]!.percent_complete).toBe('0.3333333333');
    expect(out.totals.earned_revenue).toBe('100000.00');
    expect(out.totals.under_billing).toBe('100000.00');
  });

  it('a job with no estimate shows 0 % with a warning instead of a division error', async () => {
    const out = await runWip(
      [{ number: 'NEW', originalContract: '250000.00', costs: [{ date: '2026-10-01', amount: '1200.00' }] }],
      { asOf: '2026-10-31', fiscalYearBaseline: null },
    );
    const job = jobOf(out, 'NEW');
    expect(job.percent_complete).toBe('0.0000000000');
    expect(job.earned_revenue).toBe('0.00');
    expect(job.estimate_source).toBe('none');
    expect(job.warnings).toContain('no_estimate');
  });
});
