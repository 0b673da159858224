/**
 * Report tables as an XLSX workbook (exceljs): one sheet per table, a title block, frozen header, money with
 * thousands separators and negatives in parentheses, ratios as percentages. Totals are written as values,
 * not SUM formulas: they are sums of unrounded values and may differ from the sum of the rounded rows by a
 * cent, which a formula would hide.
 */
import ExcelJS from 'exceljs';
import type { CellKind, ReportHeader, ReportTable } from './table.ts';

/** Money: two decimals, thousands separators, negatives in parentheses. */
export const MONEY_FORMAT = '#,##0.00;(#,##0.00);"-"';
/** Ratios (fractions) shown as percents. */
export const PERCENT_FORMAT = '0.00%;(0.00%)';
const RATIO_FORMAT = PERCENT_FORMAT;

function cellValue(kind: CellKind, v: string | null): string | number | null {
  if (v === null || v === '') return null;
  // Excel stores numbers as doubles; the exact decimal strings stay in the JSON and CSV exports.
  if (kind === 'money' || kind === 'ratio' || kind === 'points') return Number(v);
  if (kind === 'flag') return v === 'true' ? 'FADE' : '';
  return v;
}

function numFmt(kind: CellKind): string | undefined {
  if (kind === 'money') return MONEY_FORMAT;
  if (kind === 'ratio') return RATIO_FORMAT;
  if (kind === 'points') return '0.0;(0.0)';
  return undefined;
}

/** Printed landscape, one page wide (as many pages tall as it takes). */
export function printSetup(ws: ExcelJS.Worksheet): void {
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** One report table as a sheet of values: title block, frozen header, typed money and percent columns. */
export function addValueSheet(wb: ExcelJS.Workbook, header: ReportHeader, t: ReportTable): void {
  const ws = wb.addWorksheet(t.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 5 }] });
  printSetup(ws);
  ws.addRow([header.company]).font = { bold: true, size: 13 };
  ws.addRow([`${t.title} — as of ${header.asOf}`]).font = { bold: true };
  ws.addRow([header.lines.join(' · ')]);
  ws.addRow([]);
  const head = ws.addRow(t.columns.map((c) => c.label));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'bottom' };
  head.height = 30;
  const highlight = new Set(t.highlight ?? []);
  t.rows.forEach((r, i) => {
    const row = ws.addRow(r.map((v, c) => cellValue(t.columns[c]!.kind, v)));
    if (highlight.has(i)) row.font = { color: { argb: 'FFB00020' } };
  });
  if (t.totals) {
    const row = ws.addRow(t.totals.map((v, c) => cellValue(t.columns[c]!.kind, v)));
    row.font = { bold: true };
    row.getCell(1).value = row.getCell(1).value ?? 'Total';
    row.eachCell((cell) => {
      cell.border = { top: { style: 'thin' }, bottom: { style: 'double' } };
    });
  }
  t.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.kind === 'text' ? (i === 1 ? 32 : 14) : 16;
    const fmt = numFmt(c.kind);
    if (fmt) col.numFmt = fmt;
  });
  for (const n of t.notes ?? []) ws.addRow([n]);
}

export async function tablesXlsx(header: ReportHeader, tables: ReportTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tieout';
  wb.created = new Date(0);
  for (const t of tables) addValueSheet(wb, header, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
