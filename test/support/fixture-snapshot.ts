/**
 * Builds a small in-memory snapshot for golden tests: the real snapshot DDL, rows validated against the
 * canonical schemas (so a fixture cannot hold what a connector could never deliver), inserted with bound
 * parameters. Large data goes through the real snapshot writer instead.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { snapshotColumnOrder } from '../../connectors/canonical/ddl.ts';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import type { CanonicalTableName, Side } from '../../connectors/canonical/tables.ts';
import { snapshotDdl } from '../../src/snapshot/layout.ts';

export type SideRows = Partial<Record<CanonicalTableName, Record<string, string | null | undefined>[]>>;

export interface FixtureInput {
  pm?: SideRows;
  erp?: SideRows;
  info?: Record<string, string>;
  mappings?: {
    jobs?: { pm: string; erp: string }[];
    vendors?: { pm: string; erp: string }[];
    costCodes?: { pmCode: string; pmType?: string; erpCode: string; erpType?: string }[];
  };
}

export interface FixtureSnapshot {
  instance: DuckDBInstance;
  con: DuckDBConnection;
  close(): void;
}

export async function fixtureSnapshot(input: FixtureInput, file = ':memory:'): Promise<FixtureSnapshot> {
  const instance = await openDuckDb(file);
  const con = await instance.connect();
  await con.run(snapshotDdl());
  for (const side of ['pm', 'erp'] as Side[]) {
    const tables = input[side] ?? {};
    for (const [table, rows] of Object.entries(tables) as [CanonicalTableName, Record<string, string>[]][]) {
      const cols = snapshotColumnOrder(table);
      const sql = `INSERT INTO "${table}" VALUES (${cols.map(() => '?').join(', ')})`;
      for (let i = 0; i < rows.length; i++) {
        const result = validateRow(table, rows[i]!);
        if (!result.ok) {
          throw new Error(`fixture ${side}.${table}[${i}] is invalid: ${JSON.stringify(result.issues)}`);
        }
        const row = result.row as Record<string, string | null>;
        const values = cols.map((c) =>
          c === 'side' ? side : c === 'source_ref' ? `fixture:${side}:${table}:${i + 1}` : (row[c] ?? null),
        );
        await con.run(sql, values);
      }
    }
  }
  const info = { company_id: 'fixture', taken_at: '2026-11-01T07:00:00.000Z', ...input.info };
  for (const [k, v] of Object.entries(info)) await con.run('INSERT INTO snapshot_info VALUES (?, ?)', [k, v]);
  for (const m of input.mappings?.jobs ?? [])
    await con.run('INSERT INTO map_jobs VALUES (?, ?)', [m.pm, m.erp]);
  for (const m of input.mappings?.vendors ?? [])
    await con.run('INSERT INTO map_vendors VALUES (?, ?)', [m.pm, m.erp]);
  for (const m of input.mappings?.costCodes ?? []) {
    await con.run('INSERT INTO map_cost_codes VALUES (?, ?, ?, ?)', [
      m.pmCode,
      m.pmType ?? null,
      m.erpCode,
      m.erpType ?? null,
    ]);
  }
  return {
    instance,
    con,
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}
