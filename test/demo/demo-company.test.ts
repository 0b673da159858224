import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { companySettingsSchema } from '../../src/config/schema.ts';
import { CONSEQUENCE_CHECK, type Consequence, derivedFindings } from '../../src/demo/expectations.ts';
import { CHECK_IDS, type DemoResult, generateDemo, type Truth } from '../../src/demo/index.ts';
import { checkSpec } from '../../src/recon/catalogue.ts';
import { type LoadedSide, loadSide, type Row, rowsOfJob } from './load-side.ts';

let dir: string;
let result: DemoResult;
let pm: LoadedSide;
let erp: LoadedSide;
let truth: Truth;
let codeMap: { pmCode: string; erpCode: string }[];
let jobMap: { pm: string; erp: string }[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tieout-demo-'));
  result = await generateDemo({ outDir: dir });
  [pm, erp] = await Promise.all([loadSide(path.join(dir, 'pm')), loadSide(path.join(dir, 'erp'))]);
  truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8'));
  const company = companySettingsSchema.parse(
    JSON.parse(await readFile(path.join(dir, 'company.json'), 'utf8')),
  );
  codeMap = company.mappings.costCodes;
  jobMap = company.mappings.jobs;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pmJob = (number: string) => pm.tables.jobs!.find((j) => j.number === number)!;
function erpJobOf(pmJobRow: Row): Row | undefined {
  const mapped = jobMap.find((m) => m.pm === pmJobRow.job_id)?.erp;
  return erp.tables.jobs!.find((j) => j.linked_id === pmJobRow.job_id || j.job_id === mapped);
}

const normalise = (code: string, side: 'pm' | 'erp') => {
  const mapped = side === 'erp' ? (codeMap.find((m) => m.erpCode === code)?.pmCode ?? code) : code;
  return mapped.replace(/[^0-9A-Za-z]/g, '').replace(/^0+(?=.)/, '');
};

function totals(
  rows: Row[],
  key: (r: Row) => string,
  amount: (r: Row) => string | null | undefined,
): Record<string, string> {
  const sums = new Map<string, Dec>();
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? new Dec(0)).plus(amount(r) ?? 0));
  return Object.fromEntries(
    [...sums]
      .filter(([, v]) => !v.isZero())
      .map(([k, v]) => [k, v.toFixed(2)])
      .sort(),
  );
}

describe('demo company files', () => {
  it('loads every CSV of both sides through the files connector with zero invalid rows', () => {
    expect(pm.invalid).toEqual([]);
    expect(erp.invalid).toEqual([]);
    expect(Object.keys(pm.tables)).toContain('sync_queue');
    expect(Object.keys(erp.tables)).toContain('gl_balances');
    expect(result.rows.pm.jobs).toBe(pm.tables.jobs!.length);
  });

  it('writes company settings that the config schema accepts, with the maps the demo needs', async () => {
    const raw = JSON.parse(await readFile(path.join(dir, 'company.json'), 'utf8'));
    expect(companySettingsSchema.safeParse(raw).success).toBe(true);
    expect(codeMap).toEqual([{ pmCode: '01-520', erpCode: '1595' }]);
    expect(jobMap).toHaveLength(1);
    expect(raw.mappings.vendors).toHaveLength(1);
  });
});

describe('clean jobs', () => {
  it('tie to the cent on both sides: budgets, change orders, commitments, invoices, retainage and job cost', () => {
    expect(truth.clean_jobs.length).toBeGreaterThanOrEqual(8);
    for (const number of truth.clean_jobs) {
      const p = pmJob(number);
      const e = erpJobOf(p);
      expect(e, `ERP job for ${number}`).toBeDefined();
      const a = rowsOfJob(pm, p.job_id!);
      const b = rowsOfJob(erp, e!.job_id!);
      const where = `job ${number}`;
      const line = (side: 'pm' | 'erp') => (r: Row) => `${normalise(r.cost_code!, side)}|${r.cost_type}`;
      expect(
        totals(b.budget_lines!, line('erp'), (r) => r.revised_budget),
        where,
      ).toEqual(totals(a.budget_lines!, line('pm'), (r) => r.revised_budget));
      // Prime change orders by contract amount (Procore's value for them), the others by cost.
      const cos = (rows: Row[]) =>
        rows
          .map((r) => [r.number, r.status, r.kind === 'prime' ? r.contract_amount : r.cost_amount].join(' '))
          .sort();
      expect(cos(b.change_orders!), where).toEqual(cos(a.change_orders!));
      const commitments = (rows: Row[]) =>
        rows.map((r) => [r.number, r.revised_amount, r.retainage_percent].join(' ')).sort();
      expect(commitments(b.commitments!), where).toEqual(commitments(a.commitments!));
      const invoices = (rows: Row[], counted: string[]) =>
        rows
          .filter((r) => r.commitment_id && counted.includes(r.status!))
          .map((r) => {
            // Procore shows a release as negative retainage held, the ERP as retainage released.
            const stillHeld = new Dec(r.retainage_held ?? 0).minus(r.retainage_released ?? 0).toFixed(2);
            return [r.number, r.gross_amount, stillHeld].join(' ');
          })
          .sort();
      expect(invoices(b.payables!, ['posted', 'paid']), where).toEqual(invoices(a.payables!, ['approved']));
      const approvedPm = new Set(a.payables!.filter((r) => r.status === 'approved').map((r) => r.invoice_id));
      const pmCost = [
        ...a.cost_transactions!.filter((r) => r.status === 'approved' || r.status === 'posted'),
        ...a.payable_lines!.filter((r) => approvedPm.has(r.invoice_id)),
      ];
      const erpCost = b.cost_transactions!.filter((r) => r.status === 'approved' || r.status === 'posted');
      expect(
        totals(erpCost, line('erp'), (r) => r.amount),
        where,
      ).toEqual(totals(pmCost, line('pm'), (r) => r.amount));
      const derived = derivedFindings({ jobNumber: number, pm: a, erp: b, codeMap, tolerance: new Dec('0') });
      expect(derived, `${where}: no retainage difference, no forecast overrun`).toEqual([]);
    }
  });

  it('carry voided entries and reversals that net out rather than being absent', () => {
    const cleanErpJobs = new Set(truth.clean_jobs.map((n) => erpJobOf(pmJob(n))!.job_id));
    const costs = erp.tables.cost_transactions!.filter((r) => cleanErpJobs.has(r.job_id));
    expect(costs.some((r) => r.status === 'void')).toBe(true);
    expect(costs.some((r) => r.source === 'journal' && r.amount!.startsWith('-'))).toBe(true);
    expect(erp.tables.payables!.some((r) => cleanErpJobs.has(r.job_id) && r.status === 'void')).toBe(true);
  });
});

