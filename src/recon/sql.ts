/**
 * Runs a .sql file of several statements on an open snapshot connection, binding only the named parameters
 * each statement uses, and returns the last statement's rows read with the JSON getters (decimals as exact
 * strings).
 */
import { readFileSync } from 'node:fs';
import { type DuckDBConnection, DuckDBDecimalValue, type DuckDBValue } from '@duckdb/node-api';
import { Dec } from '../../connectors/canonical/money.ts';

const cache = new Map<string, string>();

export function readSql(relativePath: string): string {
  let text = cache.get(relativePath);
  if (text === undefined) {
    text = readFileSync(new URL(relativePath, import.meta.url), 'utf8');
    cache.set(relativePath, text);
  }
  return text;
}

/** A decimal parameter bound exactly (never through a JS number). */
export function decimalParam(value: string, scale: number): DuckDBValue {
  const scaled = new Dec(value).times(new Dec(10).pow(scale)).toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  return new DuckDBDecimalValue(BigInt(scaled.toFixed(0)), 18, scale);
}

export async function runSqlFile(
  con: DuckDBConnection,
  relativePath: string,
  params: Record<string, DuckDBValue> = {},
): Promise<Record<string, unknown>[]> {
  const statements = await con.extractStatements(readSql(relativePath));
  let rows: Record<string, unknown>[] = [];
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    if (prepared.parameterCount > 0) {
      const bound: Record<string, DuckDBValue> = {};
      for (let p = 1; p <= prepared.parameterCount; p++) {
        const name = prepared.parameterName(p);
        if (!(name in params)) throw new Error(`${relativePath}: no value for parameter $${name}`);
        bound[name] = params[name]!;
      }
      prepared.bind(bound);
    }
    const reader = await prepared.runAndReadAll();
    rows = reader.getRowObjectsJson() as Record<string, unknown>[];
  }
  return rows;
}
