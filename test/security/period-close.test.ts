/**
 * Closing a period over real HTTP: who prepared the WIP is the signed-in person (a `preparedBy` in the body is
 * ignored), and the closed result carries the audit chain head as it stood before the close, shown by the API
 * and the WIP page. Truncating the log back past that head still verifies as a chain, but not against the
 * head: `tieout audit verify --head` (the real CLI) exits 10.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHead } from '../../src/store/audit.ts';
import { storeFile } from '../../src/store/db.ts';
import { PASSWORD, type Served, signIn, startTieout } from '../api/support.ts';
import { runCli } from '../support/cli.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
}, 120_000);
afterAll(() => t?.close());

describe('closing a period', () => {
  it('names the signed-in person, records the audit head, and the head catches a truncated log', async () => {
    // Read from the store before the close, independently of the close code: the head the close must carry.
    const before = auditHead(t.runtime.store.db)!;
    expect(before).not.toBeNull();
    const expected = `${before.seq}:${before.hash}`;

    const closed = await t.api('/api/companies/acme/periods/2026-10/close', {
      method: 'POST',
      as: 'approver',
      body: JSON.stringify({ preparedBy: 'Mallory Forger, CPA' }),
    });
    expect(closed.status).toBe(200);
    expect((await closed.json()).auditHead).toBe(expected);

    // The closed WIP says who prepared it: the approver who signed in, not the name in the body.
    const wip = await (
      await t.api('/api/companies/acme/reports/wip?asOf=2026-10-31&format=json', { as: 'viewer' })
    ).json();
    expect(wip.prepared_by).toBe('approver@acme.test');
    expect(JSON.stringify(wip)).not.toContain('Mallory');

    const listed = await (await t.api('/api/companies/acme/periods', { as: 'viewer' })).json();
    expect(listed.items).toEqual([expect.objectContaining({ period: '2026-10', auditHead: expected })]);

    const { session: cookie } = await signIn(t.url, { email: 'viewer@acme.test', password: PASSWORD });
    const page = await fetch(`${t.url}/companies/acme/wip?asOf=2026-10-31`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`audit head ${expected}`);

    // Someone holding the database file (not the key) cuts the log back to before the published head.
    const db = new Database(storeFile(t.runtime.config.dataDir));
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(before.seq);
    db.close();
    // The test company's config sits beside its data directory (test/reports/support/csv-company.ts).
    const dataDir = t.runtime.config.dataDir;
    const config = path.join(dataDir, '..', 'tieout.config.json');
    const env = { TIEOUT_DATA_DIR: dataDir };
    const [alone, withHead] = await Promise.all([
      runCli(['--config', config, 'audit', 'verify'], env),
      runCli(['--config', config, 'audit', 'verify', '--head', expected], env),
    ]);
    // What is left is still a valid chain on its own; only the closed period's head shows it was cut.
    expect(alone.code, alone.stderr).toBe(0);
    expect(withHead.code, withHead.stderr).toBe(10);
    expect(withHead.stderr).toContain('truncated');
  }, 240_000);
});
