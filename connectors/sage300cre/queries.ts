/**
 * The connector's SQL: one plain SELECT per file in queries/, without parameters or SQL-side money
 * arithmetic (the Timberline driver's SQL is a small ODBC subset and its money is floating point). A column
 * known only from partial public lists is written `NULL AS name, -- optional: alias.Column`: it is read
 * when the table has it and left empty otherwise, and the catalog check does not require it.
 */
import { readFileSync } from 'node:fs';
import { requiredColumns } from '../sql/catalog.ts';

export const SAGE300_QUERIES = [
  'jobs',
  'cost-codes',
  'vendors',
  'categories',
  'transactions',
  'commitments',
  'commitment-items',
  'invoices',
  'distributions',
  'billings',
] as const;

const cache = new Map<string, string>();

export function queryFile(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./queries/${name}.sql`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** The file's text with its optional columns read where `present` (table → columns) has them. */
export function resolvedSql(name: string, present: Map<string, Set<string>>): string {
  const text = queryFile(name);
  const aliases = new Map<string, string>();
  for (const m of text.matchAll(/\bFROM\s+(\w+)\s+(\w+)/gi))
    aliases.set(m[2]!.toLowerCase(), m[1]!.toLowerCase());
  return text.replace(
    /NULL AS (\w+)(,?) -- optional: (\w+)\.(\w+)/g,
    (all, as: string, comma: string, alias: string, column: string) => {
      const table = aliases.get(alias.toLowerCase());
      return table && present.get(table)?.has(column.toLowerCase())
        ? `${alias}.${column} AS ${as}${comma}`
        : all;
    },
  );
}

/** Every table the queries read, with the columns they require. */
export function neededTables(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const name of SAGE300_QUERIES)
    for (const [table, cols] of requiredColumns(queryFile(name)))
      out.set(table, new Set([...(out.get(table) ?? []), ...cols]));
  return out;
}
