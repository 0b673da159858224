/**
 * Faults × endpoint families against the Procore sandbox, through real snapshots of a small company whose
 * PM side is the sandbox (over HTTP, as a live Procore config) and whose ERP side is a files folder.
 * Each run either completes after retries with the same PM rows as the fault-free run, or fails atomically:
 * nothing published, the previous snapshot current, the run failed with a message naming the endpoint,
 * and no findings from the failed side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault, FaultKind } from '../../connectors/procore/sandbox/faults.ts';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import {
  ERP_FIXTURE,
  PM_FIXTURE,
  procoreSideOf,
  type RunCompany,
  runCompany,
  sideRows,
} from '../support/run-company.ts';
import { tempDir } from '../support/tmp.ts';
import { expectAtomicFailure, expectPublished } from './atomic.ts';
import { faultCases } from './fault-cases.ts';

const FAMILIES = [
  { name: 'projects', path: '/rest/v1.1/projects' },
  { name: 'vendors', path: '/rest/v1.0/vendors' },
  { name: 'cost codes', path: '/rest/v1.0/cost_codes' },
  { name: 'cost types', path: '/rest/v1.0/line_item_types' },
  { name: 'budgets', path: '/rest/v1.0/budget_views' },
  { name: 'prime contracts', path: '/rest/v1.0/prime_contract' },
  { name: 'subcontracts', path: '/work_order_contracts' },
  { name: 'purchase orders', path: '/purchase_order_contracts' },
  { name: 'prime change orders', path: '/prime_change_orders' },
  { name: 'commitment change orders', path: '/commitment_change_orders' },
  { name: 'budget changes', path: '/budget_changes/adjustment_line_items' },
  { name: 'invoices (requisitions)', path: '/rest/v1.1/requisitions' },
  { name: 'direct costs', path: '/direct_costs' },
] as const;

const KINDS = [
  '429',
  '503',
  '500',
  'slow',
  'reset',
  'truncated',
  'wrong_type',
  'wrong_total',
  'expired_token',
] as const satisfies readonly FaultKind[];

/** What the run must do: recover to the same rows, fail atomically, or either (a payload quirk). */
function expected(kind: FaultKind, persistence: string): 'recovers' | 'fails' | 'either' {
  if (kind === 'wrong_type' || kind === 'wrong_total') return 'either';
  return persistence === 'transient' ? 'recovers' : 'fails';
}

function fault(kind: FaultKind, at: string, persistent: boolean): Fault {
  const f: Fault = { path: at, kind, times: persistent ? 1_000 : 2 };
  // Persistent rate limiting: a window that opens beyond the company's wait cap.
  if (kind === '429' || kind === '503') f.retryAfterSeconds = persistent ? 3_600 : 1;
  if (kind === 'slow') f.delayMs = 1_500;
  if (kind === 'wrong_type') f.field = 'id';
  if (kind === 'expired_token' && !persistent) f.times = 1;
  return f;
}

let sandbox: ProcoreSandbox;
let company: RunCompany;
let baseline: Record<string, string[]>;
const tally: Record<string, number> = {};

beforeAll(async () => {
  sandbox = await startProcoreSandbox({
    dataset: PM_FIXTURE,
    rateLimits: { spike: 1_000_000, hourly: 1_000_000 },
  });
  company = await runCompany(tempDir(), {
    // A stalled call is one the client stops waiting for after a second; every run reads in full, so
    // every family serves items for a broken payload to land in.
    pm: procoreSideOf(sandbox, { timeoutMs: 1_000, fullSweepDays: 0 }),
    erp: { type: 'files', dir: ERP_FIXTURE },
  });
  const first = await company.snapshot();
  if (!first.ok) throw new Error(first.message);
  baseline = await sideRows(first.absolutePath, 'pm');
});
afterAll(async () => {
  console.log('Procore fault runs by outcome:', tally);
  company?.close();
  await sandbox?.close();
});

describe('Procore faults × endpoint families, through real snapshots', () => {
  it('the fault-free run read every family', () => {
    const called = [...sandbox.calls.keys()];
    for (const f of FAMILIES)
      expect(
        called.some((p) => p.includes(f.path)),
        f.name,
      ).toBe(true);
    expect(baseline.commitments!.length).toBeGreaterThan(0);
  });

  const cases = faultCases(KINDS, FAMILIES).map((c) => ({
    ...c,
    title: `${c.persistence} ${c.kind} on ${c.family.name}`,
  }));
  it.each(cases)('$title', async ({ kind, family, persistence }) => {
    const before = company.state();
    const firedBefore = sandbox.faults.fired;
    sandbox.faults.clear();
    sandbox.faults.set(fault(kind, family.path, persistence === 'persistent'));
    const outcome = await company.snapshot();
    sandbox.faults.clear();
    expect(sandbox.faults.fired, 'the fault fired').toBeGreaterThan(firedBefore);
    const key = outcome.ok ? 'published' : `failed ${outcome.code}`;
    tally[key] = (tally[key] ?? 0) + 1;
    const want = expected(kind, persistence);
    if (want === 'recovers') expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
    if (want === 'fails') expect(outcome.ok).toBe(false);
    if (outcome.ok) {
      expectPublished(company, before, outcome);
      expect(await sideRows(outcome.absolutePath, 'pm')).toEqual(baseline);
    } else {
      expectAtomicFailure(company, before, outcome);
      expect(outcome.side).toBe('pm');
      expect(outcome.message).toContain(family.path);
    }
  });
});
