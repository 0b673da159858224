/**
 * Completed-contracts schedule and gross-profit gain/fade, on published examples:
 * - surety1.com "Work progress schedule": a job estimated at $100,000 profit that finishes at $50,000 is
 *   profit fade;
 * - Marcum LLP "The importance of gain/fade analyses": 5 % margin estimated at an interim date and 10 % at
 *   completion is a 5-point gain;
 * - lvb.com / cpa-connecticut.com: a fade of 10 % or more warrants a call — flagged at exactly 10 %.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { completedJson, completedSchedule } from '../../reports/completed/completed.ts';
import { compare, fadeJson, fadeReport } from '../../reports/fade/fade.ts';
import { buildWipSchedule } from '../../reports/wip/schedule.ts';
import type { WipBaseline } from '../../reports/wip/types.ts';
import { fixtureSnapshot } from '../support/fixture-snapshot.ts';
import { type GoldenJob, goldenRows } from './support/wip-job.ts';

async function schedule(jobs: GoldenJob[], asOf: string) {
  const rows = goldenRows(jobs);
  const snap = await fixtureSnapshot(rows);
  try {
    return await buildWipSchedule(snap.con, {
      asOf,
      company: { id: 'acme', name: 'Acme' },
      estimateSource: 'pm',
      fiscalYearStartMonth: 1,
      fiscalYearBaseline: null,
    });
  } finally {
    snap.close();
  }
}

const company = { id: 'acme', name: 'Acme' };

describe('completed contracts and gain/fade', () => {
  it('a job bid at $100,000 profit that finishes at $50,000 is on the completed schedule as a flagged fade (surety1)', async () => {
    const wip = await schedule(
      [
        {
          number: 'FADE',
          status: 'completed',
          completionDate: '2026-08-31',
          originalContract: '1000000.00',
          pmEstimate: '950000.00',
          pmOriginalBudget: '900000.00',
          costs: [{ date: '2026-08-15', amount: '950000.00' }],
          billings: [{ periodEnd: '2026-08-31', amount: '1000000.00', retainage: '50000.00' }],
        },
        {
          number: 'OLD',
          status: 'completed',
          completionDate: '2025-11-30',
          originalContract: '10.00',
          pmEstimate: '5.00',
        },
      ],
      '2026-10-31',
    );
    expect(wip.jobs).toHaveLength(0);
    const done = completedJson(completedSchedule(wip), company);
    expect(done.jobs.map((j) => j.job_number)).toEqual(['FADE']); // OLD finished in the prior fiscal year
    expect(done.jobs[0]).toMatchObject({
      final_contract: '1000000.00',
      final_cost: '950000.00',
      gross_profit: '50000.00',
      original_estimated_gross_profit: '100000.00',
      variance: '-50000.00',
      retainage_receivable: '50000.00',
    });
    const fade = fadeJson(fadeReport(wip, null), company);
    expect(fade.jobs[0]).toMatchObject({ job_number: 'FADE', completed: true, flagged: true });
    expect(fade.jobs[0]!.vs_original).toMatchObject({
      change: '-50000.00',
      relative_change: '-0.5000000000',
    });
  });

  it('5 % estimated at the previous close and 10 % at completion is a 5-point gain, not flagged (Marcum)', async () => {
    const wip = await schedule(
      [
        {
          number: 'GAIN',
          status: 'completed',
          completionDate: '2026-09-30',
          originalContract: '1000000.00',
          pmEstimate: '900000.00',
          pmOriginalBudget: '950000.00',
          costs: [{ date: '2026-09-15', amount: '900000.00' }],
        },
      ],
      '2026-10-31',
    );
    const previous: WipBaseline = {
      asOf: '2026-09-30',
      kind: 'closed',
      jobs: {
        GAIN: {
          earnedRevenue: '0',
          costOfRevenue: '0',
          grossProfitToDate: '0',
          estimatedGrossProfit: '50000.00',
          estimatedGrossProfitMargin: '0.05',
        },
      },
    };
    const fade = fadeJson(fadeReport(wip, previous), company);
    expect(fade.jobs[0]!.vs_previous).toMatchObject({
      change: '50000.00',
      points_change: '5.000000',
      faded: false,
    });
    expect(fade.jobs[0]!.flagged).toBe(false);
  });

  it('flags a fall of exactly 10 % of the reference gross profit and not a cent less', () => {
    expect(compare(new Dec('90000.00'), null, new Dec('100000.00'), null).faded).toBe(true);
    expect(compare(new Dec('90000.01'), null, new Dec('100000.00'), null).faded).toBe(false);
    expect(compare(new Dec('-10.00'), null, new Dec('0.00'), null).faded).toBe(true);
  });

  it('the trend ends with the schedule itself after the closed periods', async () => {
    const wip = await schedule(
      [
        {
          number: 'T',
          originalContract: '1000.00',
          pmEstimate: '900.00',
          costs: [{ date: '2026-10-01', amount: '90.00' }],
        },
      ],
      '2026-10-31',
    );
    const r = fadeReport(wip, null, [
      {
        period: '2026-09',
        asOf: '2026-09-30',
        estimatedGrossProfit: new Dec(120),
        contractAmount: new Dec(1000),
      },
    ]);
    expect(fadeJson(r, company).trend).toEqual([
      {
        period: '2026-09',
        as_of: '2026-09-30',
        estimated_gross_profit: '120.00',
        contract_amount: '1000.00',
      },
      {
        period: '2026-10',
        as_of: '2026-10-31',
        estimated_gross_profit: '100.00',
        contract_amount: '1000.00',
      },
    ]);
  });
});
