/**
 * The demo end to end: generate the company, snapshot both sides through the files connector, reconcile, and
 * compare the findings with truth.json. Clean jobs must produce nothing, every planted case exactly what the
 * truth lists, and nothing listed as a not-finding may appear.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { type CompanySettings, companySchema, companySettingsSchema } from '../../src/config/schema.ts';
import { DEMO_COMPANY_ID, DEMO_DEFAULT_AS_OF, generateDemo, type Truth } from '../../src/demo/index.ts';
import { type CodeMapEntry, normaliseCode } from '../../src/demo/tie.ts';
import { silentLogger } from '../../src/log.ts';
import { type Finding, reconcile } from '../../src/recon/index.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';
import { tempDir } from '../support/tmp.ts';

let codeMap: CodeMapEntry[] = [];
/** A code as either side writes it (Sage style, or the ERP code of a company-mapped code), normalised. */
const norm = (code: string | null | undefined) => (code ? normaliseCode(code, 'erp', codeMap) : '');

interface Expected {
  check: string;
  job_number: string;
  cost_code?: string;
  cost_type?: string;
  document?: string;
}

/** Same check, job and line; the document named among the finding's documents (or its vendor). */
function matches(f: Finding, e: Expected): boolean {
  if (f.check !== e.check || f.jobNumber !== e.job_number) return false;
  if (norm(f.costCode) !== norm(e.cost_code) || (f.costType ?? '') !== (e.cost_type ?? '')) return false;
  if (!e.document) return true;
  const named = [...(f.document ?? '').split(', '), f.vendor ?? ''];
  return named.includes(e.document);
}

async function generateAndReconcile(
  seed: number,
  asOf: string,
): Promise<{ truth: Truth; findings: Finding[] }> {
  const root = tempDir('tieout-demo-recon-');
  const dir = path.join(root, 'demo');
  await generateDemo({ outDir: dir, seed, asOf });
  const truth: Truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));
  const settings: CompanySettings = companySettingsSchema.parse(
    JSON.parse(readFileSync(path.join(dir, 'company.json'), 'utf8')),
  );
  codeMap = settings.mappings.costCodes;
  const company = companySchema.parse({
    id: DEMO_COMPANY_ID,
    name: 'Demo',
    pm: { type: 'files', dir: path.join(dir, 'pm') },
    erp: { type: 'files', dir: path.join(dir, 'erp') },
    settings,
  });
  const dataDir = path.join(root, 'data');
  const store = openStore(dataDir);
  const outcome = await takeSnapshot({
    company,
    dataDir,
    baseDir: root,
    store,
    trigger: 'test',
    log: silentLogger,
  });
  if (!outcome.ok) throw new Error(`snapshot failed: ${JSON.stringify(outcome)}`);
  const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
  const con = await instance.connect();
  try {
    // Ages (approval.stale) are measured from the demo's as-of date, as the truth states; both sides are as
    // fresh as that date, so source.stale does not depend on the day the test runs.
    const takenAt = `${asOf}T12:00:00.000Z`;
    const sides = (['pm', 'erp'] as const).map((side) => ({ side, system: 'files', finishedAt: takenAt }));
    return { truth, findings: await reconcile({ con, settings, takenAt, sides }) };
  } finally {
    con.closeSync();
    instance.closeSync();
    store.close();
  }
}

describe.each([
  { seed: 20261, asOf: DEMO_DEFAULT_AS_OF },
  { seed: 7, asOf: '2027-06-09' },
])('reconciling the demo company (seed $seed, as of $asOf)', ({ seed, asOf }) => {
  let truth: Truth;
  let findings: Finding[];
  beforeAll(async () => {
    ({ truth, findings } = await generateAndReconcile(seed, asOf));
  });

  it('finds nothing on the clean jobs', () => {
    const onClean = findings.filter((f) => truth.clean_jobs.includes(f.jobNumber ?? ''));
    expect(onClean.map((f) => `${f.check} ${f.jobNumber}: ${f.message}`)).toEqual([]);
  });

  it('finds every planted case as the truth lists it, consequences included', () => {
    const missing = truth.planted.flatMap((p) =>
      p.expected_findings
        .filter((e) => !findings.some((f) => matches(f, e)))
        .map((e) => `${p.id}: ${JSON.stringify(e)}`),
    );
    expect(missing).toEqual([]);
  });

  it('finds nothing the truth does not list', () => {
    const expected = truth.planted.flatMap((p) => p.expected_findings);
    const unexpected = findings.filter((f) => !expected.some((e) => matches(f, e)));
    expect(unexpected.map((f) => `${f.check} ${f.jobNumber} ${f.costCode ?? ''}: ${f.message}`)).toEqual([]);
  });

  it('keeps tolerated differences and merged change-order edits out of the findings', () => {
    const tolerated = truth.not_findings.filter((n) => n.check);
    expect(tolerated.length).toBeGreaterThan(5);
    const raised = tolerated.filter((n) => findings.some((f) => matches(f, { ...n, check: n.check! })));
    expect(raised).toEqual([]);
  });
});
