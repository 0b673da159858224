/**
 * proposeWrite: records a write tieout would make, to wait for an approver. The payload is validated
 * against the operation's schema now, so an approver never approves something the writer would refuse; it
 * must stay inside the proposing company (and a pm's jobs); the summary and diff stored with it are derived
 * from the payload on the server (change.ts), so what the approver reads is what the writer will do.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { findOpenProposalForFinding, insertProposal, type ProposalRow } from '../store/approvals.ts';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import type { ApprovalCtx } from './actor.ts';
import { auditView, proposalEntity } from './audit-entity.ts';
import { describeChange } from './change.ts';
import { type CompanyProjects, readCompanyProjects, type SnapshotReader } from './company-projects.ts';
import { ApprovalError, requireRole } from './errors.ts';
import { WRITE_OPERATIONS } from './operations.ts';
import { assertPayloadInScope, projectOf } from './payload-scope.ts';
import { findingOf } from './queue.ts';

export const diffEntrySchema = z.object({
  field: z.string().min(1),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export const proposeInputSchema = z.object({
  companyId: z.string().min(1),
  operation: z.string().min(1),
  payload: z.unknown(),
  /** Ignored: the diff an approver reads is derived from the payload on the server (change.ts). */
  diff: z.array(diffEntrySchema).optional(),
  /** The proposer's own note on why; kept in the audit log as theirs, never shown as the change. */
  summary: z.string().max(500).optional(),
  findingKey: z.string().min(1).nullable().default(null),
});
export type ProposeInput = z.input<typeof proposeInputSchema>;

export interface Proposed {
  proposal: ProposalRow;
  /** False when an open proposal for the same finding and operation already existed (it is returned). */
  created: boolean;
}

/** A person's proposal carries the company's job list from its latest snapshot (read before the transaction). */
export interface ProposeCtx extends ApprovalCtx {
  projects?: CompanyProjects | null;
}

/**
 * The proposal a person makes (API, pages, CLI): when the payload names a Procore project, the company's job
 * list is read from its latest snapshot first, so the scope check knows every job, not only those findings name.
 */
export async function proposeAsPerson({
  ctx,
  input,
}: {
  ctx: ApprovalCtx & { readSnapshot: SnapshotReader };
  input: ProposeInput;
}): Promise<Proposed> {
  requireRole(ctx.actor, 'approval.propose');
  const projects =
    projectOf(input.payload) === null
      ? null
      : await readCompanyProjects(ctx.store.db, ctx.readSnapshot, input.companyId);
  return proposeWrite({ ctx: { ...ctx, projects }, input });
}

export function proposeWrite({ ctx, input }: { ctx: ProposeCtx; input: ProposeInput }): Proposed {
  requireRole(ctx.actor, 'approval.propose');
  const parsed = proposeInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!);
  const i = parsed.data;
  const op = WRITE_OPERATIONS[i.operation];
  if (!op) {
    throw new ApprovalError(
      'invalid_proposal',
      `unknown operation "${i.operation}"; known: ${Object.keys(WRITE_OPERATIONS).join(', ')}`,
    );
  }
  const payload = op.payload.safeParse(i.payload);
  if (!payload.success) throw invalid(payload.error.issues[0]!, 'payload');
  const at = (ctx.now?.() ?? new Date()).toISOString();
  return withTransaction(ctx.store, (db) => {
    assertPayloadInScope(db, ctx.actor, i.companyId, payload.data, ctx.projects ?? null);
    const change = describeChange(
      i.operation,
      payload.data,
      i.findingKey ? findingOf(db, i.companyId, i.findingKey) : null,
    );
    if (i.findingKey) {
      const open = findOpenProposalForFinding(db, i.companyId, i.findingKey, i.operation);
      if (open) return { proposal: open, created: false };
    }
    const id = randomUUID();
    const proposal = insertProposal(db, {
      id,
      companyId: i.companyId,
      side: op.side,
      system: op.system,
      operation: i.operation,
      payload: JSON.stringify(payload.data),
      diff: JSON.stringify(change.diff),
      summary: change.summary,
      findingKey: i.findingKey,
      idempotencyKey: `tieout-${id}`,
      proposedBy: ctx.actor.id,
      proposedAt: at,
      status: 'pending',
    });
    appendAudit(db, {
      actor: ctx.actor.id,
      action: 'proposal.create',
      entity: proposalEntity(id),
      companyId: i.companyId,
      after: auditView(proposal),
      note: i.summary ? `proposer's note: ${i.summary}` : null,
      at,
    });
    return { proposal, created: true };
  });
}

function invalid(issue: z.core.$ZodIssue, prefix?: string): ApprovalError {
  const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return new ApprovalError('invalid_proposal', `${where ? `${where}: ` : ''}${issue.message}`);
}
