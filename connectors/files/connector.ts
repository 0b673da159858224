/**
 * The canonical files connector: a folder with one CSV per canonical table, for one side.
 *
 * `jobs.csv` is required; a missing other file means the system has no such records. The data is as old as
 * the export: `export.json`'s `exported_at` when the folder carries one, else the newest file's modification time. The header row names
 * the columns (any order; `side` is omitted because the folder is one side). An empty cell is null.
 * Problems name the file, line and column: a bad header or unreadable CSV fails the whole source; a bad
 * cell makes its row invalid (the snapshot writer decides whether to quarantine or fail).
 */
import { createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse';
import { type CanonicalTableName, TABLE_NAMES, TABLES } from '../canonical/tables.ts';
import {
  type Connector,
  type ReadContext,
  SourceError,
  type SourceRecord,
  type TableStream,
} from '../contract.ts';
import { folderDataAsOf } from '../data-age.ts';

export const FILES_CONNECTOR_VERSION = '1.0.0';

export function filesConnector(dir: string): Connector {
  return {
    describe: () => ({
      system: 'files',
      version: FILES_CONNECTOR_VERSION,
      tables: TABLE_NAMES,
      canWrite: false,
      location: `folder ${dir}`,
    }),
    read: (ctx) => readFolder(dir, ctx),
  };
}

async function* readFolder(dir: string, ctx: ReadContext): AsyncIterable<TableStream> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new SourceError('files_not_a_folder', `${dir} is not a folder`);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(
      'files_folder_missing',
      `the ${ctx.side} folder ${dir} does not exist or cannot be read`,
      {
        cause: e,
      },
    );
  }
  const jobsFile = path.join(dir, 'jobs.csv');
  try {
    await access(jobsFile);
  } catch (e) {
    throw new SourceError('files_jobs_missing', `${jobsFile} is missing: every side needs a jobs.csv`, {
      cause: e,
    });
  }
  const present: { table: CanonicalTableName; file: string }[] = [];
  for (const table of TABLE_NAMES) {
    const file = path.join(dir, `${table}.csv`);
    try {
      await access(file);
    } catch {
      continue; // the system has no such records (the snapshot reports which expected files were absent)
    }
    present.push({ table, file });
  }
  ctx.dataAsOf?.(
    await folderDataAsOf(
      dir,
      present.map((p) => p.file),
    ),
  );
  for (const { table, file } of present) {
    const header = await readCsvHeader(file, table);
    yield {
      table,
      records: readCsvTable(file, table, ctx.signal),
      csvFile: { path: file, name: `${table}.csv`, header },
    };
  }
}

/** Reads one canonical CSV; yields one SourceRecord per data row. */
export async function* readCsvTable(
  file: string,
  table: CanonicalTableName,
  signal?: AbortSignal,
): AsyncIterable<SourceRecord> {
  const name = path.basename(file);
  const spec = TABLES[table];
  const known = new Map(spec.columns.map((c) => [c.name, c]));
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1_000_000,
    }),
  );
  let header: string[] | undefined;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      signal?.throwIfAborted();
      const { record, info } = item;
      const line = info.lines;
      if (!header) {
        header = record.map((h) => h.trim());
        checkHeader(name, header, known, table);
        continue;
      }
      const sourceRef = `${name}:${line}`;
      const cols = header;
      if (record.length !== cols.length) {
        const hint =
          record.length > cols.length
            ? ' (an unquoted comma? amounts must not use thousands separators, and text with commas must be quoted)'
            : '';
        yield {
          ok: false,
          sourceRef,
          reason: `${sourceRef}: expected ${cols.length} fields as in the header, found ${record.length}${hint}`,
          raw: record,
        };
        continue;
      }
      // Bytes that are not UTF-8 decode to U+FFFD: refuse them rather than store a changed name or id.
      const garbled = record.findIndex((v) => v.includes('\uFFFD'));
      if (garbled >= 0) {
        yield {
          ok: false,
          sourceRef,
          reason: `${sourceRef}:${garbled + 1}: ${cols[garbled]} is not valid UTF-8 text; save the file as UTF-8 and run again`,
          raw: record,
        };
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < cols.length; i++) values[cols[i]!] = record[i]!;
      yield {
        ok: true,
        values,
        sourceRef,
        locate: (field) => `${name}:${line}:${cols.indexOf(field) + 1}`,
      };
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    if (e instanceof CsvError) {
      const at = (e as CsvError & { lines?: number }).lines;
      throw new SourceError('files_csv_unreadable', `${name}${at ? `:${at}` : ''}: ${e.message}`, {
        cause: e,
      });
    }
    throw e;
  }
  if (!header) {
    throw new SourceError('files_csv_empty', `${name} is empty: it needs at least a header row`);
  }
}

/** Reads and checks the header row only (unknown, duplicate or missing required columns fail the source). */
export async function readCsvHeader(file: string, table: CanonicalTableName): Promise<string[]> {
  const name = path.basename(file);
  const known = new Map(TABLES[table].columns.map((c) => [c.name, c]));
  const parser = createReadStream(file).pipe(parse({ bom: true, to_line: 1, relax_column_count: true }));
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const header = record.map((h) => h.trim());
      checkHeader(name, header, known, table);
      return header;
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError('files_csv_unreadable', `${name}:1: ${(e as Error).message}`, { cause: e });
  }
  throw new SourceError('files_csv_empty', `${name} is empty: it needs at least a header row`);
}

function checkHeader(
  file: string,
  header: string[],
  known: Map<string, { required: boolean }>,
  table: CanonicalTableName,
) {
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === 'side') {
      throw new SourceError(
        'files_header',
        `${file}:1:${i + 1}: remove the "side" column; the folder is configured as one side`,
      );
    }
    if (!known.has(h)) {
      throw new SourceError(
        'files_header',
        `${file}:1:${i + 1}: unknown column "${h}" for ${table}; allowed: ${[...known.keys()].join(', ')}`,
      );
    }
    if (seen.has(h)) throw new SourceError('files_header', `${file}:1:${i + 1}: column "${h}" appears twice`);
    seen.add(h);
  });
  for (const [name, col] of known) {
    if (col.required && !seen.has(name)) {
      throw new SourceError(
        'files_header',
        `${file}:1: required column "${name}" is missing from the header`,
      );
    }
  }
}
