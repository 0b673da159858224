/**
 * What the Sage 300 CRE connector talks through: a SQL session (production: the Timberline Data ODBC
 * driver; tests: the sandbox) that can also list a table's columns, as ODBC's catalog function does.
 */
import type { SageSql } from '../sage100c/sql-client.ts';

export interface Sage300Session extends SageSql {
  /** The table's column names; empty when the table does not exist. */
  columnsOf(table: string): Promise<string[]>;
}

/** A failure the driver reported, with its SQLSTATE (28000 login, IM002 no data source, 42S02 no table…). */
export class OdbcError extends Error {
  constructor(
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
    this.name = 'OdbcError';
  }
}
