/**
 * The demo company's PM side through the Procore sandbox and the real connector over HTTP, snapshotted by the
 * real writer and reconciled by the real checks, finds the same planted discrepancies as the same folder
 * through the files connector. Two differences are expected and asserted, both things Procore's public API
 * does not carry: the accounting-approval queue (sync_queue, hence the approval.* checks) and the cost side
 * of prime change orders (which lives in change events).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { companySchema } from '../../src/config/schema.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { silentLogger } from '../../src/log.ts';
import { type Finding, reconcile } from '../../src/recon/index.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';

async function findingsFor(root: string, name: string, pm: unknown, settings: unknown): Promise<Finding[]> {
  const dataDir = path.join(root, name);
  const store = openStore(dataDir);
  const company = companySchema.parse({
    id: 'demo',
    name: 'Demo Builders',
    timezone: 'America/Chicago',
    pm,
    erp: { type: 'files', dir: path.join(root, 'erp') },
    settings,
  });
  const outcome = await takeSnapshot({
    company,
    dataDir,
    baseDir: root,
    store,
    trigger: 'test',
    log: silentLogger,
  });
  if (!outcome.ok) throw new Error(`${name}: ${outcome.code} ${outcome.message}`);
  const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
  const con = await instance.connect();
  try {
    return await reconcile({ con, settings: company.settings, takenAt: '2026-11-01T07:00:00.000Z' });
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

const essence = (f: Finding) =>
  JSON.stringify([
    f.key,
    f.check,
    f.severity,
    f.pmAmount,
    f.erpAmount,
    f.difference,
    f.costCode,
    f.costType,
    f.document,
  ]);

describe('the demo company PM side through the Procore sandbox', () => {
  let viaFiles: Finding[];
  let viaProcore: Finding[];

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tieout-procore-demo-'));
    await generateDemo({ outDir: root });
    const settings = JSON.parse(await readFile(path.join(root, 'company.json'), 'utf8'));
    viaFiles = await findingsFor(root, 'files', { type: 'files', dir: path.join(root, 'pm') }, settings);
    viaProcore = await findingsFor(
      root,
      'procore',
      { type: 'procore', sandbox: { dataset: path.join(root, 'pm') } },
      settings,
    );
  }, 240_000);

  it('finds planted discrepancies of many kinds', () => {
    expect(new Set(viaFiles.map((f) => f.check)).size).toBeGreaterThan(8);
  });

  it('finds exactly the same discrepancies, apart from the approval queue Procore does not publish', () => {
    const approval = (f: Finding) => f.check.startsWith('approval.');
    expect(
      viaProcore
        .filter((f) => !approval(f))
        .map(essence)
        .sort(),
    ).toEqual(
      viaFiles
        .filter((f) => !approval(f))
        .map(essence)
        .sort(),
    );
    expect(viaFiles.some(approval)).toBe(true);
    expect(viaProcore.filter(approval)).toEqual([]);
  });
});
