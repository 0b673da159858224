/**
 * Reads one exported report (.xlsx or .csv): finds the heading row (reports print titles above it), maps
 * headings to fields, and yields one row of text per data line with its line number. Rows without the
 * report's key fields (group headings, subtotals, totals) are skipped.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { SourceError } from '../../contract.ts';
import { headingKey, type ReportSpec } from './reports.ts';

export interface ReportRow {
  line: number;
  values: Record<string, string>;
}

function cellText(value: ExcelJS.CellValue): string {
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

async function readGrid(file: string): Promise<string[][]> {
  if (file.endsWith('.csv')) {
    const text = await readFile(file, 'utf8');
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cellText(cell.value);
    });
    grid[n - 1] = Array.from(cells, (v) => v ?? '');
  });
  return Array.from(grid, (r) => r ?? []);
}

export async function readReport(file: string, spec: ReportSpec): Promise<ReportRow[]> {
  const name = path.basename(file);
  let grid: string[][];
  try {
    grid = await readGrid(file);
  } catch (e) {
    const line = (e as { lines?: unknown }).lines;
    const kind = file.endsWith('.csv') ? 'a CSV file' : 'an Excel workbook';
    throw new SourceError(
      'sage_export_unreadable',
      `${name}${typeof line === 'number' ? `:${line}` : ''} cannot be read as ${kind} (${(e as Error).message}); export the ${spec.source} report from Sage again`,
      { cause: e },
    );
  }
  const wanted = spec.columns.map((c) => ({ ...c, keys: c.headings.map(headingKey) }));
  let headerIndex = -1;
  let positions = new Map<string, number>();
  for (let i = 0; i < Math.min(grid.length, 30) && headerIndex < 0; i++) {
    const keys = grid[i]!.map((h) => headingKey(h ?? ''));
    const found = new Map<string, number>();
    for (const c of wanted) {
      const at = keys.findIndex((k) => c.keys.includes(k));
      if (at >= 0) found.set(c.field, at);
    }
    if (wanted.filter((c) => c.required).every((c) => found.has(c.field))) {
      headerIndex = i;
      positions = found;
    }
  }
  if (headerIndex < 0) {
    const missing = wanted.filter((c) => c.required).map((c) => `"${c.headings[0]}"`);
    throw new SourceError(
      'sage_export_headings',
      `${name}: no heading row with the columns ${missing.join(', ')} in its first 30 rows; export the ${spec.source} report with these columns`,
    );
  }
  const rows: ReportRow[] = [];
  const keyFields = wanted.filter((c) => c.required).map((c) => c.field);
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i]!;
    const values: Record<string, string> = {};
    for (const [field, at] of positions) values[field] = (cells[at] ?? '').trim();
    if (keyFields.some((f) => values[f] === '')) continue;
    rows.push({ line: i + 1, values });
  }
  return rows;
}
