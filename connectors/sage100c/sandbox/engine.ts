/**
 * The sandbox's SQL engine: a DuckDB database holding Sage 100 Contractor's tables (schema.sql, written as
 * SQL Server DDL and translated here in one place), queried through the same `SageSql` interface the
 * mssql client implements.
 *
 * What it imitates of the real driver: `@name` parameters, rows in batches, tedious's value types (BIGINT
 * as string, DATE/DATETIME as Date, GUID upper-case, DECIMAL as a JS number when a query forgets to cast),
 * and SQL Server's error numbers for missing tables (208) and columns (207).
 * What it cannot prove: T-SQL dialect acceptance (the .sql files keep to a subset both engines parse),
 * collation and case rules, implicit conversions, locking and isolation (READ COMMITTED vs DuckDB's MVCC),
 * network, TLS and timeouts.
 */
import { readFileSync } from 'node:fs';
import {
  type DuckDBConnection,
  type DuckDBDateValue,
  type DuckDBInstance,
  type DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBValue,
} from '@duckdb/node-api';
import { openDuckDb } from '../../canonical/duckdb.ts';
import { type SageSql, type SqlParam, type SqlRow, SqlServerError } from '../sql-client.ts';

/** SQL Server type names in schema.sql → DuckDB types. */
export function translateDdl(sqlServerDdl: string): string {
  return sqlServerDdl
    .replace(/\bNVARCHAR\((?:\d+|MAX)\)/gi, 'VARCHAR')
    .replace(/\bUNIQUEIDENTIFIER\b/gi, 'UUID')
    .replace(/\bDATETIME\b/gi, 'TIMESTAMP')
    .replace(/\bTINYINT\b/gi, 'UTINYINT');
}

/** `@name` (SQL Server) → `$name` (DuckDB); the only dialect difference the .sql files carry. */
export function translateParams(sql: string): string {
  return sql.replace(/@([A-Za-z_]\w*)/g, '$$$1');
}

export function sageSchemaDdl(): string {
  return readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
}

export async function createSageDatabase(): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
  const instance = await openDuckDb(':memory:', { memoryLimit: '2GB' });
  const con = await instance.connect();
  await con.run('CREATE SCHEMA dbo');
  await con.run(translateDdl(sageSchemaDdl()));
  return { instance, con };
}

type Convert = (v: DuckDBValue) => unknown;

function converterFor(typeId: DuckDBTypeId): Convert {
  switch (typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
      return (v) => (v === null ? null : String(v));
    case DuckDBTypeId.DATE: {
      // Job cost repeats a few hundred dates a million times: one Date per day (never mutated downstream).
      const days = new Map<number, Date>();
      return (v) => {
        if (v === null) return null;
        const d = (v as DuckDBDateValue).days;
        let date = days.get(d);
        if (!date) {
          date = new Date(d * 86_400_000);
          days.set(d, date);
        }
        return date;
      };
    }
    case DuckDBTypeId.TIMESTAMP:
      return (v) => (v === null ? null : new Date(Number((v as DuckDBTimestampValue).micros / 1000n)));
    case DuckDBTypeId.UUID:
      return (v) => (v === null ? null : String(v).toUpperCase());
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      // tedious hands DECIMAL over as a JS number; so does the sandbox, so a missing cast shows in tests.
      return (v) => (v === null ? null : Number(String(v)));
    default:
      return (v) => v;
  }
}

function mapDuckError(e: unknown): unknown {
  const message = e instanceof Error ? e.message : String(e);
  const table = /Table with name (\w+) does not exist/i.exec(message);
  if (table) return new SqlServerError(208, `Invalid object name 'dbo.${table[1]}'.`);
  const column = /(?:Referenced column|column named) "?(\w+)"? (?:not found|does not exist)/i.exec(message);
  if (column) return new SqlServerError(207, `Invalid column name '${column[1]}'.`);
  const values = /does not have a column named "(\w+)"/i.exec(message);
  if (values) return new SqlServerError(207, `Invalid column name '${values[1]}'.`);
  return e;
}

/** A SageSql over one sandbox database connection. */
export function duckSageSql(con: DuckDBConnection, location: string, onClose?: () => void): SageSql {
  return {
    location,
    async *query(sqlText: string, params?: Record<string, SqlParam>, signal?: AbortSignal) {
      let result: Awaited<ReturnType<DuckDBConnection['stream']>>;
      try {
        result = await con.stream(
          translateParams(sqlText),
          params as Record<string, DuckDBValue> | undefined,
        );
      } catch (e) {
        throw mapDuckError(e);
      }
      const names = result.columnNames();
      const converters = names.map((_, i) => converterFor(result.columnTypeId(i)));
      for (;;) {
        signal?.throwIfAborted();
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const columns = chunk.getColumns().map((col, i) => {
          const convert = converters[i]!;
          return col.map(convert);
        });
        const rows: SqlRow[] = new Array(chunk.rowCount);
        for (let r = 0; r < chunk.rowCount; r++) {
          const row: SqlRow = {};
          for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]![r];
          rows[r] = row;
        }
        yield rows;
      }
    },
    async close() {
      onClose?.();
    },
  };
}
