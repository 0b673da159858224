/**
 * Streams canonical rows to `<table>.csv` with csv-stringify: header = the canonical column names, null =
 * empty cell, `\n` line ends. Writes wait for the file stream to drain, so a ten-million-row table never
 * sits in memory.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Stringifier, stringify } from 'csv-stringify';
import { type CanonicalTableName, TABLES } from '../../connectors/canonical/tables.ts';
import type { Row } from './rows.ts';

interface OpenTable {
  stringifier: Stringifier;
  done: Promise<void>;
  rows: number;
}

export class CsvFolderWriter {
  private readonly open = new Map<CanonicalTableName, OpenTable>();

  constructor(
    readonly dir: string,
    tables: readonly CanonicalTableName[],
  ) {
    for (const table of tables) {
      const stringifier = stringify({
        header: true,
        columns: TABLES[table].columns.map((c) => c.name),
        record_delimiter: 'unix',
        cast: { boolean: (v) => (v ? 'true' : 'false') },
      });
      const done = pipeline(stringifier, createWriteStream(path.join(dir, `${table}.csv`)));
      this.open.set(table, { stringifier, done, rows: 0 });
    }
  }

  async write(table: CanonicalTableName, rows: readonly Row[] | undefined): Promise<void> {
    const target = this.open.get(table);
    if (!target || !rows) return;
    for (const row of rows) {
      target.rows++;
      if (!target.stringifier.write(row)) await once(target.stringifier, 'drain');
    }
  }

  /** Rows written per table so far. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.open].map(([t, o]) => [t, o.rows]));
  }

  async close(): Promise<void> {
    for (const o of this.open.values()) o.stringifier.end();
    await Promise.all([...this.open.values()].map((o) => o.done));
  }
}
