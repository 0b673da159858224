import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { listRuns, listSnapshots } from '../../src/store/runs.ts';
import { BIN, runCli } from '../support/cli.ts';
import { costRows, ERP_JOBS, PM_JOBS, writeConfig, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';

function company(root: string) {
  writeFolder(path.join(root, 'pm'), { 'jobs.csv': PM_JOBS });
  writeFolder(path.join(root, 'erp'), { 'jobs.csv': ERP_JOBS, 'cost_transactions.csv': costRows(20) });
  const config = writeConfig(path.join(root, 'tieout.config.json'), [
    {
      id: 'acme',
      name: 'Acme Builders',
      pm: { type: 'files', dir: 'pm' },
      erp: { type: 'files', dir: 'erp' },
    },
  ]);
  return { config, env: { TIEOUT_DATA_DIR: path.join(root, 'data') } };
}

describe('tieout snapshot (command line)', () => {
  it('prints the published snapshot path, and lists it', async () => {
    const root = tempDir();
    const { config, env } = company(root);
    const result = await runCli(['snapshot', '--config', config], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = result.stdout.trim();
    expect(printed).toMatch(/data\/acme\/snapshots\/\d{4}-\d{2}-\d{2}T[\d-]+Z\.duckdb$/);
    expect(existsSync(printed)).toBe(true);
    const list = await runCli(['snapshots', 'list', '--config', config, '--format', 'json'], env);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });

  it('exits non-zero naming file:line:column on a bad decimal, leaving the previous snapshot current', async () => {
    const root = tempDir();
    const { config, env } = company(root);
    expect((await runCli(['snapshot', '--config', config], env)).code).toBe(0);
    writeFileSync(
      path.join(root, 'erp', 'cost_transactions.csv'),
      costRows(20, (i) => (i === 16 ? '1.2.3' : '5.00')),
    );
    const result = await runCli(['snapshot', '--config', config], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('cost_transactions.csv:17:6: amount');
    expect(result.stderr).toContain('the previous snapshot stays current');
    const store = openStore(env.TIEOUT_DATA_DIR);
    expect(listSnapshots(store.db, 'acme')).toHaveLength(1);
    expect(listRuns(store.db, 'acme').map((r) => r.status)).toEqual(['failed', 'succeeded']);
    store.close();
  });

  it('refuses to write while another process owns the data directory', async () => {
    const root = tempDir();
    const { config, env } = company(root);
    writeFolder(env.TIEOUT_DATA_DIR, {
      'tieout.lock': JSON.stringify({
        pid: process.pid,
        command: 'serve',
        since: '2026-11-26T02:00:00.000Z',
      }),
    });
    const result = await runCli(['snapshot', '--config', config], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/in use by "tieout serve" \(pid \d+/);
    expect(result.stderr).toContain('use its API');
  });

  it('names the bad key of an invalid config', async () => {
    const root = tempDir();
    const config = writeConfig(path.join(root, 'bad.json'), [
      { id: 'Acme Co', name: 'Acme', pm: { type: 'files', dir: 'pm' }, erp: { type: 'ftp' } },
    ]);
    const result = await runCli(['snapshot', '--config', config], {
      TIEOUT_DATA_DIR: path.join(root, 'data'),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('companies[0].id: use lowercase letters');
    expect(result.stderr).toContain('companies[0].erp.type: unknown connector type "ftp"');
  });
});

describe('a snapshot killed mid-way', () => {
  it('publishes nothing, and the next run succeeds', async () => {
    const root = tempDir();
    const { config, env } = company(root);
    writeFileSync(path.join(root, 'erp', 'cost_transactions.csv'), costRows(600_000));
    const dir = path.join(env.TIEOUT_DATA_DIR, 'acme', 'snapshots');
    const child = spawn(process.execPath, [BIN, 'snapshot', '--config', config], {
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    // Kill as soon as the temporary file exists, i.e. while rows are being ingested.
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        const tmp = existsSync(dir) && readdirSync(dir).some((n) => n.startsWith('.run-'));
        if (tmp) {
          clearInterval(timer);
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 300);
        } else if (Date.now() - started > 60_000) {
          clearInterval(timer);
          reject(new Error('the snapshot never started'));
        }
      }, 10);
    });
    await new Promise((r) => child.once('exit', r));
    expect(readdirSync(dir).filter((n) => n.endsWith('.duckdb'))).toEqual([]);

    const next = await runCli(['snapshot', '--config', config], env);
    expect(next.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([path.basename(next.stdout.trim())]);
    const store = openStore(env.TIEOUT_DATA_DIR);
    const runs = listRuns(store.db, 'acme');
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'failed']);
    expect(runs[1]?.errorCode).toBe('run_interrupted');
    expect(listSnapshots(store.db, 'acme')).toHaveLength(1);
    store.close();
  });
});
