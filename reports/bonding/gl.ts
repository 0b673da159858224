/** Reads the GL balances by role (gl.sql) as exact decimals, debit positive. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { Dec } from '../../connectors/canonical/money.ts';
import type { GlRole } from '../../connectors/canonical/tables.ts';
import { loadReportSql } from '../shared/sql.ts';

export interface RoleBalance {
  /** Debit positive: assets positive, liabilities and equity negative. */
  balance: Dec;
  accounts: string;
}

/** The GL as of one date, by role; a role no account is mapped to (or with no balance that day) is absent. */
export type GlByRole = Partial<Record<GlRole, RoleBalance>>;

export async function readGlByRole(con: DuckDBConnection, asOf: string): Promise<GlByRole> {
  const rows = await queryRows<Record<string, unknown>>(con, loadReportSql(import.meta.url, './gl.sql'), {
    as_of: asOf,
  });
  const out: GlByRole = {};
  for (const r of rows) {
    out[String(r.role) as GlRole] = { balance: new Dec(String(r.balance)), accounts: String(r.account_list) };
  }
  return out;
}
