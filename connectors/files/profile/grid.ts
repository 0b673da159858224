/**
 * Exported reports as grids of text: .csv through csv-parse, .xlsx through exceljs (Excel dates become
 * YYYY-MM-DD, numbers their shortest round-trip text, formulas their cached result). And the reverse, for
 * render: a grid written as .csv or as a one-sheet workbook.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { SourceError } from '../../contract.ts';

export interface Grid {
  /** The worksheet read (xlsx only). */
  sheet?: string;
  rows: string[][];
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  // Excel numbers are doubles; shortest round-trip text is the value the report showed (cents at most).
  return String(value);
}

/** Reads a .csv or .xlsx file into rows of text; `sheet` picks an .xlsx worksheet by name (default the first). */
export async function readGrid(file: string, sheet?: string): Promise<Grid> {
  const name = path.basename(file);
  try {
    if (/\.csv$/i.test(file)) {
      const text = await readFile(file, 'utf8');
      return {
        rows: parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][],
      };
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const ws = sheet ? workbook.getWorksheet(sheet) : workbook.worksheets[0];
    if (!ws) {
      const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ');
      throw new SourceError(
        'export_sheet_missing',
        `${name} has no worksheet "${sheet}" (it has ${names || 'none'}); export the report again or name the sheet in the profile`,
      );
    }
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = cellText(cell.value);
      });
      rows[n - 1] = Array.from(cells, (v) => v ?? '');
    });
    return { sheet: ws.name, rows: Array.from(rows, (r) => r ?? []) };
  } catch (e) {
    if (e instanceof SourceError) throw e;
    const line = (e as { lines?: unknown }).lines;
    const kind = /\.csv$/i.test(file) ? 'a CSV file' : 'an Excel workbook';
    throw new SourceError(
      'export_unreadable',
      `${name}${typeof line === 'number' ? `:${line}` : ''} cannot be read as ${kind}: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

/** Writes rows of text as .csv, or as an .xlsx workbook with one sheet (amount columns stay text as printed). */
export async function writeGrid(file: string, rows: string[][], sheet = 'Sheet1'): Promise<void> {
  if (/\.csv$/i.test(file)) {
    await writeFile(file, stringify(rows, { record_delimiter: '\r\n' }));
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  await workbook.xlsx.writeFile(file);
}
