/**
 * The promise the Sage connector must keep: the demo company reconciled with its books read through Sage 100
 * Contractor (sandbox + connector, real snapshot writer, real checks) finds exactly the discrepancies it finds
 * with the books read as canonical CSV files — the planted ones and nothing else.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { companySchema, companySettingsSchema } from '../../src/config/schema.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { silentLogger } from '../../src/log.ts';
import { type Finding, reconcile } from '../../src/recon/index.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';

type Comparable = Pick<
  Finding,
  | 'check'
  | 'jobNumber'
  | 'costCode'
  | 'costType'
  | 'document'
  | 'vendor'
  | 'pmAmount'
  | 'erpAmount'
  | 'difference'
>;

function comparable(f: Finding): Comparable {
  const { check, jobNumber, costCode, costType, document, vendor, pmAmount, erpAmount, difference } = f;
  // A finding shows the ERP's spelling of a cost code; Sage writes "03-300" as 3300.000.
  const code = costCode === null ? null : costCode.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  // Documents listed in a finding come in no particular order (string_agg without ORDER BY in the check).
  const docs = document === null ? null : document.split(', ').sort().join(', ');
  return {
    check,
    jobNumber,
    costCode: code,
    costType,
    document: docs,
    vendor,
    pmAmount,
    erpAmount,
    difference,
  };
}

const byText = (a: Comparable, b: Comparable) => JSON.stringify(a).localeCompare(JSON.stringify(b));

async function findingsWith(root: string, erp: Record<string, unknown>, name: string): Promise<Finding[]> {
  const settings = companySettingsSchema.parse(
    JSON.parse(await readFile(path.join(root, 'company.json'), 'utf8')),
  );
  const company = companySchema.parse({
    id: 'demo',
    name: 'Demo Construction',
    pm: { type: 'files', dir: path.join(root, 'pm') },
    erp,
    settings,
  });
  const dataDir = path.join(root, `data-${name}`);
  const store = openStore(dataDir);
  const outcome = await takeSnapshot({
    company,
    dataDir,
    baseDir: root,
    store,
    trigger: 'test',
    log: silentLogger,
  });
  if (!outcome.ok) throw new Error(`${name} snapshot failed: ${outcome.message}`);
  const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
  const con = await instance.connect();
  try {
    return await reconcile({ con, settings });
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

describe('the demo company reconciled through Sage 100 Contractor', () => {
  let viaFiles: Finding[];
  let viaSage: Finding[];

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tieout-sage-recon-'));
    await generateDemo({ outDir: root });
    viaFiles = await findingsWith(root, { type: 'files', dir: path.join(root, 'erp') }, 'files');
    viaSage = await findingsWith(
      root,
      { type: 'sage100c', sandbox: { dataset: path.join(root, 'erp') } },
      'sage',
    );
  }, 180_000);

  it('finds the planted discrepancies through the files connector', () => {
    expect(viaFiles.length).toBeGreaterThan(10);
  });

  it('finds exactly the same discrepancies through Sage', () => {
    expect(viaSage.map(comparable).sort(byText)).toEqual(viaFiles.map(comparable).sort(byText));
  });
});
