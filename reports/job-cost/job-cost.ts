/**
 * The live job cost report for one job (shared/DESIGN.md §6): Procore's standard budget view by cost code ×
 * cost type, with the ERP's posted job-to-date cost beside the PM figure and the variance, projected
 * over/(under), forecast overruns flagged, and the job summary (the totals) on top.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { Dec } from '../../connectors/canonical/money.ts';
import { TieoutError } from '../../connectors/errors.ts';
import { ensureLedger } from '../ledger/ledger.ts';
import { loadReportSql } from '../shared/sql.ts';

type Row = Record<string, string | number | boolean | null>;
const ZERO = new Dec(0);
const d = (v: unknown): Dec => (v === null || v === undefined ? ZERO : new Dec(String(v)));
const dn = (v: unknown): Dec | null => (v === null || v === undefined ? null : new Dec(String(v)));

export const JOB_COST_AMOUNTS = [
  'originalBudget',
  'approvedChanges',
  'revisedBudget',
  'pendingChanges',
  'projectedBudget',
  'committedCost',
  'directCost',
  'jobToDateCost',
  'pendingCostChanges',
  'projectedCost',
  'forecastToComplete',
  'estimatedCostAtCompletion',
  'projectedOverUnder',
  'erpPostedCost',
  'variance',
] as const;
export type JobCostAmount = (typeof JOB_COST_AMOUNTS)[number];

export interface JobCostLine extends Record<JobCostAmount, Dec> {
  /** The line's cost code as the PM knows it (the PM codes on the line, else the ERP's). */
  costCode: string;
  /** The ERP's code(s) on the same line ('' when the books have none there). */
  erpCostCode: string;
  costType: string;
  onBudget: boolean;
  /** Estimated cost at completion above the projected budget: the early warning. */
  overrun: boolean;
}

export interface JobCostReport {
  asOf: string;
  company: { id: string; name: string };
  job: { jobId: string; number: string; name: string; status: string; pmJobId: string | null };
  lines: JobCostLine[];
  totals: Record<JobCostAmount, Dec>;
  overrunLines: number;
  notes: string[];
}

export class JobNotFound extends TieoutError {
  constructor(number: string) {
    super(
      'not_found',
      'job_not_found',
      `no job numbered "${number}" in the books of this snapshot; check the number (tieout report wip lists them)`,
    );
  }
}

/** The ERP job a report is for and its linked PM job (the same for every as-of date of one snapshot). */
export interface JobCostJob {
  job_id: string;
  number: string;
  name: string;
  status: string | null;
  pm_job_id: string | null;
  link_candidates: number | string;
}

