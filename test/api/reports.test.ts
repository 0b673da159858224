/** Reports over real HTTP: JSON by default, CSV/XLSX/PDF by ?format= or Accept, with file names. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, type Served, startTieout } from './support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

describe('reports', () => {
  it('the job cost report of a job is JSON by default, money as decimal strings, with its snapshot', async () => {
    const res = await t.api(`/api/companies/acme/jobs/${t.pmJob}/job-cost?asOf=${AS_OF}`, { as: 'viewer' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.job.number).toBe(t.pmJob);
    expect(body.summary.revised_budget).toMatch(/^-?\d+\.\d{2}$/);
    expect(body.lines.length).toBeGreaterThan(0);
    expect(body.snapshot.id).toMatch(/^snap_/);
  });

  it('the same report as CSV by Accept, as PDF by ?format=, each with a file name', async () => {
    const csv = await t.api(`/api/companies/acme/jobs/${t.pmJob}/job-cost?asOf=${AS_OF}`, {
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="acme-job-cost-${t.pmJob}-${AS_OF}.csv"`,
    );
    expect(await csv.text()).toMatch(/^cost_code,erp_cost_code,cost_type,/);
    const pdf = await t.api(`/api/companies/acme/jobs/${t.pmJob}/job-cost?asOf=${AS_OF}&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('WIP as JSON, XLSX and PDF; the surety package is PDF only', async () => {
    const wip = await (await t.api(`/api/companies/acme/reports/wip?asOf=${AS_OF}`, { as: 'viewer' })).json();
    expect(wip.jobs.length).toBeGreaterThan(0);
    const xlsx = await t.api(`/api/companies/acme/reports/wip?asOf=${AS_OF}&format=xlsx`);
    expect(xlsx.headers.get('content-disposition')).toContain(`acme-wip-${AS_OF}.xlsx`);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const surety = await t.api(`/api/companies/acme/reports/surety?asOf=${AS_OF}`);
    expect(surety.headers.get('content-type')).toBe('application/pdf');
    const bad = await t.api(`/api/companies/acme/reports/surety?asOf=${AS_OF}&format=csv`);
    expect(bad.status).toBe(400);
  });

  it('an unknown job is a 404 that says how to find the number; a bad date a 400 naming asOf', async () => {
    const res = await t.api('/api/companies/acme/jobs/99-999/job-cost');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('job_not_found');
    const bad = await t.api(`/api/companies/acme/jobs/${t.pmJob}/job-cost?asOf=31/10/2026`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/query field "asOf"/);
  });

  it("a pm reads the job cost of their own job, not another's, and not the company WIP", async () => {
    expect((await t.api(`/api/companies/acme/jobs/${t.pmJob}/job-cost`, { as: 'pm' })).status).toBe(200);
    expect((await t.api(`/api/companies/acme/jobs/${t.otherJob}/job-cost`, { as: 'pm' })).status).toBe(403);
    expect((await t.api('/api/companies/acme/reports/wip', { as: 'pm' })).status).toBe(403);
  });
});
