/**
 * Reading a SQL source table by table: one query's rows in batches, each batch mapped to one batch of
 * canonical records, progress and row counts reported as they go. Shared by the SQL connectors (Vista,
 * Sage 300 CRE); a failure inside a query is handed to the connector's classifier with the file's name.
 */
import type { CanonicalTableName } from '../canonical/tables.ts';
import { type ReadContext, type SourceRecord, type TableStream, tableStream } from '../contract.ts';
import type { SageSql, SqlParam, SqlRow } from '../sage100c/sql-client.ts';

export type Mapper = (row: SqlRow) => SourceRecord | undefined;

export interface SqlReader {
  batches(name: string, params?: Record<string, SqlParam>): AsyncIterable<SqlRow[]>;
  all(name: string, params?: Record<string, SqlParam>): Promise<SqlRow[]>;
  /** A table mapped row by row from one or more queries (or row sources). */
  mapped(table: CanonicalTableName, ...sources: [string | AsyncIterable<SqlRow[]>, Mapper][]): TableStream;
  /** A table assembled after its rows are all read (documents with lines, totals). */
  computed(table: CanonicalTableName, produce: () => Promise<Iterable<SourceRecord>>): TableStream;
}

export function sqlReader(
  sql: SageSql,
  ctx: ReadContext,
  queryText: (name: string) => string,
  classify: (e: unknown, query: string) => Error,
): SqlReader {
  async function* batches(name: string, params?: Record<string, SqlParam>): AsyncIterable<SqlRow[]> {
    ctx.stats.sql_queries = (ctx.stats.sql_queries ?? 0) + 1;
    try {
      for await (const batch of sql.query(queryText(name), params, ctx.signal)) {
        ctx.stats.sql_rows = (ctx.stats.sql_rows ?? 0) + batch.length;
        yield batch;
      }
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw classify(e, `${name}.sql`);
    }
  }
  async function all(name: string, params?: Record<string, SqlParam>): Promise<SqlRow[]> {
    const out: SqlRow[] = [];
    for await (const batch of batches(name, params)) for (const row of batch) out.push(row);
    return out;
  }
  return {
    batches,
    all,
    mapped: (table, ...sources) =>
      tableStream(
        table,
        (async function* () {
          let n = 0;
          for (const [from, map] of sources) {
            for await (const batch of typeof from === 'string' ? batches(from) : from) {
              const records: SourceRecord[] = [];
              for (const row of batch) {
                const record = map(row);
                if (record) records.push(record);
              }
              n += records.length;
              if (records.length > 0) yield records;
              ctx.progress({ side: ctx.side, table, rows: n });
            }
          }
          ctx.progress({ side: ctx.side, table, rows: n, done: true });
        })(),
      ),
    computed: (table, produce) => ({
      table,
      records: (async function* () {
        let n = 0;
        for (const record of await produce()) {
          n++;
          yield record;
        }
        ctx.progress({ side: ctx.side, table, rows: n, done: true });
      })(),
    }),
  };
}

export function record(values: Record<string, unknown>, sourceRef: string, raw: SqlRow): SourceRecord {
  return { ok: true, values, sourceRef, raw };
}
