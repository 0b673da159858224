/**
 * The Vista sandbox: a local stand-in for a customer's SQL Server holding the Vista database, its views
 * created from schema.sql (Vista's table and column names) and seeded from a canonical dataset folder. It
 * checks the login and the database name, raising SQL Server's error numbers, and can drop views or
 * columns to imitate another Vista release. The connector talks to it through the same SQL session
 * interface as to SQL Server; what the engine cannot prove is said in sage100c/sandbox/engine.ts.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openDuckDb } from '../../canonical/duckdb.ts';
import { readDataset } from '../../sage100c/sandbox/dataset.ts';
import { duckSageSql, translateDdl } from '../../sage100c/sandbox/engine.ts';
import { loadTable } from '../../sage100c/sandbox/load.ts';
import { type SageSql, SqlServerError } from '../../sage100c/sql-client.ts';
import { renderVista } from './render.ts';

export const VISTA_SANDBOX_DATABASE = 'Viewpoint';
export const VISTA_SANDBOX_LOGIN = { user: 'tieout_reader', password: 'sandbox-password' };

export interface VistaSandboxOptions {
  /** "TABLE" or "TABLE.Column" to remove, imitating a Vista release without them. */
  drop?: string[];
}

export class VistaSandbox {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly con: DuckDBConnection,
  ) {}

  /** The Vista views with no rows; tests write rows into `con` as Vista would hold them. */
  static async empty(): Promise<VistaSandbox> {
    const instance = await openDuckDb(':memory:', { memoryLimit: '1GB' });
    const con = await instance.connect();
    await con.run('CREATE SCHEMA dbo');
    await con.run(translateDdl(readFileSync(new URL('./schema.sql', import.meta.url), 'utf8')));
    return new VistaSandbox(instance, con);
  }

  static async fromDataset(dir: string, options: VistaSandboxOptions = {}): Promise<VistaSandbox> {
    const rendered = renderVista(await readDataset(dir));
    const sandbox = await VistaSandbox.empty();
    const con = sandbox.con;
    for (const [table, rows] of rendered) await loadTable(con, table, rows);
    for (const item of options.drop ?? []) {
      const [table, column] = item.split('.');
      if (column) await con.run(`ALTER TABLE dbo.${table} DROP COLUMN "${column}"`);
      else await con.run(`DROP TABLE dbo.${table}`);
    }
    return sandbox;
  }

  /** Opens a session the way SQL Server would: login, then the database. */
  async connect(request: { database: string; user: string; password: string }): Promise<SageSql> {
    if (request.user !== VISTA_SANDBOX_LOGIN.user || request.password !== VISTA_SANDBOX_LOGIN.password) {
      throw new SqlServerError(18456, `Login failed for user '${request.user}'.`, 'connect');
    }
    if (request.database.toLowerCase() !== VISTA_SANDBOX_DATABASE.toLowerCase()) {
      throw new SqlServerError(
        4060,
        `Cannot open database "${request.database}" requested by the login.`,
        'connect',
      );
    }
    const session = await this.instance.connect();
    return duckSageSql(session, `Vista sandbox, database ${VISTA_SANDBOX_DATABASE}`, () =>
      session.closeSync(),
    );
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}
