/**
 * The audit chain. Every entry is hashed over its own content and the previous entry's hash, so any edit,
 * deletion or reordering breaks the chain from that point; `verifyAudit` recomputes it and names the first
 * broken entry. Entries are written in the same transaction as the change they record: if the audit write
 * fails, the change rolls back.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import { nowIso, type StoreDb } from './db.ts';
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

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const material = JSON.stringify([
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
  return createHash('sha256').update(material).digest('hex');
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
  const entry = { ...draft, hash: entryHash(draft) };
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
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenSeq: number; reason: string };

/** Recomputes the chain from the first entry. */
export function verifyAudit(db: StoreDb): AuditVerification {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const e of db.select().from(auditLog).orderBy(asc(auditLog.seq)).all()) {
    count++;
    if (e.seq !== expectedSeq) {
      return { ok: false, entries: count, brokenSeq: e.seq, reason: `entry ${expectedSeq} is missing` };
    }
    if (e.prevHash !== prev) {
      return { ok: false, entries: count, brokenSeq: e.seq, reason: 'previous-hash link does not match' };
    }
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash) {
      return {
        ok: false,
        entries: count,
        brokenSeq: e.seq,
        reason: 'content does not match its hash (edited)',
      };
    }
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, entries: count };
}
