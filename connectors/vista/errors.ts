/**
 * What SQL Server (or the sandbox) reports, told as what to check in Vista. Any of these fails the whole ERP
 * side: the run is recorded as failed and no snapshot is published.
 */
import { SourceError } from '../contract.ts';
import { sqlErrorNumber } from '../sage100c/errors.ts';

export interface VistaErrorContext {
  server: string;
  database: string;
  user: string;
  appName: string;
  query?: string;
}

export function classifyVistaError(e: unknown, ctx: VistaErrorContext): SourceError {
  if (e instanceof SourceError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  const where = `Vista SQL Server ${ctx.server}, database "${ctx.database}"`;
  const inQuery = ctx.query ? ` (while running ${ctx.query})` : '';
  switch (sqlErrorNumber(e)) {
    case 18456:
      return new SourceError(
        'vista_login_failed',
        `${where} refused the login "${ctx.user}" (error 18456). Check the user name and the password its env: reference points to, and that the instance allows SQL Server authentication.`,
        { cause: e },
      );
    case 17892:
      return new SourceError(
        'vista_app_not_allowed',
        `${where} rejected application "${ctx.appName}" (error 17892, a logon trigger). Ask the administrator to allow it for login "${ctx.user}".`,
        { cause: e },
      );
    case 4060:
      return new SourceError(
        'vista_database_missing',
        `${where}: the database does not exist or login "${ctx.user}" may not open it (error 4060). Vista's database is usually named Viewpoint.`,
        { cause: e },
      );
    case 208:
      return new SourceError(
        'vista_table_missing',
        `${where}: ${detail}${inQuery}. Grant login "${ctx.user}" SELECT on the Vista views.`,
        { cause: e },
      );
    case 207:
      return new SourceError('vista_column_missing', `${where}: ${detail}${inQuery}.`, { cause: e });
  }
  return new SourceError('vista_query_failed', `${where}${inQuery}: ${detail}`, { cause: e });
}
