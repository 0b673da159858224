/**
 * Lineage over HTTP on a small company whose documents are worked by hand: every summed WIP figure and job
 * cost total lists exactly the documents behind it, with their source references, and their total equals the
 * figure. Wrong job or column is a 404 saying what exists; a pm cannot read the WIP's; a user of another
 * company is refused.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCompany } from '../../src/store/runs.ts';
import { addUser } from '../../src/store/users.ts';
import { PASSWORD, type Served, startTieout } from '../api/support.ts';

const CHROMIUM = '/usr/bin/chromium';

let t: Served;
beforeAll(async () => {
  t = await startTieout(
    {},
    {
      jobs: [
        {
          number: '101',
          originalContract: '1000000.00',
          changeOrders: [
            { amount: '50000.00', status: 'approved', approvedDate: '2026-09-15' },
            { amount: '20000.00', status: 'pending' },
            { amount: '10000.00', status: 'approved', approvedDate: '2026-11-15' },
            { amount: '7777.00', status: 'rejected' },
          ],
          pmEstimate: '800000.00',
          erpBudget: '790000.00',
          costs: [
            { date: '2026-09-10', amount: '300000.00' },
            { date: '2026-10-20', amount: '100000.00' },
            { date: '2026-11-05', amount: '50000.00' },
            { date: '2026-10-21', amount: '999.00', status: 'pending' },
          ],
          billings: [
            { periodEnd: '2026-09-30', amount: '250000.00', retainage: '25000.00' },
            { periodEnd: '2026-10-31', amount: '200000.00', retainage: '20000.00' },
            { periodEnd: '2026-11-30', amount: '100000.00', retainage: '10000.00' },
            { periodEnd: '2026-10-31', amount: '888.00', status: 'draft' },
          ],
        },
        { number: '102', originalContract: '500000.00', pmEstimate: '400000.00', costs: [] },
      ],
    },
  );
}, 120_000);
afterAll(() => t.close());

const wip = (job: string, column: string) =>
  `/api/companies/acme/reports/wip/jobs/${job}/columns/${column}/lines?asOf=2026-10-31`;
const jobCost = (job: string, column: string) =>
  `/api/companies/acme/jobs/${job}/job-cost/columns/${column}/lines?asOf=2026-10-31`;

interface Doc {
  document_id: string;
  amount: string;
  sign: number;
  side: string;
  source_ref: string | null;
  number: string | null;
}

async function lines(path: string, as: 'admin' | 'pm' = 'admin') {
  const res = await t.api(path, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as {
    figure: string;
    lines_total: string;
    ties: boolean;
    kind: string;
    inputs: { column: string }[];
    documents: Doc[];
    snapshot: { id: string };
  };
}
const ids = (docs: Doc[]) => docs.map((d) => d.document_id).sort();

describe('WIP lineage, worked by hand (job 101 as of 2026-10-31)', () => {
  it.each([
    // 1,000,000.00: the one executed prime contract.
    ['original_contract', '1000000.00', ['K-101']],
    // 50,000.00: approved 2026-09-15; the one approved 2026-11-15 is after as-of, the rejected one never counts.
    ['approved_change_orders', '50000.00', ['CO-101-1']],
    // 1,000,000 + 50,000 = 1,050,000.00
    ['contract_amount', '1050000.00', ['CO-101-1', 'K-101']],
    // 20,000 pending + 10,000 approved after as-of = 30,000.00
    ['pending_change_orders', '30000.00', ['CO-101-2', 'CO-101-3']],
    // 300,000 + 100,000 = 400,000.00 (the November cost is after as-of; the pending one never counts)
    ['cost_to_date', '400000.00', ['T-101-1', 'T-101-2']],
    // 250,000 + 200,000 = 450,000.00 (November after as-of; the draft is not issued)
    ['billed_to_date', '450000.00', ['B-101-1', 'B-101-2']],
    // 25,000 + 20,000 = 45,000.00
    ['retainage_receivable', '45000.00', ['B-101-1', 'B-101-2']],
    // the PM estimate at completion (estimate source pm): one budget line of 800,000.00
    ['estimated_total_cost', '800000.00', ['P-101']],
  ])('%s = %s from its documents', async (column, figure, documents) => {
    const body = await lines(wip('101', column));
    expect(body.figure).toBe(figure);
    expect(body.lines_total).toBe(figure);
    expect(body.ties).toBe(true);
    expect(ids(body.documents)).toEqual(documents);
    for (const d of body.documents) expect(d.source_ref).toMatch(/\.csv:\d+/);
  });

  it('a formula column names the columns it reads, each with its own drill-down', async () => {
    const body = await lines(wip('101', 'earned_revenue'));
    expect(body.kind).toBe('derived');
    expect(body.documents).toEqual([]);
    expect(body.inputs.map((i) => i.column)).toEqual(
      expect.arrayContaining(['contract_amount', 'cost_to_date', 'estimated_total_cost']),
    );
  });
});

describe('job cost lineage, worked by hand (job 101 as of 2026-10-31)', () => {
  it('ERP posted cost: 300,000 + 100,000 = 400,000.00 from the two posted rows', async () => {
    const body = await lines(jobCost('101', 'erp_posted_cost'));
    expect([body.figure, body.lines_total, body.ties]).toEqual(['400000.00', '400000.00', true]);
    expect(ids(body.documents)).toEqual(['T-101-1', 'T-101-2']);
    expect(body.documents.every((d) => d.side === 'erp')).toBe(true);
  });

  it('variance PM − ERP: no PM job-to-date, so 0 − 400,000 = −400,000.00, the ERP rows taken off', async () => {
    const body = await lines(jobCost('101', 'variance'));
    expect([body.figure, body.lines_total, body.ties]).toEqual(['-400000.00', '-400000.00', true]);
    expect(body.documents.map((d) => d.sign)).toEqual([-1, -1]);
  });

  it('revised budget: the PM budget line, 800,000.00', async () => {
    const body = await lines(jobCost('101', 'revised_budget'));
    expect([body.figure, body.lines_total]).toEqual(['800000.00', '800000.00']);
    expect(body.documents.map((d) => d.side)).toEqual(['pm']);
  });

  it('a pm reads the lines of an assigned job, not of another', async () => {
    expect((await lines(jobCost(t.pmJob, 'erp_posted_cost'), 'pm')).ties).toBe(true);
    expect((await t.api(jobCost(t.otherJob, 'erp_posted_cost'), { as: 'pm' })).status).toBe(403);
    expect((await t.api(wip(t.pmJob, 'cost_to_date'), { as: 'pm' })).status).toBe(403);
  });
});

describe('a finding links to its job figures', () => {
  it("a finding on job 101 links to the documents behind the job's cost figures", async () => {
    const findings = await (await t.api('/api/companies/acme/findings?limit=200')).json();
    const onJob = findings.items.find((f: { job_number?: string; jobNumber?: string }) =>
      [f.job_number, f.jobNumber].includes('101'),
    );
    expect(onJob, JSON.stringify(findings.items.slice(0, 2))).toBeTruthy();
    const res = await t.api(`/companies/acme/findings/${encodeURIComponent(onJob.key)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      /href="\/companies\/acme\/jobs\/101\/job-cost\/columns\/erp_posted_cost\/lines\?asOf=/,
    );
  });
});

describe('refusals', () => {
  it('an unknown job is a 404 naming the number', async () => {
    const res = await t.api(wip('999', 'cost_to_date'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain('no job numbered "999"');
    const jc = await t.api(jobCost('999', 'erp_posted_cost'));
    expect(jc.status).toBe(404);
    expect((await jc.json()).error.message).toContain('"999"');
  });

  it('an unknown column is a 404 listing the columns that have a drill-down', async () => {
    const res = await t.api(wip('101', 'job_name'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/"job_name" is not a figure of the WIP; .*cost_to_date/);
    const jc = await t.api(jobCost('101', 'nope'));
    expect(jc.status).toBe(404);
    expect((await jc.json()).error.message).toMatch(
      /"nope" is not a column of the job cost report; .*erp_posted_cost/,
    );
  });

  it("a user of another company is refused this company's lines", async () => {
    upsertCompany(t.runtime.store.db, { id: 'other', name: 'Other Co', timezone: 'UTC' });
    const other = addUser(t.runtime.store, {
      email: 'o@else.test',
      role: 'admin',
      companyId: 'other',
      by: 'test',
    });
    const headers = { authorization: `Bearer ${other.token}` };
    const res = await t.api(wip('101', 'cost_to_date'), { as: null, headers });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('limited to company other');
    expect((await t.api(jobCost('101', 'erp_posted_cost'), { as: null, headers })).status).toBe(403);
  });
});

describe('the drill-down in a browser', () => {
  it.skipIf(!existsSync(CHROMIUM))(
    'a WIP cell leads to its documents, a formula cell to the columns it reads, a job cost total to its rows',
    async () => {
      let browser: Browser | undefined;
      try {
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: ['--headless', '--no-sandbox', '--disable-gpu'],
        });
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${t.url}/login`);
        await page.fill('#email', 'approver@acme.test');
        await page.fill('#password', PASSWORD);
        await page.click('button[type=submit]');
        await page.waitForSelector('h1:has-text("Overview")');
        await page.goto(`${t.url}/companies/acme/wip?asOf=2026-10-31`);
        await page.click('a[href*="/wip/jobs/101/columns/cost_to_date/lines"]');
        await page.waitForSelector('h1:has-text("Cost to date")');
        // 300,000 + 100,000 = 400,000.00, from the two posted cost rows with their file lines.
        expect(await page.textContent('.figure-value')).toBe('400000.00');
        expect(await page.textContent('.lines-total')).toBe('400000.00');
        expect(await page.textContent('.badge.ok')).toBe('ties');
        const rows = page.locator('table.documents tbody tr');
        expect(await rows.count()).toBe(2);
        const text = await page.textContent('table.documents');
        expect(text).toContain('T-101-1');
        expect(text).toContain('T-101-2');
        expect(text).toMatch(/cost_transactions\.csv:\d+/);
        // A formula cell names its inputs; following one reaches documents again.
        await page.goto(`${t.url}/companies/acme/wip?asOf=2026-10-31`);
        await page.click('a[href*="/wip/jobs/101/columns/earned_revenue/lines"]');
        await page.waitForSelector('text=Computed: percent complete');
        await page.click('a:has-text("Revised contract")');
        await page.waitForSelector('h1:has-text("Revised contract")');
        // 1,000,000 + 50,000 = 1,050,000.00: the contract and the approved change order.
        expect(await page.textContent('.lines-total')).toBe('1050000.00');
        expect(await page.locator('table.documents tbody tr').count()).toBe(2);
        // The job cost page's ERP posted total drills down to the same two rows.
        await page.goto(`${t.url}/companies/acme/jobs/101?asOf=2026-10-31`);
        await page.click('a[href*="/job-cost/columns/erp_posted_cost/lines"]');
        await page.waitForSelector('h1:has-text("ERP posted cost")');
        expect(await page.textContent('.lines-total')).toBe('400000.00');
      } finally {
        await browser?.close();
      }
    },
    120_000,
  );
});
