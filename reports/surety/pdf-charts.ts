/**
 * Charts of the surety PDF, drawn as vectors with pdfkit: over/(under) billing by job, and the estimated
 * gross-profit margin across closed periods (the fade trend). Numbers are converted to JS numbers here only
 * to place marks on the page; every printed amount comes from the exact decimal strings.
 */
import { displayMoney } from '../shared/format.ts';
import type { Pdf } from './pdf-page.ts';

export interface BarDatum {
  label: string;
  /** Decimal string; positive = over-billed, negative = under-billed. */
  value: string;
}

export interface TrendDatum {
  label: string;
  /** Margin as a fraction string, or null when the contract total was zero. */
  margin: string | null;
  grossProfit: string;
}

const OVER = '#c0392b';
const UNDER = '#2e6da4';

export function overUnderChart(
  doc: Pdf,
  data: BarDatum[],
  box: { x: number; y: number; w: number; h: number },
  maxBars = 24,
): void {
  const sorted = [...data].sort((a, b) => Math.abs(Number(b.value)) - Math.abs(Number(a.value)));
  const shown = sorted.slice(0, maxBars).sort((a, b) => Number(b.value) - Number(a.value));
  doc.font('Helvetica-Bold').fontSize(9).text('Over/(under) billing by job', box.x, box.y);
  doc.font('Helvetica').fontSize(6.5).fillColor('#555555');
  const sub =
    sorted.length > shown.length
      ? `The ${shown.length} largest of ${sorted.length} jobs by size of the position.`
      : 'Right of the axis: billings in excess (liability). Left: costs in excess (asset).';
  doc.text(sub, box.x, box.y + 12);
  doc.fillColor('#000000');
  const top = box.y + 26;
  const labelW = 70;
  const plotX = box.x + labelW;
  const plotW = box.w - labelW - 4;
  const rowH = Math.min(14, (box.h - 30) / Math.max(shown.length, 1));
  const max = Math.max(1, ...shown.map((d) => Math.abs(Number(d.value))));
  const hasNeg = shown.some((d) => Number(d.value) < 0);
  const hasPos = shown.some((d) => Number(d.value) > 0);
  const zeroX = hasNeg && hasPos ? plotX + plotW / 2 : hasNeg ? plotX + plotW : plotX;
  // Leave room beyond the longest bar for its amount.
  const scale = ((hasNeg && hasPos ? plotW / 2 : plotW) - 48) / max;
  shown.forEach((d, i) => {
    const v = Number(d.value);
    const y = top + i * rowH;
    const w = Math.abs(v) * scale;
    doc.rect(v >= 0 ? zeroX : zeroX - w, y + 1.5, Math.max(w, 0.5), rowH - 3).fill(v >= 0 ? OVER : UNDER);
    doc
      .fillColor('#000000')
      .font('Helvetica')
      .fontSize(Math.min(6.5, rowH - 3));
    doc.text(d.label, box.x, y + 2, { width: labelW - 8, lineBreak: false, align: 'right' });
    const text = displayMoney(d.value, { cents: false });
    const tx = v >= 0 ? zeroX + w + 2 : zeroX - w - 2 - doc.widthOfString(text);
    doc.fillColor('#333333').text(text, tx, y + 2, { lineBreak: false });
  });
  doc.fillColor('#000000');
  doc
    .moveTo(zeroX, top - 2)
    .lineTo(zeroX, top + shown.length * rowH + 2)
    .lineWidth(0.5)
    .stroke('#333333');
}

export function fadeTrendChart(
  doc: Pdf,
  data: TrendDatum[],
  box: { x: number; y: number; w: number; h: number },
): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(9)
    .text('Estimated gross-profit margin across closed periods', box.x, box.y);
  doc.font('Helvetica').fontSize(6.5).fillColor('#555555');
  doc.text(
    'Open jobs: estimated gross profit / revised contract at each period end; the last point is this schedule. A falling line is fade.',
    box.x,
    box.y + 12,
  );
  doc.fillColor('#000000');
  const points = data.filter((d) => d.margin !== null);
  const plot = { x: box.x + 34, y: box.y + 30, w: box.w - 44, h: box.h - 60 };
  const margins = points.map((d) => Number(d.margin) * 100);
  let lo = Math.min(0, ...margins);
  let hi = Math.max(10, ...margins);
  const pad = (hi - lo) * 0.1;
  lo = Math.floor((lo - (lo < 0 ? pad : 0)) / 5) * 5;
  hi = Math.ceil((hi + pad) / 5) * 5;
  const yOf = (m: number) => plot.y + plot.h - ((m - lo) / (hi - lo)) * plot.h;
  doc.lineWidth(0.3).strokeColor('#cccccc');
  const step = hi - lo > 40 ? 10 : 5;
  for (let m = lo; m <= hi; m += step) {
    doc
      .moveTo(plot.x, yOf(m))
      .lineTo(plot.x + plot.w, yOf(m))
      .stroke();
    doc
      .fillColor('#555555')
      .fontSize(6)
      .text(`${m}%`, box.x, yOf(m) - 3, { width: 30, align: 'right', lineBreak: false });
  }
  doc.strokeColor('#000000').fillColor('#000000');
  if (points.length === 0) {
    doc.fontSize(7).text('No periods with a contract total yet.', plot.x + 10, plot.y + plot.h / 2);
    return;
  }
  const xOf = (i: number) =>
    points.length === 1 ? plot.x + plot.w / 2 : plot.x + 10 + (i * (plot.w - 20)) / (points.length - 1);
  doc.lineWidth(1.4).strokeColor('#1f3a5f');
  points.forEach((_, i) => {
    if (i === 0) doc.moveTo(xOf(i), yOf(margins[i]!));
    else doc.lineTo(xOf(i), yOf(margins[i]!));
  });
  if (points.length > 1) doc.stroke();
  points.forEach((d, i) => {
    doc.circle(xOf(i), yOf(margins[i]!), 2.2).fill('#1f3a5f');
    doc.fillColor('#000000').fontSize(6);
    doc.text(`${margins[i]!.toFixed(1)}%`, xOf(i) - 20, yOf(margins[i]!) - 10, {
      width: 40,
      align: 'center',
      lineBreak: false,
    });
    doc.text(d.label, xOf(i) - 20, plot.y + plot.h + 4, { width: 40, align: 'center', lineBreak: false });
  });
  if (points.length === 1) {
    doc
      .fontSize(6.5)
      .fillColor('#555555')
      .text('The trend builds as periods are closed.', plot.x, plot.y + plot.h + 16, {
        width: plot.w,
        align: 'center',
      });
  }
  doc.fillColor('#000000').strokeColor('#000000');
}
