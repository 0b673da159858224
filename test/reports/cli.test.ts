/**
 * The report, wip adjust, close-period and reopen-period commands, end to end: canonical CSV folders →
 * `tieout snapshot` → reports from the real snapshot file and the real SQLite store, in child processes.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import { openStore } from '../../src/store/db.ts';
import { listSnapshots } from '../../src/store/runs.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';
import { writeCsvCompany } from './support/csv-company.ts';
import { sampleJobs } from './support/sample-company.ts';

const AS_OF = '2026-10-31';

async function snapshotCompany() {
  const root = tempDir();
  const company = writeCsvCompany(
    root,
    sampleJobs(12, AS_OF),
    { estimateSource: 'pm' },
    {
      gl_balances: [
        { account: '1250', role: 'under_billings', as_of: AS_OF, balance: '1000000.00' },
        { account: '2250', role: 'over_billings', as_of: AS_OF, balance: '-250000.00' },
      ],
    },
  );
  const snap = await runCli(['snapshot', '--config', company.config], company.env);
  expect(snap.stderr).toBe('');
  expect(snap.code).toBe(0);
  const cli = (args: string[]) => runCli([...args, '--config', company.config], company.env);
  return { root, ...company, cli };
}

// Child processes on a shared two-core machine: generous limits, never timing assertions.
describe('tieout report and period close (command line)', { timeout: 240_000 }, () => {
  let shared: Awaited<ReturnType<typeof snapshotCompany>>;
  beforeAll(async () => {
    shared = await snapshotCompany();
  }, 240_000);

  it('prints the WIP as JSON with every column, the totals and the estimate source', async () => {
    const { cli } = shared;
    const res = await cli(['report', 'wip', '--company', 'acme', '--as-of', AS_OF, '--format', 'json']);
    expect(res.stderr).toBe('');
    const wip = JSON.parse(res.stdout);
    expect(wip.as_of).toBe(AS_OF);
    expect(wip.estimate_source).toBe('pm');
    expect(wip.jobs.length).toBeGreaterThan(5);
    for (const key of [
      'job_number',
      'job_name',
      'original_contract',
      'approved_change_orders',
      'contract_amount',
      'pending_change_orders',
      'estimated_total_cost',
      'estimated_gross_profit',
      'estimated_gross_profit_percent',
      'cost_to_date',
      'percent_complete',
      'earned_revenue',
      'billed_to_date',
      'over_under_billing',
      'over_billing',
      'under_billing',
      'cost_to_complete',
      'revenue_to_be_earned',
      'gross_profit_to_date',
      'provision_for_loss',
      'retainage_receivable',
    ]) {
      expect(wip.jobs[0]).toHaveProperty(key);
    }
    expect(wip.jobs[0].original_contract).toMatch(/^-?\d+\.\d{2}$/);
    expect(wip.totals.over_billing).toMatch(/^\d+\.\d{2}$/);
    expect(wip.balance_sheet.over_billings.gl).toBe('250000.00');
  });

  it('writes a plain CSV, an XLSX with formatted numbers and a PDF', async () => {
    const { cli, root } = shared;
    const csv = await cli(['report', 'wip', '--company', 'acme', '--as-of', AS_OF, '--format', 'csv']);
    const [header, first] = csv.stdout.split('\n');
    expect(header).toMatch(/^job_number,job_name,original_contract,/);
    expect(first).toMatch(/^26-101,/);
    expect(first).not.toMatch(/\$|\(/);

    const xlsxFile = path.join(root, 'wip.xlsx');
    const x = await cli([
      'report',
      'wip',
      '--company',
      'acme',
      '--as-of',
      AS_OF,
      '--format',
      'xlsx',
      '--out',
      xlsxFile,
    ]);
    expect(x.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['WIP', 'Completed', 'Fade', 'Balance sheet']);
    const cell = wb.getWorksheet('WIP')!.getRow(6).getCell(3);
    expect(typeof cell.value).toBe('number');
    expect(cell.numFmt).toBe('#,##0.00;(#,##0.00);"-"');

    const pdfFile = path.join(root, 'wip.pdf');
    const p = await cli([
      'report',
      'surety',
      '--company',
      'acme',
      '--as-of',
      AS_OF,
      '--format',
      'pdf',
      '--out',
      pdfFile,
    ]);
    expect(p.code).toBe(0);
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('an adjustment is applied with its note, a closed period never changes, and reopening is audited', async () => {
    const { cli: asOperator, env, root, config } = await snapshotCompany();
    // The controller (an approver) adjusts and closes; the owner (an admin) reopens — each with their token.
    const tokenOf = async (email: string, role: string) => {
      const added = await asOperator(['users', 'add', '--email', email, '--role', role]);
      expect(added.code, added.stderr).toBe(0);
      return added.stdout.trim();
    };
    const controller = await tokenOf('controller@acme.test', 'approver');
    const owner = await tokenOf('owner@acme.test', 'admin');
    const as = (token: string) => (args: string[]) =>
      runCli([...args, '--config', config], { ...env, TIEOUT_TOKEN: token });
    const cli = as(controller);
    const adjust = await cli([
      'wip',
      'adjust',
      '--company',
      'acme',
      '--job',
      '26-101',
      '--period',
      '2026-10',
      '--eac',
      '5000000.00',
      '--note',
      'Revised estimate after the October cost review',
    ]);
    expect(adjust.stderr).toBe('');
    const before = JSON.parse((await cli(['report', 'wip', '--company', 'acme', '--as-of', AS_OF])).stdout);
    const job = before.jobs.find((j: { job_number: string }) => j.job_number === '26-101');
    expect(job.estimated_total_cost).toBe('5000000.00');
    expect(job.estimate_source).toBe('override');
    expect(job.notes[0]).toContain('Revised estimate after the October cost review');

    const close = await cli(['close-period', '--company', 'acme', '--period', '2026-10']);
    expect(close.code).toBe(0);
    expect(close.stdout).toMatch(/closed 2026-10 for acme/);

    // A late October cost lands in the books and a newer snapshot takes it: the closed period does not
    // change (it is recomputed from its pinned snapshot), while an unclosed date sees the cost.
    appendFileSync(
      path.join(root, 'erp', 'cost_transactions.csv'),
      'LATE-1,E-26-101,2026-10-15,01-000,other,12345.67,ap,,,posted,\n',
    );
    expect((await cli(['snapshot'])).code).toBe(0);
    const after = await cli(['report', 'wip', '--company', 'acme', '--as-of', AS_OF]);
    // The closed WIP names who prepared it (the person who closed it, from their token); nothing else moves.
    const closed = JSON.parse(after.stdout);
    expect(closed.prepared_by).toBe('controller@acme.test');
    expect({ ...closed, prepared_by: null }).toEqual(before);
    const nov = JSON.parse(
      (await cli(['report', 'wip', '--company', 'acme', '--as-of', '2026-11-01'])).stdout,
    );
    const late = nov.jobs.find((j: { job_number: string }) => j.job_number === '26-101');
    expect(new Dec(late.cost_to_date).minus(job.cost_to_date).toFixed(2)).toBe('12345.67');

    const refused = await cli([
      'wip',
      'adjust',
      '--company',
      'acme',
      '--job',
      '26-101',
      '--period',
      '2026-10',
      '--eac',
      '1.00',
      '--note',
      'late',
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/2026-10 is closed for acme; an admin must reopen it/);

    // Should a closed result ever fail to reproduce, the report refuses rather than serve a changed number.
    const tamper = openStore(env.TIEOUT_DATA_DIR!);
    tamper.sqlite.prepare("UPDATE wip_closed_periods SET result_sha256 = 'x' WHERE period = '2026-10'").run();
    tamper.close();
    const drift = await cli(['report', 'wip', '--company', 'acme', '--as-of', AS_OF]);
    expect(drift.code).not.toBe(0);
    expect(drift.stderr).toMatch(
      /2026-10 is closed, but recomputing it from its pinned snapshot no longer gives the closed result/,
    );

    const byController = await cli([
      'reopen-period',
      '--company',
      'acme',
      '--period',
      '2026-10',
      '--reason',
      'x',
    ]);
    expect(byController.code).not.toBe(0);
    expect(byController.stderr).toContain(
      'controller@acme.test is a approver; to reopen a closed period takes the role admin',
    );
    const reopen = await as(owner)([
      'reopen-period',
      '--company',
      'acme',
      '--period',
      '2026-10',
      '--reason',
      'Late sub invoice',
    ]);
    expect(reopen.code).toBe(0);

    const store = openStore(env.TIEOUT_DATA_DIR!);
    try {
      // two users added (user and first token each), then the adjustment, the close and the reopening
      expect(verifyAudit(store.db)).toMatchObject({ ok: true, entries: 7 });
      const pinned = listSnapshots(store.db, 'acme').filter((s) => s.pinnedReason);
      expect(pinned.map((s) => s.pinnedReason)).toEqual(['period close 2026-10']);
    } finally {
      store.close();
    }
  });

  it('refuses an unknown report, a bad date and a job cost without a job, saying what to do', async () => {
    const { cli } = shared;
    expect((await cli(['report', 'wipp', '--company', 'acme'])).stderr).toMatch(
      /unknown report "wipp"; choose one of/,
    );
    expect((await cli(['report', 'wip', '--company', 'acme', '--as-of', '2026-13-01'])).stderr).toMatch(
      /--as-of "2026-13-01" is not a date; write YYYY-MM-DD/,
    );
    expect((await cli(['report', 'job-cost', '--company', 'acme'])).stderr).toMatch(
      /job-cost needs --job NUMBER/,
    );
  });
});
