/**
 * Loads a canonical dataset folder (the PM side of the files format) for the sandbox: every CSV read with
 * the files connector's reader and validated against the canonical schemas, so the sandbox serves exactly
 * what the files connector would deliver. An invalid row stops the sandbox with file, line and field.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { type CanonicalRow, validateRow } from '../../canonical/schemas.ts';
import { type CanonicalTableName, TABLE_NAMES } from '../../canonical/tables.ts';
import { readCsvTable } from '../../files/connector.ts';

export type Dataset = { [T in CanonicalTableName]: CanonicalRow<T>[] };

export class DatasetError extends Error {
  readonly code = 'sandbox_dataset_invalid';
}

export async function loadDataset(dir: string): Promise<Dataset> {
  const out = Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as Dataset;
  try {
    await access(path.join(dir, 'jobs.csv'));
  } catch {
    throw new DatasetError(
      `${dir} has no jobs.csv; point the sandbox at a canonical dataset folder (PM side)`,
    );
  }
  for (const table of TABLE_NAMES) {
    const file = path.join(dir, `${table}.csv`);
    try {
      await access(file);
    } catch {
      continue;
    }
    const rows = out[table] as unknown as Record<string, string | null>[];
    for await (const record of readCsvTable(file, table)) {
      if (!record.ok) throw new DatasetError(record.reason);
      const result = validateRow(table, record.values);
      if (!result.ok) {
        const first = result.issues[0]!;
        throw new DatasetError(`${record.sourceRef}: ${first.field}: ${first.message}`);
      }
      rows.push(result.row as Record<string, string | null>);
    }
  }
  return out;
}
