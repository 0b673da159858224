/** Page geometry and furniture of the surety PDF: US Letter landscape, footers with page numbers. */
import type PDFDocument from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocument>;

export const PAGE = {
  width: 792,
  height: 612,
  margin: 30,
  contentWidth: 792 - 60,
};
/** Content stops here; the footer lives below. */
export const CONTENT_BOTTOM = PAGE.height - 48;

export function addPage(doc: Pdf): void {
  doc.addPage({ size: 'LETTER', layout: 'landscape', margin: PAGE.margin });
  doc.x = PAGE.margin;
  doc.y = PAGE.margin;
}

export function sectionTitle(doc: Pdf, title: string, subtitle?: string): void {
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#1f3a5f').text(title, PAGE.margin, doc.y, {
    width: PAGE.contentWidth,
  });
  if (subtitle)
    doc.font('Helvetica').fontSize(8).fillColor('#444444').text(subtitle, { width: PAGE.contentWidth });
  doc.fillColor('#000000');
  doc.y += 4;
}

/**
 * The footer's right side: who prepared it, and for a closed period the audit chain head its close recorded,
 * so the printed page anchors the log (`tieout audit verify --head SEQ:HASH`).
 */
export function footerRight(auditHead?: string | null): string {
  return auditHead ? `Prepared with tieout · audit head ${auditHead}` : 'Prepared with tieout';
}

/**
 * Writes the running footer on every buffered page. The bottom margin is lifted while drawing so pdfkit
 * does not treat footer text as overflow and add a blank page.
 */
export function drawFooters(doc: Pdf, left: string, right: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = PAGE.height - 30;
    doc
      .moveTo(PAGE.margin, y - 4)
      .lineTo(PAGE.width - PAGE.margin, y - 4)
      .lineWidth(0.4)
      .stroke('#999999');
    doc.font('Helvetica').fontSize(7).fillColor('#555555');
    doc.text(left, PAGE.margin, y, { width: PAGE.contentWidth * 0.7, lineBreak: false });
    doc.text(`${right} · Page ${i + 1} of ${range.count}`, PAGE.margin, y, {
      width: PAGE.contentWidth,
      align: 'right',
      lineBreak: false,
    });
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottom;
  }
}
