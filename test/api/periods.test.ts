/** Periods and WIP overrides over real HTTP: close, reopen (admin, with a reason), adjust a job. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit.ts';
import { type Served, startTieout } from './support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

describe('periods and overrides', () => {
  it('an approver adjusts a job for a period; the override is listed and shows in the WIP', async () => {
    const res = await t.api('/api/companies/acme/periods/2026-10/overrides', {
      method: 'POST',
      as: 'approver',
      body: JSON.stringify({
        jobNumber: t.pmJob,
        estimatedTotalCost: '4000000.00',
        note: 'revised estimate from PM review',
      }),
    });
    expect(res.status).toBe(201);
    const listed = await (
      await t.api('/api/companies/acme/periods/2026-10/overrides', { as: 'viewer' })
    ).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ jobNumber: t.pmJob, estimatedTotalCost: '4000000.00' }),
    ]);
  });

  it('an amount that is not money is a 400 naming the field', async () => {
    const res = await t.api('/api/companies/acme/periods/2026-10/overrides', {
      method: 'POST',
      body: JSON.stringify({ jobNumber: t.pmJob, contractAmount: '1.5e6', note: 'x' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/body field "contractAmount"/);
  });

  it('closing freezes the period; closing again is a 409; only an admin reopens, with a reason', async () => {
    const closed = await t.api('/api/companies/acme/periods/2026-10/close', {
      method: 'POST',
      as: 'approver',
      body: '{}',
    });
    expect(closed.status).toBe(200);
    expect((await closed.json()).resultSha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await t.api('/api/companies/acme/periods/2026-10/close', { method: 'POST', body: '{}' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('already_closed');
    const listed = await (await t.api('/api/companies/acme/periods')).json();
    expect(listed.items.map((p: { period: string }) => p.period)).toEqual(['2026-10']);
    const approver = await t.api('/api/companies/acme/periods/2026-10/reopen', {
      method: 'POST',
      as: 'approver',
      body: JSON.stringify({ reason: 'late invoice' }),
    });
    expect(approver.status).toBe(403);
    const noReason = await t.api('/api/companies/acme/periods/2026-10/reopen', {
      method: 'POST',
      body: '{}',
    });
    expect(noReason.status).toBe(400);
    const reopened = await t.api('/api/companies/acme/periods/2026-10/reopen', {
      method: 'POST',
      body: JSON.stringify({ reason: 'late subcontractor invoice for October' }),
    });
    expect(reopened.status).toBe(200);
    expect(verifyAudit(t.runtime.store.db).ok).toBe(true);
  });

  it('a period that is not YYYY-MM is a 400', async () => {
    const res = await t.api('/api/companies/acme/periods/2026-13/overrides');
    expect(res.status).toBe(400);
  });
});
