/**
 * Draws a report table on PDF pages (pdfkit): repeated header on each page, zebra rows, highlighted rows in
 * red, a totals row with a rule above and a double rule below, numbers right-aligned with negatives in
 * parentheses. Text never runs below the bottom margin (pdfkit would add a blank page): rows break to a new
 * page first, and numbers that do not fit their column are drawn smaller rather than wrapped.
 */
import { displayCell } from '../shared/format.ts';
import type { ReportTable, TableColumn } from '../shared/table.ts';
import { addPage, CONTENT_BOTTOM, PAGE, type Pdf, sectionTitle } from './pdf-page.ts';

export interface DrawTableOptions {
  /** Subset and order of column keys to draw; all when omitted. */
  keys?: string[];
  fontSize?: number;
  /** Title repeated on continuation pages. */
  continuationTitle?: string;
}

const ROW_PAD = 2.5;

/**
 * Text width from cached per-character advances (pdfkit's own measure walks kerning pairs for every call,
 * which dominated the time of a 500-job schedule). Kerning is left out of the measure: for figures in
 * Helvetica it moves a right edge by well under a point.
 */
const advanceCache = new Map<string, Map<number, number>>();

export function textWidth(doc: Pdf, font: string, size: number, text: string): number {
  let advances = advanceCache.get(font);
  if (!advances) {
    advances = new Map();
    advanceCache.set(font, advances);
  }
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let w = advances.get(code);
    if (w === undefined) {
      doc.font(font).fontSize(1000);
      w = doc.widthOfString(text[i]!);
      advances.set(code, w);
    }
    units += w;
  }
  return (units * size) / 1000;
}

function fitSize(doc: Pdf, font: string, text: string, width: number, size: number): number {
  const w = textWidth(doc, font, size, text);
  if (w <= width - 4) return size;
  return Math.max(4.5, (size * (width - 4)) / w);
}

function truncate(doc: Pdf, font: string, size: number, text: string, width: number): string {
  if (textWidth(doc, font, size, text) <= width - 4) return text;
  let t = text;
  while (t.length > 1 && textWidth(doc, font, size, `${t}…`) > width - 4) t = t.slice(0, -1);
  return `${t}…`;
}

export function drawTable(doc: Pdf, table: ReportTable, options: DrawTableOptions = {}): void {
  const indexes = options.keys
    ? options.keys.map((k) => table.columns.findIndex((c) => c.key === k)).filter((i) => i >= 0)
    : table.columns.map((_, i) => i);
  const cols: TableColumn[] = indexes.map((i) => table.columns[i]!);
  const size = options.fontSize ?? 6.8;
  const units = cols.map((c) => c.width ?? (c.kind === 'text' ? 1.1 : c.kind === 'ratio' ? 0.7 : 1));
  const unitWidth = PAGE.contentWidth / units.reduce((a, b) => a + b, 0);
  const widths = units.map((u) => u * unitWidth);
  const xs: number[] = [];
  widths.reduce((x, w) => {
    xs.push(x);
    return x + w;
  }, PAGE.margin);
  const rowHeight = size + ROW_PAD * 2;
  const highlight = new Set(table.highlight ?? []);

  // Header labels wrap the same way on every page: measured once per table.
  doc.font('Helvetica-Bold').fontSize(size);
  const heights = cols.map((c, i) => doc.heightOfString(c.label, { width: widths[i]! - 4 }));
  const h = Math.max(...heights) + ROW_PAD * 2;
  const drawHeader = () => {
    doc.font('Helvetica-Bold').fontSize(size);
    const y0 = doc.y;
    doc.rect(PAGE.margin, y0, PAGE.contentWidth, h).fill('#1f3a5f');
    doc.fillColor('#ffffff');
    cols.forEach((c, i) => {
      const align = c.kind === 'text' || c.kind === 'date' ? 'left' : 'right';
      doc.text(c.label, xs[i]! + 2, y0 + h - heights[i]! - ROW_PAD, { width: widths[i]! - 4, align });
    });
    doc.fillColor('#000000');
    doc.y = y0 + h;
  };

  const drawRow = (cells: (string | null)[], kind: 'body' | 'total', index: number) => {
    if (doc.y + rowHeight > CONTENT_BOTTOM) {
      addPage(doc);
      sectionTitle(doc, `${options.continuationTitle ?? table.title} (continued)`);
      drawHeader();
    }
    const y = doc.y;
    if (kind === 'body' && index % 2 === 1)
      doc.rect(PAGE.margin, y, PAGE.contentWidth, rowHeight).fill('#f1f4f8');
    if (kind === 'total') {
      doc
        .moveTo(PAGE.margin, y)
        .lineTo(PAGE.margin + PAGE.contentWidth, y)
        .lineWidth(0.6)
        .stroke('#000000');
    }
    const color = kind === 'body' && highlight.has(index) ? '#b00020' : '#000000';
    cols.forEach((c, i) => {
      const raw = cells[indexes[i]!] ?? null;
      const text = displayCell(c.kind, raw);
      if (text === '') return;
      const bold = kind === 'total' || c.kind === 'flag';
      const font = bold ? 'Helvetica-Bold' : 'Helvetica';
      const isText = c.kind === 'text' || c.kind === 'date';
      const s = isText ? size : fitSize(doc, font, text, widths[i]!, size);
      const shown = isText ? truncate(doc, font, s, text, widths[i]!) : text;
      doc.font(font).fontSize(s).fillColor(color);
      // Placed by measurement, without a width box, so pdfkit never wraps a cell onto a second line.
      const x = isText ? xs[i]! + 2 : xs[i]! + widths[i]! - 2 - textWidth(doc, font, s, shown);
      doc.text(shown, x, y + ROW_PAD + (size - s) / 2, { lineBreak: false });
    });
    doc.fillColor('#000000');
    if (kind === 'total') {
      const yb = y + rowHeight;
      doc
        .moveTo(PAGE.margin, yb)
        .lineTo(PAGE.margin + PAGE.contentWidth, yb)
        .lineWidth(0.4)
        .stroke();
      doc
        .moveTo(PAGE.margin, yb + 1.6)
        .lineTo(PAGE.margin + PAGE.contentWidth, yb + 1.6)
        .stroke();
    }
    doc.y = y + rowHeight;
  };

  if (doc.y + rowHeight * 4 > CONTENT_BOTTOM) {
    addPage(doc);
    sectionTitle(doc, options.continuationTitle ?? table.title);
  }
  drawHeader();
  table.rows.forEach((r, i) => {
    drawRow(r, 'body', i);
  });
  if (table.rows.length === 0) {
    doc
      .font('Helvetica-Oblique')
      .fontSize(size + 1)
      .text('None.', PAGE.margin + 2, doc.y + ROW_PAD);
  }
  if (table.totals && table.rows.length > 0) drawRow(table.totals, 'total', -1);
  doc.y += 4;
}

export function drawNotes(doc: Pdf, notes: string[] = [], size = 7): void {
  for (const n of notes) {
    doc.font('Helvetica').fontSize(size);
    const h = doc.heightOfString(n, { width: PAGE.contentWidth });
    if (doc.y + h > CONTENT_BOTTOM) addPage(doc);
    doc.fillColor('#333333').text(n, PAGE.margin, doc.y, { width: PAGE.contentWidth });
  }
  doc.fillColor('#000000');
}
