/**
 * The record path as tieout had it before rows went into DuckDB column-wise (src/snapshot/columns.ts): each
 * valid record staged as a line of a private CSV dialect and loaded by DuckDB's CSV reader. It stays here
 * only as a second, independent way to store the same records, so a property test can hold the column-wise
 * path to it row for row (test/snapshot/record-path-equivalence.test.ts).
 *
 * It ingests one table stream of one side into an open snapshot: validates every record against the canonical
 * schema, stages valid rows in batches that DuckDB's CSV reader loads with the canonical types (stage-csv.ts),
 * and sets aside invalid ones with a reason that names the source location (file:line:column, API path and
 * id, table and recnum). Raw payloads of valid records go to raw_records the same way.
 *
 * Validation is the compiled per-column checks of fast.ts, fused with writing the staged line so a valid row
 * costs no intermediate object; a record they are not sure of goes to zod (validateRow), which either
 * accepts it (its row is staged the same way) or explains what is wrong.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { validateRow } from '../../../connectors/canonical/schemas.ts';
import type { CanonicalTableName, Side } from '../../../connectors/canonical/tables.ts';
import type { SourceRecord, TableStream } from '../../../connectors/contract.ts';
import { StagedTable } from './stage-csv.ts';
import { stageRow, stagerFor } from './stage-row.ts';

export interface InvalidRecord {
  sourceRef: string;
  reason: string;
  raw?: unknown;
}

export interface TableIngestResult {
  side: Side;
  table: CanonicalTableName;
  rowsRead: number;
  rowsLoaded: number;
  invalid: InvalidRecord[];
  /** Invalid records beyond the ones kept in `invalid` (to bound memory on a badly broken source). */
  invalidNotKept: number;
  startedAt: Date;
  finishedAt: Date;
}

export interface IngestOptions {
  side: Side;
  signal?: AbortSignal;
  /** Called every few thousand rows. */
  onRows?: (rows: number) => void;
  /** Keep raw payloads of valid records (API connectors) in raw_records. */
  keepRaw?: boolean;
  /** Where staging files go while a batch loads (default: the system's temporary folder). */
  stagingDir?: string;
  maxInvalidKept?: number;
}

function describeInvalid(record: SourceRecord, issues: { field: string; message: string }[]): string {
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

export async function ingestTableViaCsv(
  con: DuckDBConnection,
  stream: TableStream,
  options: IngestOptions,
): Promise<TableIngestResult> {
  const { side } = options;
  const table = stream.table;
  const startedAt = new Date();
  const maxInvalidKept = options.maxInvalidKept ?? 1000;
  const result: TableIngestResult = {
    side,
    table,
    rowsRead: 0,
    rowsLoaded: 0,
    invalid: [],
    invalidNotKept: 0,
    startedAt,
    finishedAt: startedAt,
  };
  const stage = stagerFor(table);
  const staged = await StagedTable.open(con, side, table, options.stagingDir);
  /** Takes one record; true when the staged batch is full and must be flushed. */
  const take = (record: SourceRecord): boolean => {
    result.rowsRead++;
    if ((result.rowsRead & 0x3fff) === 0) {
      options.signal?.throwIfAborted();
      options.onRows?.(result.rowsRead);
    }
    let fields = record.ok ? stage(record.values) : undefined;
    if (fields === undefined) {
      const validation = record.ok ? validateRow(table, record.values) : undefined;
      if (!record.ok || !validation?.ok) {
        const reason = describeInvalid(record, validation && !validation.ok ? validation.issues : []);
        if (result.invalid.length < maxInvalidKept) {
          result.invalid.push({
            sourceRef: record.sourceRef,
            reason,
            raw: record.ok ? record.values : record.raw,
          });
        } else {
          result.invalidNotKept++;
        }
        return false;
      }
      fields = stageRow(table, validation.row as Record<string, string | null>);
    }
    const raw = options.keepRaw && record.raw !== undefined ? JSON.stringify(record.raw) : undefined;
    return staged.add(fields, record.sourceRef, raw);
  };
  try {
    if (stream.batches) {
      for await (const batch of stream.batches) {
        for (const record of batch) if (take(record)) await staged.flush();
      }
    } else {
      for await (const record of stream.records) if (take(record)) await staged.flush();
    }
    await staged.finish();
  } finally {
    await staged.close();
  }
  result.rowsLoaded = staged.rowsLoaded;
  options.onRows?.(result.rowsRead);
  result.finishedAt = new Date();
  return result;
}
