/**
 * decide / bulkApprove: an approver accepts or rejects a pending proposal with a note. Segregation of
 * duties: only the approver role decides, and never on a proposal the same person made.
 */
import { getProposal, type ProposalRow, updateProposal } from '../store/approvals.ts';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import type { ApprovalCtx } from './actor.ts';
import { auditView, proposalEntity } from './audit-entity.ts';
import { ApprovalError, requireRole } from './errors.ts';

export interface DecideInput {
  proposalId: string;
  decision: 'approve' | 'reject';
  note?: string | null;
}

export function decide({ ctx, input }: { ctx: ApprovalCtx; input: DecideInput }): ProposalRow {
  requireRole(ctx.actor, 'approval.decide');
  const note = input.note?.trim() || null;
  if (input.decision === 'reject' && !note) {
    throw new ApprovalError('note_required', 'say why the proposal is rejected (--note)');
  }
  const at = (ctx.now?.() ?? new Date()).toISOString();
  return withTransaction(ctx.store, (db) => {
    const before = getProposal(db, input.proposalId);
    if (!before) {
      throw new ApprovalError(
        'proposal_not_found',
        `no proposal ${input.proposalId}; list them with tieout approvals list`,
      );
    }
    if (before.proposedBy === ctx.actor.id) {
      throw new ApprovalError(
        'same_person',
        `another approver must decide what you proposed (${ctx.actor.id} proposed ${before.id})`,
      );
    }
    if (before.status !== 'pending') {
      throw new ApprovalError(
        'not_pending',
        `proposal ${before.id} is ${before.status}${before.decidedBy ? ` (by ${before.decidedBy})` : ''}; only pending proposals are decided`,
      );
    }
    const after = updateProposal(db, before.id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: ctx.actor.id,
      decidedAt: at,
      decisionNote: note,
    });
    appendAudit(db, {
      actor: ctx.actor.id,
      action: input.decision === 'approve' ? 'proposal.approve' : 'proposal.reject',
      entity: proposalEntity(before.id),
      companyId: before.companyId,
      before: auditView(before),
      after: auditView(after),
      note,
      at,
    });
    return after;
  });
}

export type BulkOutcome =
  | { proposalId: string; ok: true; proposal: ProposalRow }
  | { proposalId: string; ok: false; code: string; message: string };

/** Approves each proposal on its own: one refused item (own proposal, already decided) does not block the rest. */
export function bulkApprove({
  ctx,
  input,
}: {
  ctx: ApprovalCtx;
  input: { proposalIds: string[]; note?: string | null };
}): BulkOutcome[] {
  requireRole(ctx.actor, 'approval.decide');
  return input.proposalIds.map((proposalId) => {
    try {
      const proposal = decide({ ctx, input: { proposalId, decision: 'approve', note: input.note } });
      return { proposalId, ok: true as const, proposal };
    } catch (e) {
      if (!(e instanceof ApprovalError)) throw e;
      return { proposalId, ok: false as const, code: e.code, message: e.message };
    }
  });
}
