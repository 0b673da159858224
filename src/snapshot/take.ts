/**
 * Takes one snapshot of a company: both sides are read into a hidden temporary DuckDB file, validated and
 * described (provenance, mappings, settings); only when both sides finished is the file closed, flushed and
 * renamed into place (an atomic rename on one file system), then registered with the run in one SQLite
 * transaction. If a side fails, the temporary file is removed, the run is recorded as failed with the reason,
 * and the previous snapshot stays current.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chmod, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import type { CanonicalTableName, Side } from '../../connectors/canonical/tables.ts';
import {
  type Connector,
  type ConnectorStats,
  type DataAsOf,
  type ProgressEvent,
  SourceError,
} from '../../connectors/contract.ts';
import { buildLedger } from '../../reports/ledger/ledger.ts';
import type { CompanyConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { expectedTables, type SkippedCheck, skippedChecks } from '../recon/catalogue.ts';
import type { Store } from '../store/db.ts';
import {
  failRun,
  loadConnectorState,
  type SnapshotRow,
  startRun,
  succeedRun,
  upsertCompany,
} from '../store/runs.ts';
import { writeSnapshotFacts } from './facts.ts';
import { fsyncDir, fsyncFile } from './fsync.ts';
import { ingestTable, type TableIngestResult } from './ingest.ts';
import { ingestCsvNative } from './ingest-csv.ts';
import { snapshotDdl } from './layout.ts';
import {
  absoluteSnapshotPath,
  snapshotDir,
  snapshotRelativePath,
  stagingPath,
  temporarySnapshotPath,
} from './paths.ts';
import { applyRetention } from './retention.ts';
import { createConnector } from './sources.ts';

export interface TakeSnapshotInput {
  company: CompanyConfig;
  dataDir: string;
  baseDir: string;
  store: Store;
  trigger: string;
  log: Logger;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Called after the snapshot is published and registered (reconciliation runs here). */
  afterPublish?: (published: PublishedSnapshot) => Promise<void>;
  /** The clock the run is stamped with (taken at, each side's read start); the system's by default. */
  now?: () => Date;
}

export interface PublishedSnapshot {
  runId: string;
  snapshot: SnapshotRow;
  absolutePath: string;
}

export interface SideResult {
  side: Side;
  system: string;
  connectorVersion: string;
  location: string;
  startedAt: Date;
  finishedAt: Date;
  tables: TableIngestResult[];
  stats: ConnectorStats;
  state: unknown;
  /** How old the side's data is (what `source.stale` measures), as the connector said, else the read's start. */
  dataAsOf: DataAsOf;
  /** Tables tieout expects from this side that the connector could deliver but did not (read as no records). */
  tablesMissing: CanonicalTableName[];
  /** Tables the company says this side does not export (settings.tablesNotExported). */
  tablesNotExported: CanonicalTableName[];
}

export type SnapshotOutcome =
  | { ok: true; runId: string; snapshot: SnapshotRow; absolutePath: string; stats: RunStats }
  | { ok: false; runId: string; code: string; message: string; side?: Side };

export interface RunStats {
  sides: Record<
    string,
    {
      system: string;
      tables: Record<string, { read: number; loaded: number; quarantined: number }>;
      stats: ConnectorStats;
      /** How old the side's data is and on what basis (see DataAsOf). */
      dataAsOf: { at: string; basis: DataAsOf['basis']; detail: string };
      /** Expected tables the side did not deliver: read as no records. */
      tablesMissing: CanonicalTableName[];
      tablesNotExported: CanonicalTableName[];
    }
  >;
  /** Checks left out because a side does not export a table they need (company setting). */
  checksSkipped: SkippedCheck[];
}

