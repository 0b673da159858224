/** Test helpers: snapshot a company whose ERP side is given, and compare findings without ids. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { companySchema, companySettingsSchema } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log.ts';
import { type Finding, reconcile } from '../../src/recon/index.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';

export type Comparable = Pick<
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

export function comparable(f: Finding): Comparable {
  const { check, jobNumber, costCode, costType, document, vendor, pmAmount, erpAmount, difference } = f;
  // Documents listed in a finding come in no particular order (string_agg without ORDER BY in the check).
  const docs = document === null ? null : document.split(', ').sort().join(', ');
  return { check, jobNumber, costCode, costType, document: docs, vendor, pmAmount, erpAmount, difference };
}

export const byText = (a: Comparable, b: Comparable) => JSON.stringify(a).localeCompare(JSON.stringify(b));

export async function findingsWith(opts: {
  companyFile: string;
  pm: string;
  erp: Record<string, unknown>;
  dataDir: string;
}): Promise<{ findings: Finding[]; ok: true } | { ok: false; message: string }> {
  const settings = companySettingsSchema.parse(JSON.parse(await readFile(opts.companyFile, 'utf8')));
  const company = companySchema.parse({
    id: 'demo',
    name: 'Demo Construction',
    pm: { type: 'files', dir: opts.pm },
    erp: opts.erp,
    settings,
  });
  const store = openStore(opts.dataDir);
  const outcome = await takeSnapshot({
    company,
    dataDir: opts.dataDir,
    baseDir: path.dirname(opts.companyFile),
    store,
    trigger: 'test',
    log: silentLogger,
  });
  if (!outcome.ok) return { ok: false, message: outcome.message };
  const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
  const con = await instance.connect();
  try {
    return { ok: true, findings: await reconcile({ con, settings }) };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
