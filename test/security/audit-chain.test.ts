/**
 * Item 9: the audit chain is keyed (HMAC, key outside the database), the store refuses UPDATE and DELETE,
 * and a published head catches truncation. Each case tampers with the real SQLite file directly, as someone
 * holding the file (but not the key) would, then verifies through a freshly opened store.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditHead, verifyAudit } from '../../src/store/audit.ts';
import { auditKeyFile } from '../../src/store/audit-key.ts';
import { openStore, storeFile } from '../../src/store/db.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

const KEY = 'a'.repeat(64);

/** A store with five entries, closed; returns its folder and the head published after the fifth. */
function fiveEntries(key = KEY) {
  const dir = tempDir();
  const store = openStore(dir, { auditKey: key });
  for (let i = 1; i <= 5; i++) {
    appendAudit(store.db, {
      actor: 'ann@acme.test',
      action: 'finding.acknowledge',
      entity: `finding:${i}`,
      note: `n${i}`,
    });
  }
  const head = auditHead(store.db)!;
  store.close();
  return { dir, head };
}

function tamper(dir: string, sqlText: string) {
  const db = new Database(storeFile(dir));
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.exec(sqlText);
  db.close();
}

const verify = (dir: string, head?: { seq: number; hash: string }, key = KEY) => {
  const store = openStore(dir, { auditKey: key });
  try {
    return verifyAudit(store.db, { head });
  } finally {
    store.close();
  }
};

describe('the keyed audit chain', () => {
  it('verifies untouched, with and without its published head', () => {
    const { dir, head } = fiveEntries();
    expect(head.seq).toBe(5);
    expect(head.hash).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(verify(dir)).toMatchObject({ ok: true, entries: 5 });
    expect(verify(dir, head)).toMatchObject({ ok: true, entries: 5 });
  });

  it('the store itself refuses to change or remove an entry', () => {
    const { dir } = fiveEntries();
    const db = new Database(storeFile(dir));
    expect(() => db.prepare("UPDATE audit_log SET note = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
    db.close();
  });

  it('an edited entry is named', () => {
    const { dir } = fiveEntries();
    tamper(dir, "UPDATE audit_log SET note = 'approved by nobody' WHERE seq = 3");
    expect(verify(dir)).toMatchObject({ ok: false, brokenSeq: 3, reason: expect.stringContaining('edited') });
  });

  it('a deleted entry is named', () => {
    const { dir } = fiveEntries();
    tamper(dir, 'DELETE FROM audit_log WHERE seq = 2');
    expect(verify(dir)).toMatchObject({ ok: false, brokenSeq: 3, reason: 'entry 2 is missing (deleted)' });
  });

  it('a truncated log still chains, and only the published head catches it', () => {
    const { dir, head } = fiveEntries();
    tamper(dir, 'DELETE FROM audit_log WHERE seq >= 4');
    expect(verify(dir)).toMatchObject({ ok: true, entries: 3 });
    expect(verify(dir, head)).toMatchObject({
      ok: false,
      brokenSeq: 5,
      reason: expect.stringContaining('truncated'),
    });
  });

  it('a chain recomputed without the key (plain SHA-256, as the old chain was) fails', () => {
    const { dir } = fiveEntries();
    const db = new Database(storeFile(dir));
    db.exec('DROP TRIGGER audit_log_no_update');
    // Rewrite entry 2's note and re-hash 2..5 the way an unkeyed chain would be recomputed.
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
    let prev = rows[0]!.hash as string;
    for (const r of rows.slice(1)) {
      const note = r.seq === 2 ? 'rewritten' : r.note;
      const material = JSON.stringify([
        r.seq,
        r.at,
        r.actor,
        r.action,
        r.company_id,
        r.entity,
        r.before,
        r.after,
        note,
        prev,
      ]);
      const hash = createHash('sha256').update(material).digest('hex');
      db.prepare('UPDATE audit_log SET note = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        note,
        prev,
        hash,
        r.seq,
      );
      prev = hash;
    }
    db.close();
    expect(verify(dir)).toMatchObject({
      ok: false,
      brokenSeq: 2,
      reason: expect.stringContaining('unkeyed entry'),
    });
  });

  it('another key does not verify the chain', () => {
    const { dir } = fiveEntries();
    expect(verify(dir, undefined, 'b'.repeat(64))).toMatchObject({ ok: false, brokenSeq: 1 });
  });

  it('without TIEOUT_AUDIT_KEY the key is generated once into a 0600 file beside the store', () => {
    const dir = tempDir();
    openStore(dir, { env: {} }).close();
    const mode = statSync(auditKeyFile(dir)).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(path.dirname(auditKeyFile(dir))).toBe(dir);
  });

  it('tieout audit verify --head exits 10 on a truncated log and 0 on an intact one', async () => {
    const { dir, head } = fiveEntries();
    const env = { TIEOUT_DATA_DIR: dir, TIEOUT_AUDIT_KEY: KEY };
    const [intact] = await Promise.all([
      runCli(['audit', 'verify', '--head', `${head.seq}:${head.hash}`], env),
    ]);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toContain('published head 5 present');
    tamper(dir, 'DELETE FROM audit_log WHERE seq = 5');
    const cut = await runCli(['audit', 'verify', '--head', `${head.seq}:${head.hash}`], env);
    expect(cut.code, cut.stderr).toBe(10);
    expect(cut.stderr).toContain('truncated');
  }, 120_000);
});
