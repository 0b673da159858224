/**
 * The surety WIP package as a PDF: cover, schedule of contracts in progress (landscape, with totals), the
 * supplementary columns (pending change orders, backlog, loss provisions, retainage, fiscal year to date),
 * completed contracts, gain/fade analysis, balance-sheet tie-out and the two charts. Footers carry the
 * company, the as-of date and "Page n of N".
 */
import type { BondingReport } from '../bonding/bonding.ts';
import { capacityTable, contractsInProgressTable, trendTable } from '../bonding/tables.ts';
import { type CompletedSchedule, completedSchedule } from '../completed/completed.ts';
import { completedTable } from '../completed/tables.ts';
import type { FadeReport } from '../fade/fade.ts';
import { fadeTable } from '../fade/tables.ts';
import { balanceSheetTable, wipTable } from '../wip/tables.ts';
import type { WipSchedule } from '../wip/types.ts';
import { fadeTrendChart, overUnderChart } from './pdf-charts.ts';
import { drawCover, longDate } from './pdf-cover.ts';
import { openReportPdf } from './pdf-document.ts';
import { addPage, drawFooters, footerRight, PAGE, sectionTitle } from './pdf-page.ts';
import { drawNotes, drawTable } from './pdf-table.ts';

const MAIN_COLUMNS = [
  'job_number',
  'job_name',
  'original_contract',
  'approved_change_orders',
  'contract_amount',
  'estimated_total_cost',
  'estimated_gross_profit',
  'cost_to_date',
  'percent_complete',
  'earned_revenue',
  'billed_to_date',
  'over_billing',
  'under_billing',
  'cost_to_complete',
  'gross_profit_to_date',
];

const SUPPLEMENTARY_COLUMNS = [
  'job_number',
  'job_name',
  'pending_change_orders',
  'estimated_gross_profit_percent',
  'uninstalled_materials',
  'revenue_to_be_earned',
  'provision_for_loss',
  'retainage_receivable',
  'fiscal_year_revenue',
  'fiscal_year_cost_of_revenue',
  'fiscal_year_gross_profit',
  'period_revenue',
  'period_cost_of_revenue',
  'period_gross_profit',
];

export interface SuretyPdfInput {
  wip: WipSchedule;
  fade: FadeReport;
  completed?: CompletedSchedule;
  /** The bonding view as of the same date: adds its section (capacity, contracts in progress, trends). */
  bonding?: BondingReport;
  /** The audit chain head a closed period recorded (SEQ:HASH): printed in every page's footer. */
  auditHead?: string | null;
}

export async function suretyPdf(input: SuretyPdfInput): Promise<Buffer> {
  const { wip, fade } = input;
  const completed = input.completed ?? completedSchedule(wip);
  const { doc, done } = openReportPdf({
    title: `${wip.company.name} — Work-in-Progress Schedule as of ${wip.asOf}`,
    author: wip.preparedBy ?? wip.company.name,
    creationDate: new Date(`${wip.asOf}T00:00:00Z`),
  });
  const contents = [
    'Schedule of contracts in progress',
    'Contracts in progress: backlog, losses, retainage, fiscal year and period',
    'Schedule of completed contracts',
    'Gross profit gain/(fade) analysis',
    'Balance-sheet tie-out and charts',
    ...(input.bonding ? ['Bonding capacity, contracts in progress and trends'] : []),
  ];

  addPage(doc);
  drawCover(doc, wip, contents, completed.jobs.length);

  const asOf = `as of ${longDate(wip.asOf)}`;
  const main = wipTable(wip);
  addPage(doc);
  sectionTitle(doc, 'Schedule of Contracts in Progress', asOf);
  drawTable(doc, main, { keys: MAIN_COLUMNS, fontSize: 6.6 });
  drawNotes(doc, main.notes);

  addPage(doc);
  sectionTitle(doc, 'Contracts in Progress — Backlog, Losses, Retainage, Fiscal Year and Period', asOf);
  drawTable(doc, main, {
    keys: SUPPLEMENTARY_COLUMNS,
    fontSize: 7,
    continuationTitle: 'Contracts in Progress',
  });

  const done2 = completedTable(completed);
  addPage(doc);
  sectionTitle(
    doc,
    done2.title,
    `Jobs completed from ${longDate(completed.fiscalYearStart)} to ${longDate(wip.asOf)}`,
  );
  drawTable(doc, done2, { fontSize: 7 });
  drawNotes(doc, done2.notes);

  const fades = fadeTable(fade);
  doc.y += 10;
  if (doc.y > 300) addPage(doc);
  sectionTitle(doc, fades.title, asOf);
  drawTable(doc, fades, { fontSize: 7 });
  drawNotes(doc, fades.notes);

  // The tie-out and charts need about 330 points; start a page unless the fade left that much free.
  if (doc.y > 230) addPage(doc);
  else doc.y += 12;
  const bs = balanceSheetTable(wip);
  sectionTitle(doc, bs.title, asOf);
  drawTable(doc, bs, { fontSize: 7.5 });
  drawNotes(doc, bs.notes);
  const chartTop = doc.y + 14;
  const half = (PAGE.contentWidth - 20) / 2;
  const chartH = 612 - 48 - chartTop;
  overUnderChart(
    doc,
    wip.jobs.map((l) => ({ label: l.jobNumber, value: l.overUnderBilling.toFixed(2) })),
    { x: PAGE.margin, y: chartTop, w: half, h: chartH },
    Math.max(8, Math.min(24, Math.floor((chartH - 30) / 9))),
  );
  fadeTrendChart(
    doc,
    fade.trend.map((t) => ({
      label: t.period,
      grossProfit: t.estimatedGrossProfit.toFixed(2),
      margin: t.contractAmount.isZero() ? null : t.estimatedGrossProfit.div(t.contractAmount).toString(),
    })),
    { x: PAGE.margin + half + 20, y: chartTop, w: half, h: Math.min(chartH, 240) },
  );

  if (input.bonding) {
    const capacity = capacityTable(input.bonding);
    addPage(doc);
    sectionTitle(doc, 'Working Capital and Bonding Capacity', asOf);
    drawTable(doc, capacity, { fontSize: 7.5 });
    for (const t of [contractsInProgressTable(input.bonding), trendTable(input.bonding)]) {
      doc.y += 10;
      if (doc.y > 430) addPage(doc);
      sectionTitle(doc, t.title, asOf);
      drawTable(doc, t, { fontSize: 7.5 });
    }
    // The 10 % test, the red flags with their reasons and the warnings close the section.
    drawNotes(doc, capacity.notes);
  }

  drawFooters(doc, `${wip.company.name} · Work-in-Progress Schedule ${asOf}`, footerRight(input.auditHead));
  doc.end();
  return done;
}
