/**
 * A report as tables of edge values (decimal strings already rounded once), the shape every renderer takes:
 * query → numbers → tables → CSV / XLSX / PDF / HTML, the format picked by the caller.
 */
export type CellKind = 'text' | 'money' | 'ratio' | 'date' | 'points' | 'flag';

export interface TableColumn {
  key: string;
  label: string;
  kind: CellKind;
  /** Relative width in the PDF (1 = a money column). */
  width?: number;
}

export interface ReportTable {
  /** Sheet name in XLSX (≤ 31 characters) and section title in the PDF. */
  name: string;
  title: string;
  columns: TableColumn[];
  rows: (string | null)[][];
  /** The totals row (sums of unrounded values, rounded once); blank cells where a total means nothing. */
  totals?: (string | null)[];
  /** Rows to highlight (loss jobs, fades, overruns), by index. */
  highlight?: number[];
  notes?: string[];
}

export interface ReportHeader {
  title: string;
  company: string;
  asOf: string;
  lines: string[];
}
