/**
 * The write queue: approved writes waiting for the next Web Connector session, kept in the connector's SQLite
 * file beside the sessions. One row per company and idempotency key, so enqueuing the same proposal twice is
 * one write. A row moves pending → finding (the query for an earlier attempt was sent) → to_add (it found
 * none) → sent (the Add was sent) → applied | already_applied | failed. A row left finding, to_add or sent by
 * another session starts again at the query. The request id and ticket are stored *before* the request goes
 * out, so a session that drops after the Add leaves the row `sent`: the next session queries first and finds
 * the record QuickBooks made, instead of adding it again. The request a find decided on (an Add, or a Mod
 * quoting the record the find returned) is kept with the row until it is sent; a Mod QuickBooks refuses as stale
 * goes back to pending (attempts counts the tries).
 */
import type Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS qbwc_write (
  company_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  proposal_id TEXT NOT NULL,
  operation TEXT NOT NULL,
  request TEXT NOT NULL,
  -- pending → finding → to_add → sent → applied | already_applied | failed
  status TEXT NOT NULL,
  request_id TEXT NOT NULL,
  sent_ticket TEXT,
  target_id TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  write_request TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, idempotency_key)
);
`;

/** Columns added after the table first shipped, added to an older file when it is opened. */
const ADDED_COLUMNS: Record<string, string> = {
  write_request: 'ALTER TABLE qbwc_write ADD COLUMN write_request TEXT',
  attempts: 'ALTER TABLE qbwc_write ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0',
};

export type WriteStatus =
  | 'pending'
  | 'finding'
  | 'to_add'
  | 'sent'
  | 'applied'
  | 'already_applied'
  | 'failed';

export interface QueuedWrite {
  companyId: string;
  idempotencyKey: string;
  proposalId: string;
  operation: string;
  payload: unknown;
  status: WriteStatus;
  requestId: string;
  sentTicket: string | null;
  targetId: string | null;
  error: string | null;
  /** The request the find decided on, until it is sent. */
  writeRequest: { name: string; body: unknown } | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

type Raw = Record<string, unknown>;
const rowOf = (r: Raw): QueuedWrite => ({
  companyId: String(r.company_id),
  idempotencyKey: String(r.idempotency_key),
  proposalId: String(r.proposal_id),
  operation: String(r.operation),
  payload: JSON.parse(String(r.request)),
  status: r.status as WriteStatus,
  requestId: String(r.request_id),
  sentTicket: (r.sent_ticket as string | null) ?? null,
  targetId: (r.target_id as string | null) ?? null,
  error: (r.error as string | null) ?? null,
  writeRequest: r.write_request ? JSON.parse(String(r.write_request)) : null,
  attempts: Number(r.attempts ?? 0),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

export class QbdWriteQueue {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    const have = new Set(
      (db.prepare('PRAGMA table_info(qbwc_write)').all() as { name: string }[]).map((c) => c.name),
    );
    for (const [column, sql] of Object.entries(ADDED_COLUMNS)) if (!have.has(column)) db.exec(sql);
  }

  /** Adds the write unless the key is already queued (or done); returns the row either way. */
  enqueue(w: {
    companyId: string;
    idempotencyKey: string;
    proposalId: string;
    operation: string;
    payload: unknown;
    at: string;
  }): QueuedWrite {
    this.db
      .prepare(
        `INSERT INTO qbwc_write (company_id, idempotency_key, proposal_id, operation, request, status, request_id,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', '', ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(w.companyId, w.idempotencyKey, w.proposalId, w.operation, JSON.stringify(w.payload), w.at, w.at);
    return this.get(w.companyId, w.idempotencyKey)!;
  }

  get(companyId: string, key: string): QueuedWrite | undefined {
    const r = this.db
      .prepare('SELECT * FROM qbwc_write WHERE company_id = ? AND idempotency_key = ?')
      .get(companyId, key) as Raw | undefined;
    return r ? rowOf(r) : undefined;
  }

  /** The oldest write of the company still to do (a `finding` or `sent` one left by a dropped session first). */
  next(companyId: string): QueuedWrite | undefined {
    const r = this.db
      .prepare(
        `SELECT * FROM qbwc_write WHERE company_id = ? AND status IN ('pending', 'finding', 'to_add', 'sent')
         ORDER BY created_at, idempotency_key LIMIT 1`,
      )
      .get(companyId) as Raw | undefined;
    return r ? rowOf(r) : undefined;
  }

  /**
   * Records a request as sent (status, request id, ticket) before it goes out; `to_add` keeps the request the
   * find decided on, to be sent next in the same session.
   */
  markSent(
    companyId: string,
    key: string,
    status: 'finding' | 'to_add' | 'sent',
    requestId: string,
    ticket: string,
    at: string,
    writeRequest?: { name: string; body: unknown },
  ) {
    this.db
      .prepare(
        `UPDATE qbwc_write SET status = ?, request_id = ?, sent_ticket = ?, updated_at = ?,
           write_request = CASE WHEN ? = 'finding' THEN NULL ELSE coalesce(?, write_request) END
         WHERE company_id = ? AND idempotency_key = ?`,
      )
      .run(
        status,
        requestId,
        ticket,
        at,
        status,
        writeRequest ? JSON.stringify(writeRequest) : null,
        companyId,
        key,
      );
  }

  /** A write QuickBooks refused as stale goes back to pending: the next request is the find again. */
  retry(companyId: string, key: string, error: string, at: string) {
    this.db
      .prepare(
        `UPDATE qbwc_write SET status = 'pending', attempts = attempts + 1, write_request = NULL, error = ?,
           updated_at = ?
         WHERE company_id = ? AND idempotency_key = ?`,
      )
      .run(error, at, companyId, key);
  }

  /** The write a request id belongs to. */
  byRequest(companyId: string, requestId: string): QueuedWrite | undefined {
    const r = this.db
      .prepare('SELECT * FROM qbwc_write WHERE company_id = ? AND request_id = ?')
      .get(companyId, requestId) as Raw | undefined;
    return r ? rowOf(r) : undefined;
  }

  finish(
    companyId: string,
    key: string,
    outcome: { status: 'applied' | 'already_applied' | 'failed'; targetId?: string; error?: string },
    at: string,
  ) {
    this.db
      .prepare(
        `UPDATE qbwc_write SET status = ?, target_id = ?, error = ?, updated_at = ?, write_request = NULL
         WHERE company_id = ? AND idempotency_key = ?`,
      )
      .run(outcome.status, outcome.targetId ?? null, outcome.error ?? null, at, companyId, key);
  }

  /** Every write of a company, oldest first (for tests and the operator). */
  all(companyId: string): QueuedWrite[] {
    return (
      this.db
        .prepare('SELECT * FROM qbwc_write WHERE company_id = ? ORDER BY created_at, idempotency_key')
        .all(companyId) as Raw[]
    ).map(rowOf);
  }
}
