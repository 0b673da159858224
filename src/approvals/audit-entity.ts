/** How proposals appear in the audit log: entity `proposal:<id>`, before/after the fields that changed. */
import type { ProposalRow } from '../store/approvals.ts';

export function proposalEntity(id: string): string {
  return `proposal:${id}`;
}

/** The audited view of a proposal: everything but the bulky diff (the payload is what gets written). */
export function auditView(p: ProposalRow) {
  return {
    status: p.status,
    operation: p.operation,
    side: p.side,
    system: p.system,
    payload: JSON.parse(p.payload) as unknown,
    findingKey: p.findingKey,
    proposedBy: p.proposedBy,
    decidedBy: p.decidedBy,
    decisionNote: p.decisionNote,
    attempts: p.attempts,
    targetIds: p.targetIds ? (JSON.parse(p.targetIds) as unknown) : null,
    lastError: p.lastError,
  };
}
