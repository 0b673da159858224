/**
 * source.stale measures the data's age, not the read's: a folder is as old as its newest file (or the
 * exported_at its export.json states). Expected tables a folder lacks are named on the run; tables the
 * company does not export skip the checks that need them. Real folders, real file times (set with utimes),
 * real snapshots; the run's clock is injected.
 */
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import type { DataAsOf } from '../../connectors/contract.ts';
import { filesConnector } from '../../connectors/files/index.ts';
import { companySchema } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log.ts';
import { reconcile } from '../../src/recon/index.ts';
import { snapshotDdl } from '../../src/snapshot/layout.ts';
import { runNotes } from '../../src/snapshot/notes.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';
import { companyConfig, ERP_JOBS, PM_JOBS, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir();

function touch(file: string, iso: string) {
  const at = new Date(iso);
  utimesSync(file, at, at);
}

async function dataAsOfOf(dir: string): Promise<DataAsOf | undefined> {
  let said: DataAsOf | undefined;
  const ctx = {
    companyId: 'acme',
    side: 'erp' as const,
    runStartedAt: new Date('2026-12-01T02:00:00Z'),
    signal: new AbortController().signal,
    previousState: undefined,
    saveState: () => {},
    progress: () => {},
    stats: {},
    log: { info() {}, warn() {}, error() {} },
    dataAsOf: (a: DataAsOf) => {
      said = a;
    },
  };
  for await (const t of filesConnector(dir).read(ctx)) for await (const _ of t.records);
  return said;
}

const PM_INVOICE =
  'invoice_id,job_id,number,vendor_id,invoice_date,status,gross_amount\n' +
  'P-9,101,PA-3,V1,2026-11-20,approved,12500.00\n';

describe('data age of a files side', () => {
  it('is the newest file’s modification time, whatever order the files are read in', async () => {
    const dir = writeFolder(path.join(root, 'mtime'), {
      'jobs.csv': ERP_JOBS,
      'payables.csv': 'invoice_id,job_id,number,gross_amount,status\n',
      'vendors.csv': 'vendor_id,name\nV1,Apex Drywall\n',
    });
    touch(path.join(dir, 'jobs.csv'), '2026-11-27T06:00:00Z');
    touch(path.join(dir, 'payables.csv'), '2026-11-28T18:30:00Z');
    touch(path.join(dir, 'vendors.csv'), '2026-11-25T09:15:00Z');
    const said = await dataAsOfOf(dir);
    expect(said?.at.toISOString()).toBe('2026-11-28T18:30:00.000Z');
    expect(said?.basis).toBe('file_modified');
    expect(said?.detail).toContain('payables.csv');
  });

  it('is the export’s own exported_at when the folder carries export.json (files copied later)', async () => {
    const dir = writeFolder(path.join(root, 'manifest'), {
      'jobs.csv': ERP_JOBS,
      'export.json': '{"exported_at": "2026-11-26T23:00:00-05:00"}',
    });
    touch(path.join(dir, 'jobs.csv'), '2026-11-30T12:00:00Z');
    const said = await dataAsOfOf(dir);
    // 23:00 at UTC−5 is 04:00 UTC the next day.
    expect(said?.at.toISOString()).toBe('2026-11-27T04:00:00.000Z');
    expect(said?.basis).toBe('exported_at');
  });

  it('refuses an export.json whose exported_at has no zone, naming the file and the fix', async () => {
    const dir = writeFolder(path.join(root, 'badmanifest'), {
      'jobs.csv': ERP_JOBS,
      'export.json': '{"exported_at": "2026-11-26 23:00"}',
    });
    await expect(dataAsOfOf(dir)).rejects.toThrow(
      /export\.json: "exported_at" must be the instant the export was made, with its zone.*found "2026-11-26 23:00"/,
    );
  });
});

describe('a snapshot of folders exported days ago', () => {
  function setup(name: string, settings: Record<string, unknown> = {}) {
    const dir = path.join(root, name);
    const pm = writeFolder(path.join(dir, 'pm'), { 'jobs.csv': PM_JOBS, 'payables.csv': PM_INVOICE });
    const erp = writeFolder(path.join(dir, 'erp'), { 'jobs.csv': ERP_JOBS });
    touch(path.join(pm, 'jobs.csv'), '2026-11-30T19:00:00Z');
    touch(path.join(pm, 'payables.csv'), '2026-11-30T20:00:00Z');
    touch(path.join(erp, 'jobs.csv'), '2026-11-28T14:00:00Z');
    const dataDir = path.join(dir, 'data');
    const store = openStore(dataDir);
    const company = companyConfig(dir, { settings });
    return { company, dataDir, store, dir };
  }

  async function snapshotAndReconcile(t: ReturnType<typeof setup>) {
    const outcome = await takeSnapshot({
      company: t.company,
      dataDir: t.dataDir,
      baseDir: t.dir,
      store: t.store,
      trigger: 'test',
      log: silentLogger,
      now: () => new Date('2026-12-01T02:00:00Z'),
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
    const con = await instance.connect();
    try {
      const sources = await queryRows(
        con,
        `SELECT side, strftime(data_as_of AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS as_of, data_as_of_basis AS basis,
           CAST(tables_missing AS VARCHAR) AS missing FROM sources ORDER BY side`,
      );
      const findings = await reconcile({ con, settings: t.company.settings });
      return { outcome, sources, findings };
    } finally {
      con.closeSync();
      instance.closeSync();
      t.store.close();
    }
  }

  it('is stale on the side whose files are older than the company allows, however fresh the read', async () => {
    const t = setup('stale', { staleAfterHours: 36 });
    const { outcome, sources, findings } = await snapshotAndReconcile(t);
    expect(sources).toMatchObject([
      { side: 'erp', as_of: '2026-11-28T14:00:00Z', basis: 'file_modified' },
      { side: 'pm', as_of: '2026-11-30T20:00:00Z', basis: 'file_modified' },
    ]);
    // ERP: 2026-11-28 14:00 → 2026-12-01 02:00 is 2 days 12 hours = 60 hours (> 36). PM: 6 hours.
    expect(findings.map((f) => [f.check, f.facts.side, f.facts.ageHours])).toEqual([
      ['source.stale', 'erp', 60],
    ]);
    expect(findings[0]!.message).toContain('data is from 2026-11-28T14:00:00.000Z');
    expect(findings[0]!.message).toContain('jobs.csv, the newest file');
    expect(outcome.ok && outcome.stats.sides.erp?.dataAsOf).toMatchObject({
      at: '2026-11-28T14:00:00.000Z',
      basis: 'file_modified',
    });
  });

  it('names on the run the expected files a folder lacks, and says so on the findings they may cause', async () => {
    const t = setup('missing', { staleAfterHours: 100 });
    const { outcome, sources, findings } = await snapshotAndReconcile(t);
    const erpMissing = JSON.parse(String(sources.find((s) => s.side === 'erp')?.missing));
    // The ERP folder holds jobs.csv only: every other table the checks compare or the WIP reads is absent.
    expect(erpMissing).toEqual([
      'billings',
      'budget_lines',
      'change_orders',
      'commitments',
      'cost_transactions',
      'gl_balances',
      'payables',
      'vendors',
    ]);
    expect(outcome.ok && outcome.stats.sides.erp?.tablesMissing).toEqual(erpMissing);
    expect(outcome.ok && runNotes(outcome.stats)).toContain(
      'The accounting (ERP) side delivered no billings, budget_lines, change_orders, commitments, cost_transactions, gl_balances, payables, vendors: read as no records. If that system does not export them, list them in settings.tablesNotExported.erp and the checks that need them are skipped instead of reporting false differences.',
    );
    const missing = findings.find((f) => f.check === 'invoice.missing');
    expect(missing?.pmAmount).toBe('12500.00');
    expect(missing?.message).toContain(
      'the accounting (ERP) side delivered no payables (the file was absent and read as no records)',
    );
    expect(missing?.facts.tablesAbsent).toEqual(['erp.payables']);
  });

  it('skips the checks that need a table the company does not export, and the run says which and why', async () => {
    const t = setup('notexported', {
      staleAfterHours: 100,
      tablesNotExported: { pm: [], erp: ['payables', 'cost_transactions'] },
    });
    const { outcome, sources, findings } = await snapshotAndReconcile(t);
    const checks = findings.map((f) => f.check);
    for (const skipped of ['invoice.missing', 'invoice.mismatch', 'retainage.mismatch', 'jobcost.mismatch'])
      expect(checks).not.toContain(skipped);
    expect(JSON.parse(String(sources.find((s) => s.side === 'erp')?.missing))).not.toContain('payables');
    expect(outcome.ok && outcome.stats.checksSkipped).toEqual([
      {
        check: 'invoice.missing',
        reason: 'the accounting (ERP) side does not export payables',
        notExported: { erp: ['payables'] },
      },
      {
        check: 'invoice.mismatch',
        reason: 'the accounting (ERP) side does not export payables',
        notExported: { erp: ['payables'] },
      },
      {
        check: 'retainage.mismatch',
        reason: 'the accounting (ERP) side does not export payables',
        notExported: { erp: ['payables'] },
      },
      {
        check: 'jobcost.mismatch',
        reason: 'the accounting (ERP) side does not export cost_transactions',
        notExported: { erp: ['cost_transactions'] },
      },
      // The estimate is held against committed cost plus the cost to date outside commitments, which needs
      // the books' AP invoices against those commitments: without payables it cannot be judged.
      {
        check: 'forecast.below_committed',
        reason: 'the accounting (ERP) side does not export payables',
        notExported: { erp: ['payables'] },
      },
    ]);
    expect(outcome.ok && runNotes(outcome.stats)).toContain(
      'jobcost.mismatch was not run: the accounting (ERP) side does not export cost_transactions.',
    );
  });

  it('refuses "jobs" as a table not exported', () => {
    const parsed = companySchema.safeParse({
      id: 'acme',
      name: 'Acme',
      pm: { type: 'files', dir: 'pm' },
      erp: { type: 'files', dir: 'erp' },
      settings: { tablesNotExported: { erp: ['jobs'] } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('every side exports jobs; remove "jobs" from the list');
  });
});

describe('a snapshot written before data ages were recorded', () => {
  it('is aged by its read’s finish, as it was then', async () => {
    const instance = await openDuckDb(path.join(root, 'old-layout.duckdb'));
    const con = await instance.connect();
    try {
      await con.run(snapshotDdl());
      for (const column of [
        'data_as_of',
        'data_as_of_basis',
        'data_as_of_detail',
        'tables_missing',
        'tables_not_exported',
      ])
        await con.run(`ALTER TABLE sources DROP COLUMN ${column}`);
      await con.run(`INSERT INTO snapshot_info VALUES ('taken_at', '2026-11-01T07:00:00.000Z')`);
      await con.run(`INSERT INTO sources VALUES
        ('pm', 'files', '1.0.0', 'folder pm', '2026-11-01T06:59:00Z', '2026-11-01T06:59:30Z', '{}'),
        ('erp', 'files', '1.0.0', 'folder erp', '2026-10-30T04:00:00Z', '2026-10-30T04:30:00Z', '{}')`);
      const findings = await reconcile({
        con,
        settings: companyConfig(root, { settings: { staleAfterHours: 36 } }).settings,
      });
      // 2026-10-30 04:30 → 2026-11-01 07:00 is 2 days 2.5 hours = 50.5 hours: 50 whole hours.
      expect(findings.map((f) => [f.check, f.facts.side, f.facts.ageHours])).toEqual([
        ['source.stale', 'erp', 50],
      ]);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });
});
