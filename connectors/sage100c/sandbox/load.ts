/**
 * Loads rendered Sage rows into the sandbox database: each table through a text staging table and one
 * INSERT … SELECT with explicit casts to the column's type, so a value the real column could not hold
 * (a 4-decimal cost code, a 13-digit money amount) fails here as it would in SQL Server.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../canonical/duckdb.ts';
import type { SageRow } from './render-context.ts';

export async function loadTable(
  con: DuckDBConnection,
  table: string,
  rows: SageRow[],
  schema = 'dbo',
): Promise<void> {
  if (rows.length === 0) return;
  const types = new Map(
    (
      await queryRows<{ column_name: string; data_type: string }>(
        con,
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $schema AND table_name = $table',
        { table, schema },
      )
    ).map((c) => [c.column_name, c.data_type]),
  );
  if (types.size === 0) throw new Error(`the sandbox has no table ${schema}.${table}`);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  for (const c of columns) if (!types.has(c)) throw new Error(`${schema}.${table} has no column ${c}`);
  const stage = `stage_${table}`;
  const q = (c: string) => `"${c}"`;
  await con.run(
    `CREATE OR REPLACE TEMP TABLE ${stage} (${columns.map((c) => `${q(c)} VARCHAR`).join(', ')})`,
  );
  const appender = await con.createAppender(stage);
  for (const row of rows) {
    for (const c of columns) {
      const v = row[c];
      if (v === null || v === undefined) appender.appendNull();
      else appender.appendVarchar(String(v));
    }
    appender.endRow();
  }
  appender.closeSync();
  const select = columns.map((c) => `CAST(${q(c)} AS ${types.get(c)})`).join(', ');
  await con.run(
    `INSERT INTO ${schema}.${table} (${columns.map(q).join(', ')}) SELECT ${select} FROM ${stage}`,
  );
  await con.run(`DROP TABLE ${stage}`);
}
