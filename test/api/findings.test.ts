/** Findings over real HTTP: list and filter, one finding with its documents, acknowledge and ignore. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit.ts';
import { type Served, startTieout } from './support.ts';

let t: Served;
let keys: string[];
beforeAll(async () => {
  t = await startTieout();
  const body = await (await t.api('/api/companies/acme/findings')).json();
  keys = body.items.map((f: { key: string }) => f.key);
});
afterAll(() => t.close());

const enc = encodeURIComponent;

describe('findings', () => {
  it('lists open findings with amounts as decimal strings, filtered by check and job', async () => {
    expect(keys.length).toBeGreaterThan(0);
    const all = await (await t.api('/api/companies/acme/findings', { as: 'viewer' })).json();
    const first = all.items[0];
    expect(first.difference).toMatch(/^-?\d+\.\d{2}$/);
    const byCheck = await (await t.api(`/api/companies/acme/findings?check=${first.check}`)).json();
    expect(byCheck.items.every((f: { check: string }) => f.check === first.check)).toBe(true);
    const byJob = await (await t.api(`/api/companies/acme/findings?job=${t.pmJob}`)).json();
    expect(byJob.items.every((f: { jobNumber: string }) => f.jobNumber === t.pmJob)).toBe(true);
  });

  it('one finding carries the documents on both sides', async () => {
    const res = await t.api(`/api/companies/acme/findings/${enc(keys[0]!)}`);
    expect(res.status).toBe(200);
    const f = await res.json();
    expect(f.documents).toEqual({ pm: expect.any(Array), erp: expect.any(Array) });
    expect(f.documents.pm.length + f.documents.erp.length).toBeGreaterThan(0);
  });

  it('acknowledging records who and the note, audited', async () => {
    const res = await t.api(`/api/companies/acme/findings/${enc(keys[0]!)}/acknowledge`, {
      method: 'POST',
      as: 'approver',
      body: JSON.stringify({ note: 'asked the PM to post the change order' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'acknowledged', actedBy: 'approver@acme.test' });
    expect(verifyAudit(t.runtime.store.db).ok).toBe(true);
    const listed = await (await t.api('/api/companies/acme/findings?status=acknowledged')).json();
    expect(listed.items.map((f: { key: string }) => f.key)).toContain(keys[0]);
  });

  it('ignoring without a reason is a 400 naming the note; a viewer cannot ignore (403)', async () => {
    const url = `/api/companies/acme/findings/${enc(keys[0]!)}/ignore`;
    const empty = await t.api(url, { method: 'POST', body: JSON.stringify({ note: '  ' }) });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/body field "note"/);
    const viewer = await t.api(url, { method: 'POST', as: 'viewer', body: JSON.stringify({ note: 'fine' }) });
    expect(viewer.status).toBe(403);
  });

  it('an unknown finding is a 404; a malformed JSON body is a 400', async () => {
    expect((await t.api('/api/companies/acme/findings/nope')).status).toBe(404);
    const bad = await t.api(`/api/companies/acme/findings/${enc(keys[0]!)}/acknowledge`, {
      method: 'POST',
      body: '{',
    });
    expect(bad.status).toBe(400);
  });

  it('a pm reads and acknowledges findings on their own job only', async () => {
    const mine = await (await t.api('/api/companies/acme/findings', { as: 'pm' })).json();
    expect(mine.items.every((f: { jobNumber: string }) => f.jobNumber === t.pmJob)).toBe(true);
    const all = await (await t.api('/api/companies/acme/findings?status=open,acknowledged')).json();
    const foreign = all.items.find((f: { jobNumber: string }) => f.jobNumber !== t.pmJob);
    if (foreign) {
      const res = await t.api(`/api/companies/acme/findings/${enc(foreign.key)}`, { as: 'pm' });
      expect(res.status).toBe(403);
    }
  });
});
