/**
 * Ingest speed, N cost_transactions rows (default 1M) on the ERP side:
 * - `ingest_rows_per_s`: a canonical CSV snapshotted through the files connector and the real snapshot
 *   writer, loaded natively by DuckDB's CSV reader;
 * - `ingest_record_path_rows_per_s`: the record path every API connector uses (Procore, Sage 100 Contractor,
 *   QuickBooks): records as a connector yields them — raw string values, a source reference and the raw
 *   payload — validated and stored by `ingestTable` into a snapshot file, raw payloads in raw_records;
 * - `ingest_csv_fallback_rows_per_s`: the same CSV file read record by record (csv-parse, then the record
 *   path), the way a file that is not plainly valid is read;
 * with CPU seconds (process.cpuUsage, DuckDB's threads included), the load average and the peak RSS.
 */
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDuckDb, queryRows } from '../connectors/canonical/duckdb.ts';
import { type SourceRecord, tableStream } from '../connectors/contract.ts';
import { companySchema } from '../src/config/schema.ts';
import { silentLogger } from '../src/log.ts';
import { ingestTable } from '../src/snapshot/ingest.ts';
import { snapshotDdl } from '../src/snapshot/layout.ts';
import { takeSnapshot } from '../src/snapshot/take.ts';
import { openStore } from '../src/store/db.ts';
import type { BenchResult } from './result.ts';

/** CPU seconds (all threads, DuckDB's included) from a process.cpuUsage() delta. */
export function cpuSecondsOf(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

/** Samples the resident set size while `run` works; returns its result and the peak in MB. */
export async function withPeakRss<T>(run: () => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakRssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

export const loadNote = () => `load ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`;

/**
 * Cost records as an API connector yields them: one object per row, strings, and the payload it read, in
 * pages of 1,000 (`TableStream.batches`).
 */
async function* apiCostPages(rows: number, jobs: number): AsyncIterable<SourceRecord[]> {
  let page: SourceRecord[] = [];
  for (let i = 1; i <= rows; i++) {
    const cents = (i * 7919) % 10_000_000;
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const date = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const job = `J${(i % jobs) + 1}`;
    const code = `${String(i % 200).padStart(2, '0')}-100`;
    page.push({
      ok: true,
      values: {
        transaction_id: String(i),
        job_id: job,
        date,
        cost_code: code,
        cost_type: COST_TYPES[i % 5],
        amount,
        source: SOURCES[i % 4],
        vendor_id: `V${i % 25}`,
        invoice_id: null,
        status: i % 97 === 0 ? 'void' : 'posted',
        description: `memo ${i}`,
      },
      sourceRef: `GET /direct_costs/${i}`,
      raw: { id: i, project_id: job, amount, received_date: date, cost_code: code, description: `memo ${i}` },
    });
    if (page.length === 1000) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

export async function benchRecordPath(workDir: string, rows: number): Promise<BenchResult> {
  const file = path.join(workDir, 'ingest-record-path.duckdb');
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  const instance = await openDuckDb(file);
  const con = await instance.connect();
  await con.run(snapshotDdl());
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { value: result, peakRssMb } = await withPeakRss(() =>
    ingestTable(con, tableStream('cost_transactions', apiCostPages(rows, 2000)), {
      side: 'erp',
      keepRaw: true,
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsOf(process.cpuUsage(cpu));
  con.closeSync();
  instance.closeSync();
  rmSync(file, { force: true });
  if (result.rowsLoaded !== rows) throw new Error(`record path stored ${result.rowsLoaded} of ${rows} rows`);
  return {
    name: 'ingest_record_path_rows_per_s',
    value: Math.round(rows / seconds),
    unit: 'rows/s',
    goal: '>= 500000',
    note: `${rows.toLocaleString('en-US')} API-shaped cost records (pages of 1,000, raw payloads kept) validated and stored in ${seconds.toFixed(2)} s; ${Math.round(rows / cpuSeconds).toLocaleString('en-US')} rows per CPU second; peak RSS ${peakRssMb} MB; ${loadNote()}`,
  };
}

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
  mkdirSync(workDir, { recursive: true });
  const results: BenchResult[] = [await benchRecordPath(workDir, rows)];
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
    const cpu = process.cpuUsage();
    const { value: outcome, peakRssMb } = await withPeakRss(() =>
      takeSnapshot({
        company,
        dataDir: path.join(root, 'data'),
        baseDir: root,
        store,
        trigger: 'bench',
        log: silentLogger,
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuSecondsOf(process.cpuUsage(cpu));
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
      name: mode === 'native' ? 'ingest_rows_per_s' : 'ingest_csv_fallback_rows_per_s',
      value: Math.round(rows / tableSeconds),
      unit: 'rows/s',
      goal: mode === 'native' ? '>= 500000' : undefined,
      note: `${rows.toLocaleString('en-US')} cost_transactions rows in ${tableSeconds.toFixed(2)} s${mode === 'native' ? '' : ' (csv-parse, then the record path)'}; whole snapshot ${seconds.toFixed(2)} s, ${cpuSeconds.toFixed(1)} CPU s, peak RSS ${peakRssMb} MB; ${loadNote()}`,
    });
  }
  return results;
}
