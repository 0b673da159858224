/** The findings lifecycle in a real SQLite store (in memory, migrated like production). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acknowledgeFinding } from '../../src/findings/acknowledge.ts';
import { ignoreFinding } from '../../src/findings/ignore.ts';
import type { Finding } from '../../src/recon/index.ts';
import { staleFindingForFailedRun } from '../../src/recon/index.ts';
import { ActionForbidden } from '../../src/roles.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { FindingActionRefused, listFindings, recordFindings } from '../../src/store/findings.ts';
import { upsertCompany } from '../../src/store/runs.ts';
import { cleanCompany, findingsOf, row } from './company.ts';

let store: Store;
// Kim is an approver (not in the users table: not scoped to a company; scoping is tested over HTTP).
const kim = { id: 'kim@acme.test', role: 'approver' as const };
let budget: Finding;
let changeOrder: Finding;

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T07:00:00.000Z`;
const seen = (f: Finding, n: number, difference = f.difference): Finding => ({
  ...f,
  takenAt: day(n),
  snapshotId: `snap-${n}`,
  difference,
});
const record = (n: number, fs: Finding[]) =>
  recordFindings(store, { companyId: 'acme', snapshotId: `snap-${n}`, takenAt: day(n), findings: fs });
const statusOf = (key: string, statuses = ['open', 'acknowledged', 'resolved', 'ignored'] as const) =>
  listFindings(store.db, { companyId: 'acme', statuses: [...statuses] }).find((l) => l.finding.key === key);

beforeEach(async () => {
  store = openStore(':memory:');
  upsertCompany(store.db, { id: 'acme', name: 'Acme Builders', timezone: 'America/Chicago' });
  const c = cleanCompany();
  row(c, 'erp', 'budget_lines', 'cost_type', 'labor').revised_budget = '90000.00';
  c.erp.change_orders = [];
  [budget, changeOrder] = (await findingsOf(c)) as [Finding, Finding];
});
afterEach(() => store.close());

describe('findings lifecycle', () => {
  it('a new finding is open, and the same problem next night is the same finding, older', () => {
    expect(record(1, [seen(budget, 1)]).map((d) => d.state)).toEqual(['new']);
    const drift = record(2, [seen(budget, 2)]);
    expect(drift.map((d) => [d.state, d.ageDays])).toEqual([['unchanged', 1]]);
    expect(statusOf(budget.key)).toMatchObject({ status: 'open', firstSeenAt: day(1), drift: 'unchanged' });
  });

  it('a finding that disappears is resolved automatically, and reopens if it comes back', () => {
    record(1, [seen(budget, 1), seen(changeOrder, 1)]);
    const drift = record(2, [seen(changeOrder, 2)]);
    expect(drift.map((d) => [d.key, d.state])).toEqual([
      [changeOrder.key, 'unchanged'],
      [budget.key, 'resolved'],
    ]);
    expect(statusOf(budget.key)?.status).toBe('resolved');
    record(3, [seen(budget, 3)]);
    expect(statusOf(budget.key)).toMatchObject({ status: 'open', firstSeenAt: day(3) });
  });

  it('acknowledged stays acknowledged while the finding persists, with the note and who', () => {
    record(1, [seen(budget, 1)]);
    acknowledgeFinding({
      ctx: { actor: kim, store },
      input: { companyId: 'acme', key: budget.key, note: 'asking the PM' },
    });
    const drift = record(2, [seen(budget, 2, '12000.00')]);
    expect(drift[0]!.state).toBe('worsened');
    expect(statusOf(budget.key)).toMatchObject({
      status: 'acknowledged',
      note: 'asking the PM',
      actedBy: 'kim@acme.test',
      drift: 'worsened',
    });
    expect(verifyAudit(store.db)).toMatchObject({ ok: true, entries: 1 });
  });

  it('an ignored finding stays ignored until its numbers change', () => {
    record(1, [seen(budget, 1)]);
    ignoreFinding({
      ctx: { actor: kim, store },
      input: { companyId: 'acme', key: budget.key, note: 'owner allowance' },
    });
    record(2, [seen(budget, 2)]);
    expect(statusOf(budget.key)?.status).toBe('ignored');
    expect(listFindings(store.db, { companyId: 'acme' })).toEqual([]);
    record(3, [seen(budget, 3, '15000.00')]);
    expect(statusOf(budget.key)?.status).toBe('open');
  });

  it('ignoring needs a reason', () => {
    record(1, [seen(budget, 1)]);
    expect(() =>
      ignoreFinding({ ctx: { actor: kim, store }, input: { companyId: 'acme', key: budget.key, note: ' ' } }),
    ).toThrow(FindingActionRefused);
  });

  it('a viewer may not acknowledge, and a pm may not ignore (src/roles.ts); nothing is written', () => {
    record(1, [seen(budget, 1)]);
    const input = { companyId: 'acme', key: budget.key, note: 'seen' };
    expect(() =>
      acknowledgeFinding({ ctx: { actor: { id: 'v@acme.test', role: 'viewer' }, store }, input }),
    ).toThrow(ActionForbidden);
    expect(() => ignoreFinding({ ctx: { actor: { id: 'p@acme.test', role: 'pm' }, store }, input })).toThrow(
      ActionForbidden,
    );
    expect(statusOf(budget.key)?.status).toBe('open');
    expect(verifyAudit(store.db)).toMatchObject({ ok: true, entries: 0 });
  });

  it('a failed run records source.stale without resolving or aging the other findings', () => {
    record(1, [seen(budget, 1), seen(changeOrder, 1)]);
    const stale = staleFindingForFailedRun({
      companyId: 'acme',
      runId: 'r2',
      at: day(2),
      side: 'erp',
      system: 'sage100c',
      error: 'login failed',
    });
    recordFindings(store, { companyId: 'acme', snapshotId: 'run:r2', takenAt: day(2), findings: [stale] });
    expect(statusOf(budget.key)?.status).toBe('open');
    expect(statusOf(stale.key)?.status).toBe('open');
    const drift = record(3, [seen(budget, 3), seen(changeOrder, 3)]);
    expect(drift.map((d) => [d.finding.check, d.state])).toEqual([
      ['budget.mismatch', 'unchanged'],
      ['changeorder.missing', 'unchanged'],
      ['source.stale', 'resolved'],
    ]);
    expect(statusOf(stale.key)?.status).toBe('resolved');
  });

  it('recording the same snapshot twice keeps one record of it', () => {
    record(1, [seen(budget, 1)]);
    record(1, [seen(budget, 1)]);
    expect(listFindings(store.db, { companyId: 'acme' })).toHaveLength(1);
    expect(record(2, [seen(budget, 2)])[0]!.state).toBe('unchanged');
  });
});
