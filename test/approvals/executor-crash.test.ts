/**
 * Crash test: the executor SIGKILLed at random points, then run again → every approved proposal executed
 * exactly once in Procore and the audit chain intact. A few trials here; 50 under `npm run test:reliability`
 * (test/reliability/executor-crash.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { crashTrial } from './crash-trials.ts';
import { FIXTURE_PM } from './support.ts';

let sandbox: ProcoreSandbox;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({
    dataset: FIXTURE_PM,
    rateLimits: { spike: 1_000_000, hourly: 1_000_000 },
  });
});
afterAll(() => sandbox.close());

const TRIALS = Number(process.env.TIEOUT_CRASH_TRIALS ?? 4);

describe('the executor killed at random points', () => {
  it(`every approved proposal lands exactly once across ${TRIALS} SIGKILLed runs`, async () => {
    for (let trial = 1; trial <= TRIALS; trial++) {
      const r = await crashTrial(sandbox, trial, 600);
      if (process.env.TIEOUT_CRASH_LOG)
        console.log(trial, r.killedAfterMs, r.childFinished, r.atKill.join(','), r.landedUnrecorded);
      expect(r.statuses, `trial ${trial} killed after ${r.killedAfterMs} ms`).toEqual([
        'executed',
        'executed',
        'executed',
      ]);
      expect(r.headersCreated, `trial ${trial}`).toEqual([1, 1, 1]);
      expect(r.linesCreated, `trial ${trial}`).toEqual([2, 2, 2]);
      expect(r.auditOk).toBe(true);
    }
  }, 120_000);
});
