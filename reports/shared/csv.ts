/** A report table as plain CSV: a header of column keys, one row per line, decimal strings as they are. */
import { stringify } from 'csv-stringify/sync';
import type { ReportTable } from './table.ts';

export function tableCsv(table: ReportTable): string {
  return stringify([table.columns.map((c) => c.key), ...table.rows.map((r) => r.map((v) => v ?? ''))]);
}
