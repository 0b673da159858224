/**
 * Wires a figure's drill-down: the WIP (computed as the report is, from the same snapshot: the pinned one for
 * a closed period) or the job cost report gives the figure, reports/lineage lists the documents behind it from
 * that snapshot, and both go out together with whether they tie.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Dec } from '../../connectors/canonical/money.ts';
import { TieoutError } from '../../connectors/errors.ts';
import type { JobCostReport } from '../../reports/job-cost/job-cost.ts';
import { JOB_COST_AMOUNTS } from '../../reports/job-cost/job-cost.ts';
import {
  JOB_COST_LINEAGE,
  type LineageColumn,
  WIP_LINEAGE_KEYS,
  wipLineageColumn,
} from '../../reports/lineage/columns.ts';
import {
  jobCostLineageRows,
  type LineageDocument,
  type LineageRows,
  wipLineageRows,
} from '../../reports/lineage/lineage.ts';
import { WIP_COLUMNS } from '../../reports/wip/columns.ts';
import type { CompanyConfig } from '../config/schema.ts';
import type { SnapshotRow } from '../store/runs.ts';
import type { WipComputation } from './wip-inputs.ts';

export class UnknownFigure extends TieoutError {
  constructor(message: string) {
    super('not_found', 'figure_not_found', message);
    this.name = 'UnknownFigure';
  }
}

export interface Lineage {
  report: 'wip' | 'job_cost';
  as_of: string;
  snapshot: { id: string; taken_at: string };
  company: { id: string; name: string };
  job: { number: string; name: string; job_id: string; pm_job_id: string | null };
  column: { key: string; label: string };
  figure: string | null;
  kind: 'rows' | 'derived';
  formula: string | null;
  inputs: { column: string; label: string; figure: string | null }[];
  lines_total: string | null;
  ties: boolean | null;
  documents: ReturnType<typeof documentJson>[];
}

function documentJson(d: LineageDocument) {
  return {
    side: d.side,
    measure: d.measure,
    sign: d.sign,
    amount: d.amount,
    counts_from: d.countsFrom,
    cost_code: d.costCode,
    cost_type: d.costType,
    table: d.table,
    document_id: d.documentId,
    line_id: d.lineId,
    number: d.number,
    status: d.status,
    date: d.date,
    description: d.description,
    source_ref: d.sourceRef,
    document_ref: d.documentRef,
    other_side: d.other
      ? {
          side: d.other.side,
          table: d.other.table,
          document_id: d.other.documentId,
          number: d.other.number,
          source_ref: d.other.sourceRef,
        }
      : null,
    raw_payload: d.raw,
  };
}

const money = (v: Dec | string | null | undefined): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : v.toFixed(2);

function assemble(
  base: Omit<Lineage, 'kind' | 'formula' | 'inputs' | 'lines_total' | 'ties' | 'documents'>,
  column: LineageColumn,
  rows: LineageRows | null,
  inputFigure: (key: string) => { label: string; figure: string | null },
): Lineage {
  const total = rows ? rows.total.toFixed(2) : null;
  return {
    ...base,
    kind: column.kind,
    formula: column.kind === 'derived' ? column.formula : null,
    inputs: column.kind === 'derived' ? column.inputs.map((k) => ({ column: k, ...inputFigure(k) })) : [],
    lines_total: total,
    ties: rows ? base.figure !== null && new Dec(base.figure).eq(rows.total) : null,
    documents: rows ? rows.documents.map(documentJson) : [],
  };
}

const snapshotOf = (s: SnapshotRow) => ({ id: s.id, taken_at: s.takenAt });

/** Refuses a column of the WIP without a drill-down, naming the ones that have one. */
export function assertWipColumn(column: string): void {
  if (!WIP_COLUMNS.some((c) => c.key === column) || !WIP_LINEAGE_KEYS.includes(column)) {
    throw new UnknownFigure(
      `"${column}" is not a figure of the WIP; columns with a drill-down: ${WIP_LINEAGE_KEYS.join(', ')}`,
    );
  }
}

