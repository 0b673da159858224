/**
 * Reconciliation: runs every check of the catalogue (DESIGN §5) over an open snapshot and returns findings.
 *
 * How the snapshot path calls it, after publishing a snapshot:
 *
 *   const instance = await openDuckDb(snapshotFile, { readOnly: true });
 *   const con = await instance.connect();
 *   const findings = await reconcile({ con, settings, takenAt, companyId, snapshotId });
 *   recordFindings(store.db, { companyId, snapshotId, takenAt, findings });   // src/store/findings.ts
 *
 * - `con` is a connection to the snapshot (read-only is fine: the run builds TEMP tables only).
 * - `settings` is the company's CompanySettings (tolerances, staleAfterHours, approvalStaleDays,
 *   estimateSource); the mappings in force are the snapshot's map_* tables, not the settings.
 * - `sides` (optional) says how old each side's data is or why it failed; when absent it is read from
 *   the snapshot's `sources` table. A side missing, failed or whose data is older than `staleAfterHours`
 *   makes `source.stale` the only finding. Checks that need a table a side does not export
 *   (settings.tablesNotExported) are skipped (`skippedChecks`); findings of checks that need a table a side
 *   did not deliver say so.
 * - A run that failed before publishing calls `staleFindingForFailedRun` and records that finding instead.
 *
 * `diffFindings(previous, current)` gives the drift between two snapshots' findings.
 */
export { CHECK_IDS, CHECKS, type CheckId, type CheckSpec, type Severity } from './catalogue.ts';
export { type DriftEntry, type DriftState, diffFindings } from './drift.ts';
export { type ReconcileInput, reconcile } from './runner.ts';
export { staleFindingForFailedRun } from './stale.ts';
export type { AppliedTolerance, Finding, SourceDocument } from './types.ts';

export interface SideStatus {
  side: 'pm' | 'erp';
  system: string | null;
  /** UTC ISO instant the side's read finished; null when unknown. */
  finishedAt: string | null;
  /**
   * UTC ISO instant the side's DATA is as of (newest file, export stamp, the API's own as-of, the last complete
   * session of a polled system); staleness is measured from this. Absent (older snapshots): finishedAt.
   */
  dataAsOf?: string | null;
  /** How dataAsOf was established, for people ("payables.csv, the newest file in …, was modified …"). */
  dataAsOfDetail?: string | null;
  /** Expected tables the side did not deliver (read as no records). */
  tablesMissing?: readonly string[];
  /** Why the side failed, when it did. */
  failed?: string | null;
}
