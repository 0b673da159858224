/** Cover page of the surety WIP package: who, as of when, on what basis, and the figures at a glance. */
import { formatMoney } from '../../connectors/canonical/money.ts';
import { displayMoney } from '../shared/format.ts';
import type { WipSchedule } from '../wip/types.ts';
import { PAGE, type Pdf } from './pdf-page.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function longDate(iso: string): string {
  return `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}, ${iso.slice(0, 4)}`;
}

export function drawCover(doc: Pdf, s: WipSchedule, contents: string[], completedCount: number): void {
  const x = PAGE.margin + 20;
  doc.rect(0, 0, PAGE.width, 8).fill('#1f3a5f').fillColor('#000000');
  doc
    .font('Helvetica-Bold')
    .fontSize(24)
    .text(s.company.name, x, 70, { width: PAGE.contentWidth - 40 });
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(16).fillColor('#1f3a5f').text('Work-in-Progress Schedule');
  doc
    .fontSize(11)
    .fillColor('#000000')
    .text(`As of ${longDate(s.asOf)}`);
  doc.moveDown(1);
  const estimate =
    s.estimateSource === 'pm'
      ? "Project managers' estimate at completion (Procore budget), ERP revised budget where none"
      : 'ERP revised budget';
  const facts: [string, string][] = [
    ['Prepared by', s.preparedBy ?? '—'],
    ['Estimated cost basis', estimate],
    [
      'Revenue recognition',
      'Percentage of completion, cost-to-cost input method (ASC 606); anticipated losses in full',
    ],
    ['Source data', s.snapshotTakenAt ? `Books and project system snapshot taken ${s.snapshotTakenAt}` : '—'],
    ['Fiscal year', `Beginning ${longDate(s.fiscalYearStart)}`],
  ];
  doc.fontSize(9);
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(k, x, y, { width: 130 });
    doc.font('Helvetica').text(v, x + 135, y, { width: 290 });
    doc.y = Math.max(doc.y, y + 12) + 2;
  }

  const t = s.totals;
  const m = (v: Parameters<typeof formatMoney>[0]) => displayMoney(formatMoney(v));
  const summary: [string, string][] = [
    ['Contracts in progress', String(s.jobs.length)],
    ['Revised contract value', m(t.contractAmount)],
    ['Estimated gross profit', m(t.estimatedGrossProfit)],
    ['Earned revenue to date', m(t.earnedRevenue)],
    ['Billed to date', m(t.billedToDate)],
    ['Costs in excess of billings (asset)', m(t.underBilling)],
    ['Billings in excess of costs (liability)', m(t.overBilling)],
    ['Net over/(under) billing', m(t.overUnderBilling)],
    ['Backlog: revenue to be earned', m(t.revenueToBeEarned)],
    ['Provision for losses', m(t.provisionForLoss)],
    ['Contracts completed this fiscal year', String(completedCount)],
  ];
  const bx = PAGE.width - PAGE.margin - 260;
  let by = 150;
  doc
    .rect(bx - 10, by - 12, 270, summary.length * 15 + 30)
    .fill('#f1f4f8')
    .fillColor('#000000');
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text('At a glance', bx, by - 4);
  by += 14;
  for (const [k, v] of summary) {
    doc.font('Helvetica').fontSize(8.5).text(k, bx, by, { width: 160, lineBreak: false });
    doc.font('Helvetica-Bold').text(v, bx + 150, by, { width: 100, align: 'right', lineBreak: false });
    by += 15;
  }

  doc.y = Math.max(doc.y + 16, 300);
  doc.font('Helvetica-Bold').fontSize(10).text('Contents', x, doc.y);
  doc.font('Helvetica').fontSize(9);
  contents.forEach((c, i) => {
    doc.text(`${i + 1}.  ${c}`, x + 8, doc.y + 2);
  });
  doc.moveDown(1);
  doc
    .font('Helvetica-Oblique')
    .fontSize(7.5)
    .fillColor('#444444')
    .text(
      'Amounts in US dollars. Negative amounts in parentheses. Totals are computed from unrounded job values and rounded once, so a column of rounded rows may differ from its total by a cent. Only approved change orders are included in contract values; pending change orders are shown separately.',
      x,
      doc.y,
      { width: 460 },
    );
  doc.fillColor('#000000');
}
