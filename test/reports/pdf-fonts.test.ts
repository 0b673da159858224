/**
 * The faster PDF text metrics give pdfkit's own numbers: the same widths and kerning for any text in the
 * standard fonts the reports use; with page content written in one piece, a drawn report (pages added,
 * footers written back on earlier pages) is the same bytes as plain pdfkit draws.
 */
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { ReportTable } from '../../reports/shared/table.ts';
import { bufferContent } from '../../reports/surety/pdf-content.ts';
import { useFastMetrics } from '../../reports/surety/pdf-fonts.ts';
import { addPage, drawFooters, type Pdf } from '../../reports/surety/pdf-page.ts';
import { drawNotes, drawTable } from '../../reports/surety/pdf-table.ts';

const FONTS = ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique'];

const newDoc = () =>
  new PDFDocument({
    size: 'LETTER',
    layout: 'landscape',
    bufferPages: true,
    autoFirstPage: false,
    info: { CreationDate: new Date('2026-10-31T00:00:00Z') },
  });

function bytesOf(doc: Pdf, draw: (d: Pdf) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

/** A table with what report cells hold: money in parentheses, ratios, names with accents and kerning pairs. */
function sampleTable(rows: number): ReportTable {
  return {
    name: 'WIP',
    title: 'Schedule of Contracts in Progress',
    columns: [
      { key: 'job', label: 'Job', kind: 'text' },
      { key: 'name', label: 'Job name', kind: 'text', width: 2 },
      { key: 'contract', label: 'Contract amount', kind: 'money' },
      { key: 'pct', label: 'Percent complete', kind: 'ratio' },
      { key: 'over', label: 'Over (under) billing', kind: 'money' },
    ],
    rows: Array.from({ length: rows }, (_, i) => [
      `26-${String(100 + i)}`,
      `${['Riverside Medical Office', 'Café Wàlker AVATAR Yard', 'Twin Falls "To" Ave.'][i % 3]} ${i}`,
      `${(i * 7919.37).toFixed(2)}`,
      `${((i % 100) / 100).toFixed(4)}`,
      `${i % 2 ? '-' : ''}${(i * 1234567.8).toFixed(2)}`,
    ]),
    totals: ['Total', null, '123456789.01', null, '-98765.43'],
    highlight: [2, 5],
    notes: ['Loss jobs recognise the whole loss at once. Figures in parentheses are negative.'],
  };
}

describe('fast PDF text metrics', () => {
  it('measure any text as pdfkit does, in every font and size the reports use', () => {
    const plain = newDoc();
    const fast = useFastMetrics(newDoc());
    plain.addPage();
    fast.addPage();
    fc.assert(
      fc.property(
        fc.constantFrom(...FONTS),
        fc.constantFrom(6.6, 7, 7.5, 12, 1000),
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^[-(]?[0-9,]{1,14}\.[0-9]{2}\)?%?$/),
          fc.string({ unit: 'binary' }),
        ),
        (font, size, text) => {
          const expected = plain.font(font).fontSize(size).widthOfString(text);
          expect(fast.font(font).fontSize(size).widthOfString(text)).toBe(expected);
          // Asked again: the kept width, still the same number.
          expect(fast.widthOfString(text)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a drawn report is byte for byte the one plain pdfkit draws', async () => {
    const table = sampleTable(120); // three pages: repeated headers, zebra rows, highlights, totals
    const draw = (d: Pdf) => {
      addPage(d);
      drawTable(d, table, { fontSize: 6.6 });
      drawNotes(d, table.notes);
      addPage(d);
      drawTable(d, { ...table, rows: table.rows.slice(0, 5) }, { fontSize: 7 });
      drawFooters(d, 'Acme Builders, Inc. · Work-in-Progress Schedule', 'Prepared with tieout');
    };
    const plain = await bytesOf(newDoc(), draw);
    expect(plain.length).toBeGreaterThan(10_000);
    const fast = await bytesOf(useFastMetrics(newDoc()), draw);
    expect(fast.equals(plain)).toBe(true);
    const both = await bytesOf(useFastMetrics(bufferContent(newDoc())), draw);
    expect(both.equals(plain)).toBe(true);
  });
});
