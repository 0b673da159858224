/**
 * No write path bypasses approval. Every route and command that can reach a writer — the API's and the
 * page's execute-now, `tieout approvals execute` (one proposal or the whole queue) and the scheduler's
 * executor — is driven against proposals that are pending, rejected, stale, or "approved" by their own
 * proposer (a row edited behind tieout's back), and the Procore sandbox must receive no write at all.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS } from '../../src/api/access.ts';
import { decide } from '../../src/approvals/decide.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { markStaleProposals } from '../../src/approvals/stale.ts';
import { executeAllApproved } from '../../src/approvals/writers.ts';
import { getProposal, listProposals } from '../../src/store/approvals.ts';
import { runCli } from '../support/cli.ts';
import { PEOPLE, type ServedApprovals, startApprovals } from './served.ts';

let t: ServedApprovals;
const ids: Record<'pending' | 'rejected' | 'stale' | 'selfApproved', string> = {
  pending: '',
  rejected: '',
  stale: '',
  selfApproved: '',
};

const link = (id: string, origin: string, findingKey: string | null = null) => ({
  companyId: 'acme',
  operation: 'procore.link',
  payload: { resource: 'vendors', id, origin_id: origin },
  diff: [{ field: 'vendor.origin_id', before: null, after: origin }],
  summary: `Link vendor ${id} to ${origin}`,
  findingKey,
});

beforeAll(async () => {
  t = await startApprovals();
  const store = t.runtime.store;
  const ann = { id: PEOPLE.approver, role: 'approver' as const };
  const ben = { id: PEOPLE.approver2, role: 'approver' as const };
  ids.pending = listProposals(store.db, { companyId: 'acme', statuses: ['pending'] })[0]!.id;
  ids.rejected = proposeWrite({ ctx: { actor: ann, store }, input: link('7001001', 'REJ') }).proposal.id;
  decide({ ctx: { actor: ben, store }, input: { proposalId: ids.rejected, decision: 'reject', note: 'no' } });
  ids.stale = proposeWrite({
    ctx: { actor: ann, store },
    input: link('7001002', 'STALE', 'gone|finding'),
  }).proposal.id;
  decide({ ctx: { actor: ben, store }, input: { proposalId: ids.stale, decision: 'approve' } });
  markStaleProposals(store, { companyId: 'acme', snapshotId: 'later' });
  ids.selfApproved = proposeWrite({ ctx: { actor: ann, store }, input: link('7001003', 'SELF') }).proposal.id;
  // Someone edits the store directly: "approved" by the proposer. The executor must still refuse it.
  const db = new Database(path.join(t.runtime.config.dataDir, 'tieout.sqlite'));
  db.prepare("UPDATE proposals SET status = 'approved', decided_by = proposed_by WHERE id = ?").run(
    ids.selfApproved,
  );
  db.close();
  expect(getProposal(store.db, ids.stale)!.status).toBe('stale');
  expect(getProposal(store.db, ids.selfApproved)!.status).toBe('approved');
}, 120_000);
afterAll(() => t?.close());

const synced = () => t.sandbox.requests.filter((r) => r.includes('/sync'));

describe('no write path bypasses approval', () => {
  it('the routes that reach a writer are exactly the ones driven here', () => {
    expect(
      Object.keys(ACCESS)
        .filter((k) => k.includes('execute'))
        .sort(),
    ).toEqual(['POST /api/approvals/:approvalId/execute', 'POST /approvals/:approvalId/execute']);
  });

  it('execute-now over the API and from the page writes nothing that is not approved by someone else', async () => {
    for (const [state, id] of Object.entries(ids)) {
      for (const who of ['approver', 'approver2', 'admin'] as const) {
        const api = await t.api(`/api/approvals/${id}/execute`, { as: who, method: 'POST' });
        expect([403, 409], `${state} via API as ${who}`).toContain(api.status);
        const page = await t.api(`/approvals/${id}/execute`, { as: who, method: 'POST' });
        expect([403, 409], `${state} via page as ${who}`).toContain(page.status);
      }
      const pm = await t.api(`/api/approvals/${id}/execute`, { as: 'pm', method: 'POST' });
      expect(pm.status).toBe(403);
    }
    const own = await t.api(`/api/approvals/${ids.selfApproved}/execute`, { as: 'approver', method: 'POST' });
    expect(((await own.json()) as { error: { code: string } }).error.code).toBe('not_approved');
    expect(synced()).toEqual([]);
    expect(t.sandbox.writes).toEqual([]);
  });

  it('approving one’s own proposal is refused, so it never becomes executable', async () => {
    const made = await t.api('/api/approvals', {
      as: 'approver',
      method: 'POST',
      body: JSON.stringify(link('7001004', 'MINE')),
    });
    const { id } = (await made.json()) as { id: string };
    const own = await t.api(`/api/approvals/${id}/approve`, { as: 'approver', method: 'POST', body: '{}' });
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: { code: string } }).error.code).toBe('same_person');
    const run = await t.api(`/api/approvals/${id}/execute`, { as: 'approver', method: 'POST' });
    expect(run.status).toBe(409);
    expect(t.sandbox.writes).toEqual([]);
  });

  it('the scheduler’s executor skips them all', async () => {
    await executeAllApproved(t.runtime);
    expect(synced()).toEqual([]);
    expect(t.sandbox.writes).toEqual([]);
    expect(getProposal(t.runtime.store.db, ids.selfApproved)!.attempts).toBe(0);
  });

  it('tieout approvals execute, for one of them or the whole queue, writes nothing', async () => {
    const { configPath, env } = t;
    t.runtime.close(); // the command line takes the data directory's lock
    const cli = (...args: string[]) =>
      runCli(['--config', configPath, 'approvals', 'execute', ...args], {
        ...(env as Record<string, string>),
        TIEOUT_TOKEN: t.tokens.admin,
      });
    for (const id of [ids.pending, ids.selfApproved]) {
      const one = await cli('--id', id);
      expect(one.code, one.stdout).toBe(6); // conflict
      expect(one.stderr).toContain('[not_approved]');
    }
    const queue = await cli('--company', 'acme');
    expect(queue.code, queue.stderr).toBe(0);
    expect(queue.stdout).toBe('');
    expect(synced()).toEqual([]);
    expect(t.sandbox.writes).toEqual([]);
  }, 120_000);
});
