/**
 * Regression: nightly runs against an unchanged Procore company keep publishing the same PM rows. An
 * archived project is read in full once and then replayed from the incremental state; the second replay
 * once found an empty recording and dropped that project's cost codes, budget and prime contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

let sandbox: ProcoreSandbox;
let company: RunCompany;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({
    dataset: PM_FIXTURE,
    rateLimits: { spike: 1_000_000, hourly: 1_000_000 },
  });
  company = await runCompany(tempDir(), {
    pm: procoreSideOf(sandbox),
    erp: { type: 'files', dir: ERP_FIXTURE },
  });
});
afterAll(async () => {
  company?.close();
  await sandbox?.close();
});

describe('repeated incremental Procore runs', () => {
  it('an archived project replayed night after night keeps all its rows', async () => {
    const published: Record<string, string[]>[] = [];
    const replayed: number[] = [];
    for (let night = 0; night < 4; night++) {
      const outcome = await company.snapshot();
      if (!outcome.ok) throw new Error(outcome.message);
      published.push(await sideRows(outcome.absolutePath, 'pm'));
      replayed.push(Number(outcome.stats.sides.pm?.stats.procore_projects_replayed ?? 0));
    }
    expect(replayed).toEqual([0, 1, 1, 1]);
    expect(published[0]!.prime_contracts).toHaveLength(3);
    for (let night = 1; night < 4; night++)
      expect(published[night], `night ${night + 1}`).toEqual(published[0]);
  });
});
