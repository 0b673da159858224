/**
 * Demo company speed: how fast the seeded generator writes a company (rows/s across both sides, streamed to
 * CSV), and how long the default demo takes from CSV to reconciled findings through the real snapshot writer.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openDuckDb } from '../connectors/canonical/duckdb.ts';
import { companySchema, companySettingsSchema } from '../src/config/schema.ts';
import { DEMO_COMPANY_ID, generateDemo } from '../src/demo/index.ts';
import { silentLogger } from '../src/log.ts';
import { reconcile } from '../src/recon/index.ts';
import { takeSnapshot } from '../src/snapshot/take.ts';
import { openStore } from '../src/store/db.ts';
import type { BenchResult } from './result.ts';

const rowsOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function benchDemo(workDir: string, quick: boolean): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  const bigDir = path.join(workDir, 'demo-scaled');
  const scale = quick ? { jobs: 50, transactionsPerJob: 1000 } : { jobs: 400, transactionsPerJob: 2500 };
  let started = performance.now();
  const big = await generateDemo({ outDir: bigDir, scale });
  let seconds = (performance.now() - started) / 1000;
  const rows = rowsOf(big.rows.pm) + rowsOf(big.rows.erp);
  results.push({
    name: 'demo_generate_rows_per_s',
    value: Math.round(rows / seconds),
    unit: 'rows/s',
    note: `${scale.jobs} jobs, ${rows.toLocaleString('en-US')} rows (${big.rows.erp.cost_transactions?.toLocaleString('en-US')} ERP cost rows) in ${seconds.toFixed(1)} s`,
  });
  rmSync(bigDir, { recursive: true, force: true });

  const root = path.join(workDir, 'demo-default');
  const dir = path.join(root, 'demo');
  started = performance.now();
  const demo = await generateDemo({ outDir: dir });
  const generated = (performance.now() - started) / 1000;
  const settings = companySettingsSchema.parse(
    JSON.parse(readFileSync(path.join(dir, 'company.json'), 'utf8')),
  );
  const company = companySchema.parse({
    id: DEMO_COMPANY_ID,
    name: 'Demo',
    pm: { type: 'files', dir: path.join(dir, 'pm') },
    erp: { type: 'files', dir: path.join(dir, 'erp') },
    settings,
  });
  const store = openStore(path.join(root, 'data'));
  started = performance.now();
  const outcome = await takeSnapshot({
    company,
    dataDir: path.join(root, 'data'),
    baseDir: root,
    store,
    trigger: 'bench',
    log: silentLogger,
  });
  const snapshotted = (performance.now() - started) / 1000;
  store.close();
  if (!outcome.ok) throw new Error(`demo snapshot failed: ${outcome.message}`);
  const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
  const con = await instance.connect();
  started = performance.now();
  const findings = await reconcile({ con, settings, takenAt: `${demo.truth.as_of}T12:00:00.000Z` });
  seconds = (performance.now() - started) / 1000;
  con.closeSync();
  instance.closeSync();
  results.push({
    name: 'demo_csv_to_findings_s',
    value: Number((generated + snapshotted + seconds).toFixed(2)),
    unit: 's',
    note: `default demo (40 jobs): generate ${generated.toFixed(2)} s, snapshot ${snapshotted.toFixed(2)} s, reconcile ${seconds.toFixed(2)} s, ${findings.length} findings`,
  });
  return results;
}
