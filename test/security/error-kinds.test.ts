/**
 * One table decides how an error surfaces: its kind gives the API's HTTP status and the CLI's exit code
 * (connectors/errors.ts). The expected numbers below are the documented contract (README "Exit codes and HTTP
 * statuses"), written out by hand, not read back from the table: a change to the table breaks this test.
 * Real HTTP against a running app with a real SQLite store; the real `tieout` binary in a child process.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../connectors/contract.ts';
import { TieoutError } from '../../connectors/errors.ts';
import { JobNotFound } from '../../reports/job-cost/job-cost.ts';
import { toApiError } from '../../src/api/errors.ts';
import { ApprovalError } from '../../src/approvals/errors.ts';
import { exitCodeOf } from '../../src/cli/errors.ts';
import { ConfigError } from '../../src/config/load.ts';
import { silentLogger } from '../../src/log.ts';
import { ActionForbidden } from '../../src/roles.ts';
import { openRuntime } from '../../src/runtime.ts';
import { SnapshotAlreadyRunningError } from '../../src/snapshot/run.ts';
import { FindingActionRefused, FindingNotFound } from '../../src/store/findings.ts';
import { DataDirLockedError } from '../../src/store/lock.ts';
import { addUser, UserError } from '../../src/store/users.ts';
import { WipStoreError } from '../../src/store/wip.ts';
import { type Served, startTieout } from '../api/support.ts';
import { writeCsvCompany } from '../reports/support/csv-company.ts';
import { sampleJobs } from '../reports/support/sample-company.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

describe('one error table: kind → HTTP status and exit code', () => {
  // [error, expected HTTP status, expected exit code], from the README's table.
  const cases: [string, unknown, number, number][] = [
    ['an unknown finding', new FindingNotFound('acme', 'k'), 404, 5],
    ['a finding already resolved', new FindingActionRefused('resolved'), 409, 6],
    ['approving one’s own proposal', new ApprovalError('same_person', 'same person'), 403, 4],
    ['a proposal already decided', new ApprovalError('not_pending', 'decided'), 409, 6],
    ['a proposal with a bad payload', new ApprovalError('invalid_proposal', 'bad'), 400, 2],
    ['a role that may not', new ActionForbidden('period.reopen', 'viewer'), 403, 4],
    ['a user that exists', new UserError('user_exists', 'exists'), 409, 6],
    ['a closed period', new WipStoreError('period_closed', 'closed'), 409, 6],
    ['an unknown job', new JobNotFound('999'), 404, 5],
    ['a snapshot already running', new SnapshotAlreadyRunningError('acme'), 409, 6],
    ['Procore refusing', new SourceError('procore_401', 'refused'), 502, 8],
    [
      'the data directory in use',
      new DataDirLockedError({ pid: 1, command: 'serve', since: '2026-11-01' }, '/d'),
      503,
      9,
    ],
    ['a domain error of a new class', new TieoutError('conflict', 'new_thing', 'new'), 409, 6],
    ['a fault', new TypeError('undefined is not a function'), 500, 1],
  ];
  for (const [situation, error, status, exit] of cases) {
    it(`${situation}: HTTP ${status}, exit ${exit}`, () => {
      expect(toApiError(error).status).toBe(status);
      expect(exitCodeOf(error)).toBe(exit);
    });
  }

  it('a configuration error is a 500 whose message names no file; the CLI exits 11', () => {
    const e = new ConfigError('config file /srv/secret/tieout.config.json does not exist');
    expect(toApiError(e).status).toBe(500);
    expect(toApiError(e).message).not.toContain('/srv/secret');
    expect(exitCodeOf(e)).toBe(11);
  });
});

describe('through real HTTP', () => {
  let t: Served;
  beforeAll(async () => {
    t = await startTieout();
  }, 120_000);
  afterAll(() => t?.close());

  it('an unknown finding is a 404 with its code; closing a closed period is a 409', async () => {
    const missing = await t.api('/api/companies/acme/findings/nope');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('finding_not_found');
    const close = () =>
      t.api('/api/companies/acme/periods/2026-10/close', { method: 'POST', as: 'approver', body: '{}' });
    expect((await close()).status).toBe(200);
    const again = await close();
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already_closed');
  });
});

describe('through the real command line', () => {
  it('ends with the exit code of the error kind, not always 1', async () => {
    const root = tempDir();
    const { config, env } = writeCsvCompany(root, sampleJobs(2, '2026-10-31'));
    const runtime = await openRuntime({
      configPath: config,
      command: 'test',
      writes: true,
      log: silentLogger,
      env,
    });
    const viewer = addUser(runtime.store, { email: 'v@acme.test', role: 'viewer', by: 'test' });
    runtime.close();
    const cli = (args: string[], extra: Record<string, string> = {}) =>
      runCli(['--config', config, ...args], { ...env, ...extra });

    // Four start-ups of the real binary at once: each takes seconds on a loaded machine.
    const [badOption, noConfig, asViewer, unknown] = await Promise.all([
      cli(['findings', '--no-such-option']),
      runCli(['--config', path.join(root, 'missing.json'), 'findings'], env),
      cli(['approvals', 'approve', 'p-1'], { TIEOUT_TOKEN: viewer.token }),
      cli(['approvals', 'show', 'p-404']),
    ]);
    expect(badOption.code, badOption.stderr).toBe(2);
    expect(badOption.stderr).toContain("unknown option '--no-such-option'");
    expect(noConfig.code, noConfig.stderr).toBe(11);
    expect(noConfig.stderr).toContain('missing.json does not exist');
    expect(asViewer.code, asViewer.stderr).toBe(4);
    expect(asViewer.stderr).toContain('v@acme.test is a viewer');
    expect(unknown.code, unknown.stderr).toBe(5);
  }, 300_000);
});
