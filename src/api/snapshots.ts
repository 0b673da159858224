/**
 * Read-only access to a company's current snapshot for the API. Published snapshot files are immutable, so
 * one DuckDB instance per file is kept open for the process (src/snapshot/handles.ts: closed once a newer
 * snapshot of the company is published) and each request gets its own connection (a pool would save nothing:
 * connecting costs ~0.05 ms, and connections of one instance run their queries at the same time); opening a
 * file per request would cost more than the query.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { type JobCostFigures, loadJobCostFigures } from '../../reports/job-cost/figures.ts';
import { findJobCostJob } from '../../reports/job-cost/job-cost.ts';
import type { CompanyConfig } from '../config/schema.ts';
import { type AsOfSnapshot, snapshotForAsOf } from '../reports/as-of.ts';
import { computeWip, type WipComputation } from '../reports/wip-inputs.ts';
import type { Runtime } from '../runtime.ts';
import { retireOlder, withSnapshotFile } from '../snapshot/handles.ts';
import { absoluteSnapshotPath } from '../snapshot/paths.ts';
import type { SnapshotRow } from '../store/runs.ts';
import { ApiError } from './errors.ts';
import { RenderedReports } from './rendered-reports.ts';
import { storeReads } from './store-reads.ts';

const KEEP_RESULTS = 500;
/** Snapshots whose jobs' cost figures are kept in memory (the current ones of a few companies). */
const KEEP_FIGURES = 4;

export class SnapshotCache {
  /** Per company, the current snapshot last seen (a new one retires the older files' handles). */
  private readonly seenCurrent = new Map<string, string>();
  private readonly results = new Map<string, Promise<unknown>>();
  /** Per snapshot id, per job number: the job's cost figures (reports/job-cost/figures.ts). */
  private readonly figures = new Map<string, Map<string, Promise<JobCostFigures>>>();
  private closed = false;
  /** WIP schedules as computed, per company and as-of date, until the store changes (a new snapshot included). */
  private readonly wips: RenderedReports<WipComputation>;

  constructor(private readonly runtime: Runtime) {
    this.wips = new RenderedReports(runtime.store);
  }

  /**
   * A company's WIP as of a date, computed once per store generation (src/api/store-reads.ts: any write, a
   * published snapshot, an override or a close, makes the next call compute afresh): the overview asks for
   * every company's on each load. `gate` runs a computation that is not kept yet (the render bound).
   */
  wip(
    company: CompanyConfig,
    asOf: string,
    gate: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
  ): Promise<WipComputation> {
    return this.wips.get([company.id, asOf], () => gate(() => computeWip(this.runtime, company, { asOf })));
  }

  current(companyId: string): SnapshotRow {
    const snap = storeReads(this.runtime.store).currentSnapshot(companyId);
    if (!snap) {
      throw new ApiError(
        'not_found',
        'no_snapshot',
        `no snapshot of ${companyId} yet: an admin can take one with POST /api/companies/${companyId}/snapshots`,
      );
    }
    this.noteCurrent(snap);
    this.figuresOf(snap);
    return snap;
  }

  /** A snapshot published by another process (the CLI) is noticed here: older files' handles are retired. */
  private noteCurrent(snap: SnapshotRow): void {
    if (this.seenCurrent.get(snap.companyId) === snap.id) return;
    this.seenCurrent.set(snap.companyId, snap.id);
    retireOlder(snap.companyId, absoluteSnapshotPath(this.runtime.config.dataDir, snap.path));
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
    const current = storeReads(this.runtime.store).currentSnapshot(company.id);
    if (current) this.noteCurrent(current);
    return chosen!;
  }

  async withConnection<T>(snapshot: SnapshotRow, fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const file = absoluteSnapshotPath(this.runtime.config.dataDir, snapshot.path);
    let opened = false;
    try {
      // One thread per query: the API's parallelism is its many requests, and a small query split over
      // threads costs more CPU in coordination than it saves (a job cost report: ~20 ms CPU with one thread,
      // ~30 ms with two, measured on the demo company).
      return await withSnapshotFile(
        file,
        (con) => {
          opened = true;
          return fn(con);
        },
        { companyId: snapshot.companyId, threads: 1 },
      );
    } catch (e) {
      if (opened) throw e;
      throw new ApiError(
        'unavailable',
        'snapshot_missing',
        `cannot open snapshot ${snapshot.path}: ${(e as Error).message}`,
      );
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

  close(): void {
    this.closed = true;
    this.figures.clear();
  }
}
