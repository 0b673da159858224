/**
 * A customer's own profile file: mistakes are named by file and JSON path before any export is read; a folder
 * with an unknown total row publishes nothing; `tieout profile check` reports per table what came through.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../connectors/files/profile/load.ts';
import { findingsWith } from './support.ts';

const run = promisify(execFile);
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'vista');
const BIN = path.join(import.meta.dirname, '..', '..', 'bin', 'tieout.js');

const minimal = {
  name: 'my-erp',
  system: 'My ERP',
  exports: [
    {
      report: 'Job list',
      files: ['jobs*.csv'],
      tables: [
        {
          table: 'jobs',
          columns: { job_id: 'Job No', number: 'Job No', name: 'Job Name', status: { value: 'open' } },
        },
      ],
    },
  ],
};

describe('a customer profile file', () => {
  it('loads when it is right', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tieout-profile-'));
    await writeFile(path.join(dir, 'my-erp.json'), JSON.stringify(minimal));
    expect(loadProfile('./my-erp.json', dir).system).toBe('My ERP');
  });

  it('names an unknown canonical column by its JSON path', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tieout-profile-'));
    const wrong = structuredClone(minimal) as {
      exports: { tables: { columns: Record<string, unknown> }[] }[];
    };
    wrong.exports[0]!.tables[0]!.columns.job_number = 'Job No';
    await writeFile(path.join(dir, 'my-erp.json'), JSON.stringify(wrong));
    expect(() => loadProfile('./my-erp.json', dir)).toThrow(
      /my-erp\.json is not a valid export profile: exports\.0\.tables\.0\.columns\.job_number: jobs has no column "job_number"/,
    );
  });

  it('names a required canonical column the profile leaves out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tieout-profile-'));
    const wrong = structuredClone(minimal) as {
      exports: { tables: { columns: Record<string, unknown> }[] }[];
    };
    delete wrong.exports[0]!.tables[0]!.columns.name;
    await writeFile(path.join(dir, 'my-erp.json'), JSON.stringify(wrong));
    expect(() => loadProfile('./my-erp.json', dir)).toThrow(
      /jobs needs "name"; map it from a column of "Job list"/,
    );
  });

  it('refuses a mapping that gives both a column and a fixed value', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tieout-profile-'));
    const wrong = structuredClone(minimal) as {
      exports: { tables: { columns: Record<string, unknown> }[] }[];
    };
    wrong.exports[0]!.tables[0]!.columns.status = { from: 'Status', value: 'open' };
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify(wrong));
    expect(() => loadProfile('./bad.json', dir)).toThrow(
      /columns\.status: give exactly one of "from", "join", "value"/,
    );
  });
});

describe('exports with an undeclared total row', () => {
  it('publish nothing: the snapshot fails and says which row', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tieout-profile-total-'));
    const erp = path.join(root, 'erp');
    await cp(FIXTURE, erp, { recursive: true });
    const jccp = path.join(erp, 'JCCP.csv');
    await writeFile(
      jccp,
      `${await readFile(jccp, 'utf8')},Total,,,,,"90,000.00","92,500.00",0.00,"82,000.00"\n`,
    );
    await writeFile(path.join(root, 'company.json'), '{}');
    const outcome = await findingsWith({
      companyFile: path.join(root, 'company.json'),
      pm: path.join(import.meta.dirname, '..', 'fixtures', 'small', 'pm'),
      erp: { type: 'files', dir: erp, profile: 'vista' },
      dataDir: path.join(root, 'data'),
    });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toMatch(/JCCP\.csv row 5 column "Phase" is empty/);
  }, 60_000);
});

describe('tieout profile check', () => {
  it('prints rows read, rejected with reasons, and empty columns per table', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tieout-profile-check-'));
    await cp(FIXTURE, dir, { recursive: true });
    const ok = await run('node', [BIN, 'profile', 'check', '--profile', 'vista', '--dir', dir]);
    expect(ok.stdout).toContain('cost_transactions: 3 rows read, 0 rejected');
    expect(ok.stdout).toContain(
      'budget_lines: 2 rows read, 0 rejected\n  empty columns: approved_changes, pending_changes, forecast_to_complete',
    );
    const jccd = path.join(dir, 'JCCD.csv');
    await writeFile(jccd, (await readFile(jccd, 'utf8')).replace('4/12/2024', '12.04.2024'));
    const failed = await run('node', [BIN, 'profile', 'check', '--profile', 'vista', '--dir', dir]).catch(
      (e) => e,
    );
    // Rejected rows are wrong input: bad_request, exit 2 in the README's table of exit codes.
    expect(failed.code).toBe(2);
    expect(failed.stdout).toContain('cost_transactions: 2 rows read, 1 rejected');
    expect(failed.stdout).toContain(
      'rejected JCCD.csv row 2 column "ActualDate": "12.04.2024" is not a date',
    );
    expect(failed.stderr).toContain('1 rows rejected; a snapshot would not publish this side');
  }, 240_000); // two CLI processes; slow on a loaded machine
});
