/**
 * The record path (every API connector's way in) stores each valid record exactly as validation read it:
 * random records with awkward text (commas, quotes, line breaks, control characters, the staging quote
 * U+0001, NUL, emoji) and money and dates in every accepted spelling are ingested into a real DuckDB file
 * and read back, row for row and payload for payload.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotColumnOrder } from '../../connectors/canonical/ddl.ts';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import { type SourceRecord, type TableStream, tableStream } from '../../connectors/contract.ts';
import { silentLogger } from '../../src/log.ts';
import { ingestTable } from '../../src/snapshot/ingest.ts';
import { snapshotDdl } from '../../src/snapshot/layout.ts';
import { snapshotDir, stagingPath } from '../../src/snapshot/paths.ts';
import { recoverSnapshots } from '../../src/snapshot/recover.ts';
import { openStore } from '../../src/store/db.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();

/** Text of any code point; lone surrogates are left out because UTF-8 storage cannot hold them. */
const anyText = fc
  .string({ unit: 'binary', maxLength: 10 })
  .filter((s) => !/[\uD800-\uDFFF]/u.test(s))
  .map((s) => s.replace(/^\s+|\s+$/g, ''));
const awkward = fc.constantFrom(
  'a,b',
  'say "hi"',
  'two\nlines',
  'cr\rlf',
  '\u0001',
  'x\u0001\u0001y',
  'nul\u0000',
  '😀',
  '\\',
);
const text = fc.oneof(anyText, awkward);
const cells = {
  transaction_id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/), fc.constantFrom('a,b', 'q"x', '\u0001')),
  job_id: fc.constantFrom('J1', '562949953421312', ' J2 '),
  date: fc.constantFrom('2026-10-31', '2024-02-29', ' 2026-01-05', '2000-02-29'),
  cost_code: fc.constantFrom('03-300', '3300', '1,000'),
  cost_type: fc.constantFrom('labor', 'material', 'permits'),
  amount: fc.oneof(
    fc.stringMatching(/^-?\d{1,6}(\.\d{1,2})?$/),
    fc.constantFrom('0.10', '-0.00', '12.500', '0012.5', '9999999999999999.99', '-0', ' 7 '),
  ),
  source: fc.constantFrom('ap', 'AP', 'payroll', '', null),
  vendor_id: fc.oneof(fc.constant(null), text),
  invoice_id: fc.constantFrom('', 'INV-1', null),
  reverses_id: fc.constantFrom('', 'T0', null),
  status: fc.constantFrom('posted', 'Void', 'pending', undefined),
  description: fc.oneof(fc.constant(null), text),
};

async function ingest(records: SourceRecord[]) {
  const instance = await openDuckDb(
    path.join(dir, `record-path-${Math.random().toString(36).slice(2)}.duckdb`),
  );
  const con = await instance.connect();
  await con.run(snapshotDdl());
  async function* stream() {
    yield* records;
  }
  const result = await ingestTable(
    con,
    { table: 'cost_transactions', records: stream() },
    { side: 'pm', keepRaw: true },
  );
  const cols = snapshotColumnOrder('cost_transactions').filter((c) => c !== 'side' && c !== 'source_ref');
  const rows = await queryRows(
    con,
    `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM cost_transactions ORDER BY source_ref`,
  );
  const raw = await queryRows<{ source_ref: string; payload: string }>(
    con,
    'SELECT source_ref, CAST(payload AS VARCHAR) AS payload FROM raw_records ORDER BY source_ref',
  );
  con.closeSync();
  instance.closeSync();
  return { result, rows, raw };
}

