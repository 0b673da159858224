/**
 * The long form of the executor crash test (npm run test:reliability): 50 trials, each SIGKILLing the
 * executor at a random point against the Procore sandbox, then finishing the queue. Every approved proposal
 * must land exactly once, and the audit chain must verify. Prints how the kills fell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { crashTrial } from '../approvals/crash-trials.ts';
import { FIXTURE_PM } from '../approvals/support.ts';

const TRIALS = process.env.TIEOUT_RELIABILITY === 'long' ? 50 : 3;

let sandbox: ProcoreSandbox;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({
    dataset: FIXTURE_PM,
    rateLimits: { spike: 1_000_000, hourly: 1_000_000 },
  });
});
afterAll(() => sandbox.close());

describe('executor crash reliability', () => {
  it(
    `${TRIALS} SIGKILLed executor runs: every approved proposal exactly once, audit chain intact`,
    async () => {
      const tally = { notStarted: 0, cutMidWrite: 0, landedUnrecorded: 0, finished: 0 };
      for (let trial = 1; trial <= TRIALS; trial++) {
        const r = await crashTrial(sandbox, trial, 600);
        expect(r.statuses, `trial ${trial} killed after ${r.killedAfterMs} ms`).toEqual([
          'executed',
          'executed',
          'executed',
        ]);
        expect(r.headersCreated, `trial ${trial}`).toEqual([1, 1, 1]);
        expect(r.linesCreated, `trial ${trial}`).toEqual([2, 2, 2]);
        expect(r.auditOk, `trial ${trial}`).toBe(true);
        if (r.childFinished) tally.finished++;
        else if (r.atKill.every((s) => s === 'approved')) tally.notStarted++;
        if (r.atKill.includes('executing')) tally.cutMidWrite++;
        tally.landedUnrecorded += r.landedUnrecorded;
      }
      console.log(`executor crash trials: ${TRIALS}`, tally);
    },
    TRIALS * 15_000,
  );
});
