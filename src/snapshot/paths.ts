/**
 * Every path of a snapshot file is built here and nowhere else, so snapshots can later move to object
 * storage by changing one module. Layout: `<data dir>/<company>/snapshots/<UTC timestamp>.duckdb`.
 */
import path from 'node:path';
import { fileTimestamp } from '../../connectors/canonical/dates.ts';

export function snapshotDir(dataDir: string, companyId: string): string {
  return path.join(dataDir, companyId, 'snapshots');
}

/** Path relative to the data directory, as stored in the registry. */
export function snapshotRelativePath(companyId: string, takenAt: Date): string {
  return path.join(companyId, 'snapshots', `${fileTimestamp(takenAt)}.duckdb`);
}

export function absoluteSnapshotPath(dataDir: string, relativePath: string): string {
  return path.join(dataDir, relativePath);
}

/** The file a run writes before it is published: hidden, and named after the run. */
export function temporarySnapshotPath(dataDir: string, companyId: string, runId: string): string {
  return path.join(snapshotDir(dataDir, companyId), `.run-${runId}.duckdb.tmp`);
}

/** The folder where a run stages validated rows for DuckDB to load (removed when the run ends). */
export function stagingPath(dataDir: string, companyId: string, runId: string): string {
  return path.join(snapshotDir(dataDir, companyId), `.run-${runId}.stage`);
}

/** A run's temporary snapshot file, its WAL, or its staging folder. */
export function isTemporarySnapshotFile(name: string): boolean {
  return (
    name.startsWith('.run-') &&
    (name.endsWith('.duckdb.tmp') || name.endsWith('.duckdb.tmp.wal') || name.endsWith('.stage'))
  );
}
