/**
 * A large contractor end to end: generate the company (2,000 jobs, ~10M ERP cost transactions; quick: 50
 * jobs, ~200k), snapshot it through runSnapshotForCompany in a child process (wall time, ingest rows/s,
 * the child's peak RSS), reconcile it with every check beside a bare GROUP BY over the same cost rows in
 * one warm process, and build the WIP schedule JSON for all its jobs and the WIP/surety PDF for a 500-job
 * company through renderReport, the path `tieout report` and the API take. Where another suite owns a name
 * (bench/required.ts), the runner reports this suite's number as large_<name>.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDuckDb, queryRows } from '../connectors/canonical/duckdb.ts';
import { type CompanyConfig, companySchema, companySettingsSchema } from '../src/config/schema.ts';
import { lastMonthEnd } from '../src/demo/calendar.ts';
import { COMPANY_SIZES, type CompanySize, generateCompany, type Truth } from '../src/demo/index.ts';
import { silentLogger } from '../src/log.ts';
import { reconcile } from '../src/recon/index.ts';
import { renderReport } from '../src/reports/render.ts';
import { openRuntime, type Runtime } from '../src/runtime.ts';
import { runSnapshotForCompany } from '../src/snapshot/run.ts';
import type { BenchResult } from './result.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const INGEST_SQL = readFileSync(new URL('./large-ingest.sql', import.meta.url), 'utf8');
const SCAN_SQL = readFileSync(new URL('./large-scan.sql', import.meta.url), 'utf8');
/** The company the WIP PDF is timed on: 500 jobs, light on detail (the PDF reads totals, not rows). */
const PDF_SIZE: CompanySize = { jobs: 500, transactions: 100_000, commitments: 5_000, invoices: 15_000 };

const ms = (since: number) => Math.round(performance.now() - since);
const n = (v: number) => v.toLocaleString('en-US');

interface ChildSnapshot {
  ok: boolean;
  ms: number;
  maxRssMb: number;
  absolutePath: string;
  rows: number;
  code?: string;
  message?: string;
}

function companyConfig(id: string, name: string, dir: string): CompanyConfig {
  const settings = companySettingsSchema.parse(
    JSON.parse(readFileSync(path.join(dir, 'company.json'), 'utf8')),
  );
  return companySchema.parse({
    id,
    name,
    pm: { type: 'files', dir: path.join(dir, 'pm') },
    erp: { type: 'files', dir: path.join(dir, 'erp') },
    settings,
  });
}

