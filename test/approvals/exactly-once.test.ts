/**
 * Exactly once under concurrency: twenty executions of one approved proposal started together (double
 * clicks, the API and the scheduler at once) against the Procore sandbox over real HTTP. The writer is the
 * real one, wrapped only to count its calls: it is called once, one direct cost lands, and nineteen runs are
 * told the proposal is already being written (or, from the queue, skip it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { decide } from '../../src/approvals/decide.ts';
import { executeApproved, type ProposalWriter } from '../../src/approvals/executor.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { getProposal } from '../../src/store/approvals.ts';
import {
  ANN_APPROVER,
  as,
  directCostInput,
  FIXTURE_PM,
  PM_PAT,
  quietLog,
  sandboxWriter,
  testStore,
} from './support.ts';

let sandbox: ProcoreSandbox;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
});
afterAll(() => sandbox.close());

describe('one approved proposal, twenty executions at once', () => {
  it('writes exactly once', async () => {
    const store = testStore();
    const { proposal } = proposeWrite({ ctx: as(PM_PAT, store), input: directCostInput(sandbox, '950.00') });
    decide({
      ctx: as(ANN_APPROVER, store),
      input: { proposalId: proposal.id, decision: 'approve', note: 'ok' },
    });
    let calls = 0;
    const counted = (): ProposalWriter => {
      const real = sandboxWriter(sandbox);
      return {
        write: (request, ctx) => {
          calls++;
          return real.write(request, ctx);
        },
        close: real.close,
      };
    };
    const deps = { writerFor: async () => counted(), log: quietLog, baseDelayMs: 1 };
    const runs = Array.from({ length: 20 }, (_, i) =>
      executeApproved({
        ctx: as(ANN_APPROVER, store),
        // half name the proposal (the button, the API), half run the company's queue (the scheduler)
        input: i % 2 === 0 ? { proposalId: proposal.id } : { companyId: 'acme' },
        deps,
      }),
    );
    const settled = await Promise.allSettled(runs);
    expect(calls).toBe(1);
    const executed = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
    expect(executed.map((o) => o.status)).toEqual(['executed']);
    const refused = settled.filter((s) => s.status === 'rejected');
    for (const r of refused)
      expect(String((r as PromiseRejectedResult).reason)).toMatch(
        /already being written by another run|is executed/,
      );
    expect(
      sandbox.writes.filter((w) => w.originId === proposal.idempotencyKey && w.action === 'created'),
    ).toHaveLength(1);
    expect(getProposal(store.db, proposal.id)!.status).toBe('executed');
  });
});
