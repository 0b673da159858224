/**
 * Streams canonical rows to `<table>.csv` with csv-stringify: header = the canonical column names, null =
 * empty cell, `\n` line ends. Each chunk of rows (one job's rows of one table) is stringified in one call and
 * written as one piece, waiting for the file stream to drain, so a ten-million-row table never sits in
 * memory and no row pays for a stream write of its own.
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { type CanonicalTableName, TABLES } from '../../connectors/canonical/tables.ts';
import type { Row } from './rows.ts';

interface OpenTable {
  file: WriteStream;
  columns: string[];
  done: Promise<void>;
  rows: number;
}

const OPTIONS = {
  record_delimiter: 'unix',
  cast: { boolean: (v: boolean) => (v ? 'true' : 'false') },
} as const;

export class CsvFolderWriter {
  private readonly open = new Map<CanonicalTableName, OpenTable>();

  constructor(
    readonly dir: string,
    tables: readonly CanonicalTableName[],
  ) {
    for (const table of tables) {
      const columns = TABLES[table].columns.map((c) => c.name);
      const file = createWriteStream(path.join(dir, `${table}.csv`));
      const done = finished(file);
      done.catch(() => {}); // observed by close()
      file.write(stringify([columns], OPTIONS));
      this.open.set(table, { file, columns, done, rows: 0 });
    }
  }

  async write(table: CanonicalTableName, rows: readonly Row[] | undefined): Promise<void> {
    const target = this.open.get(table);
    if (!target || !rows || rows.length === 0) return;
    const { columns } = target;
    const records = rows.map((row) => columns.map((c) => row[c] ?? null));
    target.rows += rows.length;
    if (!target.file.write(stringify(records, OPTIONS))) {
      await Promise.race([once(target.file, 'drain'), target.done]);
    }
  }

  /** Rows written per table so far. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.open].map(([t, o]) => [t, o.rows]));
  }

  async close(): Promise<void> {
    for (const o of this.open.values()) o.file.end();
    await Promise.all([...this.open.values()].map((o) => o.done));
  }
}
