/**
 * DuckDB access shared by every floor. Results are read with the JSON getters so DECIMAL arrives as an exact
 * string, BIGINT as a string and DATE as 'YYYY-MM-DD' — never as a JS float.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[] | undefined;
export type JsonRow = Record<string, unknown>;

/** Opens (or creates) a DuckDB file with offline-safe options. */
export async function openDuckDb(
  file: string,
  options: { readOnly?: boolean; memoryLimit?: string; threads?: number; tempDirectory?: string } = {},
): Promise<DuckDBInstance> {
  const settings: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    memory_limit: options.memoryLimit ?? '2GB',
  };
  if (options.readOnly) settings.access_mode = 'READ_ONLY';
  if (options.threads) settings.threads = String(options.threads);
  if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
  return DuckDBInstance.create(file, settings);
}

/** Runs a query and returns its rows as JSON-safe objects (decimals as strings). */
export async function queryRows<T = JsonRow>(
  con: DuckDBConnection,
  sql: string,
  params?: SqlParams,
): Promise<T[]> {
  const reader = params === undefined ? await con.runAndReadAll(sql) : await con.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as T[];
}

export async function queryOne<T = JsonRow>(
  con: DuckDBConnection,
  sql: string,
  params?: SqlParams,
): Promise<T | undefined> {
  const rows = await queryRows<T>(con, sql, params);
  return rows[0];
}

/** Runs a script of several statements separated by semicolons (no parameters). */
export async function runScript(con: DuckDBConnection, sql: string): Promise<void> {
  await con.run(sql);
}
