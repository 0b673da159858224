/** Companies, runs, snapshots and jobs over real HTTP: happy, error and security paths. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCompany } from '../../src/store/runs.ts';
import { addUser } from '../../src/store/users.ts';
import { type Served, startTieout } from './support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

describe('companies, runs and snapshots', () => {
  it('lists the company with its current snapshot and last run', async () => {
    const res = await t.api('/api/companies', { as: 'viewer' });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'acme', lastRun: { status: 'succeeded' } });
    expect(items[0].currentSnapshot.id).toMatch(/^snap_/);
  });

  it('pages through runs and snapshots with a cursor', async () => {
    const runs = await (await t.api('/api/companies/acme/runs?limit=1')).json();
    expect(runs.items).toHaveLength(1);
    expect(runs.nextCursor).toBeNull();
    // The run says how old each side's data is: both sides are folders, so their newest files' times.
    expect(runs.items[0].notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^The project-management side's data is as of .*, the newest file in /),
        expect.stringMatching(/^The accounting \(ERP\) side's data is as of .*, the newest file in /),
      ]),
    );
    const snaps = await (await t.api('/api/companies/acme/snapshots', { as: 'approver' })).json();
    expect(snaps.items[0]).toMatchObject({ id: runs.items[0].snapshotId });
  });

  it('jobs page by job number; a pm sees only the jobs assigned to them', async () => {
    const first = await (await t.api('/api/companies/acme/jobs?limit=4', { as: 'viewer' })).json();
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await (
      await t.api(`/api/companies/acme/jobs?cursor=${first.nextCursor}`, { as: 'viewer' })
    ).json();
    expect(rest.items).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();
    const all = [...first.items, ...rest.items].map((j: { number: string }) => j.number);
    expect(new Set(all).size).toBe(6);
    const mine = await (await t.api('/api/companies/acme/jobs', { as: 'pm' })).json();
    expect(mine.items.map((j: { number: string }) => j.number)).toEqual([t.pmJob]);
  });

  it('an unknown company is a 404 that says where the list is', async () => {
    const res = await t.api('/api/companies/nope');
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'company_not_found', requestId: expect.any(String) });
    expect(body.error.message).toContain('GET /api/companies');
    expect(res.headers.get('x-request-id')).toBe(body.error.requestId);
  });

  it('a bad limit is a 400 naming the query field', async () => {
    const res = await t.api('/api/companies/acme/runs?limit=0');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/query field "limit"/);
  });

  it('a user tied to another company cannot read this one (403), and does not see it listed', async () => {
    upsertCompany(t.runtime.store.db, { id: 'other', name: 'Other Co', timezone: 'UTC' });
    const other = addUser(t.runtime.store, {
      email: 'other@else.test',
      role: 'admin',
      companyId: 'other',
      by: 'test',
    });
    const headers = { authorization: `Bearer ${other.token}` };
    const res = await t.api('/api/companies/acme/findings', { as: null, headers });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('limited to company other');
    const listed = await (await t.api('/api/companies', { as: null, headers })).json();
    expect(listed.items).toEqual([]);
  });

  it('only an admin triggers a snapshot; a second one while it runs is a 409', async () => {
    expect((await t.api('/api/companies/acme/snapshots', { method: 'POST', as: 'approver' })).status).toBe(
      403,
    );
    const started = await t.api('/api/companies/acme/snapshots', { method: 'POST' });
    expect(started.status).toBe(202);
    const again = await t.api('/api/companies/acme/snapshots', { method: 'POST' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('snapshot_running');
    // Let the run finish before the store closes.
    await expect
      .poll(async () => (await (await t.api('/api/companies/acme/runs?limit=1')).json()).items[0].status, {
        timeout: 30_000,
      })
      .toBe('succeeded');
  });

  it('no credentials is 401, a wrong token is 401, never 403', async () => {
    expect((await t.api('/api/companies', { as: null })).status).toBe(401);
    const res = await t.api('/api/companies', {
      as: null,
      headers: { authorization: 'Bearer tieout_wrong' },
    });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe('unauthorized');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
  });
});
