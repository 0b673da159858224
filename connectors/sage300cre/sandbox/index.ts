/**
 * The Sage 300 CRE sandbox: a local stand-in for the Timberline Data ODBC data source of one company folder,
 * its tables created from schema.sql (the driver's table and column names, money as DOUBLE) and seeded from a
 * canonical dataset folder. It answers the catalog as ODBC's SQLColumns does, refuses a wrong data source
 * name with SQLSTATE IM002, and can drop tables or columns to imitate another release or naming option.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openDuckDb, queryRows } from '../../canonical/duckdb.ts';
import { readDataset } from '../../sage100c/sandbox/dataset.ts';
import { duckSageSql } from '../../sage100c/sandbox/engine.ts';
import { loadTable } from '../../sage100c/sandbox/load.ts';
import { OdbcError, type Sage300Session } from '../session.ts';
import { renderSage300 } from './render.ts';

export const SAGE300_SANDBOX_DSN = 'TimberlineSandbox';

export class Sage300Sandbox {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly con: DuckDBConnection,
  ) {}

  /** The tables with no rows; tests write rows into `con` as the driver would show them. */
  static async empty(): Promise<Sage300Sandbox> {
    const instance = await openDuckDb(':memory:', { memoryLimit: '1GB' });
    const con = await instance.connect();
    await con.run(readFileSync(new URL('./schema.sql', import.meta.url), 'utf8'));
    return new Sage300Sandbox(instance, con);
  }

  static async fromDataset(dir: string, options: { drop?: string[] } = {}): Promise<Sage300Sandbox> {
    const rendered = renderSage300(await readDataset(dir));
    const sandbox = await Sage300Sandbox.empty();
    const con = sandbox.con;
    for (const [table, rows] of rendered) await loadTable(con, table, rows, 'main');
    for (const item of options.drop ?? []) {
      const [table, column] = item.split('.');
      if (column) await con.run(`ALTER TABLE ${table} DROP COLUMN "${column}"`);
      else await con.run(`DROP TABLE ${table}`);
    }
    return sandbox;
  }

  /** Opens a session as the driver would for `DSN=<dsn>`. */
  async connect(dsn: string): Promise<Sage300Session> {
    if (dsn !== SAGE300_SANDBOX_DSN) {
      throw new OdbcError(
        'IM002',
        `[Microsoft][ODBC Driver Manager] Data source name "${dsn}" not found and no default driver specified`,
      );
    }
    const session = await this.instance.connect();
    const sql = duckSageSql(session, `Sage 300 CRE sandbox, data source ${dsn}`, () => session.closeSync());
    return {
      ...sql,
      async columnsOf(table) {
        const rows = await queryRows<{ column_name: string }>(
          session,
          "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND lower(table_name) = lower($table)",
          { table },
        );
        return rows.map((r) => r.column_name);
      },
    };
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}
