/**
 * The connector's SQL: one plain SELECT per file in queries/, the same text in production and in the
 * sandbox. Each file reads tables as `dbo.<table> <alias>` and columns as `<alias>.<column>`; from that
 * convention `requiredColumns` lists what a file needs, so a missing table or column is named before any
 * row is read.
 */
import { readFileSync } from 'node:fs';

export const QUERY_NAMES = [
  'catalog',
  'jobs',
  'cost-codes',
  'cost-types',
  'vendors',
  'budget-lines',
  'invoice-ledger',
  'job-cost',
  'job-cost-changed',
  'job-cost-keys',
  'job-cost-totals',
  'change-order-headers',
  'change-order-prime-lines',
  'change-order-sub-lines',
  'subcontracts',
  'subcontract-lines',
  'purchase-orders',
  'purchase-order-lines',
  'payables',
  'payable-lines',
  'billings',
  'gl-balances',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

const cache = new Map<QueryName, string>();

export function querySql(name: QueryName): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./queries/${name}.sql`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** Table → columns a query reads, from its `dbo.table alias` and `alias.column` references. */
export function requiredColumns(name: QueryName): Map<string, Set<string>> {
  const sql = querySql(name).replace(/--[^\n]*/g, ' ');
  const aliases = new Map<string, string>();
  for (const m of sql.matchAll(/\bdbo\.(\w+)\s+(?:AS\s+)?(\w+)/gi))
    aliases.set(m[2]!.toLowerCase(), m[1]!.toLowerCase());
  const needed = new Map<string, Set<string>>();
  for (const table of aliases.values()) needed.set(table, new Set());
  for (const m of sql.matchAll(/\b(\w+)\.(\w+)\b/g)) {
    const table = aliases.get(m[1]!.toLowerCase());
    if (table) needed.get(table)!.add(m[2]!.toLowerCase());
  }
  return needed;
}
