/**
 * The bonding view through the API, the command line's renderer and a real browser: JSON with the published
 * snake_case keys, the one-table CSV, the XLSX, the PDF, and the page with its capacity and red flags.
 * Figures follow the Bartko CPA working-capital example (see test/reports/bonding-golden.test.ts), with a
 * loss job added so a red flag shows.
 */
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gl } from '../reports/support/bonding-run.ts';
import { AS_OF, PASSWORD, type Served, startTieout } from './support.ts';

const CHROMIUM = '/usr/bin/chromium';
const job = (number: string, contract: string, eac: string, ctd: string, billed: string) => ({
  number,
  originalContract: contract,
  pmEstimate: eac,
  costs: [{ date: '2026-10-15', amount: ctd }],
  billings: [{ periodEnd: AS_OF, amount: billed }],
});

let t: Served;
beforeAll(async () => {
  t = await startTieout(
    {},
    {
      jobs: [
        job('U-1', '1000000.00', '800000.00', '400000.00', '460000.00'), // under 40,000
        job('O-1', '1000000.00', '800000.00', '400000.00', '600000.00'), // over 100,000
        // A loss job: C 500,000, EAC 600,000, CTD 300,000 → 50 %, earned 250,000, billed 250,000;
        // provision (600,000 − 500,000) × 50 % = 50,000, a current liability.
        job('L-1', '500000.00', '600000.00', '300000.00', '250000.00'),
      ],
      extraErp: {
        gl_balances: [
          gl('1000', 'cash', AS_OF, '100000.00'),
          gl('1100', 'accounts_receivable', AS_OF, '400000.00'),
          gl('1150', 'retainage_receivable', AS_OF, '25000.00'),
          gl('2000', 'accounts_payable', AS_OF, '-150000.00'),
          gl('2010', 'retainage_payable', AS_OF, '-20000.00'),
          gl('2100', 'other_current_liabilities', AS_OF, '-45000.00'),
          gl('2200', 'line_of_credit', AS_OF, '-50000.00'),
          gl('3000', 'equity', AS_OF, '-400000.00'),
        ],
      },
    },
  );
});
afterAll(() => t?.close());

describe('bonding report', () => {
  it('JSON with the snake_case keys; working capital counts the loss provision', async () => {
    const res = await t.api(`/api/companies/acme/reports/bonding?asOf=${AS_OF}`, { as: 'viewer' });
    expect(res.status).toBe(200);
    const body = await res.json();
    for (const key of [
      'current_assets',
      'current_liabilities',
      'working_capital',
      'equity',
      'single_job_limit',
      'aggregate_limit',
      'available',
      'backlog_revenue',
      'backlog_cost_to_complete',
      'ten_percent_test',
      'red_flags',
    ])
      expect(body).toHaveProperty(key);
    // 565,000 − (365,000 + 50,000 provision) = 150,000 → single 1,500,000, aggregate 3,750,000.
    expect(body.working_capital).toBe('150000.00');
    expect(body.single_job_limit).toBe('1500000.00');
    expect(body.aggregate_limit).toBe('3750000.00');
    // Cost to complete 400,000 + 400,000 + 300,000 = 1,100,000; 10 % = 110,000 ≤ 150,000 and ≤ 400,000.
    expect(body.backlog_cost_to_complete).toBe('1100000.00');
    expect(body.ten_percent_test.passes).toBe(true);
    expect(body.available).toBe('2650000.00'); // 3,750,000 − 1,100,000
    expect(body.red_flags.map((f: { code: string }) => f.code)).toEqual(['loss_job']);
  });

  it('CSV, XLSX and PDF; a pm user sees no books', async () => {
    const csv = await t.api(`/api/companies/acme/reports/bonding?asOf=${AS_OF}&format=csv`);
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('figure,amount');
    expect(text).toContain('Working capital,150000.00');
    const xlsx = await t.api(`/api/companies/acme/reports/bonding?asOf=${AS_OF}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Capacity', 'Contracts in progress', 'Trends']);
    const pdf = await t.api(`/api/companies/acme/reports/bonding?asOf=${AS_OF}&format=pdf`);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const pm = await t.api(`/api/companies/acme/reports/bonding?asOf=${AS_OF}`, { as: 'pm' });
    expect(pm.status).toBe(403);
  });

  it('the bonding page over HTTP carries the capacity, the red flags and the working capital', async () => {
    const res = await t.api(`/companies/acme/bonding?asOf=${AS_OF}`, { as: 'viewer' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Bonding capacity');
    expect(html).toContain('1,500,000.00');
    expect(html).toMatch(/<li data-code="loss_job">Job L-1 is a loss job: estimated loss 100000.00/);
    expect(html).toContain('Provision for anticipated losses (WIP)');
  });

  it.skipIf(!existsSync(CHROMIUM))('the bonding page in a browser shows capacity and red flags', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu'],
      });
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${t.url}/login`);
      await page.fill('#email', 'viewer@acme.test');
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('h1:has-text("Overview")');
      await page.click('a:has-text("Bonding")');
      await page.waitForSelector('h1:has-text("Bonding capacity")');
      await page.goto(`${t.url}/companies/acme/bonding?asOf=${AS_OF}`);
      expect(await page.textContent('#capacity')).toContain('1,500,000.00');
      expect(await page.textContent('#ten-percent')).toContain('working capital passes · equity passes');
      const flags = page.locator('#red-flags li');
      expect(await flags.count()).toBe(1);
      expect(await flags.first().textContent()).toContain('Job L-1 is a loss job: estimated loss 100000.00');
      expect(await page.textContent('#working-capital')).toContain('Provision for anticipated losses (WIP)');
      expect(await page.locator('#backlog tr.total').textContent()).toContain('1,100,000.00');
    } finally {
      await browser?.close();
    }
  });
});
