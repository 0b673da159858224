/**
 * Reading the approval queue for people (API, pages): each proposal with the job its finding is on (so a PM
 * sees only their jobs' proposals), its age, its execution attempts and its history from the audit chain.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Finding } from '../recon/types.ts';
import { getProposal, listAttempts, listProposals, type ProposalRow } from '../store/approvals.ts';
import type { StoreDb } from '../store/db.ts';
import type { ProposalStatus } from '../store/schema/approvals.ts';
import { auditLog } from '../store/schema/audit.ts';
import { findings } from '../store/schema/findings.ts';
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

/** The findings behind these proposals only (a queue is small; a company's findings may be thousands). */
function findingsFor(db: StoreDb, proposals: ProposalRow[]): Map<string, Finding> {
  const out = new Map<string, Finding>();
  const byCompany = new Map<string, Set<string>>();
  for (const p of proposals) {
    if (!p.findingKey) continue;
    const keys = byCompany.get(p.companyId) ?? new Set<string>();
    keys.add(p.findingKey);
    byCompany.set(p.companyId, keys);
  }
  for (const [companyId, keySet] of byCompany) {
    const keys = [...keySet];
    for (let i = 0; i < keys.length; i += 500) {
      const rows = db
        .select({ latest: findings.latest })
        .from(findings)
        .where(and(eq(findings.companyId, companyId), inArray(findings.key, keys.slice(i, i + 500))))
        .all();
      for (const r of rows) {
        const f = JSON.parse(r.latest) as Finding;
        out.set(`${companyId}\u0000${f.key}`, f);
      }
    }
  }
  return out;
}

/** A finding as last recorded, or null. */
export function findingOf(db: StoreDb, companyId: string, key: string): Finding | null {
  const probe = { companyId, findingKey: key } as ProposalRow;
  return findingsFor(db, [probe]).get(`${companyId}\u0000${key}`) ?? null;
}

/** The job of a finding, or null (company-wide finding, or no such finding). */
export function jobOfFinding(db: StoreDb, companyId: string, key: string): string | null {
  const probe = { companyId, findingKey: key } as ProposalRow;
  return findingsFor(db, [probe]).get(`${companyId}\u0000${key}`)?.jobNumber ?? null;
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
  const proposals = listProposals(db, filter);
  const found = findingsFor(db, proposals);
  return proposals
    .map((proposal) => ({
      proposal,
      finding: proposal.findingKey
        ? (found.get(`${proposal.companyId}\u0000${proposal.findingKey}`) ?? null)
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
    ? (findingsFor(db, [proposal]).get(`${proposal.companyId}\u0000${proposal.findingKey}`) ?? null)
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
