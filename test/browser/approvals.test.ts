/**
 * The approvals pages in a real browser (Debian chromium through playwright-core): an approver opens the
 * queue, reads a proposal's diff, approves it with a note and writes it to the Procore sandbox, bulk-approves
 * with one item refused (their own proposal), and rejects one. With TIEOUT_SCREENSHOTS=1 the screenshots go
 * to docs/screenshots for the README; otherwise to a temporary folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { getProposal } from '../../src/store/approvals.ts';
import { PASSWORD, PEOPLE, type ServedApprovals, startApprovals } from '../approvals/served.ts';
import { tempDir } from '../support/tmp.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env.TIEOUT_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots', import.meta.url))
  : tempDir();

let t: ServedApprovals;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

function vendorLink(id: string, origin: string, by: string, role: 'pm' | 'approver') {
  return proposeWrite({
    ctx: { actor: { id: by, role, email: by }, store: t.runtime.store },
    input: {
      companyId: 'acme',
      operation: 'procore.link',
      payload: { resource: 'vendors', id, origin_id: origin },
      diff: [{ field: 'vendor.origin_id', before: null, after: origin }],
      summary: `Link Procore vendor ${id} to ERP vendor ${origin}`,
    },
  }).proposal.id;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  t = await startApprovals();
  ids.pats1 = vendorLink('7001001', 'ABCCON-1', PEOPLE.pm, 'pm');
  ids.pats2 = vendorLink('7001002', 'BRK-2', PEOPLE.pm, 'pm');
  ids.pats3 = vendorLink('7001004', 'NOPE-4', PEOPLE.pm, 'pm');
  ids.anns = vendorLink('7001003', 'VALDRY', PEOPLE.approver, 'approver');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  page = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe.skipIf(!existsSync(CHROMIUM))('the approvals pages in a browser', () => {
  it('an approver signs in and finds the queue in the navigation, with ages', async () => {
    await page.goto(`${t.url}/login`);
    await page.fill('#email', PEOPLE.approver);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Overview")');
    await page.click('nav a:has-text("Approvals")');
    await page.waitForSelector('h1:has-text("Approvals")');
    const body = await page.textContent('body');
    // The list shows what the payload does, derived on the server (vendor 7001001, origin_id ABCCON-1).
    expect(body).toContain('Set origin_id of Procore vendor 7001001 to "ABCCON-1"');
    expect(body).toContain('today');
    expect(await page.locator('input[name=ids]').count()).toBeGreaterThanOrEqual(4);
    await shot('approvals');
  });

  it('reads the diff, approves with a note and writes it to Procore now', async () => {
    await page.click('a:has-text("Set origin_id of Procore project")');
    await page.waitForSelector('table#diff');
    expect(await page.locator('table#diff tbody tr').first().textContent()).toContain(
      'Procore project 562949953421313 · origin_id',
    );
    await page.fill('input[aria-label="approve note"]', 'same school job, created twice');
    await page.click('button:has-text("Approve")');
    await page.waitForSelector('button:has-text("Write it now")');
    expect(await page.textContent('body')).toContain('same school job, created twice');
    await page.click('button:has-text("Write it now")');
    await page.waitForSelector('table#executions');
    expect(await page.locator('table#executions').textContent()).toContain('applied');
    expect(await page.textContent('body')).toContain('Target ids: 562949953421313');
    expect(t.sandbox.data.find('projects', '562949953421313')!.body.origin_id).toBe('E-44');
    await shot('approval');
  });

  it('bulk-approves the picked items and says why their own proposal was refused', async () => {
    await page.goto(`${t.url}/approvals`);
    // Her own proposal has no checkbox: another approver must decide it.
    expect(await page.locator(`input[name=ids][value="${ids.anns}"]`).count()).toBe(0);
    for (const id of [ids.pats1!, ids.pats2!]) await page.check(`input[name=ids][value="${id}"]`);
    // A forged pick of her own proposal is refused by the engine with its reason; the others are approved.
    await page.evaluate((id) => {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'ids';
      box.value = id;
      box.checked = true;
      document.querySelector('form#bulk')!.appendChild(box);
    }, ids.anns!);
    await page.fill('input[aria-label="bulk note"]', 'vendor numbers checked');
    await page.click('button:has-text("Approve selected")');
    await page.waitForSelector('#bulk-results');
    const results = await page.textContent('#bulk-results');
    expect(results).toContain('2 approved, 1 refused');
    expect(results).toContain('another approver must decide what you proposed');
    expect(getProposal(t.runtime.store.db, ids.pats1!)!.status).toBe('approved');
    expect(getProposal(t.runtime.store.db, ids.anns!)!.status).toBe('pending');
  });

  it('rejects with a reason; on their own proposal the approver is told another must decide', async () => {
    await page.goto(`${t.url}/approvals/${ids.anns}`);
    expect(await page.textContent('body')).toContain('You proposed this; another approver must decide it.');
    expect(await page.locator('button:has-text("Approve")').count()).toBe(0);
    await page.goto(`${t.url}/approvals/${ids.pats3}`);
    await page.fill('input[aria-label="reject note"]', 'vendor is already linked under another id');
    await page.click('button:has-text("Reject")');
    await page.waitForSelector('span.badge:has-text("rejected")');
    expect(await page.textContent('body')).toContain('vendor is already linked under another id');
    expect(getProposal(t.runtime.store.db, ids.pats3!)!.status).toBe('rejected');
  });
});
