/** DuckDB DDL for the canonical tables, derived from tables.ts. */
import { type CanonicalTableName, type ColumnSpec, TABLE_NAMES, TABLES } from './tables.ts';

export function duckdbType(column: ColumnSpec): string {
  switch (column.kind.type) {
    case 'money':
      return 'DECIMAL(18,2)';
    case 'percent':
      return 'DECIMAL(9,4)';
    case 'date':
      return 'DATE';
    default:
      return 'VARCHAR';
  }
}

/**
 * Every canonical table in a snapshot carries, beyond its declared columns:
 * - `side`: 'pm' or 'erp';
 * - `source_ref`: where the row came from (file:line, API path, table and recnum), for drill-down.
 */
export const SNAPSHOT_EXTRA_COLUMNS = [
  { name: 'side', type: "VARCHAR NOT NULL CHECK (side IN ('pm', 'erp'))" },
  { name: 'source_ref', type: 'VARCHAR' },
] as const;

export function createTableSql(table: CanonicalTableName): string {
  const spec = TABLES[table];
  const cols = [
    `side ${SNAPSHOT_EXTRA_COLUMNS[0].type}`,
    ...spec.columns.map((c) => `${quoteIdent(c.name)} ${duckdbType(c)}${c.required ? ' NOT NULL' : ''}`),
    `source_ref ${SNAPSHOT_EXTRA_COLUMNS[1].type}`,
  ];
  return `CREATE TABLE ${quoteIdent(table)} (\n  ${cols.join(',\n  ')}\n);`;
}

/** Column names in the order the DDL declares them (the appender's order). */
export function snapshotColumnOrder(table: CanonicalTableName): string[] {
  return ['side', ...TABLES[table].columns.map((c) => c.name), 'source_ref'];
}

export function canonicalDdl(): string {
  return TABLE_NAMES.map(createTableSql).join('\n\n');
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
