/**
 * The cross-report invariants of DESIGN §4a over generated companies (fast-check): the job cost report, the
 * WIP and reconciliation read one ledger, so figures that must agree do, whatever the data. Each property
 * compares two different reports (or a report with a sum the test computes from the generated rows), never a
 * figure with itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { buildJobCostReport } from '../../reports/job-cost/job-cost.ts';
import { buildWipSchedule } from '../../reports/wip/schedule.ts';
import { companySettingsSchema } from '../../src/config/schema.ts';
import { reconcile } from '../../src/recon/index.ts';
import { fixtureSnapshot, type SideRows } from '../support/fixture-snapshot.ts';

const cents = fc.integer({ min: -50_000_00, max: 500_000_00 }).map((c) => new Dec(c).div(100).toFixed(2));
const positive = fc.integer({ min: 1_00, max: 900_000_00 }).map((c) => new Dec(c).div(100).toFixed(2));
const dates = ['2026-09-10', '2026-09-30', '2026-10-15', '2026-10-31', '2026-11-20'];
const PM_CODES = ['01-100', '01-200', '02-100'];
// Two PM codes map onto one ERP code (1:N); the third is the same code written differently.
const MAP = [
  { pmCode: '01-100', erpCode: '1100' },
  { pmCode: '01-200', erpCode: '1100' },
];
const ERP_CODES = ['1100', '02100', '9900'];

const jobArb = fc.record({
  contract: positive,
  estimate: fc.oneof(fc.constant(null), fc.constant('0.00'), positive),
  completed: fc.boolean(),
  erpCosts: fc.array(
    fc.record({
      code: fc.constantFrom(...ERP_CODES),
      amount: cents,
      date: fc.constantFrom(...dates),
      status: fc.constantFrom('posted', 'posted', 'approved', 'pending', 'void'),
      source: fc.constantFrom('ap', 'payroll', 'journal'),
      reversed: fc.boolean(),
    }),
    { maxLength: 8 },
  ),
  pmCosts: fc.array(
    fc.record({
      code: fc.constantFrom(...PM_CODES),
      amount: cents,
      date: fc.constantFrom(...dates),
      status: fc.constantFrom('approved', 'pending', 'void'),
      source: fc.constantFrom('direct', 'ap', 'payroll'),
    }),
    { maxLength: 6 },
  ),
  invoices: fc.array(fc.record({ amount: positive, lined: fc.boolean(), date: fc.constantFrom(...dates) }), {
    maxLength: 3,
  }),
  billed: fc.array(fc.record({ amount: positive, date: fc.constantFrom(...dates) }), { maxLength: 3 }),
});

type GenJob = typeof jobArb extends fc.Arbitrary<infer T> ? T : never;

function company(jobs: GenJob[]): { pm: SideRows; erp: SideRows } {
  const pm: Required<SideRows> = {} as Required<SideRows>;
  const erp: Required<SideRows> = {} as Required<SideRows>;
  const push = (s: SideRows, t: keyof SideRows, r: Record<string, string | undefined>) => {
    s[t] ??= [];
    s[t]!.push(r);
  };
  jobs.forEach((j, n) => {
    const number = `2026-${String(n + 1).padStart(3, '0')}`;
    const status = j.completed ? 'completed' : 'open';
    const completion = j.completed ? '2026-10-05' : undefined;
    push(erp, 'jobs', {
      job_id: `E${n}`,
      number,
      name: `Job ${n}`,
      status,
      completion_date: completion,
      start_date: '2026-01-01',
    });
    push(pm, 'jobs', {
      job_id: `P${n}`,
      number,
      name: `Job ${n}`,
      status,
      completion_date: completion,
      linked_id: `E${n}`,
      start_date: '2026-01-01',
    });
    push(erp, 'prime_contracts', {
      contract_id: `K${n}`,
      job_id: `E${n}`,
      number: '1',
      status: 'approved',
      original_amount: j.contract,
    });
    if (j.estimate !== null)
      push(pm, 'budget_lines', {
        job_id: `P${n}`,
        cost_code: '01-100',
        cost_type: 'other',
        revised_budget: j.estimate,
        estimated_cost_at_completion: j.estimate,
      });
    j.erpCosts.forEach((c, i) => {
      const id = `ET${n}-${i}`;
      push(erp, 'cost_transactions', {
        transaction_id: id,
        job_id: `E${n}`,
        date: c.date,
        cost_code: c.code,
        cost_type: 'other',
        amount: c.amount,
        source: c.source,
        status: c.status,
      });
      if (c.reversed && c.status === 'void')
        push(erp, 'cost_transactions', {
          transaction_id: `${id}R`,
          job_id: `E${n}`,
          date: c.date,
          cost_code: c.code,
          cost_type: 'other',
          amount: new Dec(c.amount).neg().toFixed(2),
          source: c.source,
          status: 'posted',
          reverses_id: id,
        });
    });
    j.pmCosts.forEach((c, i) => {
      push(pm, 'cost_transactions', {
        transaction_id: `PT${n}-${i}`,
        job_id: `P${n}`,
        date: c.date,
        cost_code: c.code,
        cost_type: 'other',
        amount: c.amount,
        source: c.source,
        status: c.status,
      });
    });
    push(pm, 'commitments', {
      commitment_id: `PC${n}`,
      job_id: `P${n}`,
      number: 'SC-1',
      kind: 'subcontract',
      status: 'approved',
      original_amount: '300.00',
    });
    push(pm, 'commitment_lines', {
      commitment_id: `PC${n}`,
      line_id: '1',
      cost_code: '01-200',
      cost_type: 'other',
      amount: '100.00',
    });
    push(pm, 'commitment_lines', {
      commitment_id: `PC${n}`,
      line_id: '2',
      cost_code: '02-100',
      cost_type: 'other',
      amount: '200.00',
    });
    j.invoices.forEach((inv, i) => {
      const id = `PI${n}-${i}`;
      push(pm, 'payables', {
        invoice_id: id,
        job_id: `P${n}`,
        number: `PA-${i + 1}`,
        commitment_id: `PC${n}`,
        invoice_date: inv.date,
        status: 'approved',
        gross_amount: inv.amount,
      });
      if (inv.lined)
        push(pm, 'payable_lines', {
          invoice_id: id,
          line_id: '1',
          cost_code: '02-100',
          cost_type: 'other',
          amount: inv.amount,
        });
    });
    j.billed.forEach((b, i) => {
      push(erp, 'billings', {
        billing_id: `B${n}-${i}`,
        job_id: `E${n}`,
        number: String(i + 1),
        period_end: b.date,
        billed_amount: b.amount,
        status: 'posted',
      });
    });
  });
  return { pm, erp };
}

/** ERP posted cost of one job as of a date, summed straight from the generated rows. */
function erpPostedFromRows(j: GenJob, asOf: string): Dec {
  // Approved and posted rows count; a void row and its (reverses_id) reversal both count as nothing.
  return j.erpCosts
    .filter((c) => (c.status === 'posted' || c.status === 'approved') && c.date <= asOf)
    .reduce((s, c) => s.plus(c.amount), new Dec(0));
}

