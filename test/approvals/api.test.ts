/**
 * The approval routes over real HTTP on 127.0.0.1, wired to the engine with the authenticated user as the
 * actor: the queue scoped by role, one proposal in full, propose, approve / reject with a note, bulk approve
 * with a reason per refused item, and execute-now against the Procore sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit.ts';
import { upsertCompany } from '../../src/store/runs.ts';
import { addUser } from '../../src/store/users.ts';
import { signIn } from '../api/support.ts';
import { PASSWORD, type ServedApprovals, startApprovals } from './served.ts';

let t: ServedApprovals;
beforeAll(async () => {
  t = await startApprovals();
}, 120_000);
afterAll(() => t?.close());

interface Approval {
  id: string;
  status: string;
  operation: string;
  proposedBy: string;
  decidedBy: string | null;
  jobNumber: string | null;
  payload: Record<string, unknown>;
  diff: { field: string; before: string | null; after: string | null }[];
  targetIds: string[] | null;
  ageDays: number;
}

const body = (value: unknown) => ({ method: 'POST', body: JSON.stringify(value) });
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

function vendorLink(id: string, origin: string) {
  return {
    companyId: 'acme',
    operation: 'procore.link',
    payload: { resource: 'vendors', id, origin_id: origin },
    diff: [{ field: 'vendor.origin_id', before: null, after: origin }],
    summary: `Link Procore vendor ${id} to ERP vendor ${origin}`,
  };
}

async function rulesLink(): Promise<Approval> {
  const res = await t.api('/api/approvals?company=acme', { as: 'approver' });
  const page = (await res.json()) as { items: Approval[] };
  const link = page.items.find((a) => a.operation === 'procore.link' && a.payload.origin_id === 'E-44');
  if (!link) throw new Error(`no rule proposal in ${JSON.stringify(page.items)}`);
  return link;
}

describe('the approval queue over HTTP', () => {
  it('lists the rules’ proposals to an approver with payload, diff and age; a PM sees only their jobs', async () => {
    const link = await rulesLink();
    expect(link).toMatchObject({
      status: 'pending',
      proposedBy: 'tieout',
      payload: { resource: 'projects', id: '562949953421313', origin_id: 'E-44', origin_code: 'HES-44' },
      ageDays: 0,
    });
    // Derived from the payload above: origin_id and origin_code of project 562949953421313.
    expect(link.diff).toEqual([
      { field: 'Procore project 562949953421313 · origin_id', before: null, after: 'E-44' },
      { field: 'Procore project 562949953421313 · origin_code', before: null, after: 'HES-44' },
    ]);
    const pmView = (await (await t.api('/api/approvals', { as: 'pm' })).json()) as { items: Approval[] };
    expect(pmView.items.map((a) => a.id)).toContain(link.id);
    expect(pmView.items.every((a) => a.jobNumber === '2023-044' || a.proposedBy === 'pat@acme.test')).toBe(
      true,
    );
    const other = (await (await t.api('/api/approvals', { as: 'approver' })).json()) as { items: Approval[] };
    const notPats = other.items.find((a) => a.jobNumber !== '2023-044');
    if (notPats) expect((await t.api(`/api/approvals/${notPats.id}`, { as: 'pm' })).status).toBe(404);
  });

  it('pages with a cursor in queue order', async () => {
    for (const n of [1, 2, 3])
      await t.api('/api/approvals', { as: 'admin', ...body(vendorLink(`70010${n}0`, `PAGE${n}`)) });
    const first = (await (await t.api('/api/approvals?limit=2')).json()) as {
      items: Approval[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(2);
    const second = (await (await t.api(`/api/approvals?limit=2&cursor=${first.nextCursor}`)).json()) as {
      items: Approval[];
    };
    expect(second.items.map((a) => a.id)).not.toContain(first.items[0]!.id);
    expect(second.items.length).toBeGreaterThan(0);
  });

  it('a PM proposes; the proposal is validated by operation and names the field that is wrong', async () => {
    const bad = await t.api('/api/approvals', {
      as: 'pm',
      ...body({
        ...vendorLink('7001003', 'VALDRY'),
        payload: { resource: 'vendors', id: 'abc', origin_id: 'X' },
      }),
    });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({
      code: 'invalid_proposal',
      message: 'payload.id: a Procore id is digits',
    });
    const made = await t.api('/api/approvals', { as: 'pm', ...body(vendorLink('7001003', 'VALDRY')) });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ status: 'pending', proposedBy: 'pat@acme.test' });
    const viewer = await t.api('/api/approvals', { as: 'viewer', ...body(vendorLink('7001003', 'VALDRY')) });
    expect(viewer.status).toBe(403);
  });

  it('the proposer may not approve; another approver may, with a note; the detail shows the decision', async () => {
    const made = (await (
      await t.api('/api/approvals', { as: 'approver', ...body(vendorLink('7001001', 'ABC-1')) })
    ).json()) as Approval;
    const own = await t.api(`/api/approvals/${made.id}/approve`, { ...body({ note: 'fine' }) });
    expect(own.status).toBe(403);
    expect(await errorOf(own)).toMatchObject({
      code: 'same_person',
      message: expect.stringContaining('another approver must decide what you proposed'),
    });
    const byAdmin = await t.api(`/api/approvals/${made.id}/approve`, { as: 'admin', ...body({}) });
    expect(await errorOf(byAdmin)).toMatchObject({ code: 'forbidden' });
    const ok = await t.api(`/api/approvals/${made.id}/approve`, {
      as: 'approver2',
      ...body({ note: 'same vendor' }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'approved', decidedBy: 'ben@acme.test' });
    const again = await t.api(`/api/approvals/${made.id}/reject`, {
      as: 'approver2',
      ...body({ note: 'oops' }),
    });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('not_pending');
    const detail = (await (await t.api(`/api/approvals/${made.id}`)).json()) as {
      history: { action: string; actor: string; note: string | null }[];
    };
    expect(detail.history.map((h) => [h.action, h.actor])).toEqual([
      ['proposal.create', 'ann@acme.test'],
      ['proposal.approve', 'ben@acme.test'],
    ]);
  });

  it('a rejection needs a note', async () => {
    const made = (await (
      await t.api('/api/approvals', { as: 'pm', ...body(vendorLink('7001002', 'REJ-1')) })
    ).json()) as Approval;
    expect((await t.api(`/api/approvals/${made.id}/reject`, { ...body({ note: ' ' }) })).status).toBe(400);
    const res = await t.api(`/api/approvals/${made.id}/reject`, { ...body({ note: 'wrong vendor' }) });
    expect(await res.json()).toMatchObject({ status: 'rejected', decisionNote: 'wrong vendor' });
  });

  it('bulk approve decides each item on its own and says why the refused ones were refused', async () => {
    const mine = (await (
      await t.api('/api/approvals', { as: 'approver', ...body(vendorLink('7001004', 'BULK-1')) })
    ).json()) as Approval;
    const pats = (await (
      await t.api('/api/approvals', { as: 'pm', ...body(vendorLink('7001005', 'BULK-2')) })
    ).json()) as Approval;
    const res = await t.api('/api/approvals/bulk-approve', { ...body({ ids: [mine.id, pats.id, 'nope'] }) });
    const { results } = (await res.json()) as { results: { id: string; ok: boolean; code?: string }[] };
    expect(results.map((r) => (r.ok ? 'approved' : r.code))).toEqual([
      'same_person',
      'approved',
      'proposal_not_found',
    ]);
    const still = (await (await t.api(`/api/approvals/${mine.id}`)).json()) as Approval;
    expect(still.status).toBe('pending');
  });

  it('execute-now writes an approved proposal to Procore once and shows the target id', async () => {
    const link = await rulesLink();
    const early = await t.api(`/api/approvals/${link.id}/execute`, { method: 'POST' });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('not_approved');
    expect(t.sandbox.writes.filter((w) => w.id === '562949953421313')).toEqual([]);
    await t.api(`/api/approvals/${link.id}/approve`, { as: 'approver', ...body({ note: 'same job' }) });
    const pmTry = await t.api(`/api/approvals/${link.id}/execute`, { as: 'pm', method: 'POST' });
    expect(pmTry.status).toBe(403);
    const res = await t.api(`/api/approvals/${link.id}/execute`, { as: 'admin', method: 'POST' });
    expect(res.status).toBe(200);
    const done = (await res.json()) as {
      outcome: string;
      approval: Approval & { executions: { outcome: string }[] };
    };
    expect(done.outcome).toBe('executed');
    expect(done.approval).toMatchObject({ status: 'executed', targetIds: ['562949953421313'] });
    expect(done.approval.executions.map((e) => e.outcome)).toEqual(['applied']);
    expect(t.sandbox.data.find('projects', '562949953421313')!.body.origin_id).toBe('E-44');
    expect(t.sandbox.writes.filter((w) => w.id === '562949953421313')).toHaveLength(1);
    expect(verifyAudit(t.runtime.store.db).ok).toBe(true);
  });

  it('a user limited to another company sees none of this company’s proposals and cannot act on them', async () => {
    upsertCompany(t.runtime.store.db, { id: 'other', name: 'Other Co', timezone: 'UTC' });
    const { token } = addUser(t.runtime.store, {
      email: 'olga@other.test',
      role: 'approver',
      companyId: 'other',
      by: 'test',
    });
    const as = (p: string, init: RequestInit = {}) =>
      fetch(`${t.url}${p}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    const list = (await (await as('/api/approvals?status=pending,approved,executed')).json()) as {
      items: Approval[];
    };
    expect(list.items).toEqual([]);
    const link = (await (await t.api('/api/approvals?status=executed')).json()) as { items: Approval[] };
    const id = link.items[0]!.id;
    expect((await as(`/api/approvals/${id}`)).status).toBe(404);
    expect((await as(`/api/approvals/${id}/approve`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await as('/api/approvals?company=acme')).status).toBe(403);
  });

  it('the OpenAPI document describes every approvals route', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(
      Object.keys(doc.paths)
        .filter((p) => p.startsWith('/api/approvals'))
        .sort(),
    ).toEqual([
      '/api/approvals',
      '/api/approvals/bulk-approve',
      '/api/approvals/{approvalId}',
      '/api/approvals/{approvalId}/approve',
      '/api/approvals/{approvalId}/execute',
      '/api/approvals/{approvalId}/reject',
    ]);
    expect(Object.keys(doc.paths['/api/approvals']!).sort()).toEqual(['get', 'post']);
  });

  it('a page form without the session’s CSRF token decides nothing', async () => {
    const made = (await (
      await t.api('/api/approvals', { as: 'pm', ...body(vendorLink('7001002', 'CSRF-1')) })
    ).json()) as Approval;
    const { session: cookie } = await signIn(t.url, { email: 'ann@acme.test', password: PASSWORD });
    expect(cookie).toMatch(/^tieout_session=/);
    const forged = await fetch(`${t.url}/approvals/${made.id}/approve`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ note: 'from another site' }),
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('the form expired or did not come from tieout');
    const still = (await (await t.api(`/api/approvals/${made.id}`)).json()) as Approval;
    expect(still.status).toBe('pending');
  });
});
