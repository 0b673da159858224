/**
 * The live job cost report for one job (shared/DESIGN.md §6): Procore's standard budget view by cost code ×
 * cost type, with the ERP's posted job-to-date cost beside the PM figure and the variance, projected
 * over/(under), forecast overruns flagged, and the job summary (the totals) on top.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { Dec } from '../../connectors/canonical/money.ts';
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
  costCode: string;
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

export class JobNotFound extends Error {
  readonly code = 'job_not_found';
  constructor(number: string) {
    super(
      `no job numbered "${number}" in the books of this snapshot; check the number (tieout report wip lists them)`,
    );
  }
}

interface InvoiceRow {
  invoice_id: string;
  basis: 'line' | 'pro_rata' | 'unallocated';
  cost_code: string | null;
  cost_type: string | null;
  amount: string;
  weight: string | null;
}

/** Approved subcontractor invoices by cost code × cost type, spreading unlined invoices pro rata. */
export function subInvoiceCost(rows: InvoiceRow[]): {
  byLine: Map<string, Dec>;
  spread: number;
  unallocated: number;
} {
  const byLine = new Map<string, Dec>();
  const add = (code: string, type: string, v: Dec) => {
    const k = `${code}\u0000${type}`;
    byLine.set(k, (byLine.get(k) ?? ZERO).plus(v));
  };
  const weights = new Map<string, Dec>();
  for (const r of rows)
    if (r.basis === 'pro_rata')
      weights.set(r.invoice_id, (weights.get(r.invoice_id) ?? ZERO).plus(d(r.weight)));
  const spreadIds = new Set<string>();
  const unallocatedIds = new Set<string>();
  for (const r of rows) {
    if (r.basis === 'line') add(r.cost_code ?? '', r.cost_type ?? '', d(r.amount));
    else if (r.basis === 'pro_rata') {
      const total = weights.get(r.invoice_id) ?? ZERO;
      spreadIds.add(r.invoice_id);
      if (total.isZero()) continue;
      add(r.cost_code ?? '', r.cost_type ?? '', d(r.amount).times(d(r.weight)).div(total));
    } else {
      unallocatedIds.add(r.invoice_id);
      add('(unallocated)', '', d(r.amount));
    }
  }
  return { byLine, spread: spreadIds.size, unallocated: unallocatedIds.size };
}

/** The ERP job a report is for and its linked PM job (the same for every as-of date of one snapshot). */
export interface JobCostJob {
  job_id: string;
  number: string;
  name: string;
  status: string | null;
  pm_job_id: string | null;
}

export async function findJobCostJob(con: DuckDBConnection, jobNumber: string): Promise<JobCostJob> {
  const header = await queryRows<JobCostJob>(con, loadReportSql(import.meta.url, './job-header.sql'), {
    number: jobNumber,
  });
  const job = header[0];
  if (!job) throw new JobNotFound(jobNumber);
  return job;
}

/**
 * The job cost report of one job as of a date. `job` may be passed when the caller already found it in the
 * same snapshot (findJobCostJob), to skip looking it up again.
 */
export async function buildJobCostReport(
  con: DuckDBConnection,
  params: { asOf: string; company: { id: string; name: string }; jobNumber: string },
  found?: JobCostJob,
): Promise<JobCostReport> {
  const job = found ?? (await findJobCostJob(con, params.jobNumber));
  const pmJobId = job.pm_job_id === null ? null : String(job.pm_job_id);
  const rows = await queryRows<Row>(con, loadReportSql(import.meta.url, './job-cost-lines.sql'), {
    erp_job_id: String(job.job_id),
    pm_job_id: pmJobId,
    as_of: params.asOf,
  });
  const invoices = await queryRows<InvoiceRow>(
    con,
    loadReportSql(import.meta.url, './job-cost-invoices.sql'),
    { pm_job_id: pmJobId, as_of: params.asOf },
  );
  const subs = subInvoiceCost(invoices);

  const keyed = new Map<string, Row>();
  for (const r of rows) keyed.set(`${r.cost_code}\u0000${r.cost_type}`, r);
  for (const k of subs.byLine.keys()) {
    if (!keyed.has(k)) {
      const [code, type] = k.split('\u0000');
      keyed.set(k, { cost_code: code ?? '', cost_type: type ?? '', on_budget: false });
    }
  }
  const lines: JobCostLine[] = [...keyed.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, r]) => {
      const originalBudget = d(r.original_budget);
      const approvedChanges = d(r.approved_changes);
      const revisedBudget = dn(r.revised_budget) ?? originalBudget.plus(approvedChanges);
      const pendingChanges = d(r.pending_changes);
      const projectedBudget = revisedBudget.plus(pendingChanges);
      const committedCost = d(r.committed_cost);
      const directCost = d(r.direct_cost);
      const jobToDateCost = d(r.approved_direct_cost).plus(subs.byLine.get(k) ?? ZERO);
      const pendingCostChanges = d(r.pending_cost_changes);
      const projectedCost = committedCost.plus(directCost).plus(pendingCostChanges);
      const forecastToComplete =
        dn(r.forecast_to_complete) ?? Dec.max(projectedBudget.minus(projectedCost), 0);
      const estimatedCostAtCompletion =
        dn(r.estimated_cost_at_completion) ?? projectedCost.plus(forecastToComplete);
      const projectedOverUnder = projectedBudget.minus(estimatedCostAtCompletion);
      const erpPostedCost = d(r.erp_posted_cost);
      return {
        costCode: String(r.cost_code),
        costType: String(r.cost_type),
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
  if (job.pm_job_id === null) notes.push('No linked PM job: only the ERP posted cost is shown.');
  if (subs.spread)
    notes.push(
      `${subs.spread} subcontractor invoice(s) without lines spread over their commitment's lines pro rata.`,
    );
  if (subs.unallocated)
    notes.push(
      `${subs.unallocated} subcontractor invoice(s) without lines or commitment lines shown as (unallocated).`,
    );
  const offBudget = lines.filter((l) => !l.onBudget).length;
  if (offBudget)
    notes.push(`${offBudget} cost code × cost type line(s) carry cost but are not on the PM budget.`);
  return {
    asOf: params.asOf,
    company: params.company,
    job: {
      jobId: String(job.job_id),
      number: String(job.number),
      name: String(job.name),
      status: String(job.status),
      pmJobId: job.pm_job_id === null ? null : String(job.pm_job_id),
    },
    lines,
    totals,
    overrunLines: lines.filter((l) => l.overrun).length,
    notes,
  };
}
