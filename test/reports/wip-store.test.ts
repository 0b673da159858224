/**
 * WIP overrides and period close in the real SQLite store (in memory, with the real migrations): what an
 * adjustment keeps, what a close forbids, who may reopen, and that every step is in the audit chain.
 */
import { describe, expect, it } from 'vitest';
import { recordClose } from '../../src/periods/close.ts';
import { reopenPeriod } from '../../src/periods/reopen.ts';
import { ActionForbidden } from '../../src/roles.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import type { Store } from '../../src/store/db.ts';
import { openStore } from '../../src/store/db.ts';
import { getSnapshot, upsertCompany } from '../../src/store/runs.ts';
import { snapshots } from '../../src/store/schema/core.ts';
import { addUser } from '../../src/store/users.ts';
import { listWipOverrides, WipStoreError } from '../../src/store/wip.ts';
import { type AdjustWipInput, adjustWip as adjust } from '../../src/wip/adjust.ts';

function store() {
  const s = openStore(':memory:');
  upsertCompany(s.db, { id: 'acme', name: 'Acme', timezone: 'UTC' });
  s.db
    .insert(snapshots)
    .values({
      id: 'snap1',
      companyId: 'acme',
      runId: 'run1',
      path: 'acme/snapshots/x.duckdb',
      takenAt: '2026-11-02T07:00:00Z',
      sizeBytes: 1,
    })
    .run();
  return s;
}

const base = { companyId: 'acme', jobNumber: '26-101', period: '2026-10' };
// People not in the users table (not tied to a company): only their roles matter here.
const controller = { id: 'controller@acme', role: 'approver' as const };
const owner = { id: 'owner@acme', role: 'admin' as const };
const adjustWip = (store: Store, input: AdjustWipInput) =>
  adjust({ ctx: { actor: controller, store }, input });

describe('WIP overrides and closed periods in the store', () => {
  it('a second adjustment keeps what the first set unless it names it again', () => {
    const s = store();
    adjustWip(s, { ...base, estimatedTotalCost: '5000000', note: 'October estimate' });
    adjustWip(s, { ...base, uninstalledMaterials: '185000.00', note: 'Switchgear on site' });
    expect(listWipOverrides(s.db, 'acme', '2026-10')).toEqual([
      {
        jobNumber: '26-101',
        period: '2026-10',
        estimatedTotalCost: '5000000.00',
        contractAmount: null,
        uninstalledMaterials: '185000.00',
        note: 'Switchgear on site',
      },
    ]);
    expect(verifyAudit(s.db)).toMatchObject({ ok: true, entries: 2 });
  });

  it('refuses an adjustment without a note, without an amount, or with a malformed amount', () => {
    const s = store();
    expect(() => adjustWip(s, { ...base, estimatedTotalCost: '1.00', note: ' ' })).toThrow(
      /say why with --note/,
    );
    expect(() => adjustWip(s, { ...base, note: 'x' })).toThrow(/give at least one of --eac/);
    expect(() => adjustWip(s, { ...base, estimatedTotalCost: '1,000.00', note: 'x' })).toThrow(
      /--eac: "1,000.00" is not a valid amount: thousands separators are not allowed/,
    );
    expect(() => adjustWip(s, { ...base, uninstalledMaterials: '-5.00', note: 'x' })).toThrow(
      /cannot be negative/,
    );
    expect(verifyAudit(s.db)).toMatchObject({ ok: true, entries: 0 });
  });

  it('closing pins the snapshot and freezes the period; only an admin reopens it, with a reason', () => {
    const s = store();
    const close = {
      companyId: 'acme',
      period: '2026-10',
      asOf: '2026-10-31',
      snapshot: { id: 'snap1', path: 'acme/snapshots/x.duckdb' },
      result: {},
    };
    recordClose({ ctx: { actor: controller, store: s }, input: close });
    expect(getSnapshot(s.db, 'snap1')?.pinnedReason).toBe('period close 2026-10');
    expect(() => recordClose({ ctx: { actor: controller, store: s }, input: close })).toThrow(
      /2026-10 was closed for acme on .* by controller@acme/,
    );
    const late = () => adjustWip(s, { ...base, estimatedTotalCost: '1.00', note: 'late' });
    expect(late).toThrow(WipStoreError);
    expect(late).toThrow(/an admin must reopen it/);
    const reopen = { companyId: 'acme', period: '2026-10', reason: 'Late invoice' };
    expect(() => reopenPeriod({ ctx: { actor: controller, store: s }, input: reopen })).toThrow(
      ActionForbidden,
    );
    expect(() => reopenPeriod({ ctx: { actor: controller, store: s }, input: reopen })).toThrow(
      /may not reopen a closed period; it takes the role admin/,
    );
    reopenPeriod({ ctx: { actor: owner, store: s }, input: reopen });
    expect(late()).toMatchObject({ estimatedTotalCost: '1.00' });
    const chain = verifyAudit(s.db);
    // Three entries (the close, the reopen, the late adjustment), keyed: the head is the third entry's HMAC.
    expect(chain).toMatchObject({ ok: true, entries: 3, head: { seq: 3 } });
    expect(chain.ok && chain.head?.hash).toMatch(/^k1:[0-9a-f]{64}$/);
  });

  it('a verb refuses a person tied to another company, and writes nothing (src/verb.ts)', () => {
    const s = store();
    upsertCompany(s.db, { id: 'beta', name: 'Beta', timezone: 'UTC' });
    // Bea approves for Beta only: her role may adjust the WIP, her company may not be Acme's.
    addUser(s, { email: 'bea@beta.test', role: 'approver', companyId: 'beta', by: 'test' });
    const bea = { id: 'bea@beta.test', email: 'bea@beta.test', role: 'approver' as const };
    // Adding Bea wrote two entries (user.add, token.issue); the refused adjustment adds none.
    expect(() =>
      adjust({ ctx: { actor: bea, store: s }, input: { ...base, estimatedTotalCost: '1.00', note: 'x' } }),
    ).toThrow(/this account is limited to company beta/);
    expect(listWipOverrides(s.db, 'acme', '2026-10')).toEqual([]);
    expect(verifyAudit(s.db)).toMatchObject({ ok: true, entries: 2 });
  });
});
