/**
 * Reconciliation speed: every check on a generated snapshot of `rows` cost transactions over `jobs` jobs,
 * beside a bare `GROUP BY job, cost code, cost type` sum over the same table in the same run, as a ratio
 * (goal ≤ 2.0: linking and all checks together should cost little more than one scan).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BIGINT, type DuckDBType } from '@duckdb/node-api';
import { openDuckDb, queryRows } from '../connectors/canonical/duckdb.ts';
import { companySettingsSchema } from '../src/config/schema.ts';
import { reconcile } from '../src/recon/index.ts';
import { snapshotDdl } from '../src/snapshot/layout.ts';
import type { BenchResult } from './result.ts';

const DATA_SQL = readFileSync(new URL('./recon-data.sql', import.meta.url), 'utf8');
const BARE_GROUP_BY = `SELECT count(*) AS groups FROM (
  SELECT side, job_id, cost_code, cost_type, sum(amount) FROM cost_transactions GROUP BY ALL)`;

export async function benchRecon(work: string, rows: number, jobs = 2000): Promise<BenchResult[]> {
  const file = path.join(work, 'recon-bench.duckdb');
  const total = await buildReconCompany(file, rows, jobs);
  return measureRecon(file, total, jobs);
}

/** Builds the generated company into a new DuckDB file; returns how many cost transactions it holds. */
export async function buildReconCompany(file: string, rows: number, jobs: number): Promise<string> {
  const build = await openDuckDb(file);
  const writer = await build.connect();
  await writer.run(snapshotDdl());
  const pmRows = jobs * 200;
  const erpRows = Math.max(rows - pmRows - Math.floor(rows / 1000), jobs * 200);
  const params = { jobs: BigInt(jobs), erp_rows: BigInt(erpRows) };
  const statements = await writer.extractStatements(DATA_SQL);
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    const bound: Record<string, bigint> = {};
    const types: Record<string, DuckDBType> = {};
    for (let p = 1; p <= prepared.parameterCount; p++) {
      const name = prepared.parameterName(p) as keyof typeof params;
      bound[name] = params[name];
      types[name] = BIGINT;
    }
    if (prepared.parameterCount) prepared.bind(bound, types);
    await prepared.run();
  }
  await writer.run('CHECKPOINT');
  const [{ total } = { total: '0' }] = await queryRows<{ total: string }>(
    writer,
    'SELECT count(*) AS total FROM cost_transactions',
  );
  writer.closeSync();
  build.closeSync();
  return total;
}

async function measureRecon(file: string, total: string, jobs: number): Promise<BenchResult[]> {
  const instance = await openDuckDb(file, { readOnly: true, memoryLimit: '4GB' });
  const con = await instance.connect();
  try {
    await queryRows(con, BARE_GROUP_BY); // warm the file cache for both measurements alike
    let started = performance.now();
    await queryRows(con, BARE_GROUP_BY);
    const bareMs = performance.now() - started;
    const settings = companySettingsSchema.parse({});
    started = performance.now();
    const findings = await reconcile({
      con,
      settings,
      takenAt: '2026-11-01T07:00:00.000Z',
      sides: [
        { side: 'pm', system: 'bench', finishedAt: '2026-11-01T06:00:00.000Z' },
        { side: 'erp', system: 'bench', finishedAt: '2026-11-01T06:00:00.000Z' },
      ],
      companyId: 'bench',
      snapshotId: 'bench',
    });
    const checksMs = performance.now() - started;
    const note = `${total} cost transactions, ${jobs} jobs, ${findings.length} findings`;
    return [
      { name: 'recon_bare_group_by_ms', value: Math.round(bareMs), unit: 'ms', note },
      { name: 'recon_all_checks_ms', value: Math.round(checksMs), unit: 'ms', note },
      {
        name: 'recon_checks_vs_group_by',
        value: Number((checksMs / bareMs).toFixed(2)),
        unit: 'ratio',
        goal: '<= 2.0',
        note: 'all checks ÷ bare GROUP BY job, cost code, cost type on the same table',
      },
    ];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
