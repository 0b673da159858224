/**
 * The same PM dataset through the real snapshot writer twice: once as a files folder, once served by the
 * in-process Procore sandbox (`{"type":"procore","sandbox":{"dataset":...}}`) and read over HTTP. The PM
 * tables of both snapshots hold the same rows, so every reconciliation check, which reads only these
 * tables, finds the same discrepancies. The Procore run also keeps raw payloads, call counts and state.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { PROCORE_TABLES } from '../../connectors/procore/connector.ts';
import { silentLogger } from '../../src/log.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';
import { listRuns } from '../../src/store/runs.ts';
import { companyConfig, ERP_JOBS, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';
import { FIXTURE_PM } from './support.ts';

async function snapshotOf(name: string, pm: unknown) {
  const root = path.join(tempDir(), name);
  writeFolder(path.join(root, 'erp'), { 'jobs.csv': ERP_JOBS });
  const dataDir = path.join(root, 'data');
  const store = openStore(dataDir);
  const company = companyConfig(root, { pm });
  const take = () =>
    takeSnapshot({ company, dataDir, baseDir: root, store, trigger: 'test', log: silentLogger });
  return { store, take, company };
}

async function pmTables(file: string) {
  const instance = await openDuckDb(file, { readOnly: true });
  const con = await instance.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of PROCORE_TABLES) {
      const rows = await queryRows(con, `SELECT * EXCLUDE (side, source_ref) FROM "${t}" WHERE side = 'pm'`);
      out[t] = rows.map((r) => JSON.stringify(r)).sort();
    }
    const raw = await queryRows(
      con,
      "SELECT source_ref, payload FROM raw_records WHERE side = 'pm' AND table_name = 'commitments'",
    );
    const sources = await queryRows(con, "SELECT system, stats FROM sources WHERE side = 'pm'");
    return { out, raw, sources };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

describe('the Procore sandbox through the snapshot writer', () => {
  it('stores the same PM rows as the files connector, with raw payloads and the call count', async () => {
    const files = await snapshotOf('via-files', { type: 'files', dir: FIXTURE_PM });
    const procore = await snapshotOf('via-procore', { type: 'procore', sandbox: { dataset: FIXTURE_PM } });
    const a = await files.take();
    const b = await procore.take();
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const viaFiles = await pmTables(a.absolutePath);
    const viaProcore = await pmTables(b.absolutePath);
    for (const t of PROCORE_TABLES) {
      expect(viaProcore.out[t]!.length, t).toBeGreaterThan(0);
      expect(viaProcore.out[t], t).toEqual(viaFiles.out[t]);
    }
    expect(viaProcore.raw.length).toBe(4);
    expect(String(viaProcore.raw[0]!.source_ref)).toMatch(
      /^GET \/rest\/v1\.0\/(work|purchase)_order_contracts\?project_id=\d+.*#id=\d+$/,
    );
    expect(JSON.stringify(viaProcore.raw[0]!.payload)).toContain('grand_total');
    expect(viaProcore.sources[0]!.system).toBe('procore');
    expect(JSON.stringify(viaProcore.sources[0]!.stats)).toMatch(/procore_calls/);
  });

  it('a second run reads incrementally from the state the first published', async () => {
    const procore = await snapshotOf('procore-twice', { type: 'procore', sandbox: { dataset: FIXTURE_PM } });
    expect((await procore.take()).ok).toBe(true);
    const second = await procore.take();
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const runs = listRuns(procore.store.db, procore.company.id);
    expect(runs).toHaveLength(2);
    const stats = second.stats.sides.pm!.stats;
    expect(stats.procore_full_sweep).toBe(0);
  });
});