export async function findJobCostJob(con: DuckDBConnection, jobNumber: string): Promise<JobCostJob> {
  await ensureLedger(con);
  const header = await queryRows<JobCostJob>(con, loadReportSql(import.meta.url, './job-header.sql'), {
    number: jobNumber,
  });
  const job = header[0];
  if (!job) throw new JobNotFound(jobNumber);
  return job;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The rows job-cost-lines.sql returns (one per line) and the facts of job-cost-notes.sql. */
export type JobCostRow = Row;
export interface JobCostFacts {
  invoices_spread: number;
  invoices_unallocated: number;
  pending_cos_without_lines: number;
  pm_committed_lines: number;
}

const FIGURES_MACRO = loadReportSql(import.meta.url, './figures.sql');
const figuresReady = new WeakSet<DuckDBConnection>();

/** Makes the ledger and the job cost figures (figures.sql) readable on this connection. */
export async function ensureJobCostFigures(con: DuckDBConnection): Promise<void> {
  await ensureLedger(con);
  if (figuresReady.has(con)) return;
  await con.run(FIGURES_MACRO);
  figuresReady.add(con);
}

/**
 * The job cost report of one job as of a date, every amount read through the ledger (reports/ledger): its
 * lines are the ledger's cost-code keys, its PM job-to-date is what jobcost.mismatch compares, its ERP posted
 * cost is the ledger's. `job` may be passed when the caller already found it in the same snapshot. The same
 * report comes from memory through figures.ts.
 */
export async function buildJobCostReport(
  con: DuckDBConnection,
  params: JobCostParams,
  found?: JobCostJob,
): Promise<JobCostReport> {
  const job = found ?? (await findJobCostJob(con, params.jobNumber));
  await ensureJobCostFigures(con);
  const pmJobId = job.pm_job_id === null ? null : String(job.pm_job_id);
  const bind = { erp_job_id: String(job.job_id), pm_job_id: pmJobId, as_of: params.asOf };
  const rows = await queryRows<Row>(con, loadReportSql(import.meta.url, './job-cost-lines.sql'), bind);
  const [facts] = await queryRows<Row>(con, loadReportSql(import.meta.url, './job-cost-notes.sql'), {
    pm_job_id: pmJobId,
    as_of: params.asOf,
  });
  const n = (k: string) => Number(facts?.[k] ?? 0);
  return assembleJobCostReport(job, params, rows, {
    invoices_spread: n('invoices_spread'),
    invoices_unallocated: n('invoices_unallocated'),
    pending_cos_without_lines: n('pending_cos_without_lines'),
    pm_committed_lines: n('pm_committed_lines'),
  });
}

export interface JobCostParams {
  asOf: string;
  company: { id: string; name: string };
  jobNumber: string;
  snapshotNote?: string;
}

/** The report from its lines' figures and facts, whichever way they were summed (SQL or memory). */
export function assembleJobCostReport(
  job: JobCostJob,
  params: JobCostParams,
  rows: JobCostRow[],
  facts: JobCostFacts,
): JobCostReport {
  const pmJobId = job.pm_job_id === null ? null : String(job.pm_job_id);
  const lines: JobCostLine[] = rows.map((r) => {
    const originalBudget = d(r.original_budget);
    const approvedChanges = d(r.approved_changes);
    // The ledger decides the revised budget (ledger_budget); a line off the budget has none.
    const revisedBudget = d(r.revised_budget);
    const pendingChanges = d(r.pending_changes);
    const projectedBudget = revisedBudget.plus(pendingChanges);
    const committedCost = d(r.committed_cost);
    const directCost = d(r.direct_cost);
    const jobToDateCost = d(r.approved_direct_cost).plus(d(r.subcontractor_invoices));
    const pendingCostChanges = d(r.pending_cost_changes);
    const projectedCost = committedCost.plus(directCost).plus(pendingCostChanges);
    const forecastToComplete = dn(r.forecast_to_complete) ?? Dec.max(projectedBudget.minus(projectedCost), 0);
    // A PM estimate on every budget line of the key is the estimate; otherwise projected cost plus forecast.
    const estimatedCostAtCompletion =
      r.eac_on_every_line && dn(r.estimated_cost_at_completion) !== null
        ? d(r.estimated_cost_at_completion)
        : projectedCost.plus(forecastToComplete);
    const projectedOverUnder = projectedBudget.minus(estimatedCostAtCompletion);
    const erpPostedCost = d(r.erp_posted_cost);
    const keyCode = String(r.key_code ?? '');
    const pmCodes = String(r.pm_codes ?? '');
    const erpCodes = String(r.erp_codes ?? '');
    return {
      costCode: keyCode === '' ? '(no cost code)' : pmCodes || erpCodes,
      erpCostCode: keyCode === '' ? '' : erpCodes,
      costType: String(r.cost_type ?? ''),
      onBudget: Boolean(r.on_budget),
      overrun: projectedOverUnder.lt(0),
      originalBudget,
      approvedChanges,
      revisedBudget,
      pendingChanges,
      projectedBudget,
      committedCost,
      directCost,
      jobToDateCost,
      pendingCostChanges,
      projectedCost,
      forecastToComplete,
      estimatedCostAtCompletion,
      projectedOverUnder,
      erpPostedCost,
      variance: jobToDateCost.minus(erpPostedCost),
    };
  });
  const totals = Object.fromEntries(
    JOB_COST_AMOUNTS.map((a) => [a, lines.reduce((s, l) => s.plus(l[a]), ZERO)]),
  ) as Record<JobCostAmount, Dec>;
  const notes: string[] = [];
  if (params.snapshotNote) notes.push(params.snapshotNote);
  if (pmJobId === null) {
    notes.push(
      Number(job.link_candidates) > 1
        ? `${job.link_candidates} PM jobs share this job's number and none is linked to it: only the ERP posted cost is shown. Link one (map_jobs) to compare.`
        : 'No linked PM job: only the ERP posted cost is shown.',
    );
  }
  const n = (k: keyof JobCostFacts) => facts[k];
  if (n('invoices_spread'))
    notes.push(
      `${plural(n('invoices_spread'), 'subcontractor invoice', 'subcontractor invoices')} without lines spread over their commitment's lines pro rata, to the cent.`,
    );
  if (n('invoices_unallocated'))
    notes.push(
      `${plural(n('invoices_unallocated'), 'subcontractor invoice', 'subcontractor invoices')} without lines or commitment lines shown on (no cost code).`,
    );
  if (n('pending_cos_without_lines'))
    notes.push(
      `${plural(n('pending_cos_without_lines'), 'pending commitment change order', 'pending commitment change orders')} without lines spread over the lines of the commitment they change (or shown on (no cost code)).`,
    );
  if (pmJobId !== null && n('pm_committed_lines') === 0)
    notes.push('Committed cost derived from approved commitments: the PM budget gives no committed column.');
  const offBudget = lines.filter((l) => !l.onBudget).length;
  if (offBudget && pmJobId !== null)
    notes.push(`${offBudget} cost code × cost type line(s) carry cost but are not on the PM budget.`);
  return {
    asOf: params.asOf,
    company: params.company,
    job: {
      jobId: String(job.job_id),
      number: String(job.number),
      name: String(job.name),
      status: String(job.status),
      pmJobId,
    },
    lines,
    totals,
    overrunLines: lines.filter((l) => l.overrun).length,
    notes,
  };
}
