/**
 * Every fault the sandbox can inject, read through the real connector over HTTP: the run still yields the
 * same rows (after waiting or retrying as Procore asks), or fails cleanly with a code and nothing yielded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../connectors/clock.ts';
import { SourceError } from '../../connectors/contract.ts';
import type { FaultKind } from '../../connectors/procore/sandbox/faults.ts';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { FIXTURE_PM, normalised, readAll, sandboxConnector, testContext } from './support.ts';

let sandbox: ProcoreSandbox;
let baseline: Awaited<ReturnType<typeof readAll>>;

beforeAll(async () => {
  sandbox = await startProcoreSandbox({
    dataset: FIXTURE_PM,
    rateLimits: { spike: 100_000, hourly: 1_000_000 },
    // Waits for Retry-After and rate-limit windows pass on virtual time the connector shares.
    clock: new VirtualClock(),
  });
  baseline = await readAll(sandboxConnector(sandbox).connector, testContext());
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

const same = (r: Awaited<ReturnType<typeof readAll>>) => {
  for (const [table, rows] of Object.entries(baseline.rows)) {
    expect(normalised(r.rows[table as keyof typeof r.rows]), table).toEqual(normalised(rows));
  }
};

describe('faults Procore recovers from', () => {
  const cases: [string, FaultKind, Record<string, number>, string][] = [
    ['a 429 burst waits for the window to reset', '429', { retryAfterSeconds: 1 }, 'procore_429'],
    ['a 503 with Retry-After waits as asked', '503', { retryAfterSeconds: 1 }, 'procore_503'],
    ['a 500 is retried with backoff', '500', {}, 'procore_retries'],
    ['a response slower than the client timeout is retried', 'slow', { delayMs: 4_000 }, 'procore_retries'],
    ['a connection reset is retried', 'reset', {}, 'procore_retries'],
    ['truncated JSON is read again', 'truncated', {}, 'procore_retries'],
  ];
  it.each(cases)('%s', async (_name, kind, extra, counter) => {
    sandbox.faults.set({ path: '/rest/v1.0/work_order_contracts', kind, times: 2, ...extra });
    const ctx = testContext();
    // The timeout sits well above a normal answer on a busy machine and well below the stalled one.
    const result = await readAll(
      sandboxConnector(sandbox, { timeoutMs: 2_000, maxRetries: 8 }).connector,
      ctx,
    );
    expect(sandbox.faults.fired).toBeGreaterThan(0);
    expect(ctx.stats[counter]).toBeGreaterThanOrEqual(2);
    expect(result.rejected).toEqual([]);
    same(result);
  });
});

describe('faults that stop the run', () => {
  it('an endpoint failing beyond the retry cap fails the side before any table is yielded', async () => {
    sandbox.faults.set({ path: '/rest/v1.1/requisitions', kind: '500', times: 50 });
    const yielded: string[] = [];
    const { connector } = sandboxConnector(sandbox, { maxRetries: 2 });
    const run = async () => {
      for await (const stream of connector.read(testContext())) yielded.push(stream.table);
    };
    await expect(run()).rejects.toMatchObject({ code: 'procore_unavailable' });
    await expect(run()).rejects.toBeInstanceOf(SourceError);
    expect(yielded).toEqual([]);
  });

  it('a field of the wrong type quarantines that record only, naming endpoint, id, field and value', async () => {
    sandbox.faults.set({
      path: '/rest/v1.0/work_order_contracts',
      kind: 'wrong_type',
      times: 1,
      field: 'grand_total',
    });
    const result = await readAll(sandboxConnector(sandbox).connector, testContext());
    expect(result.rejected).toHaveLength(1);
    const reason = result.rejected[0]!.reason;
    expect(reason).toContain('GET /rest/v1.0/work_order_contracts?project_id=562949953421312');
    expect(reason).toContain('#id=990001');
    expect(reason).toContain('field grand_total');
    expect(reason).toContain('{"unexpected":true}');
    expect(result.rows.commitments).toHaveLength(baseline.rows.commitments!.length - 1);
  });

  it('an id of the wrong type is quarantined by the payload schema', async () => {
    sandbox.faults.set({
      path: '/rest/v1.1/requisitions',
      kind: 'wrong_type',
      times: 1,
      field: 'commitment_id',
    });
    const result = await readAll(sandboxConnector(sandbox).connector, testContext());
    expect(result.rejected.map((r) => r.table)).toEqual(['payables']);
    expect(result.rejected[0]!.reason).toMatch(/field commitment_id: /);
  });
});
