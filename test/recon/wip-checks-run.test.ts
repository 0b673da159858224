/**
 * The early fade warnings as a step of the snapshot run: a period is closed on one snapshot, the PM raises
 * the estimate, the next snapshot's findings hold fade.period with the job's history — recorded in the store
 * like every other finding.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { closePeriod } from '../../src/periods/close.ts';
import { registerReconciliation } from '../../src/recon/after-snapshot.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { listFindings } from '../../src/store/findings.ts';

import { writeCsvCompany } from '../reports/support/csv-company.ts';
import type { GoldenJob } from '../reports/support/wip-job.ts';
import { tempDir } from '../support/tmp.ts';

const faded = (estimate: string): GoldenJob[] => [
  {
    number: 'FP-1',
    originalContract: '1000000.00',
    pmEstimate: estimate,
    erpBudget: estimate,
    costs: [{ date: '2026-09-15', amount: '400000.00' }],
    billings: [{ periodEnd: '2026-09-30', amount: '400000.00' }],
  },
];

let runtime: Runtime | undefined;
afterAll(() => runtime?.close());

describe('early fade warnings after a snapshot', () => {
  it('fade.period is recorded against the last closed period, with the history', async () => {
    const root = tempDir();
    const { config, env } = writeCsvCompany(root, faded('820000.00'), { estimateSource: 'pm' });
    registerReconciliation();
    runtime = await openRuntime({
      configPath: config,
      command: 'test',
      writes: true,
      log: silentLogger,
      env,
    });
    const company = runtime.config.companies[0]!;
    expect((await runSnapshotForCompany(runtime, company, 'test')).ok).toBe(true);
    await closePeriod({
      ctx: { actor: { id: 'controller@acme.test', role: 'approver' }, store: runtime.store, runtime },
      input: { companyId: company.id, period: '2026-09' },
    });
    // The estimate goes from 820,000 to 900,000: estimated gross profit 180,000 → 100,000, a fall of 44.4 %.
    writeCsvCompany(root, faded('900000.00'), { estimateSource: 'pm' });
    expect((await runSnapshotForCompany(runtime, company, 'test')).ok).toBe(true);
    const found = listFindings(runtime.store.db, { companyId: company.id, check: 'fade.period' });
    expect(found).toHaveLength(1);
    const f = found[0]!.finding;
    expect([f.jobNumber, f.difference, f.facts.previous_gross_profit, f.facts.gross_profit_now]).toEqual([
      'FP-1',
      '-80000.00',
      '180000.00',
      '100000.00',
    ]);
    expect((f.facts.history as { as_of: string }[]).map((h) => h.as_of)).toEqual(['2026-09-30', 'now']);
  });
});
