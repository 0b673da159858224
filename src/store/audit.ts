/**
 * The audit chain. Every entry is an HMAC (key outside the database, audit-key.ts) over its own content and
 * the previous entry's hash, so any edit, deletion or reordering breaks the chain from that point and cannot
 * be recomputed without the key; triggers refuse UPDATE and DELETE; the head (seq:hash) is published outside
 * the store, so a truncated log is caught too. `verifyAudit` recomputes it and names the first broken entry. Entries are written in the same transaction as the change they record: if the audit write
 * fails, the change rolls back.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { AUDIT_MAC_FN, nowIso, type StoreDb } from './db.ts';
import { auditLog } from './schema/audit.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  companyId?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  at?: string;
}

export type AuditEntry = typeof auditLog.$inferSelect;

function canonicalJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function material(e: Omit<AuditEntry, 'hash'>): string {
  return JSON.stringify([
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.companyId,
    e.entity,
    e.before,
    e.after,
    e.note,
    e.prevHash,
  ]);
}

/** Keyed entries carry this prefix; entries written before the chain was keyed are plain SHA-256. */
const KEYED = 'k1:';

/** The entry's keyed hash: HMAC-SHA256 under the store's audit key (see audit-key.ts), computed by SQLite's
 * connection function so the key never leaves the process. */
export function entryHash(db: StoreDb, e: Omit<AuditEntry, 'hash'>): string {
  const row = db.get<{ h: string }>(sql`select ${sql.raw(AUDIT_MAC_FN)}(${material(e)}) as h`);
  return `${KEYED}${row.h}`;
}

function legacyHash(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(material(e)).digest('hex');
}

/** Appends one entry; call inside the transaction that makes the change. */
export function appendAudit(db: StoreDb, input: AuditInput): AuditEntry {
  const last = db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const draft = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at ?? nowIso(),
    actor: input.actor,
    action: input.action,
    companyId: input.companyId ?? null,
    entity: input.entity,
    before: canonicalJson(input.before),
    after: canonicalJson(input.after),
    note: input.note ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const entry = { ...draft, hash: entryHash(db, draft) };
  db.insert(auditLog).values(entry).run();
  return entry;
}

/** Whether the log holds an approval of `entity` by `approver`, who is not its `proposer`. */
export function hasApprovalEntry(
  db: StoreDb,
  entity: string,
  approver: string | null,
  proposer: string,
): boolean {
  if (!approver || approver === proposer) return false;
  const row = db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(
      and(eq(auditLog.entity, entity), eq(auditLog.action, 'proposal.approve'), eq(auditLog.actor, approver)),
    )
    .limit(1)
    .get();
  return row !== undefined;
}

export type AuditVerification =
  | { ok: true; entries: number; head: AuditHead | null }
  | { ok: false; entries: number; brokenSeq: number; reason: string };

/** The chain's last entry: published (alert digests, closed periods) so truncation and rewrites show. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export const formatHead = (h: AuditHead): string => `${h.seq}:${h.hash}`;

export function parseHead(text: string): AuditHead | null {
  const m = /^(\d+):(\S+)$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

export function auditHead(db: StoreDb): AuditHead | null {
  const last = db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  return last ? { seq: last.seq, hash: last.hash } : null;
}

/**
 * Recomputes the chain from the first entry under the store's key, then checks a published head: the entry
 * at its seq must still exist with that hash (a truncated or recomputed log fails here even if it chains).
 */
export function verifyAudit(db: StoreDb, options: { head?: AuditHead } = {}): AuditVerification {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let keyedSeen = false;
  let last: AuditHead | null = null;
  let atHead: string | null = null;
  for (const e of db.select().from(auditLog).orderBy(asc(auditLog.seq)).all()) {
    count++;
    const broken = (reason: string) => ({ ok: false as const, entries: count, brokenSeq: e.seq, reason });
    if (e.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (deleted)`);
    if (e.prevHash !== prev) return broken('previous-hash link does not match');
    const { hash, ...rest } = e;
    const keyed = hash.startsWith(KEYED);
    if (!keyed && keyedSeen) return broken('an unkeyed entry after keyed ones (rewritten without the key)');
    keyedSeen ||= keyed;
    if ((keyed ? entryHash(db, rest) : legacyHash(rest)) !== hash) {
      return broken(
        'content does not match its hash (edited, or the audit key is not the one it was written with)',
      );
    }
    if (options.head && e.seq === options.head.seq) atHead = hash;
    prev = hash;
    last = { seq: e.seq, hash };
    expectedSeq++;
  }
  if (options.head) {
    const h = options.head;
    if (atHead === null) {
      return {
        ok: false,
        entries: count,
        brokenSeq: h.seq,
        reason: `the published head is entry ${h.seq}, but the log ends at ${last?.seq ?? 0} (truncated)`,
      };
    }
    if (atHead !== h.hash) {
      return {
        ok: false,
        entries: count,
        brokenSeq: h.seq,
        reason: `entry ${h.seq} is not the published head (the log was rewritten)`,
      };
    }
  }
  return { ok: true, entries: count, head: last };
}
