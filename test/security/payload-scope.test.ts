/**
 * Item 8, completed: a person's proposal is checked against the company's job list in its latest snapshot
 * (Procore project ↔ job, read from the real DuckDB snapshot the test company's nightly run published), not
 * only against the projects findings name. Real HTTP; the project ids come from GET /jobs, not from the code
 * under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFindings } from '../../src/store/findings.ts';
import { type Served, startTieout } from '../api/support.ts';

let t: Served;
const projectOf: Record<string, string> = {};
beforeAll(async () => {
  // Procore project ids are digits: each job's PM-side id is 7 followed by its number's digits.
  t = await startTieout({}, { pmJobId: (n) => `7${n.replace(/\D/g, '')}` });
  const jobs = await (await t.api('/api/companies/acme/jobs', { as: 'admin' })).json();
  for (const j of jobs.items as { number: string; pmJobId: string | null }[]) {
    if (j.pmJobId) projectOf[j.number] = j.pmJobId;
  }
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
});

const propose = (as: 'pm' | 'approver', projectId: string) =>
  t.api('/api/approvals', { method: 'POST', as, body: JSON.stringify(directCost(projectId)) });

describe("a proposal's project is checked against the snapshot's jobs", () => {
  it("refuses a pm's proposal on another job's project that no finding names", async () => {
    const other = projectOf[t.otherJob]!;
    expect(other).toMatch(/^\d+$/);
    // Every job of the sample company has findings; forget the ones naming this project, so that only the
    // snapshot knows it is job ${t.otherJob} (before the snapshot's list was used, nothing refused it then).
    t.runtime.store.sqlite
      .prepare("DELETE FROM findings WHERE company_id = 'acme' AND json_extract(latest, '$.pmJobId') = ?")
      .run(other);
    const named = listFindings(t.runtime.store.db, {
      companyId: 'acme',
      statuses: ['open', 'acknowledged', 'ignored', 'resolved'],
    }).filter((l) => l.finding.pmJobId === other);
    expect(named).toEqual([]);
    const res = await propose('pm', other);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('not_your_job');
  });

  it('refuses a project that is no job of the company, even for an approver', async () => {
    const unknown = '987654321';
    expect(Object.values(projectOf)).not.toContain(unknown);
    const res = await propose('approver', unknown);
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe('wrong_company');
    expect(body.error.message).toContain(`Procore project ${unknown} is no job of acme`);
  });

  it("accepts a pm's proposal on the project of their own job", async () => {
    const res = await propose('pm', projectOf[t.pmJob]!);
    expect(res.status).toBe(201);
  });
});
