/**
 * Store access for proposals and their execution attempts. Every change goes through `withTransaction`
 * with its audit entry, written by the approval verbs in src/approvals.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { StoreDb } from './db.ts';
import { type ProposalStatus, proposalAttempts, proposals } from './schema/approvals.ts';

export type ProposalRow = typeof proposals.$inferSelect;
export type NewProposalRow = typeof proposals.$inferInsert;
export type AttemptRow = typeof proposalAttempts.$inferSelect;

export function insertProposal(db: StoreDb, row: NewProposalRow): ProposalRow {
  db.insert(proposals).values(row).run();
  return getProposal(db, row.id)!;
}

export function getProposal(db: StoreDb, id: string): ProposalRow | undefined {
  return db.select().from(proposals).where(eq(proposals.id, id)).get();
}

export function findOpenProposalForFinding(
  db: StoreDb,
  companyId: string,
  findingKey: string,
  operation: string,
): ProposalRow | undefined {
  return db
    .select()
    .from(proposals)
    .where(
      and(
        eq(proposals.companyId, companyId),
        eq(proposals.findingKey, findingKey),
        eq(proposals.operation, operation),
        inArray(proposals.status, ['pending', 'approved', 'executing']),
      ),
    )
    .get();
}

export function listProposals(
  db: StoreDb,
  filter: { companyId?: string; statuses?: ProposalStatus[] } = {},
): ProposalRow[] {
  const conditions = [];
  if (filter.companyId) conditions.push(eq(proposals.companyId, filter.companyId));
  if (filter.statuses) conditions.push(inArray(proposals.status, filter.statuses));
  return db
    .select()
    .from(proposals)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(proposals.proposedAt), asc(proposals.id))
    .all();
}

export function updateProposal(db: StoreDb, id: string, changes: Partial<NewProposalRow>): ProposalRow {
  db.update(proposals).set(changes).where(eq(proposals.id, id)).run();
  return getProposal(db, id)!;
}

/**
 * The executor's claim: moves a proposal to `executing` only if it is still in one of `from`, in a single
 * conditional UPDATE. Returns the row as it was, or null when another run changed it first.
 */
export function claimProposal(
  db: StoreDb,
  id: string,
  from: ProposalStatus[],
): { before: ProposalRow } | null {
  const before = getProposal(db, id);
  if (!before) return null;
  const changed = db
    .update(proposals)
    .set({ status: 'executing' })
    .where(and(eq(proposals.id, id), inArray(proposals.status, from)))
    .run().changes;
  return changed === 1 ? { before } : null;
}

/** How the proposal's last finished attempt ended (`queued`: a polled system has it in its queue). */
export function lastAttemptOutcome(db: StoreDb, proposalId: string): string | null {
  const row = db
    .select({ outcome: proposalAttempts.outcome })
    .from(proposalAttempts)
    .where(eq(proposalAttempts.proposalId, proposalId))
    .orderBy(desc(proposalAttempts.id))
    .limit(1)
    .get();
  return row?.outcome ?? null;
}

export function openAttempt(db: StoreDb, proposalId: string, at: string): number {
  const row = db
    .insert(proposalAttempts)
    .values({ proposalId, startedAt: at, pid: process.pid })
    .returning({ id: proposalAttempts.id })
    .get();
  return row.id;
}

export function closeAttempt(
  db: StoreDb,
  attemptId: number,
  result: { at: string; outcome: string; transient?: boolean; error?: string | null },
): void {
  db.update(proposalAttempts)
    .set({
      finishedAt: result.at,
      outcome: result.outcome,
      transient: result.transient ?? null,
      error: result.error ?? null,
    })
    .where(eq(proposalAttempts.id, attemptId))
    .run();
}

/** Attempts started and never closed: the process died between starting the write and recording it. */
export function interruptedAttempts(db: StoreDb, proposalId: string): AttemptRow[] {
  return db
    .select()
    .from(proposalAttempts)
    .where(and(eq(proposalAttempts.proposalId, proposalId), isNull(proposalAttempts.finishedAt)))
    .all();
}

export function listAttempts(db: StoreDb, proposalId: string): AttemptRow[] {
  return db
    .select()
    .from(proposalAttempts)
    .where(eq(proposalAttempts.proposalId, proposalId))
    .orderBy(asc(proposalAttempts.id))
    .all();
}