describe('cross-report invariants on generated companies', () => {
  it('job cost, WIP and jobcost.mismatch agree for every job and date; the WIP foots and earns within [0, C]', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jobArb, { minLength: 1, maxLength: 3 }), async (jobs) => {
        const snap = await fixtureSnapshot({ ...company(jobs), mappings: { costCodes: MAP } });
        try {
          const findings = await reconcile({
            con: snap.con,
            settings: companySettingsSchema.parse({ defaultTolerance: { absolute: '0.00', relative: '0' } }),
            takenAt: '2026-12-01T07:00:00.000Z',
            sides: [
              { side: 'pm', system: 'procore', finishedAt: '2026-12-01T06:55:00.000Z' },
              { side: 'erp', system: 'sage100c', finishedAt: '2026-12-01T06:58:00.000Z' },
            ],
            companyId: 'gen',
            snapshotId: 's',
            only: ['jobcost.mismatch'],
          });
          for (const asOf of ['2026-09-30', '2026-10-31', '2026-12-31']) {
            const wip = await buildWipSchedule(snap.con, {
              asOf,
              company: { id: 'gen', name: 'Gen' },
              estimateSource: 'pm',
              fiscalYearStartMonth: 1,
              fiscalYearBaseline: null,
            });
            const lines = [...wip.jobs, ...wip.completedJobs];
            for (const [n, j] of jobs.entries()) {
              const number = `2026-${String(n + 1).padStart(3, '0')}`;
              const report = await buildJobCostReport(snap.con, {
                asOf,
                company: { id: 'gen', name: 'Gen' },
                jobNumber: number,
              });
              // The job cost report's ERP total is the books' posted cost.
              expect(report.totals.erpPostedCost.toFixed(2)).toBe(erpPostedFromRows(j, asOf).toFixed(2));
              // The WIP's cost to date is the job cost report's ERP posted cost as of the same date.
              const line = lines.find((l) => l.jobNumber === number);
              if (line) expect(line.costToDate.toFixed(2)).toBe(report.totals.erpPostedCost.toFixed(2));
              if (asOf === '2026-12-31') {
                // What jobcost.mismatch reports is exactly the report's PM job-to-date less its ERP cost.
                const diff = findings
                  .filter((f) => f.jobNumber === number)
                  .reduce((s, f) => s.plus(f.pmAmount ?? 0).minus(f.erpAmount ?? 0), new Dec(0));
                expect(diff.toFixed(2)).toBe(
                  report.totals.jobToDateCost.minus(report.totals.erpPostedCost).toFixed(2),
                );
              }
              if (line?.status === 'completed' && line.completionDate && line.completionDate <= asOf) {
                expect(line.earnedRevenue.toFixed(2)).toBe(line.contractAmount.toFixed(2));
              }
              if (line) {
                expect(line.earnedRevenue.gte(0)).toBe(true);
                expect(line.earnedRevenue.lte(line.contractAmount)).toBe(true);
              }
            }
            // Σ C − Σ EAC = Σ estimated GP over jobs with an estimate.
            const withEstimate = wip.jobs.filter((l) => l.estimatedGrossProfit !== null);
            const c = withEstimate.reduce((s, l) => s.plus(l.contractAmount), new Dec(0));
            const eac = wip.jobs.reduce((s, l) => s.plus(l.estimatedTotalCost ?? 0), new Dec(0));
            expect(c.minus(eac).toFixed(2)).toBe(wip.totals.estimatedGrossProfit.toFixed(2));
          }
        } finally {
          snap.close();
        }
      }),
      { numRuns: 15 },
    );
  }, 600_000);
});
