/**
 * Incremental reads: the second run asks only for what changed (filters[updated_at] windows,
 * include_deleted where Procore offers it), merges it into the stored items, and still yields complete
 * tables. The periodic full sweep removes deletions no filter can show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { FIXTURE_PM, normalised, readAll, sandboxConnector, testContext } from './support.ts';

const P = '562949953421312';
let sandbox: ProcoreSandbox;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
});
afterAll(() => sandbox.close());

async function run(previous: unknown, fullSweepDays = 7) {
  const ctx = testContext(previous);
  const before = sandbox.requests.length;
  const result = await readAll(sandboxConnector(sandbox, { fullSweepDays }).connector, ctx);
  return { result, ctx, calls: sandbox.requests.slice(before), state: ctx.saved.at(-1) };
}

describe('incremental runs', () => {
  it('a second run asks for changes only and yields the same complete tables with fewer calls', async () => {
    const first = await run(null);
    expect(first.ctx.stats.procore_full_sweep).toBe(1);
    const second = await run(first.state);
    expect(second.ctx.stats.procore_full_sweep).toBe(0);
    expect(second.calls.length).toBeLessThan(first.calls.length);
    const woc = second.calls.find((c) => c.startsWith('/rest/v1.0/work_order_contracts?'))!;
    const q = new URL(woc, 'http://x').searchParams;
    expect(q.get('filters[updated_at]')).toMatch(/^\d{4}-\d\d-\d\dT.*Z\.\.\.\d{4}-\d\d-\d\dT.*Z$/);
    expect(q.get('filters[include_deleted]')).toBe('with');
    expect(second.calls.some((c) => c.includes('/line_items') && c.includes('work_order_contracts'))).toBe(
      false,
    );
    expect(second.calls.some((c) => c.startsWith('/rest/v1.0/budget_views?'))).toBe(false);
    for (const [table, rows] of Object.entries(first.result.rows)) {
      expect(normalised(second.result.rows[table as keyof typeof first.result.rows]), table).toEqual(
        normalised(rows),
      );
    }
  });

  it('picks up an edited subcontract and its lines, and drops a deleted purchase order', async () => {
    const first = await run(null);
    sandbox.data.update(`work_order_contracts:${P}`, '990002', {
      grand_total: '1160000.00',
      revised_contract: '1160000.00',
    });
    sandbox.data.update(`work_order_contracts_lines:990002`, '1', { amount: '1160000.00' });
    sandbox.data.remove(`purchase_order_contracts:${P}`, '990003');
    const second = await run(first.state);
    const sc = second.result.rows.commitments!.find((c) => c.commitment_id === '990002')!;
    expect(sc.original_amount).toBe('1160000.00');
    expect(second.result.rows.commitment_lines!.find((l) => l.commitment_id === '990002')!.amount).toBe(
      '1160000.00',
    );
    expect(second.result.rows.commitments!.some((c) => c.commitment_id === '990003')).toBe(false);
    expect(second.result.rows.commitment_lines!.some((l) => l.commitment_id === '990003')).toBe(false);
  });

  it('a deleted direct cost stays until the full sweep, because its list has no deletion filter', async () => {
    const first = await run(null);
    sandbox.data.remove(`direct_costs:${P}`, '330003');
    sandbox.data.remove(`direct_cost_lines:${P}`, '330003');
    const incremental = await run(first.state);
    expect(incremental.result.rows.cost_transactions!.some((t) => t.transaction_id === '330003')).toBe(true);
    const sweep = await run(incremental.state, 0);
    expect(sweep.ctx.stats.procore_full_sweep).toBe(1);
    expect(sweep.result.rows.cost_transactions!.some((t) => t.transaction_id === '330003')).toBe(false);
  });

  it('an inactive project is replayed from the state between sweeps, with no calls, and re-read at the sweep', async () => {
    const closed = '562949953421314';
    const first = await run(null);
    const second = await run(first.state);
    expect(second.ctx.stats.procore_projects_replayed).toBe(1);
    expect(second.calls.filter((c) => c.includes(closed))).toEqual([]);
    expect(second.result.rows.budget_lines!.filter((b) => b.job_id === closed)).toEqual(
      first.result.rows.budget_lines!.filter((b) => b.job_id === closed),
    );
    const sweep = await run(second.state, 0);
    expect(sweep.calls.filter((c) => c.includes(closed)).length).toBeGreaterThan(0);
  });

  it('state from another company is ignored and the run reads in full', async () => {
    const first = await run(null);
    const foreign = { ...(first.state as object), companyId: '999' };
    const next = await run(foreign);
    expect(next.ctx.stats.procore_full_sweep).toBe(1);
  });
});
