/**
 * Read-only access to a company's current snapshot for the API. Published snapshot files are immutable, so
 * one DuckDB instance per file is kept open (a few, least recently used first out) and each request gets its
 * own connection (a pool would save nothing: connecting costs ~0.05 ms, and connections of one instance run
 * their queries at the same time); opening a file per request would cost more than the query.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { type JobCostFigures, loadJobCostFigures } from '../../reports/job-cost/figures.ts';
import { findJobCostJob } from '../../reports/job-cost/job-cost.ts';
import { type AsOfSnapshot, snapshotForAsOf } from '../reports/as-of.ts';
import type { Runtime } from '../runtime.ts';
import { absoluteSnapshotPath } from '../snapshot/paths.ts';
import type { SnapshotRow } from '../store/runs.ts';
import { ApiError } from './errors.ts';
import { storeReads } from './store-reads.ts';

const KEEP_OPEN = 8;
const KEEP_RESULTS = 500;
/** Snapshots whose jobs' cost figures are kept in memory (the current ones of a few companies). */
const KEEP_FIGURES = 4;

export class SnapshotCache {
  private readonly open = new Map<string, Promise<DuckDBInstance>>();
  private readonly results = new Map<string, Promise<unknown>>();
  /** Per snapshot id, per job number: the job's cost figures (reports/job-cost/figures.ts). */
  private readonly figures = new Map<string, Map<string, Promise<JobCostFigures>>>();
  private closed = false;

  constructor(private readonly runtime: Runtime) {}

  current(companyId: string): SnapshotRow {
    const snap = storeReads(this.runtime.store).currentSnapshot(companyId);
    if (!snap) {
      throw new ApiError(
        'not_found',
        'no_snapshot',
        `no snapshot of ${companyId} yet: an admin can take one with POST /api/companies/${companyId}/snapshots`,
      );
    }
    this.figuresOf(snap);
    return snap;
  }

  private figuresOf(snapshot: SnapshotRow): Map<string, Promise<JobCostFigures>> {
    let jobs = this.figures.get(snapshot.id);
    if (!jobs) {
      // A snapshot seen for the first time (just published, or the server just started): every job's figures
      // are loaded in the background, so the first look at a job is answered from memory.
      jobs = new Map();
      this.figures.set(snapshot.id, jobs);
      while (this.figures.size > KEEP_FIGURES)
        this.figures.delete(this.figures.keys().next().value as string);
      setImmediate(() => void this.loadAllJobCostFigures(snapshot));
    }
    return jobs;
  }

  /** One job's cost figures in a snapshot, loaded once (failures, such as an unknown job, are not kept). */
  jobCostFigures(snapshot: SnapshotRow, jobNumber: string): Promise<JobCostFigures> {
    const jobs = this.figuresOf(snapshot);
    let pending = jobs.get(jobNumber);
    if (!pending) {
      pending = this.withConnection(snapshot, async (con) =>
        loadJobCostFigures(con, await findJobCostJob(con, jobNumber)),
      );
      jobs.set(jobNumber, pending);
      pending.catch(() => jobs.delete(jobNumber));
    }
    return pending;
  }

  /** Loads the cost figures of every job of a snapshot, one job after another. */
  async loadAllJobCostFigures(snapshot: SnapshotRow): Promise<void> {
    try {
      const numbers = await this.withConnection(snapshot, (con) =>
        queryRows<{ number: string }>(con, `SELECT number FROM jobs WHERE side = 'erp' ORDER BY number`),
      );
      for (const { number } of numbers) {
        if (this.closed || !this.figures.has(snapshot.id)) return;
        await this.jobCostFigures(snapshot, number).catch(() => undefined);
      }
    } catch {
      // A snapshot that cannot be read is reported by the requests that need it, not here.
    }
  }

  /** The snapshot a report as of a date reads (src/reports/as-of.ts), with what the report must say of it. */
  asOf(company: { id: string; timezone: string }, asOf: string): AsOfSnapshot {
    const chosen = snapshotForAsOf(this.runtime.store.db, company, asOf);
    if (!chosen) this.current(company.id); // throws the no-snapshot error
    return chosen!;
  }

  async withConnection<T>(snapshot: SnapshotRow, fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const file = absoluteSnapshotPath(this.runtime.config.dataDir, snapshot.path);
    let pending = this.open.get(file);
    if (pending) {
      this.open.delete(file);
    } else {
      // One thread per query: the API's parallelism is its many requests, and a small query split over
      // threads costs more CPU in coordination than it saves (a job cost report: ~20 ms CPU with one thread,
      // ~30 ms with two, measured on the demo company).
      pending = openDuckDb(file, { readOnly: true, threads: 1 });
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

  /**
   * A result computed from one snapshot, kept (the most recent few hundred) and shared by concurrent callers:
   * the snapshot never changes, so neither does a report of it for the same inputs. Failures are not kept.
   * The key must hold every input besides the snapshot (job, as-of date…).
   */
  memo<T>(snapshot: SnapshotRow, key: string, compute: () => Promise<T>): Promise<T> {
    const full = `${snapshot.id}\u0000${key}`;
    const hit = this.results.get(full);
    if (hit) {
      this.results.delete(full);
      this.results.set(full, hit);
      return hit as Promise<T>;
    }
    const pending = compute();
    this.results.set(full, pending);
    pending.catch(() => this.results.delete(full));
    while (this.results.size > KEEP_RESULTS) this.results.delete(this.results.keys().next().value as string);
    return pending;
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
    this.closed = true;
    this.figures.clear();
    for (const p of this.open.values())
      p.then(
        (i) => i.closeSync(),
        () => undefined,
      );
    this.open.clear();
  }
}
