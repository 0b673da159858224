/**
 * The one small query interface the connector talks through. Production implements it with the mssql
 * (tedious) driver against the customer's SQL Server; the sandbox implements it with a local engine holding
 * the same tables. The connector and its .sql files are identical in both.
 *
 * Conventions both implementations keep:
 * - parameters are written `@name` in the SQL text (SQL Server's native syntax) and bound, never spliced in;
 * - rows arrive in batches, column names lower-case as aliased in the SQL;
 * - values arrive as tedious returns them: BIGINT and cast money as strings, TINYINT/SMALLINT/INT as
 *   numbers, DATE/DATETIME as JS Dates (UTC), GUIDs as upper-case strings, NULL as null. Money never
 *   arrives as a JS number because every .sql file casts DECIMAL columns to VARCHAR.
 */

export type SqlParam = string | number | null;
export type SqlRow = Record<string, unknown>;

export interface SageSql {
  /** Where it connects, without secrets: "SQL Server sage01\SAGE100CON, database Acme". */
  readonly location: string;
  /** Runs one SELECT and yields its rows in batches. */
  query(sqlText: string, params?: Record<string, SqlParam>, signal?: AbortSignal): AsyncIterable<SqlRow[]>;
  close(): Promise<void>;
}

/**
 * A failure as SQL Server reports it. `number` is SQL Server's error number (18456 login failed, 17892
 * logon trigger, 4060 cannot open database, 208 invalid object, 207 invalid column); the sandbox raises the
 * same numbers so one classifier (errors.ts) serves both.
 */
export class SqlServerError extends Error {
  constructor(
    readonly number: number,
    message: string,
    readonly kind: 'connect' | 'query' = 'query',
  ) {
    super(message);
    this.name = 'SqlServerError';
  }
}
