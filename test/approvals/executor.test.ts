/**
 * The executor against the Procore sandbox over real HTTP: approved writes land once through /sync, an
 * interrupted attempt is finished without writing twice, transient failures are retried, refusals recorded,
 * and nothing unapproved ever reaches the writer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { decide } from '../../src/approvals/decide.ts';
import { ApprovalError } from '../../src/approvals/errors.ts';
import { executeApproved } from '../../src/approvals/executor.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { getProposal, listAttempts, openAttempt, updateProposal } from '../../src/store/approvals.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import type { Store } from '../../src/store/db.ts';
import {
  ANN_APPROVER,
  as,
  directCostInput,
  FIXTURE_PM,
  linkInput,
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

const deps = () => ({
  writerFor: async () => sandboxWriter(sandbox),
  log: quietLog,
  baseDelayMs: 1,
});

function approved(store: Store, input: Parameters<typeof proposeWrite>[0]['input']) {
  const { proposal } = proposeWrite({ ctx: as(PM_PAT, store), input });
  return decide({
    ctx: as(ANN_APPROVER, store),
    input: { proposalId: proposal.id, decision: 'approve', note: 'ok' },
  });
}

const writesFor = (originId: string) => sandbox.writes.filter((w) => w.originId === originId);

describe('executing approved writes against the Procore sandbox', () => {
  it('a link writes the ERP job id as the project’s origin_id, once', async () => {
    const store = testStore();
    const p = approved(store, linkInput(sandbox, 'J-LINK-1'));
    const [outcome] = await executeApproved({
      ctx: as(ANN_APPROVER, store),
      input: { companyId: 'acme' },
      deps: deps(),
    });
    expect(outcome?.status).toBe('executed');
    const project = sandbox.data.list('projects')[0]!;
    expect(project.body.origin_id).toBe('J-LINK-1');
    expect(project.body.origin_code).toBe('9001');
    expect(writesFor('J-LINK-1')).toHaveLength(1);
    expect(JSON.parse(getProposal(store.db, p.id)!.targetIds!)).toEqual([project.id]);
    // Running the executor again finds nothing approved left to do.
    expect(
      await executeApproved({ ctx: as(ANN_APPROVER, store), input: { companyId: 'acme' }, deps: deps() }),
    ).toEqual([]);
    expect(verifyAudit(store.db).ok).toBe(true);
  });

  it('a direct cost is created with its lines, keyed by the proposal’s idempotency key', async () => {
    const store = testStore();
    const p = approved(store, directCostInput(sandbox, '1250.37'));
    const [outcome] = await executeApproved({
      ctx: as(ANN_APPROVER, store),
      input: { proposalId: p.id },
      deps: deps(),
    });
    expect(outcome?.result.status).toBe('applied');
    const pid = (p.payload && JSON.parse(p.payload).projectId) as string;
    const header = sandbox.data
      .list(`direct_costs:${pid}`)
      .find((r) => r.body.origin_id === p.idempotencyKey)!;
    expect(header.body.description).toBe('ERP job cost sync, October 2026');
    const lines = sandbox.data
      .list(`direct_cost_lines:${pid}`)
      .filter((r) => String(r.body.origin_id ?? '').startsWith(`${p.idempotencyKey}:`));
    expect(lines.map((l) => l.body.amount)).toEqual(['1250.37', '10.01']);
    expect(lines.every((l) => l.body.direct_cost_id === Number(header.id))).toBe(true);
  });

  it('an attempt interrupted after Procore applied it is finished without writing again', async () => {
    const store = testStore();
    const p = approved(store, directCostInput(sandbox, '77.00'));
    // The write lands in Procore, then the process dies before recording it: status executing, attempt open.
    await sandboxWriter(sandbox).write(
      {
        proposalId: p.id,
        idempotencyKey: p.idempotencyKey,
        operation: p.operation,
        payload: JSON.parse(p.payload),
      },
      { signal: new AbortController().signal, log: quietLog },
    );
    openAttempt(store.db, p.id, new Date().toISOString());
    updateProposal(store.db, p.id, { status: 'executing', attempts: 1 });
    const created = sandbox.writes.filter((w) => w.action === 'created').length;
    // A later run leaves it alone (it could be another run's write in flight); start-up recovery finishes it.
    expect(
      await executeApproved({ ctx: as(ANN_APPROVER, store), input: { companyId: 'acme' }, deps: deps() }),
    ).toEqual([]);
    const [outcome] = await executeApproved({
      ctx: as(ANN_APPROVER, store),
      input: { companyId: 'acme', resume: true },
      deps: deps(),
    });
    expect(outcome?.result.status).toBe('already_applied');
    expect(sandbox.writes.filter((w) => w.action === 'created').length).toBe(created);
    expect(getProposal(store.db, p.id)!.status).toBe('executed');
  });

  it('a 500 from Procore is retried and the write lands once', async () => {
    const store = testStore();
    const p = approved(store, directCostInput(sandbox, '5.00'));
    sandbox.faults.set({ path: '/direct_costs/sync', kind: '500', times: 2 });
    const [outcome] = await executeApproved({
      ctx: as(ANN_APPROVER, store),
      input: { proposalId: p.id },
      deps: deps(),
    });
    expect(outcome?.status).toBe('executed');
    expect(outcome?.attempts).toBe(3);
    expect(listAttempts(store.db, p.id).map((a) => a.outcome)).toEqual(['failed', 'failed', 'applied']);
    expect(writesFor(p.idempotencyKey)).toHaveLength(1);
  });

  it('a record Procore refuses is recorded as failed with Procore’s reason, not retried', async () => {
    const store = testStore();
    const input = directCostInput(sandbox);
    input.payload.direct_cost.line_items[0]!.cost_code_id = '999999';
    const p = approved(store, input);
    const [outcome] = await executeApproved({
      ctx: as(ANN_APPROVER, store),
      input: { proposalId: p.id },
      deps: deps(),
    });
    expect(outcome?.status).toBe('failed');
    expect(outcome?.attempts).toBe(1);
    expect(getProposal(store.db, p.id)!.lastError).toMatch(/cost_code_id.*not a cost code of this project/);
  });
});

describe('no write path bypasses approval', () => {
  for (const state of ['pending', 'rejected', 'stale'] as const) {
    it(`a ${state} proposal never reaches the writer`, async () => {
      const store = testStore();
      const { proposal } = proposeWrite({ ctx: as(PM_PAT, store), input: linkInput(sandbox, `J-${state}`) });
      if (state === 'rejected')
        decide({
          ctx: as(ANN_APPROVER, store),
          input: { proposalId: proposal.id, decision: 'reject', note: 'no' },
        });
      if (state === 'stale') updateProposal(store.db, proposal.id, { status: 'stale' });
      let called = 0;
      const spy = {
        writerFor: async () => ({
          write: async () => {
            called++;
            return { status: 'applied' as const, targetIds: [] };
          },
        }),
        log: quietLog,
      };
      await expect(
        executeApproved({ ctx: as(ANN_APPROVER, store), input: { proposalId: proposal.id }, deps: spy }),
      ).rejects.toBeInstanceOf(ApprovalError);
      expect(
        await executeApproved({ ctx: as(ANN_APPROVER, store), input: { companyId: 'acme' }, deps: spy }),
      ).toEqual([]);
      expect(called).toBe(0);
      expect(writesFor(`J-${state}`)).toHaveLength(0);
    });
  }

  it('a proposal marked approved without a second person is refused at the gate', async () => {
    const store = testStore();
    const { proposal } = proposeWrite({ ctx: as(PM_PAT, store), input: linkInput(sandbox, 'J-forged') });
    updateProposal(store.db, proposal.id, { status: 'approved', decidedBy: PM_PAT.id });
    await expect(
      executeApproved({ ctx: as(ANN_APPROVER, store), input: { proposalId: proposal.id }, deps: deps() }),
    ).rejects.toThrow(/no approval by someone other than its proposer/);
    expect(writesFor('J-forged')).toHaveLength(0);
  });

  it('a PM or viewer may not run the executor', async () => {
    const store = testStore();
    await expect(
      executeApproved({ ctx: as(PM_PAT, store), input: { companyId: 'acme' }, deps: deps() }),
    ).rejects.toThrow(/may not perform approved writes/);
  });
});