describe('record path', () => {
  it('stores every valid record exactly as validation reads it, whatever its text holds', async () => {
    const names = Object.keys(cells) as (keyof typeof cells)[];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record(cells), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('ref', 'ref, with "comma"', 'ref\u0001', 'ref\nline'),
        async (values, refText) => {
          const records: SourceRecord[] = values.map((v, i) => ({
            ok: true,
            values: v,
            sourceRef: `${String(i).padStart(3, '0')} ${refText}`,
            raw: { i, v },
          }));
          const expected = values.map((v) => validateRow('cost_transactions', v));
          const { result, rows, raw } = await ingest(records);
          const valid = expected.flatMap((e, i) => (e.ok ? [{ row: e.row, i }] : []));
          expect(result.rowsLoaded).toBe(valid.length);
          expect(result.invalid.length).toBe(values.length - valid.length);
          expect(rows).toEqual(valid.map((e) => Object.fromEntries(names.map((n) => [n, e.row[n]]))));
          expect(raw).toEqual(
            valid.map(({ i }) => ({
              source_ref: records[i]!.sourceRef,
              payload: JSON.stringify(records[i]!.raw),
            })),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stores a table larger than one staging batch, in order', async () => {
    const count = 140_000;
    const records: SourceRecord[] = Array.from({ length: count }, (_, i) => ({
      ok: true,
      values: {
        transaction_id: String(i),
        job_id: 'J1',
        date: '2026-10-31',
        cost_code: '03-300',
        cost_type: 'labor',
        amount: `${i}.05`,
        status: 'posted',
        description: i % 1000 === 0 ? 'memo, with\nline break' : `memo ${i}`,
      },
      sourceRef: `row ${i}`,
    }));
    const instance = await openDuckDb(path.join(dir, 'large.duckdb'));
    const con = await instance.connect();
    await con.run(snapshotDdl());
    async function* stream() {
      yield* records;
    }
    const result = await ingestTable(con, { table: 'cost_transactions', records: stream() }, { side: 'erp' });
    const [summary] = await queryRows<{ n: string; total: string; ordered: boolean }>(
      con,
      `SELECT count(*)::VARCHAR AS n, sum(amount)::VARCHAR AS total,
              bool_and(transaction_id::INT = rowid) AS ordered FROM cost_transactions`,
    );
    con.closeSync();
    instance.closeSync();
    expect(result.rowsLoaded).toBe(count);
    // The sum of i + 0.05 for i = 0 … 139,999.
    expect(summary).toEqual({ n: '140000', total: '9799937000.00', ordered: true });
  });

  it('reads a connector’s batches exactly as it reads its records, quarantine included', async () => {
    const make = (): SourceRecord[] =>
      Array.from({ length: 2500 }, (_, i) => ({
        ok: true,
        values: {
          transaction_id: String(i),
          job_id: 'J1',
          date: i % 400 === 7 ? '2026-02-30' : '2026-02-28',
          cost_code: '03-300',
          cost_type: 'labor',
          amount: `${i}.5`,
          status: 'posted',
        },
        sourceRef: `jobcst recnum ${i}`,
        raw: { recnum: i },
      }));
    async function* pages(records: SourceRecord[]) {
      for (let i = 0; i < records.length; i += 1000) yield records.slice(i, i + 1000);
    }
    const read = async (stream: () => TableStream) => {
      const instance = await openDuckDb(':memory:');
      const con = await instance.connect();
      await con.run(snapshotDdl());
      const result = await ingestTable(con, stream(), { side: 'erp', keepRaw: true });
      const rows = await queryRows(con, 'SELECT * FROM cost_transactions ORDER BY rowid');
      const raw = await queryRows(
        con,
        'SELECT source_ref, CAST(payload AS VARCHAR) AS p FROM raw_records ORDER BY rowid',
      );
      con.closeSync();
      instance.closeSync();
      return { rows, raw, invalid: result.invalid.map((i) => i.reason), read: result.rowsRead };
    };
    const viaBatches = await read(() => tableStream('cost_transactions', pages(make())));
    const viaRecords = await read(() => ({
      table: 'cost_transactions',
      records: tableStream('cost_transactions', pages(make())).records,
    }));
    expect(viaBatches).toEqual(viaRecords);
    expect(viaBatches.read).toBe(2500);
    expect(viaBatches.invalid).toHaveLength(7);
    expect(viaBatches.invalid[0]).toContain('jobcst recnum 7: date');
  });

  it('leaves no staging folder behind, and recovery removes the one of a killed run', async () => {
    const dataDir = path.join(dir, 'data');
    const store = openStore(dataDir);
    const stage = stagingPath(dataDir, 'acme', 'run_killed');
    mkdirSync(stage, { recursive: true });
    writeFileSync(path.join(stage, 'rows-0.csv'), 'partial');
    const { removed } = await recoverSnapshots(store, dataDir, ['acme'], silentLogger);
    store.close();
    expect(removed).toEqual([path.join('acme', 'snapshots', path.basename(stage))]);
    expect(readdirSync(snapshotDir(dataDir, 'acme'))).toEqual([]);
  });
});
