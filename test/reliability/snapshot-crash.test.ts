/**
 * Snapshot crash: `tieout snapshot` in a child process, SIGKILLed after a random delay spread over a whole
 * run (start-up, reading, ingest, publish, reconciliation), 50 times in the long form. After each kill the
 * next start recovers: no published partial snapshot (every file in snapshots/ opens and is registered, no
 * registered snapshot is missing), the SQLite store passes integrity_check, no run is left 'running', and
 * the next run succeeds. The same data directory carries over from trial to trial, as it would in life.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { silentLogger } from '../../src/log.ts';
import { registerReconciliation } from '../../src/recon/after-snapshot.ts';
import { openRuntime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { listRuns, listSnapshots } from '../../src/store/runs.ts';
import { BIN } from '../support/cli.ts';
import { costRows, ERP_JOBS, PM_JOBS, writeConfig, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';
import { LONG } from './fault-cases.ts';

const TRIALS = LONG ? 50 : 5;

function company(root: string) {
  writeFolder(path.join(root, 'pm'), { 'jobs.csv': PM_JOBS });
  writeFolder(path.join(root, 'erp'), { 'jobs.csv': ERP_JOBS });
  writeFileSync(path.join(root, 'erp', 'cost_transactions.csv'), costRows(20_000));
  const config = writeConfig(path.join(root, 'tieout.config.json'), [
    {
      id: 'acme',
      name: 'Acme Builders',
      pm: { type: 'files', dir: 'pm' },
      erp: { type: 'files', dir: 'erp' },
    },
  ]);
  return { config, dataDir: path.join(root, 'data') };
}

/**
 * Runs `tieout snapshot`. `killAt` counts from the moment the run's temporary snapshot file appears (the
 * run has started and is reading), so kills land in the run whatever start-up costs on a busy machine;
 * `{ startup: ms }` kills during start-up instead. Returns how long the run took from that moment.
 */
async function snapshotChild(
  config: string,
  dataDir: string,
  kill?: { afterRunStartMs: number } | { startupMs: number },
) {
  const dir = path.join(dataDir, 'acme', 'snapshots');
  const child = spawn(process.execPath, [BIN, 'snapshot', '--config', config], {
    env: { ...process.env, TIEOUT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  let exitedFlag = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitedFlag = true;
      resolve(code);
    }),
  );
  let killed = false;
  const killNow = () => {
    if (!exitedFlag) killed = child.kill('SIGKILL');
  };
  if (kill && 'startupMs' in kill) setTimeout(killNow, kill.startupMs);
  let runStartedAt: number | undefined;
  while (!exitedFlag && runStartedAt === undefined) {
    if (existsSync(dir) && readdirSync(dir).some((n) => n.startsWith('.run-'))) runStartedAt = Date.now();
    else await new Promise((r) => setTimeout(r, 5));
  }
  if (kill && 'afterRunStartMs' in kill && runStartedAt !== undefined) {
    setTimeout(killNow, kill.afterRunStartMs);
  }
  const code = await exited;
  return { code, killed, runMs: runStartedAt === undefined ? 0 : Date.now() - runStartedAt };
}

/** Opens the data directory as the next process would (recovery included) and checks what it finds. */
async function recoverAndCheck(config: string, dataDir: string, trial: string) {
  const runtime = await openRuntime({
    configPath: config,
    command: 'test',
    writes: true,
    log: silentLogger,
    env: { ...process.env, TIEOUT_DATA_DIR: dataDir },
  });
  try {
    const integrity = runtime.store.sqlite.pragma('integrity_check', { simple: true });
    expect(integrity, trial).toBe('ok');
    const runs = listRuns(runtime.store.db, 'acme', 1_000);
    expect(
      runs.filter((r) => r.status === 'running'),
      trial,
    ).toEqual([]);
    const dir = path.join(dataDir, 'acme', 'snapshots');
    const files = existsSync(dir) ? readdirSync(dir).sort() : [];
    const registered = listSnapshots(runtime.store.db, 'acme').filter((s) => !s.deletedAt);
    expect(files, `${trial}: files in snapshots/ are exactly the registered ones`).toEqual(
      registered.map((s) => path.basename(s.path)).sort(),
    );
    for (const name of files) {
      const instance = await openDuckDb(path.join(dir, name), { readOnly: true });
      const con = await instance.connect();
      const reader = await con.runAndReadAll("SELECT value FROM snapshot_info WHERE key = 'company_id'");
      expect(reader.getRowsJson()[0]?.[0], `${trial}: ${name} opens and is whole`).toBe('acme');
      con.closeSync();
      instance.closeSync();
    }
    registerReconciliation();
    const next = await runSnapshotForCompany(runtime, runtime.company('acme'), 'test');
    expect(next.ok, `${trial}: the next run succeeds${next.ok ? '' : `: ${next.message}`}`).toBe(true);
    return { runs, files };
  } finally {
    runtime.close();
  }
}

describe('a snapshot SIGKILLed at random points', () => {
  it(
    `${TRIALS} kills: nothing partial published, the store consistent, the next run succeeds`,
    async () => {
      const { config, dataDir } = company(tempDir());
      const full = await snapshotChild(config, dataDir);
      expect(full.code).toBe(0);
      const tally = { inStartup: 0, inRun: 0, finishedBeforeKill: 0 };
      for (let trial = 1; trial <= TRIALS; trial++) {
        // One trial in five dies during start-up; the others anywhere in the run, and a little past it.
        const kill =
          trial % 5 === 0
            ? { startupMs: Math.floor(Math.random() * 3_000) }
            : { afterRunStartMs: Math.floor(Math.random() * full.runMs * 1.2) };
        const child = await snapshotChild(config, dataDir, kill);
        await recoverAndCheck(config, dataDir, `trial ${trial} (kill ${JSON.stringify(kill)})`);
        if (!child.killed) tally.finishedBeforeKill++;
        else if ('startupMs' in kill) tally.inStartup++;
        else tally.inRun++;
      }
      console.log(
        `snapshot crash trials: ${TRIALS} (a whole run takes ${full.runMs} ms once started)`,
        tally,
        `interrupted runs recorded: ${(await runsCount(config, dataDir)).interrupted}`,
      );
    },
    TRIALS * 30_000 + 60_000,
  );
});

async function runsCount(config: string, dataDir: string) {
  const runtime = await openRuntime({
    configPath: config,
    command: 'test-read',
    writes: false,
    log: silentLogger,
    env: { ...process.env, TIEOUT_DATA_DIR: dataDir },
  });
  try {
    const runs = listRuns(runtime.store.db, 'acme', 10_000);
    return { count: runs.length, interrupted: runs.filter((r) => r.errorCode === 'run_interrupted').length };
  } finally {
    runtime.close();
  }
}