/**
 * The drill-down of one WIP figure (job number × column key, as in the WIP's JSON) from a WIP computation
 * (computeWip, or the server's cache of it) and a connection to the snapshot it was computed from.
 */
export async function wipLineage(
  computation: WipComputation,
  company: CompanyConfig,
  params: { asOf: string; jobNumber: string; column: string },
  withConnection: <T>(fn: (con: DuckDBConnection) => Promise<T>) => Promise<T>,
): Promise<Lineage> {
  assertWipColumn(params.column);
  const spec = WIP_COLUMNS.find((c) => c.key === params.column)!;
  const { schedule, snapshot } = computation;
  const line = [...schedule.jobs, ...schedule.completedJobs].find((l) => l.jobNumber === params.jobNumber);
  if (!line) {
    throw new UnknownFigure(
      `no job numbered "${params.jobNumber}" on the WIP of ${company.id} as of ${params.asOf}; check the number (the WIP lists its jobs)`,
    );
  }
  let column = wipLineageColumn(params.column, line.eacSource) as LineageColumn;
  if (params.column === 'contract_amount' && line.override?.contractAmount) {
    column = {
      kind: 'derived',
      formula: 'a controller override for the period',
      inputs: ['original_contract', 'approved_change_orders'],
    };
  }
  const rows =
    column.kind === 'rows'
      ? await withConnection((con) => wipLineageRows(con, params.asOf, line.jobId, column))
      : null;
  const figureOf = (key: string) => {
    const c = WIP_COLUMNS.find((x) => x.key === key);
    const v = c?.value(line);
    return { label: c?.label ?? key, figure: v === null || v === undefined ? null : money(v as Dec) };
  };
  return assemble(
    {
      report: 'wip',
      as_of: params.asOf,
      snapshot: snapshotOf(snapshot),
      company: { id: company.id, name: company.name },
      job: { number: line.jobNumber, name: line.jobName, job_id: line.jobId, pm_job_id: line.pmJobId },
      column: { key: spec.key, label: spec.label },
      figure: figureOf(spec.key).figure,
    },
    column,
    rows,
    figureOf,
  );
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const JOB_COST_LABELS: Record<string, string> = Object.fromEntries(
  Object.keys(JOB_COST_LINEAGE).map((k) => [k, k.replace(/_/g, ' ')]),
);

/** The drill-down of one job cost report total: column key as in the report's JSON. */
export async function jobCostLineage(
  report: JobCostReport,
  snapshot: SnapshotRow,
  withConnection: <T>(fn: (con: DuckDBConnection) => Promise<T>) => Promise<T>,
  columnKey: string,
): Promise<Lineage> {
  const column = JOB_COST_LINEAGE[columnKey];
  const amount = camel(columnKey) as (typeof JOB_COST_AMOUNTS)[number];
  if (!column || !JOB_COST_AMOUNTS.includes(amount)) {
    throw new UnknownFigure(
      `"${columnKey}" is not a column of the job cost report; columns: ${Object.keys(JOB_COST_LINEAGE).join(', ')}`,
    );
  }
  const rows =
    column.kind === 'rows'
      ? await withConnection((con) =>
          jobCostLineageRows(
            con,
            report.asOf,
            { erpJobId: report.job.jobId, pmJobId: report.job.pmJobId },
            column,
          ),
        )
      : null;
  const figureOf = (key: string) => ({
    label: JOB_COST_LABELS[key] ?? key,
    figure: money(report.totals[camel(key) as (typeof JOB_COST_AMOUNTS)[number]]),
  });
  return assemble(
    {
      report: 'job_cost',
      as_of: report.asOf,
      snapshot: snapshotOf(snapshot),
      company: report.company,
      job: {
        number: report.job.number,
        name: report.job.name,
        job_id: report.job.jobId,
        pm_job_id: report.job.pmJobId,
      },
      column: { key: columnKey, label: figureOf(columnKey).label },
      figure: figureOf(columnKey).figure,
    },
    column,
    rows,
    figureOf,
  );
}
