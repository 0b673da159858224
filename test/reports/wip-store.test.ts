/**
 * WIP overrides and period close in the real SQLite store (in memory, with the real migrations): what an
 * adjustment keeps, what a close forbids, who may reopen, and that every step is in the audit chain.
 */
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit.ts';
import { openStore } from '../../src/store/db.ts';
import { getSnapshot, upsertCompany } from '../../src/store/runs.ts';
import { snapshots } from '../../src/store/schema/core.ts';
import {
  adjustWip,
  closePeriod,
  listWipOverrides,
  reopenPeriod,
  WipStoreError,
} from '../../src/store/wip.ts';

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

const base = { companyId: 'acme', jobNumber: '26-101', period: '2026-10', actor: 'controller@acme' };

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
      snapshotId: 'snap1',
      snapshotPath: 'acme/snapshots/x.duckdb',
      resultJson: '{}\n',
      actor: 'controller@acme',
    };
    closePeriod(s, close);
    expect(getSnapshot(s.db, 'snap1')?.pinnedReason).toBe('period close 2026-10');
    expect(() => closePeriod(s, close)).toThrow(/2026-10 was closed for acme on .* by controller@acme/);
    const late = () => adjustWip(s, { ...base, estimatedTotalCost: '1.00', note: 'late' });
    expect(late).toThrow(WipStoreError);
    expect(late).toThrow(/an admin must reopen it/);
    expect(() =>
      reopenPeriod(s, {
        companyId: 'acme',
        period: '2026-10',
        actor: 'pm@acme',
        actorIsAdmin: false,
        reason: 'x',
      }),
    ).toThrow(/only an admin can reopen/);
    reopenPeriod(s, {
      companyId: 'acme',
      period: '2026-10',
      actor: 'owner@acme',
      actorIsAdmin: true,
      reason: 'Late invoice',
    });
    expect(late()).toMatchObject({ estimatedTotalCost: '1.00' });
    const chain = verifyAudit(s.db);
    // Three entries (the close, the reopen, the late adjustment), keyed: the head is the third entry's HMAC.
    expect(chain).toMatchObject({ ok: true, entries: 3, head: { seq: 3 } });
    expect(chain.ok && chain.head?.hash).toMatch(/^k1:[0-9a-f]{64}$/);
  });
});
