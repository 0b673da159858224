import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { silentLogger } from '../../src/log.ts';
import { snapshotDir } from '../../src/snapshot/paths.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';
import { currentSnapshot, listRuns, listSnapshots, pinSnapshot } from '../../src/store/runs.ts';
import { companyConfig, costRows, ERP_JOBS, PM_JOBS, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';

async function readSnapshot(file: string, sql: string) {
  const instance = await openDuckDb(file, { readOnly: true });
  const con = await instance.connect();
  try {
    return await queryRows(con, sql);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

function setup(name: string, erpFiles: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const root = path.join(tempDir(), name);
  writeFolder(path.join(root, 'pm'), { 'jobs.csv': PM_JOBS });
  writeFolder(path.join(root, 'erp'), { 'jobs.csv': ERP_JOBS, ...erpFiles });
  const dataDir = path.join(root, 'data');
  const store = openStore(dataDir);
  const company = companyConfig(root, overrides);
  const take = () =>
    takeSnapshot({ company, dataDir, baseDir: root, store, trigger: 'test', log: silentLogger });
  return { root, dataDir, store, company, take };
}

describe('snapshots', () => {
  it('holds exactly the CSV rows, with decimals exact', async () => {
    const t = setup('exact', {
      'cost_transactions.csv': costRows(3, (i) => ['0.10', '99999999999.99', '-0.1'][i - 1]!),
    });
    const outcome = await t.take();
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const rows = await readSnapshot(
      outcome.absolutePath,
      "SELECT transaction_id, amount, source_ref FROM cost_transactions WHERE side = 'erp' ORDER BY source_ref",
    );
    expect(rows).toEqual([
      { transaction_id: '1', amount: '0.10', source_ref: 'cost_transactions.csv:2' },
      { transaction_id: '2', amount: '99999999999.99', source_ref: 'cost_transactions.csv:3' },
      { transaction_id: '3', amount: '-0.10', source_ref: 'cost_transactions.csv:4' },
    ]);
    const jobs = await readSnapshot(
      outcome.absolutePath,
      'SELECT side, job_id, name FROM jobs ORDER BY side',
    );
    expect(jobs).toEqual([
      { side: 'erp', job_id: 'J1', name: 'Riverside Clinic Phase 1' },
      { side: 'pm', job_id: '101', name: 'Riverside Clinic, Phase 1' },
    ]);
    const provenance = await readSnapshot(
      outcome.absolutePath,
      "SELECT side, table_name, source_system, rows_read, rows_loaded, rows_quarantined FROM provenance WHERE table_name = 'cost_transactions'",
    );
    expect(provenance).toEqual([
      {
        side: 'erp',
        table_name: 'cost_transactions',
        source_system: 'files',
        rows_read: '3',
        rows_loaded: '3',
        rows_quarantined: '0',
      },
    ]);
    expect(currentSnapshot(t.store.db, 'acme')?.id).toBe(outcome.snapshot.id);
    t.store.close();
  });

  it('refuses a bad decimal on line 17 naming file, line and column; the previous snapshot stays current', async () => {
    const t = setup('baddecimal', { 'cost_transactions.csv': costRows(20) });
    const first = await t.take();
    expect(first.ok).toBe(true);
    writeFileSync(
      path.join(t.root, 'erp', 'cost_transactions.csv'),
      costRows(20, (i) => (i === 16 ? '12.3.4' : `${i}.00`)),
    );
    const second = await t.take();
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.side).toBe('erp');
    expect(second.message).toContain('cost_transactions.csv:17:6: amount');
    expect(second.message).toContain('"12.3.4"');
    expect(currentSnapshot(t.store.db, 'acme')?.id).toBe(first.ok ? first.snapshot.id : '');
    expect(listSnapshots(t.store.db, 'acme')).toHaveLength(1);
    expect(readdirSync(snapshotDir(t.dataDir, 'acme')).filter((n) => n.startsWith('.'))).toEqual([]);
    const [run] = listRuns(t.store.db, 'acme', 1);
    expect(run).toMatchObject({ status: 'failed', errorCode: 'source_invalid_rows', failedSide: 'erp' });
    t.store.close();
  });

  it('quarantines invalid rows with their reason when the company allows it', async () => {
    const t = setup(
      'quarantine',
      { 'cost_transactions.csv': costRows(5, (i) => (i === 2 ? 'n/a' : `${i}.00`)) },
      { settings: { maxQuarantinedRows: 10 } },
    );
    const outcome = await t.take();
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const q = await readSnapshot(
      outcome.absolutePath,
      'SELECT side, table_name, source_ref, reason FROM quarantine',
    );
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({
      side: 'erp',
      table_name: 'cost_transactions',
      source_ref: 'cost_transactions.csv:3',
    });
    expect(String(q[0]?.reason)).toContain('cost_transactions.csv:3:6: amount');
    const p = await readSnapshot(
      outcome.absolutePath,
      "SELECT rows_read, rows_loaded, rows_quarantined FROM provenance WHERE table_name = 'cost_transactions'",
    );
    expect(p).toEqual([{ rows_read: '5', rows_loaded: '4', rows_quarantined: '1' }]);
    t.store.close();
  });

  it('fails the run when a side cannot be read, publishing nothing', async () => {
    const t = setup('missingside', {});
    const outcome = await t.take();
    expect(outcome.ok).toBe(true);
    const bad = { ...t.company, pm: { type: 'files', dir: path.join(t.root, 'nowhere') } };
    const failed = await takeSnapshot({
      company: bad,
      dataDir: t.dataDir,
      baseDir: t.root,
      store: t.store,
      trigger: 'test',
      log: silentLogger,
    });
    expect(failed).toMatchObject({ ok: false, side: 'pm', code: 'files_folder_missing' });
    expect(listSnapshots(t.store.db, 'acme')).toHaveLength(1);
    t.store.close();
  });

  it('keeps the newest N snapshots plus every pinned one', async () => {
    const t = setup('retention', {}, { retention: { nightly: 2 } });
    const first = await t.take();
    if (!first.ok) throw new Error(first.message);
    pinSnapshot(t.store.db, first.snapshot.id, 'period 2026-10 closed');
    const taken = [first];
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const o = await t.take();
      if (!o.ok) throw new Error(o.message);
      taken.push(o);
    }
    const live = listSnapshots(t.store.db, 'acme').map((s) => s.id);
    const ids = taken.map((o) => (o.ok ? o.snapshot.id : ''));
    expect(live.sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    expect(existsSync(taken[1]!.ok ? taken[1]!.absolutePath : '')).toBe(false);
    expect(existsSync(first.absolutePath)).toBe(true);
    t.store.close();
  });
});
