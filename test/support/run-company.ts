/**
 * A company run the way the product runs it (config file → runtime → runSnapshotForCompany with
 * reconciliation registered), plus what the reliability tests check after each run: which snapshots are
 * published and registered, the runs, the findings, and each side's canonical rows.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { type Side, TABLE_NAMES } from '../../connectors/canonical/tables.ts';
import { silentLogger } from '../../src/log.ts';
import { registerReconciliation } from '../../src/recon/after-snapshot.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import type { SnapshotOutcome } from '../../src/snapshot/take.ts';
import { currentSnapshot, listRuns, listSnapshots } from '../../src/store/runs.ts';
import { writeConfig } from './company.ts';

/** A PM dataset and an ERP dataset with a few records of every kind (the Procore and Sage test fixtures). */
export const PM_FIXTURE = path.resolve(import.meta.dirname, '..', 'procore', 'fixtures', 'pm');
export const ERP_FIXTURE = path.resolve(import.meta.dirname, '..', 'sage100c', 'fixtures', 'erp');

export interface RunCompany {
  root: string;
  dataDir: string;
  runtime: Runtime;
  snapshot(): Promise<SnapshotOutcome>;
  state(): CompanyState;
  close(): void;
}

export interface CompanyState {
  /** Files in the snapshots folder (hidden temporaries included). */
  files: string[];
  /** Registered, not deleted, snapshot file names. */
  registered: string[];
  current: string | undefined;
  runs: { status: string; errorCode: string | null; errorMessage: string | null }[];
  /** Findings of every check but source.stale, with the snapshot each was last seen in. */
  findings: string[];
}

/**
 * A company's PM side reading a running Procore sandbox the way a live config reads Procore (client
 * credentials from the environment, short waits so a test takes seconds).
 */
export function procoreSideOf(
  sandbox: { url: string; companyId: string; client: { clientId: string; clientSecret: string } },
  tuning: Record<string, number> = {},
) {
  process.env.TIEOUT_TEST_PROCORE_ID = sandbox.client.clientId;
  process.env.TIEOUT_TEST_PROCORE_SECRET = sandbox.client.clientSecret;
  return {
    type: 'procore',
    loginBaseUrl: sandbox.url,
    apiBaseUrl: sandbox.url,
    companyId: sandbox.companyId,
    clientId: 'env:TIEOUT_TEST_PROCORE_ID',
    clientSecret: 'env:TIEOUT_TEST_PROCORE_SECRET',
    tuning: {
      timeoutMs: 5_000,
      maxRetries: 3,
      baseDelayMs: 5,
      maxDelayMs: 50,
      maxRateLimitWaitSeconds: 5,
      ...tuning,
    },
  };
}

/** Opens a runtime over a one-company config written into `root`. */
export async function runCompany(
  root: string,
  company: { pm: unknown; erp: unknown; settings?: unknown },
): Promise<RunCompany> {
  const dataDir = path.join(root, 'data');
  const config = writeConfig(path.join(root, 'tieout.config.json'), [
    { id: 'acme', name: 'Acme Builders', ...company },
  ]);
  registerReconciliation();
  const runtime = await openRuntime({
    configPath: config,
    command: 'test',
    writes: true,
    log: silentLogger,
    env: { ...process.env, TIEOUT_DATA_DIR: dataDir },
  });
  const acme = runtime.company('acme');
  return {
    root,
    dataDir,
    runtime,
    snapshot: () => runSnapshotForCompany(runtime, acme, 'test'),
    state: () => companyState(runtime, dataDir),
    close: () => runtime.close(),
  };
}

export function companyState(runtime: Runtime, dataDir: string): CompanyState {
  const dir = path.join(dataDir, 'acme', 'snapshots');
  let files: string[] = [];
  try {
    files = readdirSync(dir).sort();
  } catch {}
  const db = runtime.store.db;
  return {
    files,
    registered: listSnapshots(db, 'acme')
      .filter((s) => !s.deletedAt)
      .map((s) => path.basename(s.path))
      .sort(),
    current: currentSnapshot(db, 'acme')?.path,
    runs: listRuns(db, 'acme', 1_000_000).map((r) => ({
      status: r.status,
      errorCode: r.errorCode ?? null,
      errorMessage: r.error ?? null,
    })),
    findings: runtime.store.sqlite
      .prepare(
        "SELECT finding_key || ' @ ' || last_seen_snapshot AS f FROM findings WHERE check_id <> 'source.stale' ORDER BY 1",
      )
      .all()
      .map((r) => (r as { f: string }).f),
  };
}

/** One side's canonical rows of a snapshot file, per table, in a stable order (source refs left out). */
export async function sideRows(file: string, side: Side): Promise<Record<string, string[]>> {
  const instance = await openDuckDb(file, { readOnly: true });
  const con = await instance.connect();
  try {
    const out: Record<string, string[]> = {};
    for (const table of TABLE_NAMES) {
      const rows = await queryRows(
        con,
        `SELECT * EXCLUDE (side, source_ref) FROM "${table}" WHERE side = ?`,
        [side],
      );
      out[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
