/**
 * Golden cases for the bonding view, each following a published worked example (cited beside it). The jobs
 * are built by hand so the WIP produces the published contract asset and liability; the arithmetic is written
 * out beside each assertion.
 */
import { describe, expect, it } from 'vitest';
import { pointFromStored } from '../../reports/bonding/trends.ts';
import { gl, runBonding } from './support/bonding-run.ts';

const AS_OF = '2026-10-31';

// A job at 50 % complete: C 1,000,000, EAC 800,000, CTD 400,000 → earned 500,000; billed sets the position.
const halfDone = (number: string, billed: string) => ({
  number,
  originalContract: '1000000.00',
  pmEstimate: '800000.00',
  costs: [{ date: '2026-10-15', amount: '400000.00' }],
  billings: [{ periodEnd: AS_OF, amount: billed }],
});

describe('bonding view golden cases', () => {
  // Ted Bartko CPA, "Understanding how Working Capital can affect your next Surety Bond application"
  // (tedbartkocpa.com): cash 100,000 + AR 400,000 + retention receivable 25,000 + cost in excess of billings
  // 40,000 = current assets 565,000; AP 150,000 + retention payable 20,000 + billings in excess 100,000 +
  // accrued payroll 10,000 + bank line 50,000 + other short-term debt 20,000 + income taxes 15,000 = current
  // liabilities 365,000; working capital 200,000; "Bonding capacity: 10 X $200,000 = $2,000,000".
  // Aggregate = single × 2.5 as in ProSure Group's "$1 million single / $2.5 million aggregate" example.
  it('working capital and bond credit from the GL and the WIP (Bartko CPA example)', async () => {
    const out = await runBonding(
      [halfDone('U-1', '460000.00'), halfDone('O-1', '600000.00')],
      [
        gl('1000', 'cash', AS_OF, '100000.00'),
        gl('1100', 'accounts_receivable', AS_OF, '400000.00'),
        gl('1150', 'retainage_receivable', AS_OF, '25000.00'),
        gl('2000', 'accounts_payable', AS_OF, '-150000.00'),
        gl('2010', 'retainage_payable', AS_OF, '-20000.00'),
        gl('2100', 'other_current_liabilities', AS_OF, '-10000.00'),
        gl('2110', 'other_current_liabilities', AS_OF, '-20000.00'),
        gl('2120', 'other_current_liabilities', AS_OF, '-15000.00'),
        gl('2200', 'line_of_credit', AS_OF, '-50000.00'),
        // The books' own contract accounts are not counted again: the WIP's figures stand in for them.
        gl('1250', 'under_billings', AS_OF, '40000.00'),
        gl('2250', 'over_billings', AS_OF, '-100000.00'),
      ],
      { asOf: AS_OF },
    );
    // U-1: billed 460,000 − earned 500,000 = under 40,000; O-1: 600,000 − 500,000 = over 100,000.
    expect(out.current_assets).toBe('565000.00');
    expect(out.current_liabilities).toBe('365000.00');
    expect(out.working_capital).toBe('200000.00');
    expect(out.single_job_limit).toBe('2000000.00');
    expect(out.aggregate_limit).toBe('5000000.00'); // 2,000,000 × 2.5
    // Backlog: each job 1,000,000 − 500,000 = 500,000 revenue and 800,000 − 400,000 = 400,000 cost to go.
    expect(out.backlog_revenue).toBe('1000000.00');
    expect(out.backlog_cost_to_complete).toBe('800000.00');
    expect(out.work_on_hand).toBe('800000.00');
    expect(out.available).toBe('4200000.00'); // 5,000,000 − 800,000
    expect(out.gl_contract_accounts).toEqual({ under_billings: '40000.00', over_billings: '100000.00' });
    expect(out.equity).toBeNull();
    expect(out.warnings.join(' ')).toMatch(/No equity account is mapped/);
  });

  // Surety1, "Performance bond financial analysis: working capital" (surety1.com, 2014): cash 50,000, A/R
  // 120,000, inventory 20,000, under billings 10,000 (current assets 200,000); taxes payable 30,000, A/P
  // 60,000, credit line 10,000 (current liabilities 100,000); working capital 100,000, which by the "ten
  // percent rule" supports $1,000,000 of cost to complete on the backlog.
  it('the 10 % test: working capital and equity each at least 10 % of cost to complete (Surety1 example)', async () => {
    const out = await runBonding(
      [
        // CTD 250,000 of EAC 1,250,000 = 20 %; C 1,500,000 → earned 300,000; billed 290,000 → under 10,000;
        // cost to complete 1,250,000 − 250,000 = 1,000,000.
        {
          number: 'T-1',
          originalContract: '1500000.00',
          pmEstimate: '1250000.00',
          costs: [{ date: '2026-10-01', amount: '250000.00' }],
          billings: [{ periodEnd: AS_OF, amount: '290000.00' }],
        },
      ],
      [
        gl('1000', 'cash', AS_OF, '50000.00'),
        gl('1100', 'accounts_receivable', AS_OF, '120000.00'),
        gl('1300', 'other_current_assets', AS_OF, '20000.00'),
        gl('2300', 'other_current_liabilities', AS_OF, '-30000.00'),
        gl('2000', 'accounts_payable', AS_OF, '-60000.00'),
        gl('2200', 'line_of_credit', AS_OF, '-10000.00'),
        gl('3000', 'equity', AS_OF, '-99999.99'),
      ],
      { asOf: AS_OF },
    );
    expect(out.current_assets).toBe('200000.00');
    expect(out.current_liabilities).toBe('100000.00');
    expect(out.working_capital).toBe('100000.00');
    expect(out.backlog_cost_to_complete).toBe('1000000.00');
    // Equity 99,999.99 is a cent short of 10 % × 1,000,000 = 100,000.00: the test fails on equity alone.
    expect(out.equity).toBe('99999.99');
    expect(out.ten_percent_test).toEqual({
      cost_to_complete: '1000000.00',
      required: '100000.00',
      working_capital_passes: true,
      equity_passes: false,
      passes: false,
    });
    expect(out.red_flags.map((f) => f.code)).toContain('ten_percent_test_failed');
    expect(out.red_flags.find((f) => f.code === 'ten_percent_test_failed')?.reason).toMatch(
      /equity below 100000\.00/,
    );
  });

  // District Bonding, "Work in progress schedule" (districtbonding.com): a signed $1,000,000 contract with
  // $200,000 of overhead and profit, not started, is $800,000 of backlog as the surety counts it (cost to
  // complete). $100,000 of working capital gives a $1,000,000 single limit (buysuretybonds.com calculator:
  // "$100K WC = $1M single project") and $2,500,000 aggregate (× 2.5).
  it('backlog as cost to complete or as revenue, and what remains of the aggregate (District Bonding)', async () => {
    const unstarted = [{ number: 'N-1', originalContract: '1000000.00', pmEstimate: '800000.00' }];
    const cash = [gl('1000', 'cash', AS_OF, '100000.00')];
    const byCost = await runBonding(unstarted, cash, { asOf: AS_OF });
    expect(byCost.backlog_cost_to_complete).toBe('800000.00');
    expect(byCost.backlog_revenue).toBe('1000000.00');
    expect(byCost.single_job_limit).toBe('1000000.00');
    expect(byCost.aggregate_limit).toBe('2500000.00');
    expect(byCost.available).toBe('1700000.00'); // 2,500,000 − 800,000
    expect(byCost.backlog[0]).toMatchObject({
      job_number: 'N-1',
      backlog_revenue: '1000000.00',
      backlog_cost_to_complete: '800000.00',
    });
    const byRevenue = await runBonding(unstarted, cash, {
      asOf: AS_OF,
      settings: { workOnHand: 'backlog_revenue' },
    });
    expect(byRevenue.work_on_hand).toBe('1000000.00');
    expect(byRevenue.available).toBe('1500000.00'); // 2,500,000 − 1,000,000
  });

  // SEC filing, CIK 1081206, 10-Q note "Costs and estimated earnings on uncompleted contracts" at September
  // 30, 2011 (sec.gov/Archives/edgar/data/1081206/000120445911002997/R8.htm): costs incurred 186,925,845 +
  // estimated earnings 74,924,669 = 261,850,514; less billings 231,626,282 = 30,224,232; carried as costs and
  // estimated earnings in excess of billings 44,045,758 and billings in excess 13,821,526.
  it('the contracts-in-progress roll-up as published in a financial-statement note (SEC 10-Q example)', async () => {
    const out = await runBonding(
      [
        // A: CTD 100,000,000 of EAC 200,000,000 = 50 % of C 300,000,000 → earned 150,000,000;
        //    billed 105,954,242 → under 44,045,758.
        {
          number: 'A',
          originalContract: '300000000.00',
          pmEstimate: '200000000.00',
          costs: [{ date: '2011-09-15', amount: '100000000.00' }],
          billings: [{ periodEnd: '2011-09-30', amount: '105954242.00' }],
        },
        // B: CTD 86,925,845 of EAC 173,851,690 = 50 % of C 223,701,028 → earned 111,850,514;
        //    billed 125,672,040 → over 13,821,526.
        {
          number: 'B',
          originalContract: '223701028.00',
          pmEstimate: '173851690.00',
          costs: [{ date: '2011-09-15', amount: '86925845.00' }],
          billings: [{ periodEnd: '2011-09-30', amount: '125672040.00' }],
        },
      ],
      [gl('1000', 'cash', '2011-09-30', '1.00')],
      { asOf: '2011-09-30' },
    );
    expect(out.contracts_in_progress).toEqual({
      costs_incurred: '186925845.00',
      estimated_earnings: '74924669.00',
      earned_to_date: '261850514.00',
      billings_to_date: '231626282.00',
      net: '30224232.00',
      costs_in_excess_of_billings: '44045758.00',
      billings_in_excess_of_costs: '13821526.00',
    });
  });

  // Surety1, "Work progress schedule" (surety1.com): "original job estimate was a $100,000 profit. At 70%
  // complete the WIP was still showing a $100,000 profit… it only showed a $50,000 profit… The surety
  // companies refer to this situation as profit fade." A fall of 10 % or more of estimated gross profit is the
  // threshold bonding agents call about (lvb.com 2017; cpa-connecticut.com fade analysis).
  it('profit fade across periods is a red flag with its reason (Surety1 example)', async () => {
    const out = await runBonding(
      [
        // C 1,000,000, original budget 900,000 → original GP 100,000; EAC now 950,000 → GP 50,000.
        {
          number: 'F-1',
          originalContract: '1000000.00',
          pmOriginalBudget: '900000.00',
          pmEstimate: '950000.00',
          costs: [{ date: '2026-10-20', amount: '665000.00' }],
          billings: [{ periodEnd: AS_OF, amount: '700000.00' }],
        },
      ],
      [gl('1000', 'cash', AS_OF, '100000.00')],
      {
        asOf: AS_OF,
        // The closed September WIP, at 70 % complete, still showed the $100,000 profit.
        previous: {
          asOf: '2026-09-30',
          kind: 'closed',
          jobs: {
            'F-1': {
              earnedRevenue: '700000',
              costOfRevenue: '630000',
              grossProfitToDate: '70000',
              estimatedGrossProfit: '100000.00',
              estimatedGrossProfitMargin: '0.1',
            },
          },
        },
      },
    );
    const fade = out.red_flags.filter((f) => f.code === 'fade');
    expect(fade).toHaveLength(1);
    // 50,000 − 100,000 = −50,000, i.e. 50.0 % of the original 100,000.
    expect(fade[0]).toEqual({
      code: 'fade',
      job_number: 'F-1',
      reason:
        'Job F-1: gross profit 50000.00 is 50000.00 below the original estimate of 100000.00 (50.0 %); a fade of 10 % or more of the estimated gross profit.',
    });
  });

  it('under billings growing two periods running, a job past its estimate and a loss job are red flags', async () => {
    const stored = (asOf: string, under: string) => ({
      as_of: asOf,
      jobs: [{ job_number: 'G-1', under_billing: under, estimated_gross_profit: '200000.00', warnings: [] }],
      totals: { estimated_gross_profit: '200000.00', provision_for_loss: '0.00' },
      balance_sheet: { under_billings: { wip: under }, over_billings: { wip: '0.00' } },
    });
    const out = await runBonding(
      [
        halfDone('G-1', '470000.00'), // under 30,000 now, after 10,000 and 20,000
        // P-1: CTD 850,000 past EAC 800,000 → capped at 100 %, flagged.
        {
          number: 'P-1',
          originalContract: '1000000.00',
          pmEstimate: '800000.00',
          costs: [{ date: '2026-10-15', amount: '850000.00' }],
          billings: [{ periodEnd: AS_OF, amount: '1000000.00' }],
        },
        // L-1: EAC 1,100,000 over C 1,000,000 → a loss of 100,000, recognised in full.
        {
          number: 'L-1',
          originalContract: '1000000.00',
          pmEstimate: '1100000.00',
          costs: [{ date: '2026-10-15', amount: '550000.00' }],
          billings: [{ periodEnd: AS_OF, amount: '500000.00' }],
        },
      ],
      [gl('1000', 'cash', AS_OF, '100000.00')],
      {
        asOf: AS_OF,
        history: [
          pointFromStored('2026-08', stored('2026-08-31', '10000.00'), null),
          pointFromStored('2026-09', stored('2026-09-30', '20000.00'), null),
        ],
      },
    );
    const codes = out.red_flags.map((f) => `${f.code}:${f.job_number ?? '-'}`);
    expect(codes).toEqual(
      expect.arrayContaining(['under_billings_growing:G-1', 'past_estimate:P-1', 'loss_job:L-1']),
    );
    expect(
      out.red_flags.find((f) => f.code === 'under_billings_growing' && f.job_number === 'G-1')?.reason,
    ).toBe(
      'Job G-1: under billing grew two periods running: 10000.00 (2026-08-31) → 20000.00 (2026-09-30) → 30000.00 (2026-10-31).',
    );
    // The trend rows: the two closed periods, then now.
    expect(out.trends.map((t) => [t.as_of, t.kind, t.under_billings])).toEqual([
      ['2026-08-31', 'closed', '10000.00'],
      ['2026-09-30', 'closed', '20000.00'],
      ['2026-10-31', 'now', '30000.00'],
    ]);
    expect(out.trends[2]?.jobs_past_estimate).toEqual(['P-1']);
    expect(out.trends[2]?.loss_jobs).toEqual(['L-1']);
  });

  it('no balance-sheet GL balance: no working capital and no capacity, with a warning saying what to map', async () => {
    const out = await runBonding([halfDone('U-1', '460000.00')], [], { asOf: AS_OF });
    expect(out.working_capital).toBeNull();
    expect(out.single_job_limit).toBeNull();
    expect(out.ten_percent_test).toBeNull();
    expect(out.backlog_cost_to_complete).toBe('400000.00');
    expect(out.warnings[0]).toMatch(/map the chart of accounts/);
  });
});
