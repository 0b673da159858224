/**
 * A proposal made because of a finding goes stale when a newer snapshot no longer shows that finding (it
 * was fixed another way, or the numbers moved): approving it would write something nobody needs any more.
 * Pending and approved-but-unexecuted proposals are marked stale with the reason, in the audit log.
 */
import { and, eq, inArray } from 'drizzle-orm';
import {
  findOpenProposalForFinding,
  listProposals,
  type ProposalRow,
  updateProposal,
} from '../store/approvals.ts';
import { appendAudit } from '../store/audit.ts';
import { type Store, withTransaction } from '../store/db.ts';
import { findings } from '../store/schema/findings.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { auditView, proposalEntity } from './audit-entity.ts';
import { WRITE_OPERATIONS } from './operations.ts';
import type { ProposeInput } from './propose.ts';

export function markStaleProposals(
  store: Store,
  input: { companyId: string; snapshotId: string; at?: string },
): ProposalRow[] {
  const at = input.at ?? new Date().toISOString();
  return withTransaction(store, (db) => {
    const waiting = listProposals(db, {
      companyId: input.companyId,
      statuses: ['pending', 'approved'],
    }).filter((p) => p.findingKey);
    if (waiting.length === 0) return [];
    const keys = [...new Set(waiting.map((p) => p.findingKey!))];
    const live = new Set(
      db
        .select({ key: findings.key })
        .from(findings)
        .where(
          and(
            eq(findings.companyId, input.companyId),
            inArray(findings.key, keys),
            inArray(findings.status, ['open', 'acknowledged', 'ignored']),
          ),
        )
        .all()
        .map((r) => r.key),
    );
    const staled: ProposalRow[] = [];
    for (const p of waiting) {
      if (live.has(p.findingKey!)) continue;
      const reason = `snapshot ${input.snapshotId} no longer shows finding ${p.findingKey}`;
      const after = updateProposal(db, p.id, { status: 'stale', staleReason: reason });
      appendAudit(db, {
        actor: SYSTEM_ACTOR.id,
        action: 'proposal.stale',
        entity: proposalEntity(p.id),
        companyId: p.companyId,
        before: auditView(p),
        after: auditView(after),
        note: reason,
        at,
      });
      staled.push(after);
    }
    return staled;
  });
}

/**
 * A rule's proposal waiting for a decision or execution whose payload differs from what the rule proposes
 * for the finding now (the books moved since): it goes stale, so the approver decides on today's numbers and
 * yesterday's amount is never written. A proposal already executing is left to finish.
 */
export function supersedeIfChanged(
  store: Store,
  input: ProposeInput,
  at = new Date().toISOString(),
): boolean {
  if (!input.findingKey) return false;
  return withTransaction(store, (db) => {
    const open = findOpenProposalForFinding(db, input.companyId, input.findingKey!, input.operation);
    if (!open || open.status === 'executing') return false;
    // Compared as stored: the payload after the operation's schema (defaults filled, keys in schema order).
    const now = WRITE_OPERATIONS[input.operation]?.payload.safeParse(input.payload);
    if (!now?.success || open.payload === JSON.stringify(now.data)) return false;
    const reason = `the finding changed since it was proposed; superseded by a proposal with the current amounts (${input.summary})`;
    const after = updateProposal(db, open.id, { status: 'stale', staleReason: reason });
    appendAudit(db, {
      actor: SYSTEM_ACTOR.id,
      action: 'proposal.stale',
      entity: proposalEntity(open.id),
      companyId: open.companyId,
      before: auditView(open),
      after: auditView(after),
      note: reason,
      at,
    });
    return true;
  });
}
