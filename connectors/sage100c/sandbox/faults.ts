/**
 * Fault switches for the Sage 100 Contractor sandbox, the way SQL Server and the tedious driver fail: a
 * login refused (an expired or changed password, 18456), the server unreachable (ESOCKET), a query timing
 * out (ETIMEOUT), the connection dropped after the first batch of rows (ECONNCLOSED), a deadlock victim
 * (1205), and a value of the wrong type in the first row. A fault applies to `connect` or to one query file
 * by name ("jobs", "job-cost"…), and fires `times` times.
 *
 * Sandboxes are started inside the connector factory, so the switches are one shared set per process
 * (tests run each file in its own process).
 */
import { QUERY_NAMES, type QueryName, querySql } from '../queries.ts';
import { type SageSql, type SqlParam, type SqlRow, SqlServerError } from '../sql-client.ts';

export type SageFaultKind =
  | 'login_failed'
  | 'unreachable'
  | 'timeout'
  | 'connection_lost'
  | 'deadlock'
  | 'wrong_type';

export interface SageFault {
  /** "connect", or the query file the fault applies to (without .sql). */
  target: 'connect' | QueryName;
  kind: SageFaultKind;
  times: number;
  /** wrong_type: the column of the first row to break (default: its first column). */
  field?: string;
}

export class SageFaultSwitches {
  private faults: SageFault[] = [];
  fired = 0;
  /** Every target asked about since the last clear, in order: which queries a run made. */
  seen: string[] = [];

  set(fault: SageFault) {
    this.faults.push({ ...fault });
  }

  clear() {
    this.faults = [];
    this.fired = 0;
    this.seen = [];
  }

  take(target: string): SageFault | undefined {
    this.seen.push(target);
    const f = this.faults.find((x) => x.times > 0 && x.target === target);
    if (!f) return undefined;
    f.times--;
    this.fired++;
    return f;
  }
}

export const sageSandboxFaults = new SageFaultSwitches();

/** A driver error as tedious raises it: an Error with a string `code`. */
function driverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function failure(kind: SageFaultKind): Error {
  switch (kind) {
    case 'login_failed':
      return new SqlServerError(18456, "Login failed for user 'tieout_reader'.", 'connect');
    case 'unreachable':
      return driverError('ESOCKET', 'Failed to connect to sandbox:1433 - connect ECONNREFUSED');
    case 'timeout':
      return driverError('ETIMEOUT', 'Timeout: Request failed to complete in 300000ms');
    case 'connection_lost':
      return driverError('ECONNCLOSED', 'Connection lost - read ECONNRESET');
    case 'deadlock':
      return new SqlServerError(
        1205,
        'Transaction (Process ID 61) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.',
      );
    case 'wrong_type':
      return new Error('wrong_type is applied to rows, not raised');
  }
}

/** Throws the fault set for connecting, if any. */
export function connectFault(switches: SageFaultSwitches = sageSandboxFaults): void {
  const f = switches.take('connect');
  if (f) throw failure(f.kind);
}

let names: Map<string, QueryName> | undefined;
function queryNameOf(sqlText: string): string {
  names ??= new Map(QUERY_NAMES.map((n) => [querySql(n), n]));
  return names.get(sqlText) ?? 'unknown';
}

/** Wraps a sandbox session so queries fail as the switches say. */
export function withFaults(sql: SageSql, switches: SageFaultSwitches = sageSandboxFaults): SageSql {
  return {
    location: sql.location,
    close: () => sql.close(),
    async *query(sqlText: string, params?: Record<string, SqlParam>, signal?: AbortSignal) {
      const fault = switches.take(queryNameOf(sqlText));
      if (fault && (fault.kind === 'timeout' || fault.kind === 'deadlock' || fault.kind === 'unreachable')) {
        throw failure(fault.kind);
      }
      let first = true;
      for await (const batch of sql.query(sqlText, params, signal)) {
        if (first && fault?.kind === 'wrong_type' && batch.length > 0) {
          const field = fault.field ?? Object.keys(batch[0]!)[0]!;
          const broken: SqlRow = { ...batch[0], [field]: { unexpected: true } };
          yield [broken, ...batch.slice(1)];
        } else {
          yield batch;
        }
        if (first && fault?.kind === 'connection_lost') throw failure('connection_lost');
        first = false;
      }
      if (first && fault?.kind === 'connection_lost') throw failure('connection_lost');
    },
  };
}
