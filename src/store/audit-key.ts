/**
 * The audit chain's key. Entries are chained with HMAC-SHA256 under a key kept outside the database, so a
 * person who can write the SQLite file cannot recompute the chain after an edit. The key is
 * TIEOUT_AUDIT_KEY when set (at least 32 characters), else the file `audit.key` beside the store, generated
 * once with mode 0600. Keep a copy of it with the backups of the key file, not with the store's.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/load.ts';

export const AUDIT_KEY_ENV = 'TIEOUT_AUDIT_KEY';

export function auditKeyFile(dataDir: string): string {
  return path.join(dataDir, 'audit.key');
}

/** The key for a store in `dataDir` (':memory:' stores get a fresh one). */
export function resolveAuditKey(dataDir: string | ':memory:', env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[AUDIT_KEY_ENV]?.trim();
  if (fromEnv) {
    if (fromEnv.length < 32) {
      throw new ConfigError(
        `${AUDIT_KEY_ENV} is shorter than 32 characters; use e.g. \`openssl rand -hex 32\``,
      );
    }
    return fromEnv;
  }
  if (dataDir === ':memory:') return randomBytes(32).toString('hex');
  const file = auditKeyFile(dataDir);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