describe('truth file', () => {
  it('plants every check of DESIGN §5, and says why source.stale cannot be planted', () => {
    const planted = new Set(truth.planted.flatMap((p) => p.expected_findings.map((f) => f.check)));
    // source.report_mismatch needs the books' own job report; the WIP checks compare with closed periods,
    // which the demo's single snapshot does not have (test/recon/wip-checks.test.ts holds their cases).
    const notPlantable = ['source.stale', 'source.report_mismatch'];
    for (const check of CHECK_IDS.filter((c) => !notPlantable.includes(c) && checkSpec(c).runs === 'sql'))
      expect(planted, check).toContain(check);
    expect(truth.not_plantable.map((n) => n.check)).toEqual(notPlantable);
  });

  it('puts every planted case on its own job, apart from the clean jobs', () => {
    const plantedJobs = truth.planted.map((p) => p.expected_findings[0]!.job_number);
    expect(new Set(plantedJobs).size).toBe(truth.planted.length);
    for (const job of plantedJobs) expect(truth.clean_jobs).not.toContain(job);
    for (const p of truth.planted) expect(new Set(p.expected_findings.map((f) => f.job_number)).size).toBe(1);
  });

  it('lists the consequences the data actually shows for each planted case', () => {
    for (const p of truth.planted) {
      const number = p.expected_findings[0]!.job_number;
      const pmRow = pm.tables.jobs!.find((j) => j.number === number)!;
      const erpRow = pmRow.linked_id ? erpJobOf(pmRow) : undefined;
      const derived = derivedFindings({
        jobNumber: number,
        pm: rowsOfJob(pm, pmRow.job_id!),
        erp: erpRow ? rowsOfJob(erp, erpRow.job_id!) : null,
        codeMap,
        tolerance: new Dec('1.00'),
        explains: (p.echoes_not_listed ?? []).map(
          (check) => Object.entries(CONSEQUENCE_CHECK).find(([, c]) => c === check)![0] as Consequence,
        ),
      });
      const listed = p.expected_findings.map(
        (f) => `${f.check}|${f.cost_code ?? ''}|${f.cost_type ?? ''}|${f.document ?? ''}`,
      );
      for (const d of derived)
        expect(listed, `${p.id}: ${d.check}`).toContain(
          `${d.check}|${d.cost_code ?? ''}|${d.cost_type ?? ''}|${d.document ?? ''}`,
        );
    }
  });

  it('keeps the tolerated cases below the tolerance: $0.40 off is not a finding, merged CO lines tie', () => {
    const tolerated = truth.not_findings.filter((n) => n.erp_amount === '0.40');
    expect(tolerated).toHaveLength(1);
    const number = tolerated[0]!.job_number;
    const p = pmJob(number);
    const derived = derivedFindings({
      jobNumber: number,
      pm: rowsOfJob(pm, p.job_id!),
      erp: rowsOfJob(erp, erpJobOf(p)!.job_id!),
      codeMap,
      tolerance: new Dec('1.00'),
    });
    expect(derived).toEqual([]);
    const invoice = tolerated[0]!.document!;
    const jobRows = (side: LoadedSide, jobNumber: string) => {
      const p = pmJob(jobNumber);
      return rowsOfJob(side, side === pm ? p.job_id! : erpJobOf(p)!.job_id!);
    };
    const gross = (side: LoadedSide) =>
      new Dec(jobRows(side, number).payables!.find((r) => r.number === invoice)!.gross_amount!);
    expect(gross(erp).minus(gross(pm)).toFixed(2)).toBe('0.40');
    const merged = truth.not_findings.find((n) => n.check === 'changeorder.mismatch')!;
    const lines = (side: LoadedSide) => {
      const rows = jobRows(side, merged.job_number);
      const co = rows.change_orders!.find((c) => c.number === merged.document)!;
      return rows.change_order_lines!.filter((l) => l.change_order_id === co.change_order_id);
    };
    expect(lines(pm)).toHaveLength(3);
    expect(lines(erp)).toHaveLength(1);
    expect(
      totals(
        lines(pm),
        () => 'co',
        (r) => r.amount,
      ),
    ).toEqual(
      totals(
        lines(erp),
        () => 'co',
        (r) => r.amount,
      ),
    );
  });
});
