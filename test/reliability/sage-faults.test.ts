/**
 * Faults × Sage tables against the Sage 100 Contractor sandbox, through real snapshots of a small company
 * whose ERP side is the sandbox and whose PM side is a files folder. The Sage connector does not retry (a
 * read-only SELECT that failed is run again by the next snapshot), so every fault that stops a query must
 * fail the run atomically, naming the query; a value of the wrong type fails it too, naming the query, row and column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryName } from '../../connectors/sage100c/queries.ts';
import { type SageFaultKind, sageSandboxFaults } from '../../connectors/sage100c/sandbox/faults.ts';
import { ERP_FIXTURE, PM_FIXTURE, type RunCompany, runCompany, sideRows } from '../support/run-company.ts';
import { tempDir } from '../support/tmp.ts';
import { expectAtomicFailure, expectPublished } from './atomic.ts';
import { faultCases } from './fault-cases.ts';

/** The queries a steady-state (second, incremental) run makes. */
const QUERIES: QueryName[] = [
  'catalog',
  'jobs',
  'cost-codes',
  'cost-types',
  'vendors',
  'budget-lines',
  'invoice-ledger',
  'job-cost-totals',
  'job-cost-changed',
  'change-order-headers',
  'change-order-prime-lines',
  'change-order-sub-lines',
  'subcontracts',
  'subcontract-lines',
  'purchase-orders',
  'purchase-order-lines',
  'payables',
  'payable-lines',
  'billings',
  'gl-balances',
];

const QUERY_KINDS: SageFaultKind[] = ['timeout', 'connection_lost', 'deadlock', 'unreachable', 'wrong_type'];
/** Failures of the login itself: a changed or expired password, the server down. */
const CONNECT_KINDS: SageFaultKind[] = ['login_failed', 'unreachable', 'timeout'];

let company: RunCompany;
let baseline: Record<string, string[]>;
let steadyQueries: string[] = [];
const tally: Record<string, number> = {};

beforeAll(async () => {
  company = await runCompany(tempDir(), {
    pm: { type: 'files', dir: PM_FIXTURE },
    erp: { type: 'sage100c', sandbox: { dataset: ERP_FIXTURE } },
  });
  const first = await company.snapshot();
  if (!first.ok) throw new Error(first.message);
  sageSandboxFaults.clear();
  const second = await company.snapshot();
  if (!second.ok) throw new Error(second.message);
  steadyQueries = [...sageSandboxFaults.seen];
  baseline = await sideRows(second.absolutePath, 'erp');
});
afterAll(() => {
  console.log('Sage fault runs by outcome:', tally);
  company?.close();
});

describe('Sage 100 Contractor faults × tables, through real snapshots', () => {
  it('a steady-state run makes every query the cases cover', () => {
    for (const f of ['connect', ...QUERIES]) expect(steadyQueries, f).toContain(f);
    expect(baseline.cost_transactions!.length).toBeGreaterThan(0);
  });

  const cases = [...faultCases(QUERY_KINDS, QUERIES), ...faultCases(CONNECT_KINDS, ['connect'] as const)].map(
    (c) => ({
      ...c,
      title: `${c.persistence} ${c.kind} on ${c.family}`,
    }),
  );
  it.each(cases)('$title', async ({ kind, family, persistence }) => {
    const before = company.state();
    sageSandboxFaults.clear();
    sageSandboxFaults.set({ target: family, kind, times: persistence === 'persistent' ? 1_000 : 1 });
    const outcome = await company.snapshot();
    const fired = sageSandboxFaults.fired;
    sageSandboxFaults.clear();
    expect(fired, 'the fault fired').toBeGreaterThan(0);
    const key = outcome.ok ? 'published' : `failed ${outcome.code}`;
    tally[key] = (tally[key] ?? 0) + 1;
    if (kind !== 'wrong_type') expect(outcome.ok).toBe(false);
    if (outcome.ok) {
      expectPublished(company, before, outcome);
      expect(await sideRows(outcome.absolutePath, 'erp')).toEqual(baseline);
    } else {
      expectAtomicFailure(company, before, outcome);
      expect(outcome.side).toBe('erp');
      if (family !== 'connect') expect(outcome.message).toContain(`${family}.sql`);
    }
  });
});
