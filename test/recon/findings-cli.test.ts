/** `tieout snapshot` reconciles; `tieout findings` lists; `tieout finding acknowledge` acts — real CLI. */

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { costRows, ERP_JOBS, PM_JOBS, writeConfig, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';

function company(root: string) {
  writeFolder(path.join(root, 'pm'), {
    'jobs.csv': PM_JOBS,
    'cost_codes.csv': 'code,description\n03-300,Concrete\n',
  });
  writeFolder(path.join(root, 'erp'), { 'jobs.csv': ERP_JOBS, 'cost_transactions.csv': costRows(20) });
  const config = writeConfig(path.join(root, 'tieout.config.json'), [
    {
      id: 'acme',
      name: 'Acme Builders',
      pm: { type: 'files', dir: 'pm' },
      erp: { type: 'files', dir: 'erp' },
    },
  ]);
  return { config, env: { TIEOUT_DATA_DIR: path.join(root, 'data') } };
}

describe('tieout findings (command line)', () => {
  it('every snapshot is reconciled; findings list, drift and lifecycle survive re-runs', async () => {
    const root = tempDir();
    const { config, env } = company(root);
    expect((await runCli(['snapshot', '--config', config], env)).code).toBe(0);

    const first = await runCli(['findings', '--config', config, '--format', 'json'], env);
    expect(first.stderr).toBe('');
    const [finding, ...rest] = JSON.parse(first.stdout);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      check: 'jobcost.mismatch',
      severity: 'critical',
      job_number: '2024-001',
      cost_code: '03-300',
      cost_type: 'material',
      pm_amount: '0.00',
      erp_amount: '212.00',
      difference: '-212.00',
      status: 'open',
      drift: 'new',
    });
    expect(finding.message).toContain('Job-to-date cost for job 2024-001');
    expect(finding.documents.erp[0]).toMatchObject({ table: 'cost_transactions', rows: '20' });

    const tokens: Record<string, string> = {};
    for (const [email, role] of [
      ['kim@acme.com', 'pm'],
      ['cpa@acme.com', 'viewer'],
    ]) {
      const added = await runCli(
        ['users', 'add', '--email', email!, '--role', role!, '--config', config],
        env,
      );
      expect(added.code).toBe(0);
      tokens[email!] = added.stdout.trim();
    }
    const acknowledge = (token: string) =>
      runCli(
        [
          'finding',
          'acknowledge',
          finding.key,
          '--company',
          'acme',
          '--note',
          'PM to enter direct costs',
          '--config',
          config,
        ],
        { ...env, TIEOUT_TOKEN: token },
      );
    const byViewer = await acknowledge(tokens['cpa@acme.com']!);
    expect(byViewer.code).not.toBe(0);
    expect(byViewer.stderr).toContain(
      'cpa@acme.com is a viewer; to acknowledge a finding with a note takes the role pm or approver or admin',
    );
    const byNobody = await acknowledge('tieout_not-a-token');
    expect(byNobody.code).not.toBe(0);
    expect(byNobody.stderr).toContain('TIEOUT_TOKEN is not a live token');
    const withoutToken = await acknowledge('');
    expect(withoutToken.code).not.toBe(0);
    expect(withoutToken.stderr).toContain('acts as a person: set TIEOUT_TOKEN to your API token');
    // Kim is a pm: she acts only on the jobs assigned to her, as over the API (src/verb.ts scopes the verb).
    const unassigned = await acknowledge(tokens['kim@acme.com']!);
    expect(unassigned.code).toBe(4);
    expect(unassigned.stderr).toContain('job 2024-001 is not assigned to you');
    const assigned = await runCli(
      [
        'users',
        'assign',
        '--email',
        'kim@acme.com',
        '--company',
        'acme',
        '--job',
        '2024-001',
        '--config',
        config,
      ],
      env,
    );
    expect(assigned.code, assigned.stderr).toBe(0);
    const ack = await acknowledge(tokens['kim@acme.com']!);
    expect(ack.stdout).toBe(`${finding.key}: acknowledged\n`);

    writeFileSync(path.join(root, 'erp', 'cost_transactions.csv'), costRows(21));
    expect((await runCli(['snapshot', '--config', config], env)).code).toBe(0);
    const second = JSON.parse(
      (await runCli(['findings', '--config', config, '--format', 'json'], env)).stdout,
    );
    expect(
      second.map((f: { status: string; drift: string; erp_amount: string }) => [
        f.status,
        f.drift,
        f.erp_amount,
      ]),
    ).toEqual([['acknowledged', 'worsened', '233.10']]);

    writeFileSync(
      path.join(root, 'erp', 'cost_transactions.csv'),
      costRows(3, () => '1.2.3'),
    );
    expect((await runCli(['snapshot', '--config', config], env)).code).not.toBe(0);
    const csv = await runCli(['findings', '--config', config, '--format', 'csv', '--status', 'all'], env);
    expect(csv.stdout).toMatch(/^company,key,check,severity,status,drift,job_number/);
    const records = parse(csv.stdout, { columns: true }) as { check: string; status: string }[];
    expect(records.map((r) => [r.check, r.status]).sort()).toEqual([
      ['jobcost.mismatch', 'acknowledged'],
      ['source.stale', 'open'],
    ]);

    const table = await runCli(['findings', '--config', config, '--check', 'source.stale'], env);
    expect(table.stdout).toContain('the previous snapshot stays current');
  }, 600_000);

  it('refuses an unknown status with the ones it knows', async () => {
    const root = tempDir();
    const { config, env } = company(root);
    const result = await runCli(['findings', '--config', config, '--status', 'closed'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'unknown status "closed"; use open, acknowledged, resolved, ignored or all',
    );
  });
});
