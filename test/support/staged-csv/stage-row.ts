/**
 * One record → one staged line (stage-csv.ts), validating while it writes: the compiled per-column checks of
 * fast.ts run in declaration order and their canonical values are written as fields, each followed by a
 * comma. Money, percentages, dates and enumeration values are canonical after the check (digits, sign,
 * point, hyphen, lower-case letters, underscore) and are written bare; ids, codes and text are quoted.
 *
 * The stager for a table is generated once from its declarations, so every field read is a plain property
 * access (`values["amount"]`) and a valid row allocates nothing but its line.
 */
import { type FastColumn, fastColumns } from '../../../connectors/canonical/fast.ts';
import type { CanonicalTableName } from '../../../connectors/canonical/tables.ts';
import { stageField, stageNullable } from './stage-csv.ts';

/** Staged fields of a record, or undefined when a check is not sure (the caller asks zod). */
export type Stager = (values: Record<string, unknown>) => string | undefined;

const BARE: ReadonlySet<FastColumn['kind']> = new Set(['money', 'percent', 'date', 'enum']);

function generate(cols: readonly FastColumn[]): Stager {
  const lines: string[] = [];
  const fields: string[] = [];
  cols.forEach((col, i) => {
    lines.push(`const v${i} = check${i}(values[${JSON.stringify(col.name)}]);`);
    lines.push(`if (v${i} === undefined) return undefined;`);
    fields.push(
      BARE.has(col.kind) ? `(v${i} === null ? '' : v${i})` : `(v${i} === null ? '' : field(v${i}))`,
    );
  });
  const body = `return function stage(values) {\n${lines.join('\n')}\nreturn ${fields.join(" + ',' + ")} + ',';\n};`;
  const params = [...cols.map((_, i) => `check${i}`), 'field'];
  // The source is built from the canonical declarations only (column names quoted with JSON.stringify).
  const factory = new Function(...params, body) as (...args: unknown[]) => Stager;
  return factory(...cols.map((c) => c.check), stageField);
}

const cache = new Map<CanonicalTableName, Stager>();

export function stagerFor(table: CanonicalTableName): Stager {
  let stager = cache.get(table);
  if (!stager) {
    stager = generate(fastColumns(table));
    cache.set(table, stager);
  }
  return stager;
}

/** The staged fields of a row zod validated (every value canonical or null). */
export function stageRow(table: CanonicalTableName, row: Record<string, string | null>): string {
  let line = '';
  for (const col of fastColumns(table)) line += `${stageNullable(row[col.name] ?? null)},`;
  return line;
}
