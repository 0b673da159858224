/**
 * The column-wise record path (src/snapshot/columns.ts) stores exactly what the staged-CSV path it replaced
 * stored (test/support/staged-csv, DuckDB's CSV reader casting canonical text): the same rows in the same
 * order, the same quarantine and the same raw payloads, on generated records of every canonical column kind —
 * money to the cent up to DECIMAL(18,2)'s limit (cents far beyond 2^53), percentages, dates across centuries
 * and leap days, nulls and blanks, ids beyond 2^53, and text of any code point (NUL, quotes, line breaks,
 * astral characters; strings on both sides of the 12-byte inline limit).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { type CanonicalTableName, type ColumnSpec, TABLES } from '../../connectors/canonical/tables.ts';
import { type SourceRecord, tableStream } from '../../connectors/contract.ts';
import { daysOf } from '../../src/snapshot/columns.ts';
import { ingestTable } from '../../src/snapshot/ingest.ts';
import { snapshotDdl } from '../../src/snapshot/layout.ts';
import { ingestTableViaCsv } from '../support/staged-csv/ingest.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();

/** Text of any code point but lone surrogates (UTF-8 cannot hold them), with the awkward ones often. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u.test(s)),
  fc.constantFrom(
    'a,b',
    'say "hi"',
    'two\nlines',
    'nul\u0000in',
    '\u0001',
    'é'.repeat(6),
    'ü'.repeat(7),
    '😀x',
  ),
  fc.constantFrom('exactly12chr', 'thirteen chrs', ''),
);
const id = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 63n }).map(String),
  fc.constantFrom('9007199254740993', '18014398509481985', 'J-1', ' padded ', 'ÿd'),
  text,
);
const money = fc.oneof(
  fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }).map((cents) => {
    const sign = cents < 0n ? '-' : '';
    const abs = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
    return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
  }),
  fc.constantFrom(
    '0',
    '-0.00',
    '12.5',
    '0012.50',
    ' 7 ',
    '90071992547409.93',
    '-9999999999999999.99',
    '1e3',
    '1.234',
  ),
);
const percent = fc.oneof(
  fc.integer({ min: -999_999_999, max: 999_999_999 }).map((n) => (n / 10_000).toFixed(n % 3 === 0 ? 4 : 2)),
  fc.constantFrom('10', '7.5', '0', '-0.0001', '99999.9999', '100000'),
);
const date = fc.oneof(
  fc
    .date({
      min: new Date('0100-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2024-02-29', '2023-02-29', '1900-02-28', '2000-02-29', '2026-13-01', ' 2026-01-05'),
);

function cell(column: ColumnSpec): fc.Arbitrary<unknown> {
  const kind = column.kind;
  const base =
    kind.type === 'money'
      ? money
      : kind.type === 'percent'
        ? percent
        : kind.type === 'date'
          ? date
          : kind.type === 'enum'
            ? fc.oneof(fc.constantFrom(...kind.values), fc.constantFrom('Posted', 'nope'))
            : kind.type === 'text'
              ? text
              : id;
  // Required columns are mostly present so most records are valid; any column may be blank or missing.
  return column.required
    ? fc.oneof(
        { weight: 12, arbitrary: base },
        { weight: 1, arbitrary: fc.constantFrom(null, '', undefined) },
      )
    : fc.oneof(base, fc.constantFrom(null, '', ' ', undefined));
}

function records(table: CanonicalTableName): fc.Arbitrary<SourceRecord[]> {
  const shape = Object.fromEntries(TABLES[table].columns.map((c) => [c.name, cell(c)]));
  return fc
    .array(fc.tuple(fc.record(shape), text, fc.boolean()), { minLength: 1, maxLength: 60 })
    .map((rows) =>
      rows.map(([values, ref, withRaw], i) => ({
        ok: true as const,
        values,
        sourceRef: `${i} ${ref}`,
        ...(withRaw ? { raw: { i, ref, values } } : {}),
      })),
    );
}

type Path = typeof ingestTable;

async function store(path: Path, table: CanonicalTableName, recs: SourceRecord[]) {
  const instance = await openDuckDb(':memory:');
  const con = await instance.connect();
  await con.run(snapshotDdl());
  async function* pages() {
    for (let i = 0; i < recs.length; i += 7) yield recs.slice(i, i + 7);
  }
  const result = await path(con, tableStream(table, pages()), {
    side: 'pm',
    keepRaw: true,
    stagingDir: dir,
  } as Parameters<Path>[2]);
  const rows = await queryRows(con, `SELECT * FROM "${table}" ORDER BY rowid`);
  const raw = await queryRows(
    con,
    'SELECT *, CAST(payload AS VARCHAR) AS text FROM raw_records ORDER BY rowid',
  );
  con.closeSync();
  instance.closeSync();
  return {
    rows,
    raw,
    loaded: result.rowsLoaded,
    invalid: result.invalid.map((r) => [r.sourceRef, r.reason]),
  };
}

describe('column-wise record path', () => {
  const tables: CanonicalTableName[] = [
    'cost_transactions',
    'commitments',
    'budget_lines',
    'payables',
    'jobs',
  ];
  for (const table of tables) {
    it(`stores ${table} row for row as the staged-CSV path did`, async () => {
      await fc.assert(
        fc.asyncProperty(records(table), async (recs) => {
          const columnWise = await store(ingestTable, table, recs);
          const staged = await store(ingestTableViaCsv as unknown as Path, table, recs);
          expect(columnWise).toEqual(staged);
        }),
        { numRuns: 25 },
      );
    });
  }

  it('keeps money exact beyond 2^53 cents and dates before 1970', async () => {
    const recs: SourceRecord[] = [
      ['9999999999999999.99', '0100-03-01'],
      ['-9999999999999999.99', '1969-12-31'],
      ['90071992547409.93', '2400-02-29'],
      ['-0.01', '1970-01-01'],
    ].map(([amount, day], i) => ({
      ok: true,
      values: {
        transaction_id: String(2n ** 60n + BigInt(i)),
        job_id: 'J1',
        date: day,
        cost_code: '03-300',
        cost_type: 'labor',
        amount,
        status: 'posted',
      },
      sourceRef: `row ${i}`,
    }));
    const { rows, invalid } = await store(ingestTable, 'cost_transactions', recs);
    expect(invalid).toEqual([]);
    // Expected values written by hand: the decimal strings as given, the dates as given.
    expect(rows.map((r) => [r.transaction_id, r.amount, r.date])).toEqual([
      ['1152921504606846976', '9999999999999999.99', '0100-03-01'],
      ['1152921504606846977', '-9999999999999999.99', '1969-12-31'],
      ['1152921504606846978', '90071992547409.93', '2400-02-29'],
      ['1152921504606846979', '-0.01', '1970-01-01'],
    ]);
  });

  it('keeps no raw payloads for a table whose payloads the company omits', async () => {
    const instance = await openDuckDb(':memory:');
    const con = await instance.connect();
    await con.run(snapshotDdl());
    const recs: SourceRecord[] = [
      {
        ok: true,
        values: { job_id: 'J1', number: '1', name: 'Job', status: 'open' },
        sourceRef: 'r',
        raw: { id: 1 },
      },
    ];
    async function* pages() {
      yield recs;
    }
    const result = await ingestTable(con, tableStream('jobs', pages()), { side: 'pm', keepRaw: false });
    const [counts] = await queryRows(
      con,
      'SELECT (SELECT count(*) FROM jobs)::INT AS jobs, (SELECT count(*) FROM raw_records)::INT AS raw',
    );
    con.closeSync();
    instance.closeSync();
    expect(result.rowsLoaded).toBe(1);
    expect(counts).toEqual({ jobs: 1, raw: 0 });
  });

  it('counts days as DuckDB does, from 1970-01-01', () => {
    // Worked by hand: 2000-03-01 is 30 years, 7 leap days (72 76 80 84 88 92 96) and Jan+Feb 2000 (31+29) on.
    expect(daysOf('2000-03-01')).toBe(30 * 365 + 7 + 31 + 29);
    expect(daysOf('1970-01-01')).toBe(0);
    expect(daysOf('1969-12-31')).toBe(-1);
  });
});
