/**
 * The connector's SQL: one plain SELECT per file in queries/, the same text on SQL Server and in the sandbox
 * (a T-SQL subset DuckDB also parses: CAST, COALESCE, CASE, correlated sub-queries, GROUP BY, no TOP/LIMIT).
 * A file that reads the other system's id says `NULL AS linked_id -- linked: <alias>`; with a configured
 * user-defined column that becomes `<alias>.<column>`, so the catalog check asks for that column too.
 */
import { readFileSync } from 'node:fs';

export const VISTA_QUERIES = [
  'jobs',
  'prime-contracts',
  'cost-codes',
  'cost-types',
  'vendors',
  'budget-lines',
  'cost-detail',
  'change-order-items',
  'change-order-lines',
  'subcontracts',
  'subcontract-items',
  'purchase-orders',
  'purchase-order-items',
  'payables',
  'payable-lines',
  'billings',
] as const;

const cache = new Map<string, string>();

function fileText(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./queries/${name}.sql`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export function vistaSql(name: string, linkedIdColumn?: string): string {
  return fileText(name).replace(/NULL AS linked_id -- linked: (\w+)/g, (all, alias: string) =>
    linkedIdColumn ? `${alias}.${linkedIdColumn} AS linked_id` : all,
  );
}
