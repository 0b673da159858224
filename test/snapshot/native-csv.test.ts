/**
 * The native CSV path and the record-by-record path must store exactly the same rows. Random canonical files
 * (valid and invalid cells, spaces, quotes, case) are loaded both ways and compared table by table.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotColumnOrder } from '../../connectors/canonical/ddl.ts';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { TABLES } from '../../connectors/canonical/tables.ts';
import { readCsvHeader, readCsvTable } from '../../connectors/files/connector.ts';
import { ingestTable } from '../../src/snapshot/ingest.ts';
import { ingestCsvNative } from '../../src/snapshot/ingest-csv.ts';
import { snapshotDdl } from '../../src/snapshot/layout.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const quote = (v: string) => (/[",\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

/** Mostly valid cells, now and then one of the awkward or invalid ones. */
const cell = (valid: string[], awkward: string[]) =>
  fc.oneof(
    { weight: 60, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...awkward) },
  );

const cellFor: Record<string, fc.Arbitrary<string>> = {
  transaction_id: fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/),
  job_id: cell(['J1', 'J2', '562949953421312'], [' J3', '']),
  date: cell(['2026-10-31', '2024-02-29'], ['2026-02-29', '2026-1-5', '']),
  cost_code: cell(['03-300', '3300'], ['01-000 ', '']),
  cost_type: cell(['labor', 'material', 'permits'], ['Labor ']),
  amount: fc.oneof(
    { weight: 40, arbitrary: fc.stringMatching(/^-?\d{1,6}(\.\d{1,2})?$/) },
    { weight: 3, arbitrary: fc.constantFrom('0.10', '-0.00', '12.500', '99999999999.99', '-0') },
    { weight: 1, arbitrary: fc.constantFrom('12.345', '1,234.00', 'abc', '', '1e3') },
  ),
  source: cell(['ap', 'AP', 'payroll', ''], ['bank']),
  vendor_id: cell(['', 'V1', 'V 2'], [' V3']),
  invoice_id: cell(['', 'INV-1'], ['INV-1\r']),
  reverses_id: cell(['', 'T0'], [' T0']),
  status: cell(['posted', 'Void', 'pending', 'approved'], ['deleted']),
  description: fc.oneof(
    { weight: 40, arbitrary: fc.stringMatching(/^[A-Za-z0-9 ,.'"-]{0,12}$/).map((s) => s.trim()) },
    { weight: 1, arbitrary: fc.constantFrom(' padded ', '\tTabbed', 'two\nlines', '\u00a0nbsp') },
  ),
};

async function loadBothWays(file: string) {
  const instance = await openDuckDb(':memory:');
  const con = await instance.connect();
  await con.run(snapshotDdl());
  const header = await readCsvHeader(file, 'cost_transactions');
  const native = await ingestCsvNative(con, 'erp', 'cost_transactions', {
    path: file,
    name: 'cost_transactions.csv',
    header,
  });
  const records = await ingestTable(
    con,
    { table: 'cost_transactions', records: readCsvTable(file, 'cost_transactions') },
    { side: 'pm' },
  );
  const cols = snapshotColumnOrder('cost_transactions').filter((c) => c !== 'side');
  const read = (side: string) =>
    queryRows(
      con,
      `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM cost_transactions WHERE side = '${side}' ORDER BY source_ref`,
    );
  const result = { native, records, nativeRows: await read('erp'), recordRows: await read('pm') };
  con.closeSync();
  instance.closeSync();
  return result;
}

describe('native CSV ingest', () => {
  it('stores the same rows as the record path, or steps aside', async () => {
    const names = TABLES.cost_transactions.columns.map((c) => c.name);
    let nativeTaken = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(...names.map((n) => cellFor[n]!)), { minLength: 1, maxLength: 8 }),
        async (rows) => {
          const file = path.join(dir, 'cost_transactions.csv');
          writeFileSync(file, `${names.join(',')}\n${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`);
          const r = await loadBothWays(file);
          if (r.native) {
            nativeTaken++;
            expect(r.records.invalid).toEqual([]);
            expect(r.nativeRows).toEqual(r.recordRows);
          } else {
            const recordPathHadWork =
              r.records.invalid.length > 0 ||
              rows.some((row) => row.some((c) => c !== c.trim() || c.includes('\n') || c.includes('\r')));
            expect(recordPathHadWork, JSON.stringify(rows)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(nativeTaken).toBeGreaterThan(5);
  });

  it('references data row k as line k + 1 of the file', async () => {
    const file = path.join(dir, 'lines.csv');
    writeFileSync(
      file,
      'transaction_id,job_id,date,cost_code,cost_type,amount,status\n1,J1,2026-10-31,03-300,labor,1.00,posted\n2,J1,2026-10-31,03-300,labor,2.00,posted\n',
    );
    const r = await loadBothWays(file);
    expect(r.native).toEqual({ rowsLoaded: 2 });
    expect(r.nativeRows.map((x) => x.source_ref)).toEqual([
      'cost_transactions.csv:2',
      'cost_transactions.csv:3',
    ]);
  });
});
