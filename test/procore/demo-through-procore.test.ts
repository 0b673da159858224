/**
 * The demo company's PM side through the Procore sandbox and the real connector over HTTP, snapshotted by the
 * real writer and reconciled by the real checks, finds the same planted discrepancies as the same folder
 * through the files connector. Procore's public API does not carry two things: the cost side of prime change
 * orders (it lives in change events), so both paths read the demo with that column blank — what Procore can
 * deliver — and must then agree exactly; and the accounting-approval queue (sync_queue), so the approval.*
 * checks are asserted to fire through files only.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
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

/** What Procore cannot deliver is removed from the dataset before either path reads it. */
async function blankPrimeChangeOrderCost(file: string): Promise<void> {
  const rows: Record<string, string>[] = parse(await readFile(file, 'utf8'), { columns: true });
  for (const row of rows) if (row.kind === 'prime') row.cost_amount = '';
  await writeFile(file, stringify(rows, { header: true }));
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
    await blankPrimeChangeOrderCost(path.join(root, 'pm', 'change_orders.csv'));
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
