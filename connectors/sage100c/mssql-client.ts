/**
 * The production SageSql: the mssql driver (tedious) against the customer's SQL Server, read-only intent,
 * a fixed application name administrators can allow-list, rows streamed with back-pressure in batches.
 * Nothing here runs in tests (no SQL Server on the build machine); `mssqlConfig` is tested for what it asks
 * the driver to do.
 */
import sql from 'mssql';
import { SAGE_APP_NAME } from './config.ts';
import type { SageSql, SqlParam, SqlRow } from './sql-client.ts';

export interface SqlServerTarget {
  server: string;
  port?: number;
  database: string;
  user: string;
  password: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
  requestTimeoutSeconds: number;
  /** The application name presented to SQL Server; Sage 100 Contractor's unless another system's. */
  appName?: string;
}

const BATCH = 2048;

export function mssqlConfig(target: SqlServerTarget): sql.config {
  const [host, instanceName] = target.server.split('\\');
  return {
    server: host!,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    requestTimeout: target.requestTimeoutSeconds * 1000,
    connectionTimeout: 30_000,
    pool: { max: 2, min: 0, idleTimeoutMillis: 30_000 },
    options: {
      appName: target.appName ?? SAGE_APP_NAME,
      instanceName: target.port ? undefined : instanceName,
      encrypt: target.encrypt,
      trustServerCertificate: target.trustServerCertificate,
      readOnlyIntent: true,
      useUTC: true,
      enableArithAbort: true,
    },
  };
}

export async function openMssql(target: SqlServerTarget): Promise<SageSql> {
  const pool = new sql.ConnectionPool(mssqlConfig(target));
  await pool.connect();
  return {
    location: `SQL Server ${target.server}, database ${target.database}`,
    query: (text, params, signal) => streamQuery(pool, text, params ?? {}, signal),
    close: () => pool.close(),
  };
}

/** Streams one query's rows in batches, pausing the driver while batches wait to be consumed. */
export async function* streamQuery(
  pool: Pick<sql.ConnectionPool, 'request'>,
  text: string,
  params: Record<string, SqlParam>,
  signal?: AbortSignal,
): AsyncIterable<SqlRow[]> {
  const request = pool.request();
  request.stream = true;
  for (const [name, value] of Object.entries(params)) request.input(name, value);
  const ready: SqlRow[][] = [];
  let current: SqlRow[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  request.on('row', (row: SqlRow) => {
    current.push(row);
    if (current.length >= BATCH) {
      ready.push(current);
      current = [];
      if (ready.length >= 4) request.pause();
      notify();
    }
  });
  request.on('error', (e: unknown) => {
    failure ??= e;
    notify();
  });
  request.on('done', () => {
    if (current.length) ready.push(current);
    current = [];
    finished = true;
    notify();
  });
  const onAbort = () => request.cancel();
  signal?.addEventListener('abort', onAbort, { once: true });
  request.query(text);
  try {
    for (;;) {
      if (ready.length > 0) {
        const batch = ready.shift()!;
        if (ready.length < 2) request.resume();
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
