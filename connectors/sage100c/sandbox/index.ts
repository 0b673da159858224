/**
 * The Sage 100 Contractor sandbox: a local stand-in for a customer's SQL Server instance with one company
 * database, seeded from a canonical dataset folder rendered into Sage's tables. It checks logins, the
 * application name (as a logon trigger does) and the database name, raising SQL Server's error numbers,
 * and can drop tables or columns to imitate an older Sage version.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SAGE_APP_NAME } from '../config.ts';
import { type SageSql, SqlServerError } from '../sql-client.ts';
import { readDataset } from './dataset.ts';
import { createSageDatabase, duckSageSql } from './engine.ts';
import { connectFault, withFaults } from './faults.ts';
import { loadTable } from './load.ts';
import { renderDataset } from './render.ts';
import type { RenderContext } from './render-context.ts';

export const SANDBOX_DATABASE = 'SandboxConstruction';
export const SANDBOX_LOGIN = { user: 'tieout_reader', password: 'sandbox-password' };

export interface SandboxOptions {
  database?: string;
  logins?: Record<string, string>;
  /** Applications the logon trigger lets in. */
  allowedApps?: string[];
  /** "table" or "table.column" to remove, imitating a Sage version without them. */
  drop?: string[];
}

export interface ConnectRequest {
  database: string;
  user: string;
  password: string;
  appName: string;
}

export class SageSandbox {
  private constructor(
    private readonly instance: DuckDBInstance,
    /** Seeding and bench access; the connector only ever sees `connect()`. */
    readonly con: DuckDBConnection,
    readonly rendered: RenderContext | undefined,
    private readonly options: Required<Omit<SandboxOptions, 'drop'>>,
  ) {}

  static async empty(options: SandboxOptions = {}): Promise<SageSandbox> {
    const { instance, con } = await createSageDatabase();
    return SageSandbox.finish(instance, con, undefined, options);
  }

  static async fromDataset(dir: string, options: SandboxOptions = {}): Promise<SageSandbox> {
    const dataset = await readDataset(dir);
    const rendered = renderDataset(dataset);
    const { instance, con } = await createSageDatabase();
    for (const [table, rows] of rendered.tables) await loadTable(con, table, rows);
    return SageSandbox.finish(instance, con, rendered, options);
  }

  private static async finish(
    instance: DuckDBInstance,
    con: DuckDBConnection,
    rendered: RenderContext | undefined,
    options: SandboxOptions,
  ): Promise<SageSandbox> {
    for (const item of options.drop ?? []) {
      const [table, column] = item.split('.');
      if (column) await con.run(`ALTER TABLE dbo.${table} DROP COLUMN "${column}"`);
      else await con.run(`DROP TABLE dbo.${table}`);
    }
    return new SageSandbox(instance, con, rendered, {
      database: options.database ?? SANDBOX_DATABASE,
      logins: options.logins ?? { [SANDBOX_LOGIN.user]: SANDBOX_LOGIN.password },
      allowedApps: options.allowedApps ?? [SAGE_APP_NAME],
    });
  }

  get database(): string {
    return this.options.database;
  }

  /** Opens a session the way SQL Server would: login, logon trigger, then the database. */
  async connect(request: ConnectRequest): Promise<SageSql> {
    connectFault();
    if (this.options.logins[request.user] !== request.password) {
      throw new SqlServerError(18456, `Login failed for user '${request.user}'.`, 'connect');
    }
    if (!this.options.allowedApps.includes(request.appName)) {
      throw new SqlServerError(
        17892,
        `Logon failed for login '${request.user}' due to trigger execution.`,
        'connect',
      );
    }
    if (request.database.toLowerCase() !== this.options.database.toLowerCase()) {
      throw new SqlServerError(
        4060,
        `Cannot open database "${request.database}" requested by the login. The login failed.`,
        'connect',
      );
    }
    const session = await this.instance.connect();
    return withFaults(
      duckSageSql(session, `Sage sandbox, database ${this.options.database}`, () => session.closeSync()),
    );
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}
