/**
 * The early fade warnings, hand-worked: a WIP over a fixture snapshot, the commitments from its books and the
 * closed periods' frozen figures written out by hand. The arithmetic is beside each assertion.
 */
import { describe, expect, it } from 'vitest';
import { buildWipSchedule } from '../../reports/wip/schedule.ts';
import { checkSpec } from '../../src/recon/catalogue.ts';
import { toleranceFor } from '../../src/recon/tolerance.ts';
import { historyFromClosed, wipCheckFindings } from '../../src/recon/wip-checks/checks.ts';
import { readCommitted } from '../../src/recon/wip-checks/index.ts';
import { type GoldenJob, goldenRows } from '../reports/support/wip-job.ts';
import { fixtureSnapshot } from '../support/fixture-snapshot.ts';

const AS_OF = '2026-10-31';
const job = (number: string, contract: string, eac: string, ctd: string): GoldenJob => ({
  number,
  originalContract: contract,
  pmEstimate: eac,
  costs: [{ date: '2026-10-15', amount: ctd }],
});
const closedJob = (number: string, pct: string, ctd: string, eac: string, gp: string) => ({
  job_number: number,
  percent_complete: pct,
  cost_to_date: ctd,
  estimated_total_cost: eac,
  estimated_gross_profit: gp,
});
const closed = (asOf: string, jobs: ReturnType<typeof closedJob>[]) => ({
  asOf,
  resultJson: JSON.stringify({ as_of: asOf, jobs, totals: {} }),
});

async function run(
  settings: Parameters<typeof toleranceFor>[0] = {
    tolerances: {},
    defaultTolerance: { absolute: '1.00', relative: '0' },
  },
) {
  const rows = goldenRows([
    job('BC-1', '1000000.00', '650000.00', '300000.00'),
    job('BC-2', '1000000.00', '800000.00', '300000.00'),
    job('FP-1', '1000000.00', '820000.00', '400000.00'),
    job('FP-2', '1000000.00', '819000.00', '400000.00'),
    job('TR-1', '1200000.00', '1050000.00', '630000.00'),
  ]);
  const erp = {
    ...rows.erp,
    commitments: [
      // BC-1: subcontract S-1 at 600,000; a void one never counts.
      {
        commitment_id: 'S-1',
        job_id: 'E-BC-1',
        number: 'S-1',
        kind: 'subcontract',
        status: 'approved',
        original_amount: '550000.00',
        revised_amount: '600000.00',
      },
      {
        commitment_id: 'S-9',
        job_id: 'E-BC-1',
        number: 'S-9',
        kind: 'subcontract',
        status: 'void',
        original_amount: '100000.00',
        revised_amount: '100000.00',
      },
      // BC-2: 400,000 committed, nothing invoiced.
      {
        commitment_id: 'S-2',
        job_id: 'E-BC-2',
        number: 'S-2',
        kind: 'purchase_order',
        status: 'approved',
        original_amount: '400000.00',
      },
    ],
    payables: [
      {
        invoice_id: 'AP-1',
        job_id: 'E-BC-1',
        number: 'AP-1',
        commitment_id: 'S-1',
        invoice_date: '2026-10-10',
        status: 'posted',
        gross_amount: '200000.00',
      },
    ],
  };
  const snap = await fixtureSnapshot({ pm: rows.pm, erp });
  try {
    const wip = await buildWipSchedule(snap.con, {
      asOf: AS_OF,
      company: { id: 'acme', name: 'Acme Builders' },
      estimateSource: 'pm',
      fiscalYearStartMonth: 1,
      fiscalYearBaseline: null,
      periodBaseline: null,
    });
    const history = historyFromClosed([
      closed('2026-09-30', [
        closedJob('FP-1', '0.45', '369000.00', '820000.00', '200000.00'),
        closedJob('FP-2', '0.45', '368550.00', '819000.00', '200000.00'),
        closedJob('TR-1', '0.50', '510000.00', '1020000.00', '180000.00'),
      ]),
      closed('2026-08-31', [closedJob('TR-1', '0.40', '400000.00', '1000000.00', '200000.00')]),
    ]);
    return wipCheckFindings({
      wip,
      history,
      committed: await readCommitted(snap.con, AS_OF),
      tolerance: (check) => toleranceFor(settings, check),
      ctx: { companyId: 'acme', snapshotId: 's1', takenAt: '2026-11-01T07:00:00Z' },
      names: { pm: 'Procore', erp: 'Sage 100 Contractor' },
    });
  } finally {
    snap.close();
  }
}

