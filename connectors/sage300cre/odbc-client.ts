/**
 * The production session: the `odbc` package (unixODBC / Windows ODBC bindings) against the Timberline Data
 * driver. The driver is a 32-bit Windows ODBC driver, so this runs where it is installed (tieout on the
 * accounting server, or a 32-bit Node there); `odbc` is not a dependency of tieout and is loaded only here,
 * with a clear error when absent. Nothing here runs in tests: there is no Timberline driver on the build
 * machine. Rows are fetched through a cursor in batches; money arrives as JS numbers (the driver's doubles)
 * and is turned into decimals by the connector at once.
 */
import type { SqlRow } from '../sage100c/sql-client.ts';
import { OdbcError, type Sage300Session } from './session.ts';

const BATCH = 2048;

interface OdbcCursor {
  fetch(): Promise<SqlRow[]>;
  noData(): boolean;
  close(): Promise<void>;
}
interface OdbcConnection {
  query(sql: string, options: { cursor: boolean; fetchSize: number }): Promise<OdbcCursor>;
  columns(catalog: null, schema: null, table: string, column: null): Promise<{ COLUMN_NAME: string }[]>;
  close(): Promise<void>;
}

function odbcError(e: unknown): unknown {
  const details = (e as { odbcErrors?: { state?: string; message?: string }[] } | null)?.odbcErrors;
  const first = details?.[0];
  if (first?.state) return new OdbcError(first.state, first.message ?? String(e));
  return e;
}

export async function openOdbc(connectionString: string, where: string): Promise<Sage300Session> {
  let odbc: { connect(cs: string): Promise<OdbcConnection> };
  try {
    const name = 'odbc';
    odbc = (await import(name)) as typeof odbc;
  } catch {
    throw new OdbcError(
      'IM003',
      'the odbc package is not installed: run `npm install odbc` where the Timberline Data driver is installed',
    );
  }
  let connection: OdbcConnection;
  try {
    connection = await odbc.connect(connectionString);
  } catch (e) {
    throw odbcError(e);
  }
  return {
    location: where,
    async *query(sql, _params, signal) {
      let cursor: OdbcCursor | undefined;
      try {
        cursor = await connection.query(sql, { cursor: true, fetchSize: BATCH });
        while (!cursor.noData()) {
          signal?.throwIfAborted();
          const rows = await cursor.fetch();
          if (rows.length === 0) break;
          // Column names arrive as the driver spells them; the .sql files alias them in lower case.
          yield rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v])));
        }
      } catch (e) {
        throw odbcError(e);
      } finally {
        await cursor?.close();
      }
    },
    async columnsOf(table) {
      try {
        return (await connection.columns(null, null, table, null)).map((c) => c.COLUMN_NAME);
      } catch (e) {
        throw odbcError(e);
      }
    },
    close: () => connection.close(),
  };
}
