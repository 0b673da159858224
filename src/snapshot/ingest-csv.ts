/**
 * The native path for canonical CSV files: DuckDB's own CSV reader loads the file, one SQL pass checks every
 * cell against the same column declarations the zod schemas come from while casting it, and the typed rows
 * are copied into the snapshot. It is taken only when the file is plainly valid — every cell passes, no cell
 * has leading or trailing whitespace, and every record is one line so `file:line` references are exact.
 * Anything else returns `undefined` and the caller reads the file record by record, which names each
 * problem by file, line and column. Both paths store the same rows (a test compares them).
 */
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../../connectors/canonical/ddl.ts';
import { queryOne } from '../../connectors/canonical/duckdb.ts';
import {
  type CanonicalTableName,
  type ColumnSpec,
  type Side,
  TABLES,
} from '../../connectors/canonical/tables.ts';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Leading or trailing whitespace of any kind (the record path trims it; this path does not). */
const EDGE_SPACE =
  "'^[\\s\\x{00a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]|[\\s\\x{00a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]$'";

/** SQL true when a raw cell (NULL when empty) is NOT valid for its column. */
function invalidCell(column: ColumnSpec, v: string): string {
  const kind = column.kind;
  const checks: string[] = [`regexp_matches(${v}, ${EDGE_SPACE})`];
  switch (kind.type) {
    case 'id':
    case 'code':
      checks.push(`contains(${v}, chr(13))`);
      break;
    case 'money':
      checks.push(`NOT regexp_full_match(${v}, '-?0*\\d{1,16}(\\.\\d{1,2}0*)?')`);
      break;
    case 'percent':
      checks.push(`NOT regexp_full_match(${v}, '-?\\d{1,5}(\\.\\d{1,4})?')`);
      break;
    case 'date':
      checks.push(`NOT regexp_full_match(${v}, '\\d{4}-\\d{2}-\\d{2}')`, `try_cast(${v} AS DATE) IS NULL`);
      break;
    case 'enum':
      checks.push(`lower(${v}) NOT IN (${kind.values.map(sqlString).join(', ')})`);
      break;
    case 'text':
      break;
  }
  // Any check on a NULL cell yields NULL: coalesce makes "empty" valid unless the column is required.
  return `coalesce(${checks.join(' OR ')}, ${column.required ? 'true' : 'false'})`;
}

function castCell(column: ColumnSpec, v: string): string {
  switch (column.kind.type) {
    case 'money':
      return `try_cast(${v} AS DECIMAL(18,2))`;
    case 'percent':
      return `try_cast(${v} AS DECIMAL(9,4))`;
    case 'date':
      return `try_cast(${v} AS DATE)`;
    case 'enum':
      return `lower(${v})`;
    default:
      return v;
  }
}

/** Physical lines of the file (a last line without a newline counts), read in large blocks. */
async function countLines(file: string): Promise<number> {
  const handle = await open(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let newlines = 0;
  let last = 10;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      let i = buffer.indexOf(10, 0);
      while (i !== -1 && i < bytesRead) {
        newlines++;
        i = buffer.indexOf(10, i + 1);
      }
      last = buffer[bytesRead - 1]!;
    }
  } finally {
    await handle.close();
  }
  return newlines + (last === 10 ? 0 : 1);
}

/**
 * Loads a canonical CSV natively, or returns undefined when the record-by-record path must be used. The header
 * has already been checked by the connector (unknown or missing columns fail the source before this).
 */
export async function ingestCsvNative(
  con: DuckDBConnection,
  side: Side,
  table: CanonicalTableName,
  csv: { path: string; name: string; header: string[] },
): Promise<{ rowsLoaded: number } | undefined> {
  const spec = TABLES[table];
  const { header } = csv;
  const present = new Set(header);
  const stage = `csv_${side}_${table}`;
  const columns = `{${header.map((h) => `${sqlString(h)}: 'VARCHAR'`).join(', ')}}`;
  const raw = (name: string) => (present.has(name) ? quoteIdent(name) : 'NULL');
  const typed = [
    `${sqlString(side)} AS side`,
    ...spec.columns.map((c) => `${castCell(c, raw(c.name))} AS ${quoteIdent(c.name)}`),
    `(${spec.columns.map((c) => invalidCell(c, raw(c.name))).join(' OR ')}) AS _invalid`,
    `(${header.map((h) => `coalesce(contains(${quoteIdent(h)}, chr(10)), false)`).join(' OR ')}) AS _multiline`,
  ];
  try {
    await con.run(
      `CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT ${typed.join(',\n  ')}
         FROM read_csv(${sqlString(csv.path)}, header = true, auto_detect = false, delim = ',', quote = '"',
                       escape = '"', strict_mode = true, null_padding = false, columns = ${columns})`,
    );
  } catch {
    return undefined; // malformed for DuckDB's reader: the record path names the problem
  }
  try {
    const summary = await queryOne<{ rows: string; invalid: string; multiline: string }>(
      con,
      `SELECT count(*) AS rows, count(*) FILTER (WHERE _invalid) AS invalid,
              count(*) FILTER (WHERE _multiline) AS multiline FROM ${stage}`,
    );
    const rows = Number(summary?.rows ?? 0);
    if (Number(summary?.invalid) > 0 || Number(summary?.multiline) > 0) return undefined;
    // No blank lines either: data row k is then on line k + 1, as source_ref says.
    if ((await countLines(csv.path)) !== rows + 1) return undefined;
    // With insertion order preserved (DuckDB's default) the staging table's rowid is the data row's ordinal.
    await con.run(
      `INSERT INTO ${quoteIdent(table)} SELECT * EXCLUDE (_invalid, _multiline),
         ${sqlString(`${csv.name}:`)} || CAST(rowid + 2 AS VARCHAR) FROM ${stage}`,
    );
    return { rowsLoaded: rows };
  } finally {
    await con.run(`DROP TABLE IF EXISTS ${stage}`);
  }
}
