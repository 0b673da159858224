/**
 * The pages in a real browser (Debian chromium through playwright-core): sign in, open a job cost page,
 * acknowledge a finding, download the WIP PDF. With TIEOUT_SCREENSHOTS=1 the screenshots of the main pages
 * are written to docs/screenshots for the README; otherwise to a temporary folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Served, startTieout } from '../api/support.ts';
import { tempDir } from '../support/tmp.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env.TIEOUT_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots', import.meta.url))
  : tempDir();

let t: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  t = await startTieout();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, acceptDownloads: true });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  t?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe.skipIf(!existsSync(CHROMIUM))('pages in a browser', () => {
  it('signs in and lands on the overview', async () => {
    await page.goto(`${t.url}/`);
    await expect.poll(() => page.url()).toContain('/login');
    await shot('login');
    await page.fill('#email', 'approver@acme.test');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Overview")');
    expect(await page.textContent('body')).toContain('Findings by check');
    await shot('overview');
  });

  it("opens a job's live job cost page with the cost code table and the chart", async () => {
    await page.goto(`${t.url}/companies/acme/jobs`);
    await page.click(`a:has-text("${t.pmJob}")`);
    await page.waitForSelector('h2:has-text("Cost code × cost type")');
    expect(await page.locator('svg.chart rect').count()).toBe(4);
    expect(await page.locator('table tr.total').count()).toBe(1);
    await shot('job-cost');
  });

  it('acknowledges a finding from the findings page', async () => {
    await page.goto(`${t.url}/companies/acme/findings`);
    await shot('findings');
    const before = await page.locator('span.badge.acknowledged').count();
    const form = page.locator('form[action$="/acknowledge"]').first();
    await form.locator('input[name=note]').fill('asked the PM to post the budget change');
    await form.locator('button').click();
    await page.waitForSelector('h2:has-text("Procore (PM) documents")');
    expect(await page.textContent('body')).toContain('asked the PM to post the budget change');
    await shot('finding');
    await page.goto(`${t.url}/companies/acme/findings`);
    expect(await page.locator('span.badge.acknowledged').count()).toBe(before + 1);
  });

  it('downloads the WIP PDF from the WIP page', async () => {
    await page.goto(`${t.url}/companies/acme/wip?asOf=2026-10-31`);
    await page.waitForSelector('h1:has-text("Work in progress")');
    await shot('wip');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a:has-text("PDF (surety)")'),
    ]);
    expect(download.suggestedFilename()).toBe('acme-surety-2026-10-31.pdf');
    const file = path.join(tempDir(), 'wip.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the API docs (swagger-ui from local files) render under the Content-Security-Policy, nothing refused', async () => {
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${t.url}/docs`);
    await page.waitForSelector('.swagger-ui .info .title');
    expect(await page.textContent('.swagger-ui .info .title')).toContain('tieout');
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(refused).toEqual([]);
  });
});
