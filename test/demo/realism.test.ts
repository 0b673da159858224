import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { DEMO_DEFAULT_AS_OF, generateDemo } from '../../src/demo/index.ts';
import { type LoadedSide, loadSide } from './load-side.ts';

let dir: string;
let pm: LoadedSide;
let erp: LoadedSide;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tieout-demo-realism-'));
  await generateDemo({ outDir: dir });
  [pm, erp] = await Promise.all([loadSide(path.join(dir, 'pm')), loadSide(path.join(dir, 'erp'))]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const values = (side: LoadedSide, table: keyof LoadedSide['tables'], column: string) =>
  new Set((side.tables[table] ?? []).map((r) => r[column]));

describe('the demo contractor as a controller would recognise it', () => {
  it('runs about forty jobs from just signed to closed, numbered by year', () => {
    const jobs = pm.tables.jobs!;
    expect(jobs).toHaveLength(40);
    expect(erp.tables.jobs).toHaveLength(39); // one job never reached the ERP
    for (const j of jobs) expect(j.number).toMatch(/^\d{4}-\d{3}$/);
    const year = DEMO_DEFAULT_AS_OF.slice(0, 4);
    const completedThisYear = jobs.filter(
      (j) => j.status === 'completed' && j.completion_date!.startsWith(year),
    );
    expect(completedThisYear.length).toBeGreaterThanOrEqual(3);
    expect(jobs.filter((j) => j.status === 'closed').length).toBeGreaterThanOrEqual(2);
    const withCost = values(erp, 'cost_transactions', 'job_id');
    const notStarted = erp.tables.jobs!.filter((j) => j.status === 'open' && !withCost.has(j.job_id));
    expect(notStarted.length).toBeGreaterThanOrEqual(2);
  });

  it('signs contracts from about $250k to about $18M', () => {
    const amounts = pm.tables.prime_contracts!.map((c) => new Dec(c.original_amount!));
    expect(Dec.min(...amounts).gte(250_000)).toBe(true);
    expect(Dec.min(...amounts).lt(300_000)).toBe(true);
    expect(Dec.max(...amounts).lte(18_000_000)).toBe(true);
    expect(Dec.max(...amounts).gt(17_000_000)).toBe(true);
  });

  it('buys from about 25 vendors with 10 % subcontract and 5 % or 0 % PO retainage', () => {
    expect(pm.tables.vendors).toHaveLength(25);
    const byKind = (kind: string) =>
      new Set(pm.tables.commitments!.filter((c) => c.kind === kind).map((c) => c.retainage_percent));
    expect([...byKind('subcontract')]).toEqual(['10']);
    expect([...byKind('purchase_order')].sort()).toEqual(['0', '5']);
  });

  it('uses CSI cost codes, the five cost types plus a custom one, Sage-style codes on some ERP jobs', () => {
    expect(values(pm, 'budget_lines', 'cost_code')).toContain('03-300');
    expect([...values(pm, 'budget_lines', 'cost_type')].sort()).toEqual([
      'equipment',
      'labor',
      'material',
      'other',
      'permits',
      'subcontract',
    ]);
    const erpCodes = values(erp, 'budget_lines', 'cost_code');
    expect(erpCodes).toContain('3300');
    expect(erpCodes).toContain('03-300');
    expect(erpCodes).toContain('1595');
  });

  it('has change orders of every kind and status, on both sides', () => {
    for (const side of [pm, erp]) {
      expect([...values(side, 'change_orders', 'status')].sort()).toEqual([
        'approved',
        'pending',
        'rejected',
        'void',
      ]);
      expect([...values(side, 'change_orders', 'kind')].sort()).toEqual(['budget', 'commitment', 'prime']);
    }
  });

  it('posts, pays and voids AP invoices, holds and releases retainage', () => {
    expect([...values(erp, 'payables', 'status')].sort()).toEqual(['paid', 'posted', 'void']);
    expect([...values(pm, 'payables', 'status')].sort()).toEqual(['approved', 'pending']);
    expect(erp.tables.payables!.some((p) => new Dec(p.retainage_released ?? 0).gt(0))).toBe(true);
    expect(pm.tables.payables!.some((p) => new Dec(p.retainage_released ?? 0).gt(0))).toBe(true);
    expect(erp.tables.payables!.some((p) => new Dec(p.retainage_held ?? 0).gt(0))).toBe(true);
  });

  it('books ERP job cost from AP, payroll, equipment and journals, and Procore direct costs', () => {
    expect([...values(erp, 'cost_transactions', 'source')].sort()).toEqual([
      'ap',
      'equipment',
      'journal',
      'payroll',
    ]);
    expect([...values(pm, 'cost_transactions', 'source')]).toEqual(['direct']);
  });

  it('bills owners with 10 % retainage and releases it: reduced on some jobs, paid back at completion', () => {
    const billings = erp.tables.billings!;
    const releases = billings.filter((b) => new Dec(b.retainage_released ?? 0).gt(0));
    expect(releases.length).toBeGreaterThan(5);
    // A release bills nothing else.
    for (const r of releases) expect([r.billed_amount, r.retainage_held]).toEqual(['0.00', '0.00']);
    const jobs = new Map(erp.tables.jobs!.map((j) => [j.job_id, j]));
    const statuses = new Set(releases.map((r) => jobs.get(r.job_id!)!.status));
    expect([...statuses].sort()).toEqual(['closed', 'completed', 'open']);
    // No job is ever paid back more than its owner held, on any date.
    for (const jobId of new Set(billings.map((b) => b.job_id))) {
      const own = billings
        .filter((b) => b.job_id === jobId)
        .sort((a, b) => (a.period_end! < b.period_end! ? -1 : 1));
      let still = new Dec(0);
      for (const b of own) {
        still = still.plus(b.retainage_held ?? 0).minus(b.retainage_released ?? 0);
        expect(still.gte(0), `${jobId} ${b.number}`).toBe(true);
      }
    }
    // Closed jobs have collected every dollar of their retainage.
    for (const [jobId, job] of jobs) {
      if (job.status !== 'closed') continue;
      const own = billings.filter((b) => b.job_id === jobId);
      if (own.length === 0) continue;
      const still = own.reduce(
        (s, b) => s.plus(b.retainage_held ?? 0).minus(b.retainage_released ?? 0),
        new Dec(0),
      );
      expect(still.toFixed(2), String(jobId)).toBe('0.00');
    }
    // The PM side shows the same releases.
    const pmReleased = pm.tables.billings!.reduce((s, b) => s.plus(b.retainage_released ?? 0), new Dec(0));
    expect(pmReleased.toFixed(2)).toBe(
      releases.reduce((s, b) => s.plus(b.retainage_released!), new Dec(0)).toFixed(2),
    );
  });

  it('keeps the integration queue in every state the approver sees', () => {
    const queue = pm.tables.sync_queue!;
    expect([...new Set(queue.map((q) => q.status))].sort()).toEqual(['accepted', 'failed', 'waiting']);
    expect(queue.some((q) => q.status === 'waiting' && q.approver)).toBe(true);
    expect(queue.some((q) => q.status === 'waiting' && !q.approver)).toBe(true);
  });

  it('uses Procore ids above 2^32 and Sage record numbers, with links missing on a few records', () => {
    const above = (ids: Set<string | null | undefined>) => [...ids].some((id) => BigInt(id!) > 2n ** 32n);
    expect(above(values(pm, 'jobs', 'job_id'))).toBe(true);
    expect(above(values(pm, 'change_orders', 'change_order_id'))).toBe(true);
    expect([...values(erp, 'jobs', 'job_id')].every((id) => /^\d+$/.test(id!))).toBe(true);
    const commitments = pm.tables.commitments!;
    const unlinked = commitments.filter((c) => c.linked_id === null).length;
    expect(unlinked).toBeGreaterThan(0);
    expect(unlinked).toBeLessThan(commitments.length / 4);
  });

  it('gives the ERP its contract asset, liability and retainage balances at the last month end', () => {
    const gl = erp.tables.gl_balances!;
    expect(gl.map((g) => g.role).sort()).toEqual([
      'over_billings',
      'retainage_payable',
      'retainage_receivable',
      'under_billings',
    ]);
    expect(new Set(gl.map((g) => g.as_of))).toEqual(new Set(['2026-10-31']));
    const balance = (role: string) => new Dec(gl.find((g) => g.role === role)!.balance!);
    expect(balance('under_billings').gt(0)).toBe(true);
    expect(balance('over_billings').lt(0)).toBe(true);
  });
});
