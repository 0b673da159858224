/**
 * Before any row is read: every table and column the queries need must exist in this company database.
 * One missing table or column fails the run with all of them named, rather than a snapshot half-read.
 */
import { SourceError } from '../contract.ts';
import { checkDriverValues } from './driver-values.ts';
import { type QueryName, querySql, requiredColumns } from './queries.ts';
import type { SageSql } from './sql-client.ts';

export async function checkCatalog(
  sql: SageSql,
  queries: readonly QueryName[],
  database: string,
): Promise<void> {
  const present = new Map<string, Set<string>>();
  let rows = 0;
  for await (const batch of sql.query(querySql('catalog'), { schema: 'dbo' })) {
    // A garbled catalog row would otherwise be reported as a missing column, sending people to upgrade Sage.
    checkDriverValues(batch, 'catalog.sql', rows);
    rows += batch.length;
    for (const row of batch) {
      const table = String(row.table_name).toLowerCase();
      let cols = present.get(table);
      if (!cols) {
        cols = new Set();
        present.set(table, cols);
      }
      cols.add(String(row.column_name).toLowerCase());
    }
  }
  const missingTables = new Map<string, QueryName[]>();
  const missingColumns = new Map<string, QueryName[]>();
  const note = (map: Map<string, QueryName[]>, key: string, query: QueryName) => {
    const list = map.get(key) ?? [];
    if (!list.includes(query)) list.push(query);
    map.set(key, list);
  };
  for (const query of queries) {
    for (const [table, columns] of requiredColumns(query)) {
      const have = present.get(table);
      if (!have) {
        note(missingTables, `dbo.${table}`, query);
        continue;
      }
      for (const column of columns)
        if (!have.has(column)) note(missingColumns, `dbo.${table}.${column}`, query);
    }
  }
  const describe = (map: Map<string, QueryName[]>) =>
    [...map].map(([name, qs]) => `${name} (read by ${qs.map((q) => `${q}.sql`).join(', ')})`).join('; ');
  if (missingTables.size > 0) {
    throw new SourceError(
      'sage_table_missing',
      `database "${database}" has no ${describe(missingTables)}. Check that it is a Sage 100 Contractor v21+ company database and that the login may read these tables (grant SELECT).`,
    );
  }
  if (missingColumns.size > 0) {
    throw new SourceError(
      'sage_column_missing',
      `database "${database}" lacks ${describe(missingColumns)}. This Sage 100 Contractor version does not have a column tieout reads; check the company is on v21 or later (Database Administration shows the version).`,
    );
  }
}