async function snapshotInChild(
  configPath: string,
  dataDir: string,
  companyId: string,
): Promise<ChildSnapshot> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'large-snapshot.ts'), configPath, companyId],
    {
      cwd: path.dirname(here),
      env: { ...process.env, TIEOUT_DATA_DIR: dataDir },
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((e: { stdout?: string; message: string }) => {
    if (e.stdout?.trim()) return { stdout: e.stdout };
    throw new Error(`snapshot child failed: ${e.message}`);
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildSnapshot;
  if (!result.ok) throw new Error(`snapshot of ${companyId} failed: ${result.code} ${result.message}`);
  return result;
}

async function timedReport(runtime: Runtime, company: CompanyConfig, format: 'json' | 'pdf', asOf: string) {
  const req = { kind: 'wip' as const, format, asOf, preparedBy: 'Controller' };
  await renderReport(runtime, company, req); // warm: SQL, fonts and module caches, as a running server has
  const started = performance.now();
  const rendered = await renderReport(runtime, company, req);
  return { ms: ms(started), bytes: rendered.body.length, body: rendered.body };
}

export async function benchLarge(work: string, quick: boolean): Promise<BenchResult[]> {
  const root = path.join(work, 'large');
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const size = quick ? COMPANY_SIZES.quick : COMPANY_SIZES.large;
  const results: BenchResult[] = [];

  const largeDir = path.join(root, 'large');
  let lastReport = performance.now();
  const generated = await generateCompany({
    outDir: largeDir,
    size,
    onProgress: ({ jobs, rows }) => {
      if (performance.now() - lastReport < 60_000) return;
      lastReport = performance.now();
      process.stderr.write(`bench: large: ${n(jobs)} / ${n(size.jobs)} jobs, ${n(rows)} rows written\n`);
    },
  });
  const erpCost = generated.rows.erp.cost_transactions ?? 0;
  results.push({
    name: 'large_generate_rows_per_s',
    value: generated.rowsPerSecond,
    unit: 'rows/s',
    note: `${n(size.jobs)} jobs, ${n(generated.totalRows)} rows both sides (${n(erpCost)} ERP cost transactions, ${n(generated.rows.erp.commitments ?? 0)} commitments, ${n(generated.rows.erp.payables ?? 0)} AP invoices) in ${generated.seconds.toFixed(0)} s`,
  });
  const pdfDir = path.join(root, 'pdf500');
  await generateCompany({ outDir: pdfDir, size: PDF_SIZE });

  const large = companyConfig('large', 'Large Contractor, Inc.', largeDir);
  const pdf = companyConfig('pdf500', 'Five Hundred Jobs, Inc.', pdfDir);
  const configPath = path.join(root, 'tieout.config.json');
  writeFileSync(configPath, `${JSON.stringify({ companies: [large, pdf] }, null, 2)}\n`);

  const snap = await snapshotInChild(configPath, dataDir, 'large');
  const instance = await openDuckDb(snap.absolutePath, { readOnly: true });
  const con = await instance.connect();
  try {
    const [ingest] = await queryRows<{ rows_loaded: string; ms: string }>(con, INGEST_SQL);
    const ingestSeconds = Number(ingest?.ms) / 1000;
    results.push(
      {
        name: 'ingest_rows_per_s',
        value: Math.round(Number(ingest?.rows_loaded) / ingestSeconds),
        unit: 'rows/s',
        note: `${n(Number(ingest?.rows_loaded))} rows of both sides in ${ingestSeconds.toFixed(1)} s of ingest; whole snapshot ${(snap.ms / 1000).toFixed(1)} s`,
      },
      {
        name: 'snapshot_peak_rss_mb',
        value: snap.maxRssMb,
        unit: 'MB',
        note: `peak RSS of the process taking the ${n(size.jobs)}-job snapshot (maxRSS)`,
      },
    );

    await queryRows(con, SCAN_SQL); // warm the file cache for both measurements alike
    let started = performance.now();
    const [scan] = await queryRows<{ groups: string }>(con, SCAN_SQL);
    const scanMs = performance.now() - started;
    const truth = JSON.parse(readFileSync(path.join(largeDir, 'truth.json'), 'utf8')) as Truth;
    const takenAt = `${truth.as_of}T12:00:00.000Z`;
    started = performance.now();
    const findings = await reconcile({
      con,
      settings: large.settings,
      takenAt,
      sides: (['pm', 'erp'] as const).map((side) => ({ side, system: 'files', finishedAt: takenAt })),
    });
    const reconMs = performance.now() - started;
    const clean = new Set(truth.clean_jobs);
    const onClean = findings.filter((f) => f.jobNumber && clean.has(f.jobNumber)).length;
    const expected = truth.planted.reduce((sum, c) => sum + c.expected_findings.length, 0);
    results.push({
      name: 'recon_vs_scan_ratio',
      value: Number((reconMs / scanMs).toFixed(2)),
      unit: 'ratio',
      goal: '<= 2.0',
      note: `all checks ${Math.round(reconMs)} ms ÷ bare GROUP BY ${Math.round(scanMs)} ms (${n(Number(scan?.groups))} groups) over ${n(snap.rows)} snapshot rows; ${findings.length} findings (${truth.planted.length} planted cases list ${expected}, consequences aside), ${onClean} on clean jobs`,
    });
  } finally {
    con.closeSync();
    instance.closeSync();
  }

  const runtime = await openRuntime({
    configPath,
    command: 'bench reports',
    writes: true,
    log: silentLogger,
    env: { ...process.env, TIEOUT_DATA_DIR: dataDir },
  });
  try {
    const asOf = lastMonthEnd(generated.truth.as_of);
    const json = await timedReport(runtime, runtime.company('large'), 'json', asOf);
    const wip = JSON.parse(String(json.body)) as { jobs: unknown[]; completed_jobs: unknown[] };
    results.push({
      name: `wip_json_${size.jobs}_jobs_ms`,
      value: json.ms,
      unit: 'ms',
      note: `WIP schedule as of ${asOf} through renderReport: ${n(wip.jobs.length)} jobs in progress, ${n(wip.completed_jobs.length)} completed this year, ${n(json.bytes)} bytes (warm)`,
    });
    const pdfCompany = runtime.company('pdf500');
    const pdfSnap = await runSnapshotForCompany(runtime, pdfCompany, 'bench');
    if (!pdfSnap.ok) throw new Error(`snapshot of the 500-job company failed: ${pdfSnap.message}`);
    const rendered = await timedReport(runtime, pdfCompany, 'pdf', asOf);
    results.push({
      name: 'wip_pdf_500_jobs_ms',
      value: rendered.ms,
      unit: 'ms',
      note: `WIP/surety PDF of a 500-job company through renderReport, ${n(rendered.bytes)} bytes (warm)`,
    });
  } finally {
    runtime.close();
  }
  return results;
}