class SideFailure extends Error {
  constructor(
    readonly side: Side,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function newId(prefix: string, at: Date): string {
  return `${prefix}_${at.toISOString().replace(/[-:.TZ]/g, '')}_${randomBytes(4).toString('hex')}`;
}

/** DuckDB's buffer while a snapshot is written: tables larger than this are flushed to the file, so a 25M-row company is written in bounded memory. */
export const SNAPSHOT_MEMORY_LIMIT = process.env.TIEOUT_SNAPSHOT_MEMORY_LIMIT ?? '512MB';

export async function takeSnapshot(input: TakeSnapshotInput): Promise<SnapshotOutcome> {
  const { company, store, log } = input;
  const startedAt = (input.now ?? (() => new Date()))();
  const runId = newId('run', startedAt);
  const runLog = log.child({ company: company.id, runId });
  upsertCompany(store.db, { id: company.id, name: company.name, timezone: company.timezone });
  startRun(store.db, {
    id: runId,
    companyId: company.id,
    trigger: input.trigger,
    startedAt: startedAt.toISOString(),
  });
  runLog.info({ trigger: input.trigger }, 'snapshot started');

  mkdirSync(snapshotDir(input.dataDir, company.id), { recursive: true, mode: 0o700 });
  const tmpPath = temporarySnapshotPath(input.dataDir, company.id, runId);
  const stagingDir = stagingPath(input.dataDir, company.id, runId);
  mkdirSync(stagingDir, { mode: 0o700 });
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(input.signal?.reason);
  input.signal?.addEventListener('abort', onOuterAbort, { once: true });

  let instance: Awaited<ReturnType<typeof openDuckDb>> | undefined;
  const connections: DuckDBConnection[] = [];
  const connectors: Connector[] = [];
  try {
    instance = await openDuckDb(tmpPath, {
      memoryLimit: SNAPSHOT_MEMORY_LIMIT,
      // Spills go to the run's staging folder, which recovery removes with the run.
      tempDirectory: path.join(stagingDir, 'spill'),
    });
    const main = await instance.connect();
    connections.push(main);
    await main.run(snapshotDdl());

    // Both sides are awaited even when one fails (the abort stops the other soon): closing the database
    // under a side still writing to it crashes the process.
    let firstFailure: { error: unknown } | undefined;
    const settled = await Promise.allSettled(
      (['pm', 'erp'] as const).map(async (side) => {
        try {
          const con = await instance!.connect();
          connections.push(con);
          return await readSide(side, con, connectors, input, runLog, startedAt, abort.signal);
        } catch (e) {
          firstFailure ??= { error: e };
          abort.abort(e);
          throw e;
        }
      }),
    );
    if (firstFailure) throw firstFailure.error;
    const sides = settled.map((r) => (r as PromiseFulfilledResult<SideResult>).value);

    for (const side of sides) {
      const invalid = side.tables.reduce((n, t) => n + t.invalid.length + t.invalidNotKept, 0);
      if (invalid > company.settings.maxQuarantinedRows) {
        const examples = side.tables.flatMap((t) => t.invalid.map((i) => i.reason)).slice(0, 10);
        throw new SideFailure(
          side.side,
          'source_invalid_rows',
          `${side.side} side (${side.location}): ${invalid} invalid record${invalid === 1 ? '' : 's'}` +
            ` (this company allows ${company.settings.maxQuarantinedRows}); fix them and run again:\n  ${examples.join('\n  ')}` +
            (invalid > examples.length ? `\n  … and ${invalid - examples.length} more` : ''),
        );
      }
    }

    await writeSnapshotFacts(main, { company, runId, takenAt: startedAt, sides });
    // The ledger (links, cost-code keys, what counts as cost) is written into the snapshot with it, so every
    // reader of this snapshot reads the same derived figures without deriving them again.
    const ledgerStarted = Date.now();
    await buildLedger(main, { persist: true });
    runLog.info({ ms: Date.now() - ledgerStarted }, 'ledger built');
    await main.run('CHECKPOINT');
    for (const con of connections) con.closeSync();
    connections.length = 0;
    instance.closeSync();
    instance = undefined;

    const relativePath = snapshotRelativePath(company.id, startedAt);
    const finalPath = absoluteSnapshotPath(input.dataDir, relativePath);
    await fsyncFile(tmpPath);
    await chmod(tmpPath, 0o600); // DuckDB creates its file with the process umask; a snapshot is private
    await rename(tmpPath, finalPath);
    await fsyncDir(path.dirname(finalPath));

    const stats = runStats(sides, company);
    const snapshot = {
      id: newId('snap', startedAt),
      companyId: company.id,
      runId,
      path: relativePath,
      takenAt: startedAt.toISOString(),
      sizeBytes: (await stat(finalPath)).size,
    };
    succeedRun(store, {
      runId,
      snapshot,
      stats,
      states: sides.map((s) => ({ side: s.side, system: s.system, state: s.state })),
    });
    runLog.info({ path: relativePath, sizeBytes: snapshot.sizeBytes }, 'snapshot published');
    const row: SnapshotRow = { ...snapshot, pinnedReason: null, deletedAt: null };
    await applyRetention(store, input.dataDir, company.id, company.retention.nightly, runLog);
    if (input.afterPublish) {
      try {
        await input.afterPublish({ runId, snapshot: row, absolutePath: finalPath });
      } catch (e) {
        runLog.error({ err: e }, 'after-publish step failed; the snapshot stays published');
      }
    }
    return { ok: true, runId, snapshot: row, absolutePath: finalPath, stats };
  } catch (e) {
    const failure = describeFailure(e);
    runLog.error({ code: failure.code, side: failure.side, err: e }, 'snapshot failed; nothing published');
    for (const con of connections) {
      try {
        con.closeSync();
      } catch {}
    }
    try {
      instance?.closeSync();
    } catch {}
    await rm(tmpPath, { force: true });
    await rm(`${tmpPath}.wal`, { force: true });
    failRun(store.db, runId, failure);
    return { ok: false, runId, ...failure };
  } finally {
    input.signal?.removeEventListener('abort', onOuterAbort);
    await Promise.all(connectors.map((c) => c.close?.().catch(() => {})));
    await rm(stagingDir, { recursive: true, force: true });
  }
}

async function readSide(
  side: Side,
  con: DuckDBConnection,
  connectors: Connector[],
  input: TakeSnapshotInput,
  log: Logger,
  runStartedAt: Date,
  signal: AbortSignal,
): Promise<SideResult> {
  const config = input.company[side];
  const startedAt = (input.now ?? (() => new Date()))();
  let connector: Connector;
  try {
    connector = await createConnector(config, {
      baseDir: input.baseDir,
      dataDir: input.dataDir,
      companyId: input.company.id,
      log: log.child({ side }),
    });
  } catch (e) {
    throw new SideFailure(
      side,
      (e as { code?: string }).code ?? 'connector_config',
      `${side} side: ${(e as Error).message}`,
    );
  }
  connectors.push(connector);
  const description = connector.describe();
  const stats: ConnectorStats = {};
  let newState: unknown;
  let dataAsOf: DataAsOf | undefined;
  const previousState = loadConnectorState(input.store.db, input.company.id, side, description.system);
  const tables: TableIngestResult[] = [];
  try {
    const streams = connector.read({
      companyId: input.company.id,
      side,
      runStartedAt,
      signal,
      previousState,
      saveState: (state) => {
        newState = state;
      },
      progress: (event) => input.onProgress?.(event),
      stats,
      log: log.child({ side, system: description.system }),
      dataAsOf: (asOf) => {
        dataAsOf = asOf;
      },
    });
    for await (const stream of streams) {
      signal.throwIfAborted();
      if (stream.csvFile) {
        const tableStarted = new Date();
        const native = await ingestCsvNative(con, side, stream.table, stream.csvFile);
        if (native) {
          input.onProgress?.({ side, table: stream.table, rows: native.rowsLoaded, done: true });
          tables.push({
            side,
            table: stream.table,
            rowsRead: native.rowsLoaded,
            rowsLoaded: native.rowsLoaded,
            invalid: [],
            invalidNotKept: 0,
            startedAt: tableStarted,
            finishedAt: new Date(),
          });
          continue;
        }
      }
      const result = await ingestTable(con, stream, {
        side,
        signal,
        keepRaw: !input.company.settings.rawPayloadsOmitted.includes(stream.table),
        onRows: (rows) =>
          input.onProgress?.({ side, table: stream.table, rows, expectedRows: stream.expectedRows }),
      });
      input.onProgress?.({ side, table: stream.table, rows: result.rowsRead, done: true });
      tables.push(result);
    }
  } catch (e) {
    if (e instanceof SideFailure) throw e;
    if (signal.aborted && !(e instanceof SourceError)) {
      throw new SideFailure(
        side,
        'run_aborted',
        `${side} side stopped: ${String((signal.reason as Error)?.message ?? signal.reason)}`,
      );
    }
    const code = e instanceof SourceError ? e.code : 'source_failed';
    throw new SideFailure(side, code, `${side} side (${description.location}): ${(e as Error).message}`);
  }
  const notExported = input.company.settings.tablesNotExported[side];
  const delivered = new Set(tables.map((t) => t.table));
  return {
    side,
    system: description.system,
    connectorVersion: description.version,
    location: description.location,
    startedAt,
    finishedAt: new Date(),
    tables,
    stats,
    state: newState ?? previousState ?? null,
    dataAsOf: dataAsOf ?? {
      at: startedAt,
      basis: 'read',
      detail: `read live from ${description.location} from ${startedAt.toISOString()}`,
    },
    tablesMissing: expectedTables(side).filter(
      (t) => description.tables.includes(t) && !delivered.has(t) && !notExported.includes(t),
    ),
    tablesNotExported: [...notExported],
  };
}

function describeFailure(e: unknown): { code: string; message: string; side?: Side } {
  if (e instanceof SideFailure) return { code: e.code, message: e.message, side: e.side };
  if (e instanceof SourceError) return { code: e.code, message: e.message };
  return { code: 'snapshot_failed', message: e instanceof Error ? e.message : String(e) };
}

function runStats(sides: SideResult[], company: CompanyConfig): RunStats {
  const out: RunStats = {
    sides: {},
    checksSkipped: skippedChecks(company.settings.tablesNotExported),
  };
  for (const s of sides) {
    out.sides[s.side] = {
      system: s.system,
      stats: s.stats,
      dataAsOf: { at: s.dataAsOf.at.toISOString(), basis: s.dataAsOf.basis, detail: s.dataAsOf.detail },
      tablesMissing: s.tablesMissing,
      tablesNotExported: s.tablesNotExported,
      tables: Object.fromEntries(
        s.tables.map((t) => [
          t.table,
          { read: t.rowsRead, loaded: t.rowsLoaded, quarantined: t.invalid.length + t.invalidNotKept },
        ]),
      ),
    };
  }
  return out;
}
