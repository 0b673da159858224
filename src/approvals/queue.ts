/**
 * Reading the approval queue for people (API, pages): each proposal with the job its finding is on (so a PM
 * sees only their jobs' proposals), its age, its execution attempts and its history from the audit chain.
 */
import { asc, eq } from 'drizzle-orm';
import type { Finding } from '../recon/types.ts';
import { getProposal, listAttempts, listProposals, type ProposalRow } from '../store/approvals.ts';
import type { StoreDb } from '../store/db.ts';
import { listFindings } from '../store/findings.ts';
import type { ProposalStatus } from '../store/schema/approvals.ts';
import { auditLog } from '../store/schema/audit.ts';
import { proposalEntity } from './audit-entity.ts';
import { ApprovalError } from './errors.ts';
import { WRITE_OPERATIONS } from './operations.ts';

export interface QueueViewer {
  id: string;
  role: string;
  /** null = every company. */
  companyId: string | null;
  /** For a PM: the jobs assigned to them per company; null for every other role. */
  jobsOf: ((companyId: string) => Set<string>) | null;
}

export interface QueueItem {
  proposal: ProposalRow;
  finding: Finding | null;
}

const DAY = 86_400_000;

export function ageDays(p: ProposalRow, now = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(p.proposedAt)) / DAY));
}

export function operationLabel(operation: string): string {
  return WRITE_OPERATIONS[operation]?.label ?? operation;
}

function findingsByKey(db: StoreDb, companyId: string | undefined): Map<string, Finding> {
  const all = listFindings(db, {
    companyId,
    statuses: ['open', 'acknowledged', 'ignored', 'resolved'],
  });
  return new Map(all.map((l) => [`${l.finding.companyId}\u0000${l.finding.key}`, l.finding]));
}

/** The job of a finding, or null (company-wide finding, or no such finding). */
export function jobOfFinding(db: StoreDb, companyId: string, key: string): string | null {
  return findingsByKey(db, companyId).get(`${companyId}\u0000${key}`)?.jobNumber ?? null;
}

function visible(viewer: QueueViewer, item: QueueItem): boolean {
  const p = item.proposal;
  if (viewer.companyId !== null && viewer.companyId !== p.companyId) return false;
  if (!viewer.jobsOf) return true;
  if (p.proposedBy === viewer.id) return true;
  const job = item.finding?.jobNumber;
  return job != null && viewer.jobsOf(p.companyId).has(job);
}

/** The proposals a viewer may see, oldest first. */
export function listQueue(
  db: StoreDb,
  viewer: QueueViewer,
  filter: { companyId?: string; statuses?: ProposalStatus[] },
): QueueItem[] {
  const findings = findingsByKey(db, filter.companyId);
  return listProposals(db, filter)
    .map((proposal) => ({
      proposal,
      finding: proposal.findingKey
        ? (findings.get(`${proposal.companyId}\u0000${proposal.findingKey}`) ?? null)
        : null,
    }))
    .filter((item) => visible(viewer, item));
}

/** One proposal if the viewer may see it; otherwise the same answer as for one that does not exist. */
export function queueItem(db: StoreDb, viewer: QueueViewer, id: string): QueueItem {
  const proposal = getProposal(db, id);
  const notFound = () =>
    new ApprovalError(
      'proposal_not_found',
      `no proposal ${id}; GET /api/approvals lists the ones you may see`,
    );
  if (!proposal) throw notFound();
  const finding = proposal.findingKey
    ? (findingsByKey(db, proposal.companyId).get(`${proposal.companyId}\u0000${proposal.findingKey}`) ?? null)
    : null;
  const item = { proposal, finding };
  if (!visible(viewer, item)) throw notFound();
  return item;
}

export function executions(db: StoreDb, id: string) {
  return listAttempts(db, id).map((a) => ({
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    outcome: a.outcome,
    transient: a.transient,
    error: a.error,
  }));
}

export function history(db: StoreDb, id: string) {
  return db
    .select({ at: auditLog.at, actor: auditLog.actor, action: auditLog.action, note: auditLog.note })
    .from(auditLog)
    .where(eq(auditLog.entity, proposalEntity(id)))
    .orderBy(asc(auditLog.seq))
    .all();
}
