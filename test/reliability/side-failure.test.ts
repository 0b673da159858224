/**
 * Regression: when one side fails while the other is still ingesting, the run waits for the other side to
 * stop before closing the snapshot database. Closing it under the ingesting side crashed the process (or
 * hung the run) instead of failing the run.
 */
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { costRows, ERP_JOBS } from '../support/company.ts';
import {
  ERP_FIXTURE,
  PM_FIXTURE,
  procoreSideOf,
  type RunCompany,
  runCompany,
} from '../support/run-company.ts';
import { tempDir } from '../support/tmp.ts';
import { expectAtomicFailure } from './atomic.ts';

let sandbox: ProcoreSandbox;
let company: RunCompany;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({
    dataset: PM_FIXTURE,
    rateLimits: { spike: 1_000_000, hourly: 1_000_000 },
  });
  const root = tempDir();
  cpSync(ERP_FIXTURE, path.join(root, 'erp'), { recursive: true });
  company = await runCompany(root, {
    pm: procoreSideOf(sandbox, { maxRetries: 0 }),
    erp: { type: 'files', dir: 'erp' },
  });
  const first = await company.snapshot();
  if (!first.ok) throw new Error(first.message);
  // A cost file big enough that the ERP side is still loading when the PM side gives up, in a form the
  // record path reads (a cell with trailing space keeps it off the native CSV path).
  writeFileSync(path.join(root, 'erp', 'jobs.csv'), ERP_JOBS);
  writeFileSync(
    path.join(root, 'erp', 'cost_transactions.csv'),
    costRows(150_000, (i) => `${i}.10 `),
  );
});
afterAll(async () => {
  company?.close();
  await sandbox?.close();
});

describe('one side failing while the other ingests', () => {
  for (const at of ['/rest/v1.1/projects', '/rest/v1.0/work_order_contracts', '/rest/v1.1/requisitions']) {
    it(`Procore failing at ${at} fails the run cleanly`, async () => {
      const before = company.state();
      sandbox.faults.clear();
      sandbox.faults.set({ path: at, kind: '500', times: 1_000 });
      const outcome = await company.snapshot();
      sandbox.faults.clear();
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expectAtomicFailure(company, before, outcome);
      expect(outcome.side).toBe('pm');
      expect(outcome.message).toContain(at);
    });
  }
});
