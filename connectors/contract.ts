/**
 * The connector contract. A connector reads one external system (one side of a company) and yields raw
 * records per canonical table; the snapshot writer validates, quarantines and stores them. Connectors never
 * touch tieout's stores: incremental state comes in through the context and goes back through `state`.
 */

import type { CanonicalTableName, Side } from './canonical/tables.ts';
import { TieoutError } from './errors.ts';

export interface ConnectorDescription {
  /** System name as people say it: 'files', 'procore', 'sage100c', 'qbd'. */
  system: string;
  /** Connector code version, recorded in every snapshot's provenance. */
  version: string;
  /** Canonical tables this connector can fill. Tables it does not list are simply absent for that side. */
  tables: readonly CanonicalTableName[];
  /** Whether it implements `write` (approved writes back into the system). */
  canWrite: boolean;
  /** Human-readable location, secrets left out, e.g. "folder demo/pm" or "Procore company 4264807". */
  location: string;
}

/** One record as the source gave it, before canonical validation. */
export type SourceRecord =
  | {
      ok: true;
      /** Column name → raw value (strings; null/empty = no value). */
      values: Record<string, unknown>;
      /** Where the record came from: "jobs.csv:17", "GET /rest/v1.0/projects/42", "jobcst recnum 9912". */
      sourceRef: string;
      /** Where a field came from inside the source, for error messages: e.g. column 5 of the CSV line. */
      locate?: (field: string) => string;
      /** The raw payload (JSON-serialisable), kept in the snapshot for drill-down when present. */
      raw?: unknown;
    }
  | {
      ok: false;
      /** The source could not even produce values (wrong column count, unparsable JSON item…). */
      sourceRef: string;
      reason: string;
      raw?: unknown;
    };

export interface TableStream {
  table: CanonicalTableName;
  /** Expected total when the source knows it in advance (for progress). */
  expectedRows?: number;
  records: AsyncIterable<SourceRecord>;
  /**
   * Optional: the same records in batches (one per database fetch or API page), in the same order. The
   * snapshot writer reads these instead of `records` when present, which saves one asynchronous step per
   * record. Consumers read either `records` or `batches`, never both (they may share one source);
   * `tableStream` builds both from one batch source.
   */
  batches?: AsyncIterable<readonly SourceRecord[]>;
  /**
   * Set when the table is a canonical CSV file on disk: the snapshot writer may load it natively with
   * DuckDB's CSV reader and validate in SQL, falling back to `records` whenever the file is not plainly
   * valid (so messages and quarantine are the same either way).
   */
  csvFile?: { path: string; name: string; header: string[] };
}

/** A stream whose `records` and `batches` come from one batch source (read one of them, once). */
export function tableStream(
  table: CanonicalTableName,
  batches: AsyncIterable<readonly SourceRecord[]>,
  extra: { expectedRows?: number } = {},
): TableStream {
  return {
    table,
    ...extra,
    batches,
    records: (async function* () {
      for await (const batch of batches) yield* batch;
    })(),
  };
}

export interface ProgressEvent {
  side: Side;
  table: CanonicalTableName;
  rows: number;
  expectedRows?: number;
  done?: boolean;
}

/** Counters a connector keeps for run history (API calls, retries, bytes…). */
export type ConnectorStats = Record<string, number>;

/** What a side's "as of" rests on. */
export const DATA_AS_OF_BASES = [
  /** Read live from the system during the run: the data is as of the moment the read started. */
  'read',
  /** A folder of files: the newest file's modification time. */
  'file_modified',
  /** An export that says when it was made (`exported_at`). */
  'exported_at',
  /** An API's or database's own statement of how current its data is. */
  'source_as_of',
  /** A polled system (QuickBooks Web Connector): the end of the last complete session the rows come from. */
  'last_session',
] as const;
export type DataAsOfBasis = (typeof DATA_AS_OF_BASES)[number];

/** How old a side's data is — not when tieout finished reading it. `source.stale` is decided from this. */
export interface DataAsOf {
  /** The instant the data describes the system at. */
  at: Date;
  basis: DataAsOfBasis;
  /** For people: which file, which export, which session ("payables.csv modified …"). */
  detail: string;
}

export interface ReadContext {
  companyId: string;
  side: Side;
  /** The run's start, the "now" of incremental windows. */
  runStartedAt: Date;
  signal: AbortSignal;
  /** Incremental state saved by the previous successful run of this connector (opaque to the core). */
  previousState: unknown;
  /** Called with the state to persist when (and only when) the snapshot is published. */
  saveState(state: unknown): void;
  progress(event: ProgressEvent): void;
  /** Counters for run history. */
  stats: ConnectorStats;
  /**
   * Says how old the data is (the last call wins). A folder reports its newest file's modification time or the
   * export's own `exported_at`; an API or database reports its own "as of" when it states one; a polled system
   * (QuickBooks Web Connector) reports the end of the last complete session its rows come from, with basis
   * `last_session` — never the moment this read ran. A connector that says nothing was read live: its data is
   * taken as of the moment its read started.
   */
  dataAsOf?(asOf: DataAsOf): void;
  log: ConnectorLogger;
}

export interface ConnectorLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** An approved write handed to a connector by the executor (see src/approvals). */
export interface WriteRequest {
  proposalId: string;
  /** Stable across retries of the same proposal; the connector stores it in the target record. */
  idempotencyKey: string;
  operation: string;
  payload: unknown;
}

export type WriteResult =
  | { status: 'applied' | 'already_applied'; targetIds: string[]; detail?: unknown }
  | { status: 'failed'; transient: boolean; error: string; detail?: unknown }
  /**
   * A polled system (the QuickBooks Web Connector calls tieout, not the other way round) took the write into
   * its queue: it is made at the system's next session. Asking again with the same request answers how it ended.
   */
  | { status: 'queued'; detail?: string };

export interface Connector {
  describe(): ConnectorDescription;
  /** Yields one stream per table, in any order; each table at most once. */
  read(ctx: ReadContext): AsyncIterable<TableStream>;
  /** Approved writes only: never called without an approved proposal. */
  write?(request: WriteRequest, ctx: { signal: AbortSignal; log: ConnectorLogger }): Promise<WriteResult>;
  /** Releases sockets, sandboxes and files. */
  close?(): Promise<void>;
}

/** A failure of a whole side: the run fails, nothing is published. */
/** A side could not be read (unreachable, refused, or its data is not what tieout can take). */
export class SourceError extends TieoutError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super('upstream', code, message, options);
    this.name = 'SourceError';
  }
}

/** Why a record is invalid, told where in the source it is: file and column, the field and the value. */
export function describeInvalid(record: SourceRecord, issues: { field: string; message: string }[]): string {
  if (!record.ok) return record.reason;
  return issues
    .map((i) => {
      const where = record.locate ? record.locate(i.field) : record.sourceRef;
      const value = record.values[i.field];
      const shown =
        value === undefined || value === null || value === '' ? '' : ` (value "${String(value)}")`;
      return `${where}: ${i.field} ${i.message}${shown}`;
    })
    .join('; ');
}
