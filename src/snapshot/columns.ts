/**
 * Column-wise storage of validated rows: each canonical column fills a typed vector of one DuckDB data chunk
 * (2,048 rows) in DuckDB's own memory layout, and the chunk goes to the table's appender whole. Money is an
 * int64 of cents (DECIMAL(18,2)), percentages an int32 of ten-thousandths (DECIMAL(9,4)), dates an int32 of
 * days since 1970-01-01, text the 16-byte string slots DuckDB uses: a string of at most 12 UTF-8 bytes lives
 * inside its slot and is written from JavaScript with no call into DuckDB; a longer one is handed to DuckDB,
 * which keeps it in the chunk's string heap. One data copy per column per chunk replaces one native call per
 * cell.
 *
 * Values arrive canonical (fast.ts or zod made them so): decimal strings with two decimals (money), up to
 * four (percentages), YYYY-MM-DD, or null. Nothing is rounded or parsed as a float.
 */
import {
  DATE,
  DECIMAL,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  VARCHAR,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { type CanonicalTableName, type ColumnSpec, TABLES } from '../../connectors/canonical/tables.ts';

/** DuckDB's standard vector size: rows per data chunk. */
export const CHUNK_ROWS = 2048;
const SLOT = 16;
const INLINE = 12;

/** A column's values for one chunk, in DuckDB's layout, and how they go into the chunk's vector. */
interface ColumnVector {
  /** Sets row `row` (null = no value). */
  put(row: number, value: string | null): void;
  /** Copies rows 0 … rows-1 into `vector` and makes the column ready for the next chunk. */
  copyInto(vector: duckdb.Vector, rows: number): void;
}

/** Validity bits (1 = has a value), one per row, as DuckDB's uint64 mask words (little-endian bytes). */
class Validity {
  readonly bytes = new Uint8Array(CHUNK_ROWS / 8);
  nulls = 0;
  set(row: number, valid: boolean): void {
    const byte = row >> 3;
    const bit = 1 << (row & 7);
    if (valid) this.bytes[byte]! |= bit;
    else {
      this.bytes[byte]! &= ~bit;
      this.nulls++;
    }
  }
  copyInto(vector: duckdb.Vector, rows: number): void {
    if (this.nulls > 0) {
      duckdb.vector_ensure_validity_writable(vector);
      const words = Math.ceil(rows / 64) * 8;
      duckdb.copy_data_to_vector_validity(vector, 0, this.bytes.buffer, this.bytes.byteOffset, words);
    }
    this.nulls = 0;
  }
}

class TextVector implements ColumnVector {
  private readonly slots = new Uint8Array(CHUNK_ROWS * SLOT);
  private readonly view = new DataView(this.slots.buffer);
  private readonly validity = new Validity();
  private longRows: number[] = [];
  private longValues: string[] = [];
  private readonly encoder = new TextEncoder();

  put(row: number, value: string | null): void {
    const at = row * SLOT;
    if (value === null) {
      this.validity.set(row, false);
      this.view.setUint32(at, 0, true);
      return;
    }
    this.validity.set(row, true);
    const n = value.length;
    if (n <= INLINE) {
      let ascii = true;
      for (let i = 0; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        this.slots[at + 4 + i] = c;
      }
      if (ascii) {
        this.view.setUint32(at, n, true);
        for (let i = at + 4 + n; i < at + SLOT; i++) this.slots[i] = 0;
        return;
      }
      const { read, written } = this.encoder.encodeInto(value, this.slots.subarray(at + 4, at + SLOT));
      if (read === n) {
        this.view.setUint32(at, written, true);
        for (let i = at + 4 + written; i < at + SLOT; i++) this.slots[i] = 0;
        return;
      }
    }
    // Too long to live in its slot: DuckDB copies it into the chunk's string heap when the chunk is built.
    this.view.setUint32(at, 0, true);
    this.longRows.push(row);
    this.longValues.push(value);
  }

  copyInto(vector: duckdb.Vector, rows: number): void {
    duckdb.copy_data_to_vector(vector, 0, this.slots.buffer, 0, rows * SLOT);
    for (let i = 0; i < this.longRows.length; i++) {
      // The _len form keeps a NUL inside a value (the plain form would stop at it).
      duckdb.vector_assign_string_element_len(vector, this.longRows[i]!, Buffer.from(this.longValues[i]!));
    }
    this.longRows = [];
    this.longValues = [];
    this.validity.copyInto(vector, rows);
  }
}

/** Fixed-width numbers (int32 or int64) from canonical strings. */
abstract class FixedVector implements ColumnVector {
  private readonly validity = new Validity();
  protected abstract readonly buffer: ArrayBuffer;
  protected abstract readonly width: number;
  protected abstract write(row: number, value: string): void;
  protected abstract clear(row: number): void;

  put(row: number, value: string | null): void {
    if (value === null) {
      this.validity.set(row, false);
      this.clear(row);
    } else {
      this.validity.set(row, true);
      this.write(row, value);
    }
  }

  copyInto(vector: duckdb.Vector, rows: number): void {
    duckdb.copy_data_to_vector(vector, 0, this.buffer, 0, rows * this.width);
    this.validity.copyInto(vector, rows);
  }
}

/** Cents of a canonical money string ("-1234.50"): exact, also beyond 2^53. */
export function centsOf(money: string): bigint {
  const digits = money.slice(0, -3) + money.slice(-2);
  // 15 characters or fewer (at most 15 digits, below 2^53) are exact as a double; longer ones go through
  // BigInt's own parser.
  return digits.length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
}

class MoneyVector extends FixedVector {
  private readonly values = new BigInt64Array(CHUNK_ROWS);
  protected readonly buffer = this.values.buffer;
  protected readonly width = 8;
  protected write(row: number, value: string): void {
    this.values[row] = centsOf(value);
  }
  protected clear(row: number): void {
    this.values[row] = 0n;
  }
}

/** Ten-thousandths of a canonical percentage ("7.5" → 75000); at most 5 + 4 digits, so exact in int32. */
export function tenThousandthsOf(percent: string): number {
  const negative = percent.startsWith('-');
  const unsigned = negative ? percent.slice(1) : percent;
  const point = unsigned.indexOf('.');
  const whole = point < 0 ? unsigned : unsigned.slice(0, point);
  const fraction = point < 0 ? '' : unsigned.slice(point + 1);
  const n = Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
  return negative ? -n : n;
}

class PercentVector extends FixedVector {
  private readonly values = new Int32Array(CHUNK_ROWS);
  protected readonly buffer = this.values.buffer;
  protected readonly width = 4;
  protected write(row: number, value: string): void {
    this.values[row] = tenThousandthsOf(value);
  }
  protected clear(row: number): void {
    this.values[row] = 0;
  }
}

/** Days from 1970-01-01 to a YYYY-MM-DD date (proleptic Gregorian, as DuckDB counts). */
export function daysOf(isoDate: string): number {
  let y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const d = Number(isoDate.slice(8, 10));
  // Days from civil (H. Hinnant's algorithm): years start in March so the leap day is last.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

class DateVector extends FixedVector {
  private readonly values = new Int32Array(CHUNK_ROWS);
  protected readonly buffer = this.values.buffer;
  protected readonly width = 4;
  protected write(row: number, value: string): void {
    this.values[row] = daysOf(value);
  }
  protected clear(row: number): void {
    this.values[row] = 0;
  }
}

export type Kind = 'text' | 'money' | 'percent' | 'date';

function kindOf(column: ColumnSpec): Kind {
  const t = column.kind.type;
  return t === 'money' || t === 'percent' || t === 'date' ? t : 'text';
}

const TYPES: Record<Kind, DuckDBType> = {
  text: VARCHAR,
  money: DECIMAL(18, 2),
  percent: DECIMAL(9, 4),
  date: DATE,
};

function vectorFor(kind: Kind): ColumnVector {
  switch (kind) {
    case 'money':
      return new MoneyVector();
    case 'percent':
      return new PercentVector();
    case 'date':
      return new DateVector();
    default:
      return new TextVector();
  }
}

/**
 * Rows of one table going into DuckDB a chunk at a time through an appender. `put(column, value)` fills the
 * current row, `endRow()` moves on (and appends a full chunk). The appender is DuckDB's: rows appended are
 * stored when `close()` flushes it, in one transaction with the caller's.
 */
export class ColumnAppender {
  private readonly vectors: ColumnVector[];
  private readonly types: DuckDBType[];
  private rows = 0;
  private appended = 0;

  private constructor(
    private readonly appender: DuckDBAppender,
    kinds: readonly Kind[],
  ) {
    this.vectors = kinds.map(vectorFor);
    this.types = kinds.map((k) => TYPES[k]);
  }

  /** An appender for a table whose columns are of these kinds, in the table's order. */
  static async open(con: DuckDBConnection, table: string, kinds: readonly Kind[]): Promise<ColumnAppender> {
    return new ColumnAppender(await con.createAppender(table), kinds);
  }

  /** One canonical table with `side` first and `source_ref` last (connectors/canonical/ddl.ts). */
  static forCanonical(con: DuckDBConnection, table: CanonicalTableName): Promise<ColumnAppender> {
    return ColumnAppender.open(con, table, ['text', ...TABLES[table].columns.map(kindOf), 'text']);
  }

  /** The row being filled (0-based within the chunk). */
  get row(): number {
    return this.rows;
  }

  put(column: number, value: string | null): void {
    this.vectors[column]!.put(this.rows, value);
  }

  endRow(): void {
    if (++this.rows === CHUNK_ROWS) this.appendChunk();
  }

  /** Rows handed to DuckDB so far (stored once `close` returns). */
  get rowsAppended(): number {
    return this.appended;
  }

  private appendChunk(): void {
    const rows = this.rows;
    if (rows === 0) return;
    const chunk = DuckDBDataChunk.create(this.types, rows);
    for (let i = 0; i < this.vectors.length; i++) {
      this.vectors[i]!.copyInto(duckdb.data_chunk_get_vector(chunk.chunk, i), rows);
    }
    this.appender.appendDataChunk(chunk);
    this.appended += rows;
    this.rows = 0;
  }

  /** Drops the rows not yet stored and releases the appender (after a failure). */
  discard(): void {
    this.rows = 0;
    try {
      this.appender.clear();
      this.appender.closeSync();
    } catch {
      // the failure that led here is the one to report
    }
  }

  /** Appends what is left and stores every row. */
  close(): void {
    this.appendChunk();
    this.appender.closeSync();
  }
}
