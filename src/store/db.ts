/**
 * The operational store: SQLite through drizzle-orm and better-sqlite3, one file per installation
 * (`<data dir>/tieout.sqlite`). Migrations are applied when it opens. All access goes through this module's
 * functions so the store can move to PostgreSQL with one module and one migration set.
 */
import { createHmac } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { resolveAuditKey } from './audit-key.ts';
import * as schema from './schema/index.ts';

export type StoreDb = BetterSQLite3Database<typeof schema>;

/** Modes of what tieout creates in the data directory: the owner's only. */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

export interface Store {
  db: StoreDb;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export function storeFile(dataDir: string): string {
  return path.join(dataDir, 'tieout.sqlite');
}

/** The SQL function the audit chain is keyed with (registered per connection; the key is never stored). */
export const AUDIT_MAC_FN = 'tieout_audit_mac';

/** Opens the store in `dataDir` (or ':memory:' for tests) and applies pending migrations. */
export function openStore(
  dataDir: string | ':memory:',
  options: { auditKey?: string; env?: NodeJS.ProcessEnv } = {},
): Store {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
    chmodSync(dataDir, PRIVATE_DIR); // made earlier (the demo is generated into it first) or by hand: private too
    file = storeFile(dataDir);
    // The store holds people's hashes and the audit trail: the owner's only. SQLite gives its -wal and -shm
    // files the main file's mode, so the file is made (or set) 0600 before SQLite opens it.
    closeSync(openSync(file, 'a', PRIVATE_FILE));
    chmodSync(file, PRIVATE_FILE);
  }
  const auditKey = options.auditKey ?? resolveAuditKey(dataDir, options.env);
  const sqlite = new Database(file);
  sqlite.function(AUDIT_MAC_FN, { deterministic: true }, (material) =>
    createHmac('sha256', auditKey).update(String(material)).digest('hex'),
  );
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, sqlite, file, close: () => sqlite.close() };
}

/** Runs `fn` in a transaction, or inside the caller's transaction when one is open. */
export function withTransaction<T>(store: Store, fn: (db: StoreDb) => T): T {
  if (store.sqlite.inTransaction) return fn(store.db);
  return store.db.transaction((tx) => fn(tx as unknown as StoreDb));
}

export function nowIso(): string {
  return new Date().toISOString();
}
