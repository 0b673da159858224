/**
 * Staging of validated rows for DuckDB. Rows that passed canonical validation are written as lines of a
 * private CSV dialect to a staging file, and DuckDB's own reader loads that file straight into the snapshot
 * table with the canonical column types (DECIMAL(18,2), DECIMAL(9,4), DATE). This replaces one native call
 * per cell (the appender's VARCHAR vectors) with one bulk read per batch, and lets DuckDB load batch k on its
 * threads while JavaScript validates batch k + 1.
 *
 * The dialect cannot be misread: every value is quoted with U+0001 (a quote inside a value is doubled), a
 * NULL is an empty unquoted field, quoted empties are text, and nothing is trimmed or sniffed. Values are
 * canonical already (decimal strings, YYYY-MM-DD), so the casts are exact; a test stores random records
 * with awkward text this way and reads back exactly what validation produced.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbType, quoteIdent } from '../../../connectors/canonical/ddl.ts';
import { type CanonicalTableName, type Side, TABLES } from '../../../connectors/canonical/tables.ts';

const Q = '\u0001';
const QQ = Q + Q;

/** One value as a staged field: quoted, inner quote characters doubled. */
export function stageField(value: string): string {
  return value.includes(Q) ? Q + value.replaceAll(Q, QQ) + Q : Q + value + Q;
}

/** A staged field for a value that may be null (an empty unquoted field). */
export function stageNullable(value: string | null): string {
  return value === null ? '' : stageField(value);
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

function readCsvSql(columns: [name: string, type: string][]): string {
  const spec = `{${columns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ')}}`;
  return `read_csv($path, header = false, auto_detect = false, delim = ',', quote = '\u0001', escape = '\u0001',
    new_line = '\\n', strict_mode = true, null_padding = false, allow_quoted_nulls = false, columns = ${spec})`;
}

/** Rows in one batch before it is handed to DuckDB (two of DuckDB's row groups), and a bound on its bytes. */
const BATCH_ROWS = 245_760;
const BATCH_BYTES = 32 * 1024 * 1024;
/** Lines are gathered in short strings that die young, then copied out of the JS heap in one write. */
const PIECE_CHARS = 32 * 1024;

/** Text written into a reusable off-heap buffer, so a batch never lives on the JS heap. */
class TextBuffer {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private piece = '';
  bytes = 0;

  add(text: string): void {
    this.piece += text;
    if (this.piece.length >= PIECE_CHARS) this.drain();
  }

  private drain(): void {
    const piece = this.piece;
    this.piece = '';
    if (piece === '') return;
    const need = this.bytes + piece.length * 3;
    if (need > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.bytes);
      this.buffer = grown;
    }
    this.bytes += this.buffer.write(piece, this.bytes, 'utf8');
  }

  /** The batch's bytes (a view, valid until the next `reset`). */
  contents(): Buffer {
    this.drain();
    return this.buffer.subarray(0, this.bytes);
  }

  reset(): void {
    this.piece = '';
    this.bytes = 0;
  }

  get size(): number {
    return this.bytes + this.piece.length;
  }
}

interface Batch {
  rows: number;
  text: TextBuffer;
  raw: TextBuffer;
}

const newBatch = (): Batch => ({ rows: 0, text: new TextBuffer(), raw: new TextBuffer() });

/**
 * Batches of staged lines for one table of one side, loaded in order. `add` takes a line of the table's
 * declared columns (each field followed by a comma) and the source reference; `flush` hands a full batch to
 * DuckDB and returns once the previous batch is in (so at most one batch is loading while the next fills).
 */
export class StagedTable {
  /** The batch filling; its bytes are in a file before the batch is reused. */
  private readonly batch = newBatch();
  private loading: Promise<void> = Promise.resolve();
  private loaded = 0;
  private batches = 0;
  private readonly insertRows: string;
  private readonly insertRaw: string;

  private constructor(
    private readonly con: DuckDBConnection,
    private readonly dir: string,
    private readonly side: Side,
    private readonly table: CanonicalTableName,
  ) {
    const columns = TABLES[table].columns.map((c) => [c.name, duckdbType(c)] as [string, string]);
    columns.push(['source_ref', 'VARCHAR']);
    this.insertRows = `INSERT INTO ${quoteIdent(table)} SELECT $side, * FROM ${readCsvSql(columns)}`;
    this.insertRaw = `INSERT INTO raw_records SELECT $side, $table, source_ref, payload FROM ${readCsvSql([
      ['source_ref', 'VARCHAR'],
      ['payload', 'JSON'],
    ])}`;
  }

  static async open(
    con: DuckDBConnection,
    side: Side,
    table: CanonicalTableName,
    stagingDir = os.tmpdir(),
  ): Promise<StagedTable> {
    const dir = await mkdtemp(path.join(stagingDir, `.tieout-stage-${side}-${table}-`));
    return new StagedTable(con, dir, side, table);
  }

  /** Rows DuckDB has stored so far. */
  get rowsLoaded(): number {
    return this.loaded;
  }

  /** True when the current batch is full and `flush` should be awaited. */
  add(fields: string, sourceRef: string, rawJson: string | undefined): boolean {
    const b = this.batch;
    const ref = stageField(sourceRef);
    b.text.add(`${fields}${ref}\n`);
    if (rawJson !== undefined) b.raw.add(`${ref},${stageField(rawJson)}\n`);
    return ++b.rows >= BATCH_ROWS || b.text.size + b.raw.size >= BATCH_BYTES;
  }

  /** Writes the current batch and starts loading it once the previous one is in. */
  async flush(): Promise<void> {
    const batch = this.batch;
    if (batch.rows === 0) return;
    const slot = this.batches++ % 2;
    const rowsFile = path.join(this.dir, `rows-${slot}.csv`);
    const rawFile = path.join(this.dir, `raw-${slot}.csv`);
    const hasRaw = batch.raw.size > 0;
    await writeFile(rowsFile, batch.text.contents());
    if (hasRaw) await writeFile(rawFile, batch.raw.contents());
    // DuckDB loads one batch at a time, in order; the previous one used the other slot's files.
    await this.loading;
    const rows = batch.rows;
    batch.rows = 0;
    batch.text.reset();
    batch.raw.reset();
    const first = this.loaded + 1;
    this.loading = (async () => {
      try {
        await this.con.run(this.insertRows, { side: this.side, path: rowsFile });
        if (hasRaw) {
          await this.con.run(this.insertRaw, { side: this.side, table: this.table, path: rawFile });
        }
      } catch (e) {
        throw new Error(
          `could not store validated ${this.table} rows ${first}–${first + rows - 1} of the ${this.side} side: ${(e as Error).message}`,
          { cause: e },
        );
      }
      this.loaded += rows;
    })();
    // A failure surfaces at the next flush or at finish; keep it from being reported as unhandled meanwhile.
    this.loading.catch(() => {});
  }

  /** Loads what is left and waits for every load. */
  async finish(): Promise<void> {
    await this.flush();
    await this.loading;
  }

  /** Removes the staging files; after a failure, waits for the load in flight first. */
  async close(): Promise<void> {
    await this.loading.catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }
}
