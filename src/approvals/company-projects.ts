/**
 * A company's Procore projects and the jobs they are, from its latest published snapshot. A person's proposal
 * is checked against this list (payload-scope.ts), so a project no finding names is still known: one that is no
 * job of the company is refused, and a pm's on a job not assigned to them. The snapshot is read (async, DuckDB)
 * before the proposal's transaction opens.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { ensureLedger } from '../../reports/ledger/ledger.ts';
import { loadReportSql } from '../../reports/shared/sql.ts';
import type { StoreDb } from '../store/db.ts';
import { currentSnapshot, type SnapshotRow } from '../store/runs.ts';

export interface CompanyProjects {
  companyId: string;
  /** The snapshot the list was read from (named in refusals). */
  snapshot: Pick<SnapshotRow, 'id' | 'takenAt'>;
  /** Procore project id → job number. */
  jobOf: Map<string, string>;
}

/** Opens a snapshot read-only for one read (the API's snapshot cache, or a one-off open on the command line). */
export type SnapshotReader = <T>(
  snapshot: SnapshotRow,
  fn: (con: DuckDBConnection) => Promise<T>,
) => Promise<T>;

const SQL = loadReportSql(import.meta.url, './company-projects.sql');

/** The company's projects in its current snapshot; null when it has none yet. */
export async function readCompanyProjects(
  db: StoreDb,
  read: SnapshotReader,
  companyId: string,
): Promise<CompanyProjects | null> {
  const snapshot = currentSnapshot(db, companyId);
  if (!snapshot) return null;
  const rows = await read(snapshot, async (con) => {
    await ensureLedger(con);
    return queryRows<{ project_id: string; job_number: string }>(con, SQL);
  });
  return {
    companyId,
    snapshot: { id: snapshot.id, takenAt: snapshot.takenAt },
    jobOf: new Map(rows.map((r) => [String(r.project_id), String(r.job_number)])),
  };
}
