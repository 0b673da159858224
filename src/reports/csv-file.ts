/** CSV output: one table is plain CSV; several are not mixed into one file (the caller picks one report). */
import { tableCsv } from '../../reports/shared/csv.ts';
import type { ReportTable } from '../../reports/shared/table.ts';

export function tablesCsvFile(tables: ReportTable[]): string {
  if (tables.length !== 1) throw new Error('CSV holds one table; ask for one report');
  return tableCsv(tables[0]!);
}
