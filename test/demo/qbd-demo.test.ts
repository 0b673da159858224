/**
 * The QuickBooks Desktop demo company end to end: generated as `npm start` generates it, its books read
 * through a whole Web Connector session over SOAP against the sandbox (real HTTP on a loopback port, real
 * SQLite session store), snapshotted with the Procore side, reconciled. The findings are held to the
 * generator's planted list (truth.json): every planted finding QuickBooks can represent is found, nothing
 * else is, and the planted change-order findings are listed as not applicable (QuickBooks keeps no change
 * orders), with the reason, while the run skips those checks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import { QbdStore } from '../../connectors/qbd/store.ts';
import type { CompanyConfig } from '../../src/config/schema.ts';
import {
  type NotApplicable,
  QBD_DEMO_COMPANY_ID,
  qbdDemoCompany,
  readNotApplicable,
} from '../../src/demo/qbd-company.ts';
import type { ExpectedFinding, Truth } from '../../src/demo/truth.ts';
import { silentLogger } from '../../src/log.ts';
import { type Finding, reconcile } from '../../src/recon/index.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';
import { tempDir } from '../support/tmp.ts';

const AS_OF = '2026-11-20';
let dir: string;
let truth: Truth;
let notApplicable: NotApplicable[];
let company: CompanyConfig;
let findings: Finding[];
let skipped: { check: string; reason: string }[];
let sessions: string[];
let reportRows: { n: string; jobs: string };

const norm = (code: string | null | undefined) =>
  (code ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/(^|[a-z])0+(\d)/g, '$1$2');

function matches(f: Finding, e: ExpectedFinding): boolean {
  if (f.check !== e.check || f.jobNumber !== e.job_number) return false;
  if (e.cost_code !== undefined && norm(f.costCode) !== norm(e.cost_code)) return false;
  if (e.cost_type !== undefined && f.costType !== e.cost_type) return false;
  if (e.document !== undefined && f.document !== e.document) return false;
  if (e.pm_amount !== undefined && f.pmAmount !== e.pm_amount) return false;
  if (e.erp_amount !== undefined && f.erpAmount !== e.erp_amount) return false;
  return true;
}
const show = (f: Finding) =>
  `${f.check} ${f.jobNumber} ${f.costCode ?? ''} ${f.costType ?? ''} ${f.document ?? ''} pm=${f.pmAmount} erp=${f.erpAmount}`;

beforeAll(async () => {
  const root = tempDir('tieout-qbd-demo-');
  dir = path.join(root, 'demo-qbd');
  company = await qbdDemoCompany(dir, AS_OF);
  truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));
  notApplicable = readNotApplicable(dir);
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
  store.close();
  if (!outcome.ok) throw new Error(`QuickBooks demo snapshot failed: ${outcome.message}`);
  skipped = outcome.stats.checksSkipped;
  const qbd = QbdStore.open(dataDir);
  sessions = qbd.sessions(QBD_DEMO_COMPANY_ID).map((s) => s.status);
  qbd.close();
  const instance = await openDuckDb(outcome.absolutePath, { readOnly: true });
  const con = await instance.connect();
  try {
    // Ages (approval.stale) are judged on the demo's as-of date, as the truth states them.
    [reportRows] = (
      await con.runAndReadAll(
        `SELECT count(*)::VARCHAR AS n, (SELECT count(*) FROM jobs WHERE side = 'erp')::VARCHAR AS jobs
         FROM reported_job_totals WHERE side = 'erp' AND cost_to_date IS NOT NULL`,
      )
    ).getRowObjectsJson() as { n: string; jobs: string }[] as [{ n: string; jobs: string }];
    findings = await reconcile({ con, settings: company.settings, takenAt: `${AS_OF}T12:00:00.000Z` });
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}, 600_000);

describe('the QuickBooks Desktop demo company', () => {
  it('reads its books through one complete Web Connector session against the sandbox', () => {
    expect(company.erp).toMatchObject({ type: 'qbd', sandbox: { dataset: path.join(dir, 'erp') } });
    expect(sessions).toEqual(['complete']);
  });

  it('keeps QuickBooks’ Job Estimates vs Actuals Summary in the snapshot, and it agrees with the detail', () => {
    // Every job with a transaction has a row; the report is compared (source.report_mismatch) and, the
    // sandbox totalling the same records as QuickBooks does, raises nothing (the last test sees no extra finding).
    expect(Number(reportRows.n)).toBeGreaterThan(Number(reportRows.jobs) / 2);
    expect(findings.filter((f) => f.check === 'source.report_mismatch').map(show)).toEqual([]);
  });

  it('lists the planted change-order findings as not applicable, with the reason, and only those', () => {
    // QuickBooks Desktop has no change-order record, so the three checks that compare change orders cannot
    // have a books side: changeorder.missing, changeorder.mismatch, changeorder.budget_not_updated.
    const changeOrderChecks = [
      'changeorder.missing',
      'changeorder.mismatch',
      'changeorder.budget_not_updated',
    ];
    const plantedThere = truth.planted.flatMap((p) =>
      p.expected_findings.filter((e) => changeOrderChecks.includes(e.check)).map((e) => ({ case: p.id, e })),
    );
    expect(plantedThere.length).toBeGreaterThan(0);
    expect(notApplicable.map((n) => ({ case: n.case, e: n.finding }))).toEqual(plantedThere);
    for (const n of notApplicable) expect(n.reason).toMatch(/QuickBooks Desktop keeps no change orders/);
    expect(skipped.map((s) => s.check).sort()).toEqual([...changeOrderChecks].sort());
    expect(company.settings.tablesNotExported.erp).toEqual(['change_orders', 'change_order_lines']);
  });

  it('finds every planted finding QuickBooks can represent', () => {
    const applicable = truth.planted.flatMap((p) =>
      p.expected_findings.filter((e) => !isNa(p.id, e)).map((e) => ({ id: p.id, e })),
    );
    const missed = applicable.filter(({ e }) => !findings.some((f) => matches(f, e)));
    expect(missed.map(({ id, e }) => `${id}: ${JSON.stringify(e)}`)).toEqual([]);
  });

  it('finds nothing else: no finding outside the planted list, none on a clean job', () => {
    const expected = truth.planted.flatMap((p) => p.expected_findings);
    expect(findings.filter((f) => !expected.some((e) => matches(f, e))).map(show)).toEqual([]);
    expect(findings.filter((f) => truth.clean_jobs.includes(f.jobNumber ?? '')).map(show)).toEqual([]);
    expect(findings.filter((f) => f.check.startsWith('changeorder.')).map(show)).toEqual([]);
  });
});

function isNa(id: string, e: ExpectedFinding): boolean {
  return notApplicable.some((n) => n.case === id && JSON.stringify(n.finding) === JSON.stringify(e));
}
