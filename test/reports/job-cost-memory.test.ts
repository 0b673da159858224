/**
 * The job cost report from memory (reports/job-cost/figures.ts: a job's figures loaded once, any as-of date
 * summed in TypeScript) against the report from SQL (job-cost-lines.sql summing in DuckDB), the second
 * computation: every line, amount, flag and note must be the same. Properties over generated companies
 * (fast-check: cost rows and invoices on random codes, types, statuses and dates, budgets with blank columns,
 * pending change orders, unlinked jobs) and random as-of dates, and over every job of the demo company.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { jobCostReportFromFigures, loadJobCostFigures } from '../../reports/job-cost/figures.ts';
import { buildJobCostReport, findJobCostJob } from '../../reports/job-cost/job-cost.ts';
import { jobCostJson } from '../../reports/job-cost/tables.ts';
import { companySchema } from '../../src/config/schema.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { silentLogger } from '../../src/log.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';
import { type FixtureInput, fixtureSnapshot } from '../support/fixture-snapshot.ts';
import { tempDir } from '../support/tmp.ts';

const company = { id: 'acme', name: 'Acme' };
const DATES = ['2026-01-15', '2026-03-31', '2026-06-30', '2026-09-30', '2026-10-31', '2026-12-31'];

const money = fc.integer({ min: -500_00, max: 5_000_00 }).map((c) => (c / 100).toFixed(2));
const code = fc.constantFrom('01-100', '01-200', '1100', '02-300', '03-300');
const type = fc.constantFrom('labor', 'material', 'subcontract', 'other');
const date = fc.constantFrom(...DATES, '2025-12-01', '2026-10-10');

const costRow = fc.record({
  code,
  type,
  amount: money,
  date,
  status: fc.constantFrom('posted', 'approved', 'pending', 'void'),
  source: fc.constantFrom('ap', 'payroll', 'direct'),
});
const budgetRow = fc.record({
  code,
  type,
  original: fc.option(money, { nil: undefined }),
  changes: fc.option(money, { nil: undefined }),
  revised: fc.option(money, { nil: undefined }),
  eac: fc.option(money, { nil: undefined }),
  committed: fc.option(money, { nil: undefined }),
});
const invoice = fc.record({
  amount: money,
  date: fc.option(date, { nil: undefined }),
  lined: fc.boolean(),
  commitment: fc.constantFrom('C1', 'C2', undefined),
  status: fc.constantFrom('approved', 'posted', 'pending', 'void'),
});

const companyArb = fc.record({
  pmCosts: fc.array(costRow, { maxLength: 12 }),
  erpCosts: fc.array(costRow, { maxLength: 12 }),
  budget: fc.uniqueArray(budgetRow, { maxLength: 6, selector: (b) => `${b.code}|${b.type}` }),
  invoices: fc.array(invoice, { maxLength: 5 }),
  pendingChange: fc.option(money, { nil: undefined }),
  linked: fc.boolean(),
  map: fc.boolean(),
});

type Generated = typeof companyArb extends fc.Arbitrary<infer T> ? T : never;

function fixture(g: Generated): FixtureInput {
  const job = { number: '2026-020', name: 'Library', status: 'open' };
  const tx = (side: string, rows: Generated['pmCosts']) =>
    rows.map((r, i) => ({
      transaction_id: `${side}${i}`,
      job_id: side === 'pm' ? 'P1' : 'E1',
      date: r.date,
      cost_code: r.code,
      cost_type: r.type,
      amount: r.amount,
      source: r.source,
      status: side === 'pm' && r.status === 'posted' ? 'approved' : r.status,
    }));
  return {
    pm: {
      jobs: [
        { ...job, job_id: 'P1', linked_id: g.linked ? 'E1' : null, number: g.linked ? job.number : 'X-1' },
      ],
      cost_transactions: tx('pm', g.pmCosts),
      budget_lines: g.budget.map((b) => ({
        job_id: 'P1',
        cost_code: b.code,
        cost_type: b.type,
        original_budget: b.original,
        approved_changes: b.changes,
        revised_budget: b.revised,
        estimated_cost_at_completion: b.eac,
        committed_cost: b.committed,
      })),
      commitments: ['C1', 'C2'].map((id) => ({
        commitment_id: id,
        job_id: 'P1',
        number: `SC-${id}`,
        kind: 'subcontract',
        status: 'approved',
        original_amount: '1000.00',
      })),
      commitment_lines: [
        {
          commitment_id: 'C1',
          line_id: '1',
          cost_code: '01-100',
          cost_type: 'subcontract',
          amount: '700.00',
        },
        {
          commitment_id: 'C1',
          line_id: '2',
          cost_code: '02-300',
          cost_type: 'subcontract',
          amount: '300.00',
        },
      ],
      payables: g.invoices.map((inv, i) => ({
        invoice_id: `I${i}`,
        job_id: 'P1',
        number: `PA-${i}`,
        commitment_id: inv.commitment,
        invoice_date: inv.date,
        status: inv.status,
        gross_amount: inv.amount,
      })),
      payable_lines: g.invoices.flatMap((inv, i) =>
        inv.lined
          ? [
              {
                invoice_id: `I${i}`,
                line_id: '1',
                cost_code: '03-300',
                cost_type: 'other',
                amount: inv.amount,
              },
            ]
          : [],
      ),
      change_orders:
        g.pendingChange === undefined
          ? []
          : [
              {
                change_order_id: 'CO1',
                job_id: 'P1',
                number: 'CCO-1',
                kind: 'commitment',
                commitment_id: 'C1',
                status: 'pending',
                cost_amount: g.pendingChange,
              },
            ],
    },
    erp: { jobs: [{ ...job, job_id: 'E1' }], cost_transactions: tx('erp', g.erpCosts) },
    ...(g.map ? { mappings: { costCodes: [{ pmCode: '01-200', erpCode: '1100' }] } } : {}),
  };
}

describe('the job cost report from memory equals the report from SQL', () => {
  it('on generated companies, as of any date', async () => {
    await fc.assert(
      fc.asyncProperty(companyArb, fc.subarray(DATES, { minLength: 1 }), async (g, asOfs) => {
        const snap = await fixtureSnapshot(fixture(g));
        try {
          const job = await findJobCostJob(snap.con, '2026-020');
          const figures = await loadJobCostFigures(snap.con, job);
          for (const asOf of asOfs) {
            const params = { asOf, company, jobNumber: '2026-020' };
            const sql = jobCostJson(await buildJobCostReport(snap.con, params, job));
            expect(jobCostJson(jobCostReportFromFigures(figures, params))).toEqual(sql);
          }
        } finally {
          snap.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it('on every job of the demo company, as of month ends and a random day', async () => {
    const root = tempDir();
    const demoDir = path.join(root, 'demo');
    await generateDemo({ outDir: demoDir });
    const settings = JSON.parse(await readFile(path.join(demoDir, 'company.json'), 'utf8'));
    const demo = companySchema.parse({
      id: 'demo',
      name: 'Demo',
      pm: { type: 'files', dir: path.join(demoDir, 'pm') },
      erp: { type: 'files', dir: path.join(demoDir, 'erp') },
      settings,
    });
    const store = openStore(path.join(root, 'data'));
    const outcome = await takeSnapshot({
      company: demo,
      dataDir: path.join(root, 'data'),
      baseDir: root,
      store,
      trigger: 'test',
      log: silentLogger,
    });
    store.close();
    if (!outcome.ok) throw new Error(outcome.message);
    const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
    const con = await instance.connect();
    try {
      const jobs = (await con.runAndReadAll(`SELECT number FROM jobs WHERE side = 'erp' ORDER BY number`))
        .getRowObjectsJson()
        .map((r) => String(r.number));
      expect(jobs.length).toBeGreaterThan(30);
      let compared = 0;
      for (const [i, number] of jobs.entries()) {
        const job = await findJobCostJob(con, number);
        const figures = await loadJobCostFigures(con, job);
        for (const asOf of ['2025-06-30', '2026-10-31', `2026-0${(i % 9) + 1}-1${i % 10}`]) {
          const params = { asOf, company, jobNumber: number };
          const sql = jobCostJson(await buildJobCostReport(con, params, job));
          expect(jobCostJson(jobCostReportFromFigures(figures, params)), `${number} ${asOf}`).toEqual(sql);
          compared += sql.lines.length;
        }
      }
      expect(compared).toBeGreaterThan(100);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  }, 600_000);
});
