/**
 * The large-contractor generator at its quick size (50 jobs, ~200k ERP cost transactions): real CSV files,
 * read back through the files connector, and tied per job the way truth.json says they tie.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { type CompanySettings, companySettingsSchema } from '../../src/config/schema.ts';
import { derivedFindings } from '../../src/demo/expectations.ts';
import {
  COMPANY_SIZES,
  CompanySizeError,
  companySize,
  type GeneratedCompany,
  generateCompany,
  scaleForSize,
  type Truth,
} from '../../src/demo/index.ts';
import { jobTotals, lineDifferences } from '../../src/demo/tie.ts';
import { tempDir } from '../support/tmp.ts';
import { type LoadedSide, loadSide, type Row, rowsOfJob } from './load-side.ts';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

const root = tempDir('tieout-demo-large-');
const dir = path.join(root, 'quick');
let generated: GeneratedCompany;
let pm: LoadedSide;
let erp: LoadedSide;
let truth: Truth;
let settings: CompanySettings;

beforeAll(async () => {
  generated = await generateCompany({ outDir: dir, size: companySize('quick') });
  [pm, erp] = await Promise.all([loadSide(path.join(dir, 'pm')), loadSide(path.join(dir, 'erp'))]);
  truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));
  settings = companySettingsSchema.parse(JSON.parse(readFileSync(path.join(dir, 'company.json'), 'utf8')));
}, 600_000);

describe('a quick-size large contractor', () => {
  it('reads back through the files connector without a single invalid row', () => {
    expect(pm.invalid).toEqual([]);
    expect(erp.invalid).toEqual([]);
    for (const side of ['pm', 'erp'] as const) {
      const loaded = side === 'pm' ? pm : erp;
      for (const [table, count] of Object.entries(generated.rows[side]))
        expect(loaded.tables[table as keyof typeof loaded.tables]?.length ?? 0, `${side} ${table}`).toBe(
          count,
        );
    }
  });

  it('has the size asked for: 50 jobs, about 200k ERP cost transactions, commitments and invoices', () => {
    expect(pm.tables.jobs).toHaveLength(50);
    const costs = erp.tables.cost_transactions!.length;
    expect(costs).toBeGreaterThan(COMPANY_SIZES.quick.transactions * 0.7);
    expect(costs).toBeLessThan(COMPANY_SIZES.quick.transactions * 1.3);
    expect(erp.tables.commitments!.length).toBeGreaterThan(COMPANY_SIZES.quick.commitments * 0.7);
    const invoices = erp.tables.payables!.filter((p) => p.commitment_id).length;
    expect(invoices).toBeGreaterThan(COMPANY_SIZES.quick.invoices * 0.5);
    expect(generated.totalRows).toBe(
      Object.values(generated.rows.pm).reduce((a, b) => a + b, 0) +
        Object.values(generated.rows.erp).reduce((a, b) => a + b, 0),
    );
    expect(generated.rowsPerSecond).toBeGreaterThan(0);
  });

  it('ties every clean job to the cent: revised budget and job-to-date cost per line, retainage, forecast', () => {
    const codeMap = settings.mappings.costCodes;
    const jobMap = settings.mappings.jobs;
    const erpJobOf = (p: Row) =>
      erp.tables.jobs!.find(
        (j) => j.linked_id === p.job_id || j.job_id === jobMap.find((m) => m.pm === p.job_id)?.erp,
      );
    const planted = truth.planted.flatMap((c) => c.expected_findings.map((f) => f.job_number));
    expect(truth.clean_jobs.length).toBeGreaterThanOrEqual(50 - 40);
    let withCost = 0;
    for (const number of truth.clean_jobs) {
      expect(planted, `clean job ${number} carries no planted case`).not.toContain(number);
      const p = pm.tables.jobs!.find((j) => j.number === number)!;
      const e = erpJobOf(p);
      expect(e, `ERP job for ${number}`).toBeDefined();
      const a = rowsOfJob(pm, p.job_id!);
      const b = rowsOfJob(erp, e!.job_id!);
      const pmTotals = jobTotals('pm', a, codeMap);
      const erpTotals = jobTotals('erp', b, codeMap);
      const zero = new Dec(0);
      expect(lineDifferences(pmTotals.revisedBudget, erpTotals.revisedBudget, zero), number).toEqual([]);
      expect(lineDifferences(pmTotals.jobToDate, erpTotals.jobToDate, zero), number).toEqual([]);
      if (erpTotals.jobToDate.size > 0) withCost++;
      expect(derivedFindings({ jobNumber: number, pm: a, erp: b, codeMap, tolerance: zero }), number).toEqual(
        [],
      );
    }
    expect(withCost, 'clean jobs with job cost on both sides').toBeGreaterThan(truth.clean_jobs.length / 2);
  });

  it('plants the demo cases on its first jobs, so findings at any size are the planted ones', () => {
    expect(truth.planted.length).toBeGreaterThan(0);
    const jobsWithCases = new Set(truth.planted.flatMap((c) => c.expected_findings.map((f) => f.job_number)));
    const numbers = new Set(pm.tables.jobs!.map((j) => j.number));
    for (const n of jobsWithCases)
      expect(numbers.has(n) || erp.tables.jobs!.some((j) => j.number === n)).toBe(true);
  });
});

describe('company sizes', () => {
  it('turns company totals into the per-job scale of the demo generator', () => {
    expect(scaleForSize(companySize('large'))).toEqual({
      jobs: 2000,
      costCodesPerJob: 60,
      transactionsPerJob: 5000,
      commitmentsPerJob: 50,
      invoicesPerCommitment: 5,
    });
    expect(companySize('large', { jobs: 500 }).jobs).toBe(500);
  });

  it('names an unknown size and a bad total, and says what to do', () => {
    expect(() => companySize('huge')).toThrow(CompanySizeError);
    expect(() => companySize('huge')).toThrow(/quick, medium, large/);
    expect(() => companySize('quick', { jobs: 0 })).toThrow(/jobs/);
  });
});

describe('tieout demo generate', () => {
  it('writes a small company from the command line and prints what it wrote', async () => {
    const out = path.join(root, 'cli');
    const { stdout } = await run(
      process.execPath,
      [
        path.join(repo, 'bin/tieout.js'),
        'demo',
        'generate',
        '--size',
        'quick',
        '--jobs',
        '3',
        '--transactions',
        '300',
        '--commitments',
        '6',
        '--invoices',
        '12',
        '--no-plant',
        '--out',
        out,
      ],
      { cwd: repo },
    );
    expect(stdout).toMatch(/wrote 3 jobs to/);
    expect(stdout).toMatch(/rows\/s/);
    for (const f of ['pm/jobs.csv', 'erp/cost_transactions.csv', 'truth.json', 'company.json'])
      expect(existsSync(path.join(out, f)), f).toBe(true);
  }, 120_000);

  it('refuses an unknown size with the sizes it knows, and a bad count by its flag', async () => {
    const out = path.join(root, 'cli-refused');
    const fail = (args: string[]) =>
      run(process.execPath, [path.join(repo, 'bin/tieout.js'), 'demo', 'generate', '--out', out, ...args], {
        cwd: repo,
      }).then(
        () => '',
        (e: { stderr: string; code: number }) => `${e.code} ${e.stderr}`,
      );
    expect(await fail(['--size', 'huge'])).toMatch(
      /^2 tieout: unknown size "huge"; pick one of quick, medium, large/,
    );
    expect(await fail(['--jobs', 'many'])).toMatch(/^2 tieout: --jobs many is not a whole number/);
    expect(await fail(['--cost-codes', '2'])).toMatch(/^2 tieout: size "quick" is invalid: costCodesPerJob/);
  }, 120_000);
});
