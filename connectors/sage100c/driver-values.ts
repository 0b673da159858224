/**
 * The edge check on what the driver hands over: tedious returns strings, numbers, booleans, Dates, bigints
 * and nulls, nothing else. Any other value (an object, an array, a Buffer from a column a query forgot to
 * cast) would be turned into text like "[object Object]" by the mappers and published as an id or a code,
 * so it fails the side instead, naming the query, the row and the column.
 */
import { SourceError } from '../contract.ts';
import type { SqlRow } from './sql-client.ts';

function isDriverValue(v: unknown): boolean {
  if (v === null) return true;
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint' || v instanceof Date;
}

export function checkDriverValues(batch: SqlRow[], query: string, rowsBefore: number): void {
  for (let i = 0; i < batch.length; i++) {
    const row = batch[i]!;
    for (const column in row) {
      const value = row[column];
      if (isDriverValue(value)) continue;
      const recnum =
        isDriverValue(row.recnum) && row.recnum !== null ? ` (recnum ${String(row.recnum)})` : '';
      throw new SourceError(
        'sage_unexpected_value',
        `${query} returned a value tieout cannot read in column ${column} of row ${rowsBefore + i + 1}${recnum}: ${JSON.stringify(value)?.slice(0, 100)}. Nothing was published; report this with the Sage 100 Contractor version`,
      );
    }
  }
}
