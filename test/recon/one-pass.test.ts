/**
 * Reconciliation in one pass: budget.mismatch and jobcost.mismatch read the lines the ledger summed once when
 * the snapshot was published (ledger_budget_figures, ledger_jobcost_figures), and every check reads the
 * revised budget the ledger decides (ledger_budget). The second computation these are held to is the SQL the
 * checks ran before (test/recon/before-one-pass: each check summing its own lines from the canonical tables,
 * with the line comparison of that time), run on the same snapshots of generated companies — the demo company
 * with two seeds — at the company's tolerances and at zero tolerance (every difference a finding). The rows
 * each check returns (keys, amounts, documents, facts) must be the same, and the demo's planted mismatches
 * make sure there is something to compare.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { ensureLedger } from '../../reports/ledger/ledger.ts';
import { companySchema } from '../../src/config/schema.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { silentLogger } from '../../src/log.ts';
import { decimalParam, runSqlFile } from '../../src/recon/sql.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';
import { tempDir } from '../support/tmp.ts';

const CHECKS = [
  'budget.mismatch',
  'jobcost.mismatch',
  'forecast.overrun',
  'changeorder.budget_not_updated',
  'changeorder.mismatch',
  'commitment.mismatch',
] as const;
const BEFORE = (name: string) =>
  readFileSync(new URL(`./before-one-pass/${name}.sql`, import.meta.url), 'utf8');

/** Runs a script of several statements binding the named parameters it uses; the last statement's rows. */
async function runScript(con: DuckDBConnection, sql: string, params: Record<string, DuckDBValue>) {
  const statements = await con.extractStatements(sql);
  let rows: Record<string, unknown>[] = [];
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    const bound: Record<string, DuckDBValue> = {};
    for (let p = 1; p <= prepared.parameterCount; p++) {
      const name = prepared.parameterName(p);
      bound[name] = params[name]!;
    }
    if (prepared.parameterCount > 0) prepared.bind(bound);
    rows = (await prepared.runAndReadAll()).getRowObjectsJson() as Record<string, unknown>[];
  }
  return rows;
}

const byKey = (rows: Record<string, unknown>[]) =>
  rows
    .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))))
    .sort();

interface Opened {
  instance: DuckDBInstance;
  file: string;
}
const opened: Opened[] = [];

async function demoSnapshot(seed: number): Promise<string> {
  const root = tempDir();
  const demoDir = path.join(root, 'demo');
  await generateDemo({ outDir: demoDir, seed });
  const settings = JSON.parse(await readFile(path.join(demoDir, 'company.json'), 'utf8'));
  const company = companySchema.parse({
    id: 'demo',
    name: 'Demo',
    pm: { type: 'files', dir: path.join(demoDir, 'pm') },
    erp: { type: 'files', dir: path.join(demoDir, 'erp') },
    settings,
  });
  const store = openStore(path.join(root, 'data'));
  const outcome = await takeSnapshot({
    company,
    dataDir: path.join(root, 'data'),
    baseDir: root,
    store,
    trigger: 'test',
    log: silentLogger,
  });
  store.close();
  if (!outcome.ok) throw new Error(`demo snapshot failed: ${outcome.message}`);
  return outcome.absolutePath;
}

beforeAll(async () => {
  for (const seed of [20261, 7]) {
    const file = await demoSnapshot(seed);
    opened.push({ file, instance: await openDuckDb(file, { readOnly: true }) });
  }
}, 240_000);

afterAll(() => {
  for (const o of opened) o.instance.closeSync();
});

const TOLERANCES = [
  { label: 'the default tolerance ($1, 0.1 %)', abs: '1.00', rel: '0.001' },
  { label: 'zero tolerance', abs: '0.00', rel: '0' },
];

describe('reconciliation over the ledger summed once matches the checks as they ran before', () => {
  for (const [index, seed] of [20261, 7].entries()) {
    for (const t of TOLERANCES) {
      it(`demo company seed ${seed}, ${t.label}`, async () => {
        const { instance } = opened[index]!;
        const params: Record<string, DuckDBValue> = {
          abs: decimalParam(t.abs, 2),
          rel: decimalParam(t.rel, 6),
          estimate_side: 'pm',
        };
        const found: Record<string, number> = {};
        for (const check of CHECKS) {
          const now = await instance.connect();
          const before = await instance.connect();
          try {
            await ensureLedger(now);
            await ensureLedger(before);
            await runScript(before, BEFORE('compare-lines'), {});
            const expected = await runScript(before, BEFORE(check), params);
            const actual = await runSqlFile(now, `./checks/${check}.sql`, params);
            expect(byKey(actual), check).toEqual(byKey(expected));
            found[check] = actual.length;
          } finally {
            now.closeSync();
            before.closeSync();
          }
        }
        // The planted cases give the line checks something to compare.
        expect(found['budget.mismatch']).toBeGreaterThan(0);
        expect(found['jobcost.mismatch']).toBeGreaterThan(0);
        expect(found['forecast.overrun']).toBeGreaterThan(0);
      }, 120_000);
    }
  }
});
