/**
 * Every CSV tieout writes (report tables, the findings export) goes through `spreadsheetSafe`: the file is
 * opened in Excel by the CPA, and a job named `=HYPERLINK(…)` would run there as a formula. A text cell
 * starting with = + - − @ tab or CR gets a leading apostrophe; numbers (a negative difference included) are
 * left as they are.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportTable } from './table.ts';

const NUMBER = /^-?\d+(\.\d+)?$/;

export function spreadsheetSafe(value: unknown): unknown {
  if (typeof value !== 'string' || NUMBER.test(value)) return value;
  return /^[=+\-\u2212@\t\r]/.test(value) ? `'${value}` : value;
}

/** A report table as plain CSV: a header of column keys, one row per line, decimal strings as they are. */
export function tableCsv(table: ReportTable): string {
  return stringify([
    table.columns.map((c) => c.key),
    ...table.rows.map((r) => r.map((v) => spreadsheetSafe(v ?? ''))),
  ]);
}
