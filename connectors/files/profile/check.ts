/**
 * `tieout profile check`: reads a folder through a profile as a snapshot would and tells, per canonical
 * table, how many rows it read, which it rejected and why, and which columns stayed empty on every row —
 * what a consultant needs to write or fix a profile for an ERP tieout has never seen.
 */
import { validateRow } from '../../canonical/schemas.ts';
import { type CanonicalTableName, TABLES } from '../../canonical/tables.ts';
import { describeInvalid } from '../../contract.ts';
import { readWithProfile } from './read.ts';
import type { Profile } from './schema.ts';

export interface TableCheck {
  table: CanonicalTableName;
  read: number;
  rejected: { where: string; reason: string }[];
  emptyColumns: string[];
}

export async function checkFolder(dir: string, profile: Profile): Promise<TableCheck[]> {
  const tables = await readWithProfile(dir, profile);
  const out: TableCheck[] = [];
  for (const [table, records] of tables) {
    const filled = new Set<string>();
    const check: TableCheck = { table, read: 0, rejected: [], emptyColumns: [] };
    for (const r of records) {
      if (!r.ok) {
        check.rejected.push({ where: r.sourceRef, reason: r.reason });
        continue;
      }
      const v = validateRow(table, r.values);
      if (!v.ok) {
        check.rejected.push({ where: r.sourceRef, reason: describeInvalid(r, v.issues) });
        continue;
      }
      check.read++;
      for (const [k, value] of Object.entries(v.row as Record<string, unknown>)) {
        if (value !== null && value !== undefined && value !== '') filled.add(k);
      }
    }
    check.emptyColumns = TABLES[table].columns.map((c) => c.name).filter((c) => !filled.has(c));
    out.push(check);
  }
  return out;
}
