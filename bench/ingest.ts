/**
 * Ingest speed: a generated cost_transactions table of N rows (default 1M) on the ERP side, written as
 * canonical CSV, snapshotted through the files connector and the real snapshot writer. Reports rows/s for the
 * native CSV path and for the record-by-record path (the one API connectors use), and the peak RSS.
 */
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDuckDb, queryRows } from '../connectors/canonical/duckdb.ts';
import { companySchema } from '../src/config/schema.ts';
import { silentLogger } from '../src/log.ts';
import { takeSnapshot } from '../src/snapshot/take.ts';
import { openStore } from '../src/store/db.ts';
import type { BenchResult } from './result.ts';

const COST_TYPES = ['labor', 'material', 'equipment', 'subcontract', 'other'];
const SOURCES = ['ap', 'payroll', 'equipment', 'journal'];

export async function writeCostTransactionsCsv(file: string, rows: number, jobs: number, multilineEvery = 0) {
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  await write(
    'transaction_id,job_id,date,cost_code,cost_type,amount,source,vendor_id,invoice_id,status,description\n',
  );
  let batch = '';
  for (let i = 1; i <= rows; i++) {
    const job = `J${(i % jobs) + 1}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const cents = (i * 7919) % 10_000_000;
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const memo = multilineEvery && i % multilineEvery === 0 ? '"line one\nline two"' : `memo ${i}`;
    batch += `${i},${job},2026-${month}-${day},${String(i % 200).padStart(2, '0')}-100,${COST_TYPES[i % 5]},${amount},${SOURCES[i % 4]},V${i % 25},,${i % 97 === 0 ? 'void' : 'posted'},${memo}\n`;
    if (i % 10_000 === 0) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  await new Promise<void>((resolve) => out.end(resolve));
}

export async function benchIngest(workDir: string, rows = 1_000_000): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const mode of ['native', 'records'] as const) {
    const root = path.join(workDir, `ingest-${mode}`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(path.join(root, 'pm'), { recursive: true });
    mkdirSync(path.join(root, 'erp'), { recursive: true });
    writeFileSync(path.join(root, 'pm', 'jobs.csv'), 'job_id,number,name,status\nJ1,1,Job,open\n');
    writeFileSync(path.join(root, 'erp', 'jobs.csv'), 'job_id,number,name,status\nJ1,1,Job,open\n');
    // One multi-line memo sends the whole file down the record-by-record path.
    await writeCostTransactionsCsv(
      path.join(root, 'erp', 'cost_transactions.csv'),
      rows,
      2000,
      mode === 'records' ? rows : 0,
    );
    const store = openStore(path.join(root, 'data'));
    const company = companySchema.parse({
      id: 'bench',
      name: 'Bench',
      pm: { type: 'files', dir: path.join(root, 'pm') },
      erp: { type: 'files', dir: path.join(root, 'erp') },
    });
    const started = performance.now();
    const outcome = await takeSnapshot({
      company,
      dataDir: path.join(root, 'data'),
      baseDir: root,
      store,
      trigger: 'bench',
      log: silentLogger,
    });
    const seconds = (performance.now() - started) / 1000;
    store.close();
    if (!outcome.ok) throw new Error(`bench snapshot failed: ${outcome.message}`);
    // The table's own ingest time, from the snapshot's provenance (excludes opening, DDL and publishing).
    const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
    const con = await instance.connect();
    const [p] = await queryRows<{ ms: string }>(
      con,
      "SELECT CAST(epoch_ms(finished_at) - epoch_ms(started_at) AS VARCHAR) AS ms FROM provenance WHERE table_name = 'cost_transactions'",
    );
    con.closeSync();
    instance.closeSync();
    const tableSeconds = Number(p?.ms) / 1000;
    results.push({
      name: mode === 'native' ? 'ingest_rows_per_s' : 'ingest_rows_per_s_record_path',
      value: Math.round(rows / tableSeconds),
      unit: 'rows/s',
      goal: mode === 'native' ? '>= 500000' : undefined,
      note: `${rows.toLocaleString('en-US')} cost_transactions rows in ${tableSeconds.toFixed(2)} s; whole snapshot ${seconds.toFixed(2)} s`,
    });
  }
  return results;
}
