/**
 * Malformed input from the other ways in, in real snapshot runs: JSON from the Procore sandbox (truncated,
 * wrong types, missing fields) and Sage 100 Contractor report exports (.xlsx workbooks, which are zipped XML,
 * and .csv). tieout reads no other XML: Excel workbooks are its only XML path. Each run fails atomically
 * with an error naming the endpoint and record (Procore) or the file and line (exports), nothing
 * half-imported and the previous snapshot current.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../connectors/procore/sandbox/faults.ts';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { writeFolder } from '../support/company.ts';
import {
  ERP_FIXTURE,
  PM_FIXTURE,
  procoreSideOf,
  type RunCompany,
  runCompany,
} from '../support/run-company.ts';
import { tempDir } from '../support/tmp.ts';
import { expectAtomicFailure } from './atomic.ts';

describe('malformed JSON from Procore', () => {
  let sandbox: ProcoreSandbox;
  let company: RunCompany;
  beforeAll(async () => {
    sandbox = await startProcoreSandbox({
      dataset: PM_FIXTURE,
      rateLimits: { spike: 1_000_000, hourly: 1_000_000 },
    });
    company = await runCompany(tempDir(), {
      // Every run reads in full, so a spoiled item is served (an incremental run would skip unchanged ones).
      pm: procoreSideOf(sandbox, { maxRetries: 2, fullSweepDays: 0 }),
      erp: { type: 'files', dir: ERP_FIXTURE },
    });
    const first = await company.snapshot();
    if (!first.ok) throw new Error(first.message);
  });
  afterAll(async () => {
    company?.close();
    await sandbox?.close();
  });

  const SUBS = '/rest/v1.0/work_order_contracts';
  const cases: { name: string; fault: Fault; names: RegExp[] }[] = [
    {
      name: 'a body cut off mid-way, every time',
      fault: { path: '/rest/v1.1/requisitions', kind: 'truncated', times: 1_000 },
      names: [/GET \/rest\/v1\.1\/requisitions/, /not complete JSON/],
    },
    {
      name: 'an amount of the wrong type',
      fault: { path: SUBS, kind: 'wrong_type', times: 1, field: 'grand_total' },
      names: [/GET \/rest\/v1\.0\/work_order_contracts/, /#id=990001/, /grand_total/],
    },
    {
      name: 'an id of the wrong type',
      fault: { path: '/rest/v1.0/vendors', kind: 'wrong_type', times: 1, field: 'id' },
      names: [/GET \/rest\/v1\.0\/vendors/, /\bid\b/],
    },
    {
      name: 'a record without its id',
      fault: { path: SUBS, kind: 'missing_field', times: 1, field: 'id' },
      names: [/GET \/rest\/v1\.0\/work_order_contracts/, /\bid\b/],
    },
    {
      name: 'a commitment without its amount',
      fault: { path: SUBS, kind: 'missing_field', times: 1, field: 'grand_total' },
      names: [/GET \/rest\/v1\.0\/work_order_contracts/, /#id=990001/, /grand_total|original_amount/],
    },
    {
      name: 'a project without its name',
      fault: { path: '/rest/v1.1/projects', kind: 'missing_field', times: 1, field: 'name' },
      names: [/GET \/rest\/v1\.1\/projects/, /name/],
    },
  ];
  it.each(cases)('$name fails the run, naming endpoint and record', async ({ fault, names }) => {
    const before = company.state();
    sandbox.faults.clear();
    sandbox.faults.set(fault);
    const outcome = await company.snapshot();
    sandbox.faults.clear();
    expect(outcome.ok, 'the malformed payload was accepted').toBe(false);
    if (outcome.ok) return;
    expectAtomicFailure(company, before, outcome);
    expect(outcome.side).toBe('pm');
    for (const n of names) expect(outcome.message).toMatch(n);
  });
});

const JOBS_CSV = `Acme Construction
3-5 Jobs List
Job#,Job Name,Status,Contract,Contract#,Start Date
1017,Riverside Clinic,Current,"$2,400,000.00",PC-1017,02/01/2026
1019,Harbor Warehouse,Complete,"990,000.00",PC-1019,06/01/2025
`;

async function jobsWorkbook(file: string, contract: unknown = 2_400_000) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Jobs');
  sheet.addRow(['Acme Construction — 3-5 Jobs List']);
  sheet.addRow(['Job#', 'Job Name', 'Status', 'Contract', 'Contract#', 'Start Date']);
  sheet.addRow([1017, 'Riverside Clinic', 'Current', contract, 'PC-1017', new Date(Date.UTC(2026, 1, 1))]);
  sheet.addRow([1019, 'Harbor Warehouse', 'Complete', 990_000, 'PC-1019', new Date(Date.UTC(2025, 5, 1))]);
  await workbook.xlsx.writeFile(file);
}

describe('malformed Sage 100 Contractor report exports', () => {
  let company: RunCompany;
  let dir: string;
  beforeAll(async () => {
    const root = tempDir();
    dir = path.join(root, 'exports');
    writeFolder(dir, {});
    await jobsWorkbook(path.join(dir, 'jobs.xlsx'));
    company = await runCompany(root, {
      pm: { type: 'files', dir: PM_FIXTURE },
      erp: { type: 'sage100c', reportExports: { dir } },
    });
    const first = await company.snapshot();
    if (!first.ok) throw new Error(first.message);
  });
  afterAll(() => company?.close());

  const cases: { name: string; spoil: (file: string) => Promise<void> | void; names: RegExp[] }[] = [
    {
      name: 'a workbook cut off mid-way',
      spoil: (f) => writeFileSync(f, readFileSync(f).subarray(0, Math.floor(readFileSync(f).length / 2))),
      names: [/jobs\.xlsx/],
    },
    {
      name: 'a workbook with corrupted bytes in its XML',
      spoil: (f) => {
        const bytes = readFileSync(f);
        for (let i = Math.floor(bytes.length * 0.3); i < Math.floor(bytes.length * 0.3) + 64; i++)
          bytes[i] = 0x3c;
        writeFileSync(f, bytes);
      },
      names: [/jobs\.xlsx/],
    },
    {
      name: 'a text file saved as .xlsx',
      spoil: (f) => writeFileSync(f, JOBS_CSV),
      names: [/jobs\.xlsx/],
    },
    {
      name: 'a CSV export with an unterminated quote',
      spoil: (f) => {
        rmSync(f);
        writeFileSync(
          path.join(path.dirname(f), 'jobs.csv'),
          JOBS_CSV.replace('"990,000.00"', '"990,000.00'),
        );
      },
      names: [/jobs\.csv/],
    },
    {
      name: 'an amount cell holding words',
      spoil: (f) => jobsWorkbook(f, 'two million'),
      names: [/jobs\.xlsx/, /two million/],
    },
  ];
  it.each(cases)('$name fails the run, naming the file', async ({ spoil, names }) => {
    const file = path.join(dir, 'jobs.xlsx');
    rmSync(path.join(dir, 'jobs.csv'), { force: true });
    await jobsWorkbook(file);
    await spoil(file);
    const before = company.state();
    const outcome = await company.snapshot();
    expect(outcome.ok, 'the spoiled export was accepted').toBe(false);
    if (outcome.ok) return;
    expectAtomicFailure(company, before, outcome);
    expect(outcome.side).toBe('erp');
    for (const n of names) expect(outcome.message).toMatch(n);
  });
});
