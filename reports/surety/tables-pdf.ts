/**
 * Any report's tables as a plain landscape PDF (job cost, completed, fade, WIP on its own): a title block,
 * each table with its notes, and the same footers as the surety package.
 */
import type { ReportHeader, ReportTable } from '../shared/table.ts';
import { longDate } from './pdf-cover.ts';
import { openReportPdf } from './pdf-document.ts';
import { addPage, drawFooters, PAGE, sectionTitle } from './pdf-page.ts';
import { drawNotes, drawTable } from './pdf-table.ts';

export async function tablesPdf(header: ReportHeader, tables: ReportTable[]): Promise<Buffer> {
  const { doc, done } = openReportPdf({ title: `${header.company} — ${header.title} as of ${header.asOf}` });
  addPage(doc);
  doc.font('Helvetica-Bold').fontSize(14).text(header.company, PAGE.margin, PAGE.margin);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`${header.title} — as of ${longDate(header.asOf)}`);
  doc.fontSize(7.5).fillColor('#444444').text(header.lines.join(' · '), { width: PAGE.contentWidth });
  doc.fillColor('#000000');
  doc.y += 8;
  tables.forEach((t, i) => {
    if (i > 0) doc.y += 10;
    sectionTitle(doc, t.title);
    drawTable(doc, t, { fontSize: 6.8 });
    drawNotes(doc, t.notes);
  });
  drawFooters(doc, `${header.company} · ${header.title} as of ${header.asOf}`, 'Prepared with tieout');
  doc.end();
  return done;
}
