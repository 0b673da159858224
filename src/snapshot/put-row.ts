/**
 * One record → one row of column vectors (columns.ts), validating while it writes: the compiled per-column
 * checks of fast.ts run in declaration order, and only when every one is sure are the canonical values put
 * into the table's columns (1 … n; column 0 is `side`, the last `source_ref`). A record any check is not sure
 * of puts nothing, and the caller asks zod.
 *
 * The putter for a table is generated once from its declarations, so every field read is a plain property
 * access (`values["amount"]`) and a valid row allocates nothing.
 */
import { type FastColumn, fastColumns } from '../../connectors/canonical/fast.ts';
import type { CanonicalTableName } from '../../connectors/canonical/tables.ts';
import type { ColumnAppender } from './columns.ts';

/** True when the record was valid and its values are in the current row; false when zod must decide. */
export type RowPutter = (rows: ColumnAppender, values: Record<string, unknown>) => boolean;

function generate(cols: readonly FastColumn[]): RowPutter {
  const lines: string[] = [];
  const puts: string[] = [];
  cols.forEach((col, i) => {
    lines.push(`const v${i} = check${i}(values[${JSON.stringify(col.name)}]);`);
    lines.push(`if (v${i} === undefined) return false;`);
    puts.push(`rows.put(${i + 1}, v${i});`);
  });
  const body = `return function putRow(rows, values) {\n${lines.join('\n')}\n${puts.join('\n')}\nreturn true;\n};`;
  const params = cols.map((_, i) => `check${i}`);
  // The source is built from the canonical declarations only (column names quoted with JSON.stringify).
  const factory = new Function(...params, body) as (...args: unknown[]) => RowPutter;
  return factory(...cols.map((c) => c.check));
}

const cache = new Map<CanonicalTableName, RowPutter>();

export function rowPutterFor(table: CanonicalTableName): RowPutter {
  let putter = cache.get(table);
  if (!putter) {
    putter = generate(fastColumns(table));
    cache.set(table, putter);
  }
  return putter;
}

/** Puts a row zod validated (every value canonical or null). */
export function putCanonicalRow(
  rows: ColumnAppender,
  table: CanonicalTableName,
  row: Record<string, string | null>,
): void {
  const cols = fastColumns(table);
  for (let i = 0; i < cols.length; i++) rows.put(i + 1, row[cols[i]!.name] ?? null);
}
