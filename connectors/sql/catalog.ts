/**
 * What a connector's .sql files need from the system's catalog, and what is missing. Every file reads tables
 * as `[schema.]TABLE alias` after FROM or JOIN and columns as `alias.Column`; from that convention the needs
 * of a file are read off its text, so a missing table or column is named before any row is read.
 */

/** Table → columns a query reads (names as written in the query, compared case-insensitively). */
export function requiredColumns(sqlText: string, schema?: string): Map<string, Set<string>> {
  const sql = sqlText.replace(/--[^\n]*/g, ' ');
  const prefix = schema ? `${schema}\\.` : '';
  const aliases = new Map<string, string>();
  const from = new RegExp(`\\b(?:FROM|JOIN)\\s+${prefix}(\\w+)\\s+(?:AS\\s+)?(\\w+)`, 'gi');
  for (const m of sql.matchAll(from)) aliases.set(m[2]!.toLowerCase(), m[1]!);
  const needed = new Map<string, Set<string>>();
  for (const table of aliases.values()) needed.set(table, needed.get(table) ?? new Set());
  for (const m of sql.matchAll(/\b(\w+)\.(\w+)\b/g)) {
    const table = aliases.get(m[1]!.toLowerCase());
    if (table) needed.get(table)!.add(m[2]!);
  }
  return needed;
}

export interface CatalogGaps {
  /** "JCCD (read by cost-detail.sql)" */
  tables: string[];
  /** "JCCD.ReversalStatus (read by cost-detail.sql)" */
  columns: string[];
}

/** Compares what the queries need with what the catalog has (table → its columns). */
export function catalogGaps(
  present: Map<string, Set<string>>,
  queries: { name: string; sql: string }[],
  schema?: string,
): CatalogGaps {
  const have = new Map<string, Set<string>>();
  for (const [table, columns] of present)
    have.set(table.toLowerCase(), new Set([...columns].map((c) => c.toLowerCase())));
  const tables = new Map<string, string[]>();
  const columns = new Map<string, string[]>();
  const note = (map: Map<string, string[]>, key: string, query: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(query)) list.push(query);
    map.set(key, list);
  };
  for (const { name, sql } of queries) {
    for (const [table, needed] of requiredColumns(sql, schema)) {
      const cols = have.get(table.toLowerCase());
      if (!cols) {
        note(tables, table, `${name}.sql`);
        continue;
      }
      for (const column of needed)
        if (!cols.has(column.toLowerCase())) note(columns, `${table}.${column}`, `${name}.sql`);
    }
  }
  const list = (map: Map<string, string[]>) => [...map].map(([k, qs]) => `${k} (read by ${qs.join(', ')})`);
  return { tables: list(tables), columns: list(columns) };
}
