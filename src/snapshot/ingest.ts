/**
 * Ingests one table stream of one side into an open snapshot: validates every record against the canonical
 * schema, appends valid rows column-wise to the table (columns.ts: typed vectors of DuckDB data chunks), and
 * sets aside invalid ones with a reason that names the source location (file:line:column, API path and id,
 * table and recnum). Raw payloads of valid records go to raw_records the same way, when kept.
 *
 * Validation is the compiled per-column checks of fast.ts, fused with filling the vectors so a valid row
 * costs no intermediate object (put-row.ts); a record they are not sure of goes to zod (validateRow), which
 * either accepts it (its row is stored the same way) or explains what is wrong.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import { type CanonicalTableName, type Side, TABLES } from '../../connectors/canonical/tables.ts';
import { describeInvalid, type SourceRecord, type TableStream } from '../../connectors/contract.ts';
import { ColumnAppender } from './columns.ts';
import { putCanonicalRow, rowPutterFor } from './put-row.ts';

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
  maxInvalidKept?: number;
}

const TURN_ROWS = 8192;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** raw_records: side, table_name, source_ref, payload. */
const RAW_KINDS = ['text', 'text', 'text', 'text'] as const;

export async function ingestTable(
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
  const putRow = rowPutterFor(table);
  const rows = await ColumnAppender.forCanonical(con, table);
  const raws = options.keepRaw ? await ColumnAppender.open(con, 'raw_records', RAW_KINDS) : undefined;
  const sideName = side;
  /** Takes one record into the current chunks. */
  const take = (record: SourceRecord): void => {
    result.rowsRead++;
    if ((result.rowsRead & 0x3fff) === 0) {
      options.signal?.throwIfAborted();
      options.onRows?.(result.rowsRead);
    }
    if (record.ok && putRow(rows, record.values)) {
      // stored by the compiled checks
    } else {
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
        return;
      }
      putCanonicalRow(rows, table, validation.row as Record<string, string | null>);
    }
    rows.put(0, sideName);
    rows.put(lastColumn, record.sourceRef);
    rows.endRow();
    if (raws && record.raw !== undefined) {
      raws.put(0, sideName);
      raws.put(1, table);
      raws.put(2, record.sourceRef);
      raws.put(3, JSON.stringify(record.raw));
      raws.endRow();
    }
  };
  const lastColumn = TABLES[table].columns.length + 1;
  try {
    // Appending is synchronous; give the event loop a turn every few thousand rows so a server taking the
    // snapshot keeps answering.
    let sinceTurn = 0;
    if (stream.batches) {
      for await (const batch of stream.batches) {
        for (const record of batch) take(record);
        sinceTurn += batch.length;
        if (sinceTurn >= TURN_ROWS) {
          sinceTurn = 0;
          await turn();
        }
      }
    } else {
      for await (const record of stream.records) {
        take(record);
        if (++sinceTurn >= TURN_ROWS) {
          sinceTurn = 0;
          await turn();
        }
      }
    }
    rows.close();
    raws?.close();
  } catch (e) {
    // A failed table fails its side, and the run's snapshot file is discarded; drop what waits unstored.
    rows.discard();
    raws?.discard();
    throw e;
  }
  result.rowsLoaded = rows.rowsAppended;
  options.onRows?.(result.rowsRead);
  result.finishedAt = new Date();
  return result;
}
