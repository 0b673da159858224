/**
 * Renderers over a generated 40-job schedule: the surety PDF has every section and no blank page (pdfkit
 * adds one when something is drawn below the bottom margin), the CSV is plain, display formats put
 * negatives in parentheses.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { buildBonding } from '../../reports/bonding/bonding.ts';
import { fadeReport } from '../../reports/fade/fade.ts';
import { tableCsv } from '../../reports/shared/csv.ts';
import { displayMoney, displayRatio } from '../../reports/shared/format.ts';
import { tableHtml } from '../../reports/shared/html.ts';
import { suretyPdf } from '../../reports/surety/pdf.ts';
import { buildWipSchedule } from '../../reports/wip/schedule.ts';
import { wipCsvTable } from '../../reports/wip/tables.ts';
import { fixtureSnapshot } from '../support/fixture-snapshot.ts';
import { sampleJobs } from './support/sample-company.ts';
import { goldenRows } from './support/wip-job.ts';

async function sampleWip(n: number) {
  const snap = await fixtureSnapshot(goldenRows(sampleJobs(n)));
  try {
    return await buildWipSchedule(snap.con, {
      asOf: '2026-10-31',
      company: { id: 'acme', name: 'Acme Builders, Inc.' },
      estimateSource: 'pm',
      fiscalYearStartMonth: 1,
      preparedBy: 'Dana Whitfield, Controller',
    });
  } finally {
    snap.close();
  }
}

/** Page objects in the file. */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

describe('renderers', () => {
  it('the surety PDF holds every section, numbered pages and no blank page', async () => {
    const wip = await sampleWip(40);
    const pdf = await suretyPdf({ wip, fade: fadeReport(wip, null) });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // cover; contracts in progress (40 rows fit one page); supplementary columns; completed + fade; the fade
    // continued with the tie-out and both charts below it. A sixth page would be a blank one.
    expect(pdfPages(pdf)).toBe(5);
  });

  it('with the bonding view, the surety PDF adds its section after the tie-out', async () => {
    const wip = await sampleWip(40);
    const fade = fadeReport(wip, null);
    const bonding = buildBonding({
      wip,
      fade,
      gl: { cash: { balance: new Dec('250000.00'), accounts: '1000' } },
      settings: { singleMultiplier: '10', aggregateMultiplier: '2.5', workOnHand: 'cost_to_complete' },
      history: [],
    });
    const pdf = await suretyPdf({ wip, fade, bonding });
    // The five pages above; then capacity (22 lines), contracts in progress and the trend on a sixth; the
    // 10 % test, the 17 red flags of this sample (loss jobs, jobs past their estimate) and the warnings run
    // onto a seventh.
    expect(bonding.redFlags).toHaveLength(17);
    expect(pdfPages(pdf)).toBe(7);
  });

  it('writes a plain CSV: column keys, decimal strings, no separators or parentheses', async () => {
    const wip = await sampleWip(5);
    const csv = tableCsv(wipCsvTable(wip));
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /^job_number,job_name,original_contract,approved_change_orders,contract_amount,/,
    );
    expect(lines[1]).toMatch(/^26-101,Riverside Medical Office,\d+\.\d{2},/);
  });

  it('shows negatives in parentheses with thousands separators', () => {
    expect(displayMoney('-1234567.8')).toBe('(1,234,567.80)');
    expect(displayMoney('1000.00')).toBe('1,000.00');
    expect(displayMoney('-0.00')).toBe('0.00');
    expect(displayMoney('-98765.43', { cents: false })).toBe('(98,765)');
    expect(displayRatio('-0.0215')).toBe('(2.2%)');
  });
});

describe('HTML tables for the web pages', () => {
  it('escapes what it prints, right-aligns numbers and marks negatives and flagged rows', async () => {
    const out = await tableHtml({
      name: 'WIP',
      title: 'Contracts <in> progress',
      columns: [
        { key: 'job_name', label: 'Job name', kind: 'text' },
        { key: 'earned_revenue', label: 'Earned revenue', kind: 'money' },
      ],
      rows: [
        ['Smith & Sons <script>', '-1234.50'],
        ['Plain', '10.00'],
      ],
      totals: ['Total', '-1224.50'],
      highlight: [0],
      notes: ['a "note"'],
    });
    expect(out).toContain('<caption>Contracts &lt;in&gt; progress</caption>');
    expect(out).toContain(
      '<tr class="flag"><td>Smith &amp; Sons &lt;script&gt;</td><td class="num neg">(1,234.50)</td></tr>',
    );
    expect(out).toContain('<tfoot><tr><th>Total</th><th class="num neg">(1,224.50)</th></tr></tfoot>');
    expect(out).toContain('<li>a &quot;note&quot;</li>');
    expect(out).not.toContain('<script>');
  });
});
