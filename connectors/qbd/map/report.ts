/**
 * The Job Estimates vs Actuals Summary (JobReportQueryRs) → reported_job_totals: QuickBooks' own totals per job,
 * kept so source.report_mismatch can hold tieout's reading of the transactions to QuickBooks' arithmetic.
 * Columns are found by their titles (Est. Cost, Act. Cost, Act. Revenue), not their position; a row names its
 * customer, job or sub-job by full name in RowData, and a sub-job's row is added into its job, as tieout rolls
 * sub-jobs up everywhere else. Rows of customers that are not jobs (an owner with jobs under it) and the total
 * row are left out.
 */
import { Dec } from '../../canonical/money.ts';
import type { SourceRecord } from '../../contract.ts';
import { attr, child, children, type QbNode } from '../qbxml/xml.ts';
import { record } from './documents.ts';
import type { Lookups } from './lookups.ts';

export const JOB_REPORT = 'job_estimates_vs_actuals';

const COLUMNS = {
  cost_to_date: ['act. cost', 'actual cost'],
  estimated_cost: ['est. cost', 'estimated cost'],
  revenue_to_date: ['act. revenue', 'actual revenue'],
} as const;
type Measure = keyof typeof COLUMNS;

function columnIds(report: QbNode): Partial<Record<Measure, string>> {
  const out: Partial<Record<Measure, string>> = {};
  for (const col of children(report, 'ColDesc')) {
    const title = children(col, 'ColTitle')
      .map((t) => attr(t, 'value') ?? '')
      .join(' ')
      .trim()
      .toLowerCase();
    const id = attr(col, 'colID');
    for (const [measure, titles] of Object.entries(COLUMNS) as [Measure, readonly string[]][]) {
      if (id && !out[measure] && titles.includes(title)) out[measure] = id;
    }
  }
  return out;
}

export function jobReportRecords(report: QbNode | undefined, lookups: Lookups, asOf: string): SourceRecord[] {
  if (!report) return [];
  const ids = columnIds(report);
  const sums = new Map<string, { values: Partial<Record<Measure, Dec>>; rows: string[] }>();
  for (const row of children(child(report, 'ReportData'), 'DataRow')) {
    const rowData = child(row, 'RowData');
    if (attr(rowData, 'rowType') !== 'customer') continue;
    const fullName = attr(rowData, 'value');
    const job = lookups.jobOfName(fullName);
    if (!job) continue;
    const sum = sums.get(job) ?? { values: {}, rows: [] };
    sum.rows.push(`${attr(row, 'rowNumber') ?? '?'} (${fullName})`);
    const cells = new Map(children(row, 'ColData').map((c) => [attr(c, 'colID'), attr(c, 'value')]));
    for (const measure of Object.keys(COLUMNS) as Measure[]) {
      const value = ids[measure] ? cells.get(ids[measure]) : undefined;
      if (value === undefined || value === '') continue;
      sum.values[measure] = (sum.values[measure] ?? new Dec(0)).plus(new Dec(value.replaceAll(',', '')));
    }
    sums.set(job, sum);
  }
  return [...sums].map(([job, { values, rows }]) =>
    record(
      {
        report: JOB_REPORT,
        job_id: job,
        as_of: asOf,
        cost_to_date: values.cost_to_date?.toFixed(2) ?? null,
        estimated_cost: values.estimated_cost?.toFixed(2) ?? null,
        revenue_to_date: values.revenue_to_date?.toFixed(2) ?? null,
      },
      `QuickBooks Job Estimates vs Actuals Summary, row ${rows.join(', ')}`,
    ),
  );
}
