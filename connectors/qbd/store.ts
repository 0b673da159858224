/**
 * The QuickBooks Desktop connector's own SQLite file (`<data dir>/connectors/qbd/qbwc.sqlite`): the companies
 * the Web Connector may poll for (user name, hashed password, OwnerID/FileID, the company file they are pinned
 * to), every Web Connector session (its ticket, status, plan and error), the records a session in progress has
 * read (staged), and the local copy of each company file as of its last complete session. A session's records
 * become the copy in one transaction when it completes, so a session dropped halfway leaves the previous
 * complete data current. tieout's operational store is never touched from here.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MirrorRecord, MirrorSource } from './map/mirror.ts';
import type { QbNode } from './qbxml/xml.ts';

export function qbdStoreFile(dataDir: string): string {
  return path.join(dataDir, 'connectors', 'qbd', 'qbwc.sqlite');
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS qbwc_company (
  company_id TEXT PRIMARY KEY,
  user_name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  file_id TEXT NOT NULL,
  run_every_minutes INTEGER NOT NULL,
  -- Learned from the first session that completes, then required of every later one.
  company_name TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS qbwc_session (
  ticket TEXT PRIMARY KEY,
  company_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  -- open → complete | failed | refused | abandoned; none when there was nothing to do.
  status TEXT NOT NULL,
  client_version TEXT,
  qbxml_version TEXT,
  product TEXT,
  country TEXT,
  company_file TEXT,
  company_name TEXT,
  supported_versions TEXT,
  plan TEXT,
  last_error TEXT,
  warnings TEXT NOT NULL DEFAULT '[]',
  requests INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS qbwc_session_company ON qbwc_session(company_id, started_at);
CREATE TABLE IF NOT EXISTS qbwc_staged (
  ticket TEXT NOT NULL,
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  ret TEXT NOT NULL,
  node TEXT,
  PRIMARY KEY (ticket, entity, id)
);
CREATE TABLE IF NOT EXISTS qbwc_record (
  company_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  ret TEXT NOT NULL,
  node TEXT NOT NULL,
  PRIMARY KEY (company_id, entity, id)
);
CREATE TABLE IF NOT EXISTS qbwc_state (
  company_id TEXT PRIMARY KEY,
  last_ticket TEXT NOT NULL,
  completed_at TEXT NOT NULL,
  full_at TEXT NOT NULL,
  -- Per entity and per deletion kind, the newest TimeModified/TimeDeleted read (QuickBooks' own clock).
  watermarks TEXT NOT NULL
);
`;

export interface QbwcCompanyRow {
  companyId: string;
  userName: string;
  passwordHash: string;
  ownerId: string;
  fileId: string;
  runEveryMinutes: number;
  companyName: string | null;
  createdAt: string;
}

export type SessionStatus = 'open' | 'complete' | 'failed' | 'refused' | 'abandoned' | 'none';

export interface SessionRow {
  ticket: string;
  companyId: string;
  startedAt: string;
  endedAt: string | null;
  status: SessionStatus;
  clientVersion: string | null;
  qbxmlVersion: string | null;
  product: string | null;
  country: string | null;
  companyFile: string | null;
  companyName: string | null;
  supportedVersions: string | null;
  plan: string | null;
  lastError: string | null;
  warnings: string[];
  requests: number;
  records: number;
}

export interface CompanyState {
  lastTicket: string;
  completedAt: string;
  fullAt: string;
  watermarks: Record<string, string>;
}

type Raw = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

function sessionOf(r: Raw): SessionRow {
  return {
    ticket: String(r.ticket),
    companyId: String(r.company_id),
    startedAt: String(r.started_at),
    endedAt: s(r.ended_at),
    status: String(r.status) as SessionStatus,
    clientVersion: s(r.client_version),
    qbxmlVersion: s(r.qbxml_version),
    product: s(r.product),
    country: s(r.country),
    companyFile: s(r.company_file),
    companyName: s(r.company_name),
    supportedVersions: s(r.supported_versions),
    plan: s(r.plan),
    lastError: s(r.last_error),
    warnings: JSON.parse(String(r.warnings ?? '[]')) as string[],
    requests: Number(r.requests),
    records: Number(r.records),
  };
}

function companyOf(r: Raw): QbwcCompanyRow {
  return {
    companyId: String(r.company_id),
    userName: String(r.user_name),
    passwordHash: String(r.password_hash),
    ownerId: String(r.owner_id),
    fileId: String(r.file_id),
    runEveryMinutes: Number(r.run_every_minutes),
    companyName: s(r.company_name),
    createdAt: String(r.created_at),
  };
}

export class QbdStore {
  readonly db: Database.Database;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  static open(dataDir: string): QbdStore {
    return new QbdStore(qbdStoreFile(dataDir));
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ------------------------------------------------------------------ companies

  company(companyId: string): QbwcCompanyRow | undefined {
    const r = this.db.prepare('SELECT * FROM qbwc_company WHERE company_id = ?').get(companyId) as
      | Raw
      | undefined;
    return r ? companyOf(r) : undefined;
  }

  companyByUser(userName: string): QbwcCompanyRow | undefined {
    const r = this.db.prepare('SELECT * FROM qbwc_company WHERE user_name = ?').get(userName) as
      | Raw
      | undefined;
    return r ? companyOf(r) : undefined;
  }

  /** Registers a company, or gives it a new password (and schedule) keeping its OwnerID and FileID. */
  saveCompany(row: QbwcCompanyRow): void {
    this.db
      .prepare(
        `INSERT INTO qbwc_company (company_id, user_name, password_hash, owner_id, file_id, run_every_minutes, company_name, created_at)
         VALUES (@companyId, @userName, @passwordHash, @ownerId, @fileId, @runEveryMinutes, @companyName, @createdAt)
         ON CONFLICT (company_id) DO UPDATE SET user_name = excluded.user_name, password_hash = excluded.password_hash,
           run_every_minutes = excluded.run_every_minutes`,
      )
      .run(row);
  }

  pinCompanyName(companyId: string, name: string): void {
    this.db
      .prepare('UPDATE qbwc_company SET company_name = ? WHERE company_id = ? AND company_name IS NULL')
      .run(name, companyId);
  }

  // ------------------------------------------------------------------ sessions

  openSession(ticket: string, companyId: string, startedAt: string, clientVersion: string | null): void {
    this.db
      .prepare(
        `INSERT INTO qbwc_session (ticket, company_id, started_at, status, client_version)
         VALUES (?, ?, ?, 'open', ?)`,
      )
      .run(ticket, companyId, startedAt, clientVersion);
  }

  recordNoWork(ticket: string, companyId: string, at: string, clientVersion: string | null): void {
    this.db
      .prepare(
        `INSERT INTO qbwc_session (ticket, company_id, started_at, ended_at, status, client_version)
         VALUES (?, ?, ?, ?, 'none', ?)`,
      )
      .run(ticket, companyId, at, at, clientVersion);
  }

  session(ticket: string): SessionRow | undefined {
    const r = this.db.prepare('SELECT * FROM qbwc_session WHERE ticket = ?').get(ticket) as Raw | undefined;
    return r ? sessionOf(r) : undefined;
  }

  sessions(companyId: string): SessionRow[] {
    return (
      this.db
        .prepare('SELECT * FROM qbwc_session WHERE company_id = ? ORDER BY started_at, rowid')
        .all(companyId) as Raw[]
    ).map(sessionOf);
  }

  updateSession(
    ticket: string,
    change: Partial<Omit<SessionRow, 'ticket' | 'companyId' | 'startedAt' | 'warnings'>>,
  ): void {
    const columns: Record<string, string> = {
      endedAt: 'ended_at',
      status: 'status',
      clientVersion: 'client_version',
      qbxmlVersion: 'qbxml_version',
      product: 'product',
      country: 'country',
      companyFile: 'company_file',
      companyName: 'company_name',
      supportedVersions: 'supported_versions',
      plan: 'plan',
      lastError: 'last_error',
      requests: 'requests',
      records: 'records',
    };
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [k, v] of Object.entries(change)) {
      const col = columns[k];
      if (!col || v === undefined) continue;
      sets.push(`${col} = ?`);
      values.push(v);
    }
    if (!sets.length) return;
    this.db.prepare(`UPDATE qbwc_session SET ${sets.join(', ')} WHERE ticket = ?`).run(...values, ticket);
  }

  addWarning(ticket: string, warning: string): void {
    const row = this.session(ticket);
    if (!row) return;
    this.db
      .prepare('UPDATE qbwc_session SET warnings = ? WHERE ticket = ?')
      .run(JSON.stringify([...row.warnings, warning]), ticket);
  }

  /** Sessions of the company still open (a Web Connector that stopped answering): abandoned, staging dropped. */
  abandonOpenSessions(companyId: string, at: string): number {
    return this.transaction(() => {
      const open = this.db
        .prepare("SELECT ticket FROM qbwc_session WHERE company_id = ? AND status = 'open'")
        .all(companyId) as { ticket: string }[];
      for (const { ticket } of open) {
        this.db.prepare('DELETE FROM qbwc_staged WHERE ticket = ?').run(ticket);
        this.db
          .prepare(
            "UPDATE qbwc_session SET status = 'abandoned', ended_at = ?, last_error = COALESCE(last_error, 'the Web Connector stopped before the session completed') WHERE ticket = ?",
          )
          .run(at, ticket);
      }
      return open.length;
    });
  }

  // ------------------------------------------------------------------ records

  stage(ticket: string, entity: string, records: { id: string; ret: string; node: QbNode | null }[]): void {
    const put = this.db.prepare(
      'INSERT OR REPLACE INTO qbwc_staged (ticket, entity, id, ret, node) VALUES (?, ?, ?, ?, ?)',
    );
    this.transaction(() => {
      for (const r of records) put.run(ticket, entity, r.id, r.ret, r.node ? JSON.stringify(r.node) : null);
    });
  }

  /**
   * Makes a session's staged records the company's copy, in one transaction: a full sweep replaces the copy,
   * an incremental session upserts changes and removes deletions (staged with no node).
   */
  commitSession(
    ticket: string,
    companyId: string,
    full: boolean,
    state: CompanyState,
    endedAt: string,
  ): void {
    this.transaction(() => {
      if (full) this.db.prepare('DELETE FROM qbwc_record WHERE company_id = ?').run(companyId);
      this.db
        .prepare(
          `INSERT OR REPLACE INTO qbwc_record (company_id, entity, id, ret, node)
           SELECT ?, entity, id, ret, node FROM qbwc_staged WHERE ticket = ? AND node IS NOT NULL`,
        )
        .run(companyId, ticket);
      this.db
        .prepare(
          `DELETE FROM qbwc_record WHERE company_id = ? AND (entity, id) IN
             (SELECT entity, id FROM qbwc_staged WHERE ticket = ? AND node IS NULL)`,
        )
        .run(companyId, ticket);
      this.db.prepare('DELETE FROM qbwc_staged WHERE ticket = ?').run(ticket);
      this.db
        .prepare(
          `INSERT OR REPLACE INTO qbwc_state (company_id, last_ticket, completed_at, full_at, watermarks)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(companyId, ticket, state.completedAt, state.fullAt, JSON.stringify(state.watermarks));
      this.db
        .prepare("UPDATE qbwc_session SET status = 'complete', ended_at = ? WHERE ticket = ?")
        .run(endedAt, ticket);
    });
  }

  dropStaged(ticket: string): void {
    this.db.prepare('DELETE FROM qbwc_staged WHERE ticket = ?').run(ticket);
  }

  state(companyId: string): CompanyState | undefined {
    const r = this.db.prepare('SELECT * FROM qbwc_state WHERE company_id = ?').get(companyId) as
      | Raw
      | undefined;
    if (!r) return undefined;
    return {
      lastTicket: String(r.last_ticket),
      completedAt: String(r.completed_at),
      fullAt: String(r.full_at),
      watermarks: JSON.parse(String(r.watermarks)) as Record<string, string>,
    };
  }

  recordCount(companyId: string): number {
    const r = this.db
      .prepare('SELECT count(*) AS n FROM qbwc_record WHERE company_id = ?')
      .get(companyId) as {
      n: number;
    };
    return r.n;
  }

  /** The company's copy as the mapping reads it; records come in id order per entity. */
  mirror(companyId: string): MirrorSource {
    const select = this.db.prepare(
      'SELECT id, ret, node FROM qbwc_record WHERE company_id = ? AND entity = ? ORDER BY id',
    );
    return {
      records: (entity: string): Iterable<MirrorRecord> => {
        const rows = select.all(companyId, entity) as { id: string; ret: string; node: string }[];
        return (function* () {
          for (const r of rows) yield { id: r.id, ret: r.ret, node: JSON.parse(r.node) as QbNode };
        })();
      },
      jobReport: () => {
        // The session keeps Job Estimates vs Actuals Summary as a record of its own (entity JobReport).
        const r = select.get(companyId, 'JobReport') as { node: string } | undefined;
        return r ? (JSON.parse(r.node) as QbNode) : undefined;
      },
    };
  }
}
