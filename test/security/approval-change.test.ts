/**
 * Item 8: the approver reads what the write will do, derived on the server from the stored payload, never the
 * proposer's words; a payload may only touch the proposing company's records and a pm's own jobs. Real HTTP
 * against the app, a real snapshot whose jobs link Procore projects (the pm's job, another job of acme; their
 * ids read from GET /jobs), and a real SQLite store holding findings that name them and 9001 (a job of
 * another company, beta).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFindings } from '../../src/store/findings.ts';
import { upsertCompany } from '../../src/store/runs.ts';
import { finding } from '../alerts/support.ts';
import { type Served, startTieout } from '../api/support.ts';

let t: Served;
let mine = '';
let others = '';
beforeAll(async () => {
  // Procore project ids are digits: each job's PM-side id is 7 followed by its number's digits.
  t = await startTieout({}, { pmJobId: (n) => `7${n.replace(/\D/g, '')}` });
  const jobs = (await (await t.api('/api/companies/acme/jobs')).json()).items as {
    number: string;
    pmJobId: string;
  }[];
  mine = jobs.find((j) => j.number === t.pmJob)!.pmJobId;
  others = jobs.find((j) => j.number === t.otherJob)!.pmJobId;
  const store = t.runtime.store;
  const at = { snapshotId: 'extra', takenAt: '2026-10-31T08:00:00.000Z' };
  recordFindings(store, {
    companyId: 'acme',
    ...at,
    findings: [
      finding({ key: 'k-7001', companyId: 'acme', pmJobId: mine, jobNumber: t.pmJob, ...at }),
      finding({ key: 'k-7002', companyId: 'acme', pmJobId: others, jobNumber: t.otherJob, ...at }),
    ],
  });
  upsertCompany(store.db, { id: 'beta', name: 'Beta Builders', timezone: 'America/Chicago' });
  recordFindings(store, {
    companyId: 'beta',
    ...at,
    findings: [finding({ key: 'k-9001', companyId: 'beta', pmJobId: '9001', jobNumber: 'B-1', ...at })],
  });
}, 120_000);
afterAll(() => t?.close());

const directCost = (projectId: string) => ({
  companyId: 'acme',
  operation: 'procore.direct_cost.create',
  payload: {
    projectId,
    direct_cost: {
      direct_cost_type: 'expense',
      direct_cost_date: '2026-10-31',
      description: 'October',
      line_items: [{ cost_code: '03-300', line_item_type: 'M', amount: '950000.00' }],
    },
  },
  diff: [{ field: 'typo fix', before: '0.00', after: '0.01' }],
  summary: 'harmless',
});

interface View {
  id: string;
  summary: string;
  diff: { field: string; before: string | null; after: string | null }[];
  error?: { code: string };
}

describe('what the approver sees is derived from the payload', () => {
  it('a pm cannot propose a $950,000 direct cost on a job not assigned to them', async () => {
    const res = await t.api('/api/approvals', {
      method: 'POST',
      as: 'pm',
      body: JSON.stringify(directCost(others)),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as View).error?.code).toBe('not_your_job');
  });

  it("a proposal under one company cannot touch another company's project", async () => {
    const res = await t.api('/api/approvals', {
      method: 'POST',
      as: 'approver',
      body: JSON.stringify(directCost('9001')),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as View).error?.code).toBe('wrong_company');
  });

  it('on the pm’s own job, the summary and diff say $950,000.00, whatever the proposer wrote', async () => {
    const res = await t.api('/api/approvals', {
      method: 'POST',
      as: 'pm',
      body: JSON.stringify(directCost(mine)),
    });
    expect(res.status).toBe(201);
    const made = (await res.json()) as View;
    // From the payload: one line of 950000.00 on 03-300 type M, an approved expense dated 2026-10-31.
    expect(made.summary).toBe(
      `Create a direct cost (expense, approved) of 950000.00 dated 2026-10-31 in Procore project ${mine} (1 line)`,
    );
    expect(made.diff).toEqual([
      { field: `Procore project ${mine} · line 1 · 03-300 M · amount`, before: null, after: '950000.00' },
    ]);
    const seen = (await (await t.api(`/api/approvals/${made.id}`, { as: 'approver' })).json()) as View;
    expect(seen.summary).toBe(made.summary);
    expect(JSON.stringify(seen.diff)).not.toContain('typo fix');
    expect(seen.summary).not.toContain('harmless');

    // The list page an approver bulk-approves from shows the payload too, and not the proposer's words as the change.
    const page = await t.api('/approvals', { as: 'approver' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('950000.00');
    expect(html).toContain('Exact payload');
    expect(html).not.toContain('>harmless<');
  });
});
