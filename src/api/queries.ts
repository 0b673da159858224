/** Reads shared by API handlers and pages: the company summary and the jobs of the current snapshot. */
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { jobCostReportFromFigures } from '../../reports/job-cost/figures.ts';
import type { JobCostReport } from '../../reports/job-cost/job-cost.ts';
import { ensureLedger } from '../../reports/ledger/ledger.ts';
import { loadReportSql } from '../../reports/shared/sql.ts';
import type { CompanyConfig } from '../config/schema.ts';
import { assertWipColumn, jobCostLineage, type Lineage, wipLineage } from '../reports/lineage.ts';
import type { StoreDb } from '../store/db.ts';
import { currentSnapshot, lastRun, type SnapshotRow } from '../store/runs.ts';
import type { SnapshotCache } from './snapshots.ts';

export interface JobListing {
  jobId: string;
  number: string;
  name: string;
  status: string | null;
  pmJobId: string | null;
}

export function companySummary(db: StoreDb, company: CompanyConfig) {
  const snap = currentSnapshot(db, company.id);
  const run = lastRun(db, company.id);
  return {
    id: company.id,
    name: company.name,
    timezone: company.timezone,
    currentSnapshot: snap ? { id: snap.id, takenAt: snap.takenAt } : null,
    lastRun: run
      ? { id: run.id, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt }
      : null,
  };
}

const JOBS_SQL = loadReportSql(import.meta.url, './jobs.sql');

export async function loadJobs(
  cache: SnapshotCache,
  companyId: string,
  only: Set<string> | null,
): Promise<JobListing[]> {
  const snap = cache.current(companyId);
  const rows = await cache.withConnection(snap, async (con) => {
    await ensureLedger(con);
    return queryRows<{
      job_id: string;
      number: string;
      name: string;
      status: string | null;
      pm_job_id: string | null;
    }>(con, JOBS_SQL);
  });
  return rows
    .filter((r) => only === null || only.has(r.number))
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
    .map((r) => ({
      jobId: r.job_id,
      number: r.number,
      name: r.name,
      status: r.status,
      pmJobId: r.pm_job_id,
    }));
}

/**
 * The job cost report of one job from one snapshot (kept per snapshot, job and as-of date), summed from the
 * job's figures kept in memory for the snapshot (reports/job-cost/figures.ts): a first look at a job or a
 * date costs no query once the snapshot's figures are loaded.
 */
export function jobCostReport(
  cache: SnapshotCache,
  snapshot: SnapshotRow,
  company: CompanyConfig,
  jobNumber: string,
  asOf: string,
  snapshotNote: string | null = null,
): Promise<JobCostReport> {
  return cache.memo(snapshot, `job-cost\u0000${jobNumber}\u0000${asOf}`, async () =>
    jobCostReportFromFigures(await cache.jobCostFigures(snapshot, jobNumber), {
      asOf,
      company: { id: company.id, name: company.name },
      jobNumber,
      ...(snapshotNote ? { snapshotNote } : {}),
    }),
  );
}

/** The documents behind one total of a job's cost report, from the snapshot the report is read from. */
export async function jobCostLines(
  cache: SnapshotCache,
  company: CompanyConfig,
  jobNumber: string,
  asOf: string,
  column: string,
): Promise<Lineage> {
  const { snapshot, note } = cache.asOf(company, asOf);
  const report = await jobCostReport(cache, snapshot, company, jobNumber, asOf, note);
  return jobCostLineage(report, snapshot, (fn) => cache.withConnection(snapshot, fn), column);
}

/** The documents behind one WIP figure, from the WIP the server keeps for the date and its snapshot. */
export async function wipLines(
  cache: SnapshotCache,
  company: CompanyConfig,
  params: { asOf: string; jobNumber: string; column: string },
  gate: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<Lineage> {
  assertWipColumn(params.column);
  const computation = await cache.wip(company, params.asOf, gate);
  return wipLineage(computation, company, params, (fn) => cache.withConnection(computation.snapshot, fn));
}
