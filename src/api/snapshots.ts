/**
 * Read-only access to a company's current snapshot for the API. Published snapshot files are immutable, so
 * one DuckDB instance per file is kept open (a few, least recently used first out) and each request gets its
 * own connection; opening a file per request would cost more than the query.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import type { Runtime } from '../runtime.ts';
import { absoluteSnapshotPath } from '../snapshot/paths.ts';
import { currentSnapshot, type SnapshotRow } from '../store/runs.ts';
import { ApiError } from './errors.ts';

const KEEP_OPEN = 8;

export class SnapshotCache {
  private readonly open = new Map<string, Promise<DuckDBInstance>>();

  constructor(private readonly runtime: Runtime) {}

  current(companyId: string): SnapshotRow {
    const snap = currentSnapshot(this.runtime.store.db, companyId);
    if (!snap) {
      throw new ApiError(
        'not_found',
        'no_snapshot',
        `no snapshot of ${companyId} yet: an admin can take one with POST /api/companies/${companyId}/snapshots`,
      );
    }
    return snap;
  }

  async withConnection<T>(snapshot: SnapshotRow, fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const file = absoluteSnapshotPath(this.runtime.config.dataDir, snapshot.path);
    let pending = this.open.get(file);
    if (pending) {
      this.open.delete(file);
    } else {
      pending = openDuckDb(file, { readOnly: true });
      pending.catch(() => this.open.delete(file));
    }
    this.open.set(file, pending); // most recently used last
    this.evict();
    let instance: DuckDBInstance;
    try {
      instance = await pending;
    } catch (e) {
      throw new ApiError(
        'unavailable',
        'snapshot_missing',
        `cannot open snapshot ${snapshot.path}: ${(e as Error).message}`,
      );
    }
    const con = await instance.connect();
    try {
      return await fn(con);
    } finally {
      con.closeSync();
    }
  }

  private evict(): void {
    while (this.open.size > KEEP_OPEN) {
      const [file, oldest] = this.open.entries().next().value as [string, Promise<DuckDBInstance>];
      this.open.delete(file);
      // Give requests still using it a moment; a retention-deleted file must not stay open for ever.
      oldest.then(
        (i) => setTimeout(() => i.closeSync(), 30_000).unref(),
        () => undefined,
      );
    }
  }

  close(): void {
    for (const p of this.open.values())
      p.then(
        (i) => i.closeSync(),
        () => undefined,
      );
    this.open.clear();
  }
}
