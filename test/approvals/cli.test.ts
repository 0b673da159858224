/**
 * The whole path through the real `tieout` command line: a snapshot of a company whose PM side is the
 * Procore sandbox proposes linking a job created in both systems; the approver approves it, the executor
 * writes it through /sync; alert emails land in the outbox as .eml files (no SMTP_URL); `tieout audit
 * verify` passes, and after an edit to a stored entry it fails naming that entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { writeConfig, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';
import { FIXTURE_PM } from './support.ts';

describe('tieout approvals and audit from the command line', () => {
  it('snapshot → proposal → approve → execute, emails in the outbox, audit chain verified and tamper found', async () => {
    const root = tempDir();
    const erp = writeFolder(path.join(root, 'erp'), {
      'jobs.csv':
        'job_id,number,name,status\nJ-2024-017,2024-017,Riverside Medical Office Building,open\nE-44,HES-44,Hillcrest Elementary Renovation,open\n',
    });
    const config = writeConfig(path.join(root, 'tieout.config.json'), [
      {
        id: 'acme',
        name: 'Acme Builders',
        timezone: 'America/Chicago',
        pm: { type: 'procore', sandbox: { dataset: FIXTURE_PM } },
        erp: { type: 'files', dir: erp },
        alertRecipients: ['controller@acme.test'],
      },
    ]);
    const dataDir = path.join(root, 'data');
    // No SMTP_URL in the environment: emails go to the outbox folder.
    const env = { TIEOUT_DATA_DIR: dataDir };
    const cli = (...args: string[]) => runCli(['--config', config, ...args], env);

    const snap = await cli('snapshot', '--company', 'acme');
    expect(snap.code, snap.stderr).toBe(0);

    const listed = await cli('approvals', 'list', '--company', 'acme', '--format', 'json');
    expect(listed.code, listed.stderr).toBe(0);
    const proposals = JSON.parse(listed.stdout) as {
      id: string;
      operation: string;
      payload: Record<string, string>;
      proposed_by: string;
    }[];
    const link = proposals.find((p) => p.operation === 'procore.link' && p.payload.origin_id === 'E-44');
    expect(link, listed.stdout).toBeDefined();
    expect(link!.proposed_by).toBe('tieout');
    expect(link!.payload).toMatchObject({
      resource: 'projects',
      id: '562949953421313',
      origin_code: 'HES-44',
    });

    const tokens: Record<string, string> = {};
    for (const [email, role] of [
      ['pat@acme.test', 'pm'],
      ['ann@acme.test', 'approver'],
      ['gone@acme.test', 'approver'],
    ]) {
      const added = await cli('users', 'add', '--email', email!, '--role', role!);
      expect(added.code, added.stderr).toBe(0);
      tokens[email!] = added.stdout.trim();
    }
    // A command that acts as a person runs with that person's token: nobody names someone else.
    const as = (email: string, ...args: string[]) =>
      runCli(['--config', config, ...args], { ...env, TIEOUT_TOKEN: tokens[email] ?? email });
    const sqlite = new Database(path.join(dataDir, 'tieout.sqlite'));
    sqlite
      .prepare("UPDATE users SET disabled_at = '2026-11-01T00:00:00Z' WHERE email = 'gone@acme.test'")
      .run();
    sqlite.close();

    const byPm = await as('pat@acme.test', 'approvals', 'approve', link!.id);
    expect(byPm.code).toBe(4); // forbidden
    expect(byPm.stderr).toMatch(/pat@acme.test is a pm; to approve or reject .* takes the role approver/);
    const unknown = await as('tieout_nobody', 'approvals', 'approve', link!.id);
    expect(unknown.code).toBe(3); // unauthorized
    expect(unknown.stderr).toContain('TIEOUT_TOKEN is not a live token');
    const disabled = await as('gone@acme.test', 'approvals', 'approve', link!.id);
    expect(disabled.code).toBe(3); // unauthorized
    expect(disabled.stderr).toContain('TIEOUT_TOKEN is not a live token');
    const namedSomeoneElse = await as(
      'pat@acme.test',
      'approvals',
      'approve',
      link!.id,
      '--user',
      'ann@acme.test',
    );
    expect(namedSomeoneElse.code).not.toBe(0);

    const ok = await as('ann@acme.test', 'approvals', 'approve', link!.id, '--note', 'same job');
    expect(ok.code, ok.stderr).toBe(0);
    const run = await as('ann@acme.test', 'approvals', 'execute', '--company', 'acme');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${link!.id}: executed (applied)`);

    const outbox = path.join(dataDir, 'outbox', 'acme');
    const emails = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(emails.length).toBeGreaterThan(0);
    const eml = readFileSync(path.join(outbox, emails[0]!), 'utf8');
    expect(eml).toMatch(/^To: controller@acme\.test$/m);
    expect(eml).toMatch(/^Subject: Acme Builders: \d+ mismatches need attention/m);

    const verified = await cli('audit', 'verify');
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/audit chain intact: \d+ entries/);

    const db = new Database(path.join(dataDir, 'tieout.sqlite'));
    const target = db.prepare("SELECT seq FROM audit_log WHERE action = 'proposal.approve'").get() as {
      seq: number;
    };
    // The store refuses edits; someone with the file drops the trigger first.
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET note = 'approved by nobody' WHERE seq = ?").run(target.seq);
    db.close();
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(10); // integrity
    expect(broken.stderr).toContain(
      `audit chain broken at entry ${target.seq}: content does not match its hash (edited`,
    );
  }, 240_000);
});
