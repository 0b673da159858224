/**
 * Ingests one table stream of one side into an open snapshot: validates every record against the canonical
 * schema, appends valid rows in chunks with the DuckDB appender (VARCHAR chunks into a staging table, then
 * one set-based INSERT that casts to DECIMAL/DATE), and sets aside invalid ones with a reason that names the
 * source location (file:line:column, API path and id, table and recnum).
 */
import { type DuckDBAppender, type DuckDBConnection, DuckDBDataChunk, VARCHAR } from '@duckdb/node-api';
import { quoteIdent, snapshotColumnOrder } from '../../connectors/canonical/ddl.ts';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import type { CanonicalTableName, Side } from '../../connectors/canonical/tables.ts';
import type { SourceRecord, TableStream } from '../../connectors/contract.ts';

const CHUNK_ROWS = 2048;
const FLUSH_ROWS = 262_144;

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
  rawAppender?: DuckDBAppender;
  maxInvalidKept?: number;
}

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

export async function ingestTable(
  con: DuckDBConnection,
  stream: TableStream,
  options: IngestOptions,
): Promise<TableIngestResult> {
  const { side } = options;
  const table = stream.table;
  const startedAt = new Date();
  const columns = snapshotColumnOrder(table);
  const stage = `stage_${side}_${table}`;
  await con.run(
    `CREATE OR REPLACE TEMP TABLE ${stage} (${columns.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`,
  );
  let appender = await con.createAppender(stage, 'main', 'temp');
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

  let buffer: (string | null)[][] = columns.map(() => []);
  let buffered = 0;
  let staged = 0;
  const flushChunk = () => {
    if (buffered === 0) return;
    const chunk = DuckDBDataChunk.create(
      columns.map(() => VARCHAR),
      buffered,
    );
    chunk.setColumns(buffer);
    appender.appendDataChunk(chunk);
    staged += buffered;
    buffer = columns.map(() => []);
    buffered = 0;
  };
  const flushStage = async () => {
    flushChunk();
    appender.closeSync();
    if (staged > 0) {
      await con.run(`INSERT INTO ${quoteIdent(table)} SELECT * FROM ${stage}`);
      await con.run(`DELETE FROM ${stage}`);
      result.rowsLoaded += staged;
      staged = 0;
    }
    appender = await con.createAppender(stage, 'main', 'temp');
  };

  const last = columns.length - 1;
  for await (const record of stream.records) {
    result.rowsRead++;
    if ((result.rowsRead & 0x3fff) === 0) {
      options.signal?.throwIfAborted();
      options.onRows?.(result.rowsRead);
    }
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
      continue;
    }
    const row = validation.row as Record<string, string | null>;
    buffer[0]!.push(side);
    for (let c = 1; c < last; c++) buffer[c]!.push(row[columns[c]!] ?? null);
    buffer[last]!.push(record.sourceRef);
    if (options.rawAppender && record.raw !== undefined) {
      options.rawAppender.appendVarchar(side);
      options.rawAppender.appendVarchar(table);
      options.rawAppender.appendVarchar(record.sourceRef);
      options.rawAppender.appendVarchar(JSON.stringify(record.raw));
      options.rawAppender.endRow();
    }
    if (++buffered === CHUNK_ROWS) {
      flushChunk();
      if (staged >= FLUSH_ROWS) await flushStage();
    }
  }
  await flushStage();
  appender.closeSync();
  await con.run(`DROP TABLE ${stage}`);
  options.onRows?.(result.rowsRead);
  result.finishedAt = new Date();
  return result;
}