describe('early fade warnings', () => {
  it('forecast.below_committed: an estimate below committed cost plus uncommitted cost to date', async () => {
    const found = (await run()).filter((f) => f.check === 'forecast.below_committed');
    // BC-1: committed 600,000 + (cost to date 300,000 − 200,000 invoiced on S-1) = 700,000 > EAC 650,000 by 50,000.
    // BC-2: 400,000 + 300,000 = 700,000 ≤ EAC 800,000: nothing.
    expect(found.map((f) => [f.jobNumber, f.difference])).toEqual([['BC-1', '50000.00']]);
    expect(found[0]!.facts).toMatchObject({
      committed: '600000.00',
      uncommitted_cost_to_date: '100000.00',
      floor: '700000.00',
    });
    expect(found[0]!.message).toBe(
      "The WIP estimate at completion for job BC-1 Job BC-1 is $650,000.00, below what is already committed in Sage 100 Contractor ($600,000.00 on 1 subcontract(s) and purchase order(s)) plus $100,000.00 of cost to date outside them: $50,000.00 short. Raise the estimate, or the job's gross profit will fade later.",
    );
    expect(found[0]!.tolerance).toEqual({ absolute: '1.00', relative: '0' });
  });

  it('fade.period: estimated gross profit down 10 % or more since the last close, with the history', async () => {
    const found = (await run()).filter((f) => f.check === 'fade.period');
    // FP-1: 200,000 → 1,000,000 − 820,000 = 180,000: a fall of 20,000 = 10.0 % ≥ 10 %.
    // FP-2: 200,000 → 181,000: 19,000 = 9.5 %, under the threshold.
    // TR-1: 180,000 → 1,200,000 − 1,050,000 = 150,000: 30,000 = 16.7 %.
    expect(found.map((f) => [f.jobNumber, f.difference])).toEqual([
      ['FP-1', '-20000.00'],
      ['TR-1', '-30000.00'],
    ]);
    expect(found[0]!.tolerance).toEqual(checkSpec('fade.period').defaultTolerance);
    expect(found[0]!.message).toBe(
      'The estimated gross profit of job FP-1 Job FP-1 fell from $200,000.00 at the 2026-09-30 close to $180,000.00 ($20,000.00, 10.0 %), a fade of 10 % or more.',
    );
    expect(found[0]!.facts.history).toEqual([
      {
        as_of: '2026-09-30',
        percent_complete: '0.450000',
        cost_to_date: '369000.00',
        estimated_total_cost: '820000.00',
        estimated_gross_profit: '200000.00',
      },
      // 400,000 / 820,000 = 0.487805
      {
        as_of: 'now',
        percent_complete: '0.487805',
        cost_to_date: '400000.00',
        estimated_total_cost: '820000.00',
        estimated_gross_profit: '180000.00',
      },
    ]);
  });

  it('forecast.trend: cost per percent of progress projects past the estimate', async () => {
    const found = (await run()).filter((f) => f.check === 'forecast.trend');
    // TR-1 from 2026-08-31 (40 %, 400,000) to now (630,000 / 1,050,000 = 60 %): 230,000 / 20 = 11,500 per
    // percent; 630,000 + 40 × 11,500 = 1,090,000, 40,000 past the 1,050,000 estimate (tolerance 2 % = 21,000).
    expect(found.map((f) => [f.jobNumber, f.difference])).toEqual([['TR-1', '40000.00']]);
    expect(found[0]!.facts).toMatchObject({
      since: '2026-08-31',
      cost_per_percent: '11500.00',
      projected_cost_at_completion: '1090000.00',
    });
    expect((found[0]!.facts.history as unknown[]).length).toBe(3);
    // A company that tolerates 5 % (52,500) sees nothing.
    const loose = await run({
      tolerances: { 'forecast.trend': { absolute: '1.00', relative: '0.05' } },
      defaultTolerance: { absolute: '1.00', relative: '0' },
    });
    expect(loose.filter((f) => f.check === 'forecast.trend')).toEqual([]);
  });
});
