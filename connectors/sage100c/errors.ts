/**
 * Turns what SQL Server (or the sandbox) reports into a SourceError that says what to check. Any of these
 * fails the whole ERP side: the run is recorded as failed and no snapshot is published.
 */
import { SourceError } from '../contract.ts';
import { SqlServerError } from './sql-client.ts';

export interface ErrorContext {
  server: string;
  database: string;
  user: string;
  appName: string;
  /** The query being run, when the failure happened inside one: "job-cost.sql". */
  query?: string;
}

/** Extracts SQL Server's error number from an mssql/tedious error or a SqlServerError. */
export function sqlErrorNumber(e: unknown): number | undefined {
  if (e instanceof SqlServerError) return e.number;
  if (typeof e !== 'object' || e === null) return undefined;
  const err = e as { number?: unknown; originalError?: { number?: unknown; info?: { number?: unknown } } };
  for (const n of [err.number, err.originalError?.number, err.originalError?.info?.number]) {
    if (typeof n === 'number') return n;
  }
  const message = e instanceof Error ? e.message : '';
  if (/Login failed for user/i.test(message)) return 18456;
  if (/due to trigger execution/i.test(message)) return 17892;
  if (/Cannot open database/i.test(message)) return 4060;
  if (/Invalid object name/i.test(message)) return 208;
  if (/Invalid column name/i.test(message)) return 207;
  return undefined;
}

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function classifySqlError(e: unknown, ctx: ErrorContext): SourceError {
  if (e instanceof SourceError) return e;
  const number = sqlErrorNumber(e);
  const detail = e instanceof Error ? e.message : String(e);
  const where = `SQL Server ${ctx.server}, database "${ctx.database}"`;
  const inQuery = ctx.query ? ` (while running ${ctx.query})` : '';
  switch (number) {
    case 18456:
      return new SourceError(
        'sage_login_failed',
        `${where} refused the login "${ctx.user}" (error 18456). Check the user name and the password its env: reference points to, that the instance allows SQL Server authentication, and that the login is enabled (Sage 100 Contractor Database Administration → reporting users).`,
        { cause: e },
      );
    case 17892:
      return new SourceError(
        'sage_app_not_allowed',
        `${where} rejected the connection from application "${ctx.appName}" (error 17892: a logon trigger allows only known applications). Ask the Sage administrator to allow the application name "${ctx.appName}" for login "${ctx.user}".`,
        { cause: e },
      );
    case 4060:
      return new SourceError(
        'sage_database_missing',
        `${where}: the database does not exist or login "${ctx.user}" may not open it (error 4060). Check the company's database name in Sage 100 Contractor Database Administration and that the login has access to that company.`,
        { cause: e },
      );
    case 208:
      return new SourceError(
        'sage_table_missing',
        `${where}: ${detail}${inQuery}. This is not a Sage 100 Contractor v21+ company database, or login "${ctx.user}" cannot see the table: grant it SELECT on the company database.`,
        { cause: e },
      );
    case 207:
      return new SourceError(
        'sage_column_missing',
        `${where}: ${detail}${inQuery}. This Sage 100 Contractor version lacks a column tieout reads; check the company is on v21 or later.`,
        { cause: e },
      );
  }
  const code = errorCode(e);
  if (code === 'ESOCKET' || code === 'EINSTLOOKUP' || code === 'ECONNCLOSED' || code === 'ETIMEOUT') {
    return new SourceError(
      'sage_unreachable',
      `cannot reach ${where}${inQuery}: ${detail}. Check the server and instance name, that SQL Server Browser (UDP 1434) or the TCP port is open from this machine, and the encryption settings.`,
      { cause: e },
    );
  }
  return new SourceError('sage_query_failed', `${where}${inQuery}: ${detail}`, { cause: e });
}
