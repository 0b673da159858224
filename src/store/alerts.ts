/**
 * Store access for alert emails: the outbox of messages (queued → sent / written / failed, with attempts)
 * and the record of which finding went to whom at what size, for dedupe.
 */
import { and, asc, desc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { StoreDb } from './db.ts';
import { alertMessages, alertSentFindings } from './schema/alerts.ts';
import { findingObservations, findings, reconRuns } from './schema/findings.ts';

export type AlertMessageRow = typeof alertMessages.$inferSelect;
export type SentFindingRow = typeof alertSentFindings.$inferSelect;

export function insertAlertMessage(db: StoreDb, row: typeof alertMessages.$inferInsert): void {
  db.insert(alertMessages).values(row).run();
}

/** Messages due for a (re)try now. */
export function dueAlertMessages(db: StoreDb, nowIso: string): AlertMessageRow[] {
  return db
    .select()
    .from(alertMessages)
    .where(
      and(
        eq(alertMessages.status, 'queued'),
        or(isNull(alertMessages.nextAttemptAt), lte(alertMessages.nextAttemptAt, nowIso)),
      ),
    )
    .orderBy(asc(alertMessages.createdAt))
    .all();
}

export function updateAlertMessage(db: StoreDb, id: string, changes: Partial<AlertMessageRow>): void {
  db.update(alertMessages).set(changes).where(eq(alertMessages.id, id)).run();
}

export function listAlertMessages(db: StoreDb, companyId?: string): AlertMessageRow[] {
  return db
    .select()
    .from(alertMessages)
    .where(companyId ? eq(alertMessages.companyId, companyId) : undefined)
    .orderBy(asc(alertMessages.createdAt))
    .all();
}

export function sentFindings(db: StoreDb, companyId: string, recipient: string): Map<string, SentFindingRow> {
  return new Map(
    db
      .select()
      .from(alertSentFindings)
      .where(and(eq(alertSentFindings.companyId, companyId), eq(alertSentFindings.recipient, recipient)))
      .all()
      .map((r) => [r.findingKey, r]),
  );
}

export function recordSentFinding(db: StoreDb, row: SentFindingRow): void {
  db.insert(alertSentFindings)
    .values(row)
    .onConflictDoUpdate({
      target: [alertSentFindings.companyId, alertSentFindings.recipient, alertSentFindings.findingKey],
      set: { sentMagnitude: row.sentMagnitude, severity: row.severity, sentAt: row.sentAt },
    })
    .run();
}

/** New and worsened findings of one snapshot that still need attention (not ignored, not resolved). */
export function alertableObservations(db: StoreDb, companyId: string, snapshotId: string) {
  return db
    .select({
      finding: findingObservations.finding,
      drift: findingObservations.drift,
      firstSeenAt: findings.firstSeenAt,
    })
    .from(findingObservations)
    .innerJoin(
      findings,
      and(eq(findings.companyId, findingObservations.companyId), eq(findings.key, findingObservations.key)),
    )
    .where(
      and(
        eq(findingObservations.companyId, companyId),
        eq(findingObservations.snapshotId, snapshotId),
        inArray(findingObservations.drift, ['new', 'worsened']),
        inArray(findings.status, ['open', 'acknowledged']),
      ),
    )
    .all();
}

/** The company's most recently recorded reconciliation (a failed run records an incomplete one). */
export function latestReconRun(db: StoreDb, companyId: string) {
  return db
    .select()
    .from(reconRuns)
    .where(eq(reconRuns.companyId, companyId))
    .orderBy(desc(reconRuns.recordedAt))
    .limit(1)
    .get();
}
