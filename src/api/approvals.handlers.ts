/**
 * Approvals handlers: thin over the approval engine (src/approvals). The actor of every verb is the
 * authenticated user, never a field of the request; the engine enforces roles and segregation of duties,
 * and its error codes pass through unchanged (`same_person`, `not_pending`, `not_approved`, …).
 */

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { changeOf } from '../approvals/change.ts';
import { bulkApprove, decide } from '../approvals/decide.ts';
import { executeApproved } from '../approvals/executor.ts';
import { actorOf } from '../approvals/people.ts';
import { proposeAsPerson } from '../approvals/propose.ts';
import {
  ageDays,
  executions,
  history,
  jobOfFinding,
  listQueue,
  operationLabel,
  type QueueItem,
  type QueueViewer,
  queueItem,
} from '../approvals/queue.ts';
import { connectorWriters } from '../approvals/writers.ts';
import type { Finding } from '../recon/types.ts';
import { readsAssignedJobsOnly } from '../roles.ts';
import type { ProposalRow } from '../store/approvals.ts';
import type { ProposalStatus } from '../store/schema/approvals.ts';
import { assignedJobs } from '../store/users.ts';
import {
  approveRoute,
  bulkApproveRoute,
  executeRoute,
  getApprovalRoute,
  listApprovalsRoute,
  proposeRoute,
  rejectRoute,
} from './approvals.routes.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { paginate } from './paging.ts';
import { companyFor, principal } from './scope.ts';
import type { SnapshotCache } from './snapshots.ts';

const DEFAULT_STATUSES: ProposalStatus[] = ['pending', 'approved', 'executing', 'failed'];

export function viewerOf(c: Context<ApiEnv>): QueueViewer {
  const user = principal(c).user;
  const db = c.get('runtime').store.db;
  return {
    id: actorOf(user).id,
    role: user.role,
    companyId: user.companyId,
    jobsOf: readsAssignedJobsOnly(user.role) ? (companyId) => assignedJobs(db, user.id, companyId) : null,
  };
}

export function approvalView(p: ProposalRow, finding: Finding | null, now = new Date()) {
  // Summary and diff are derived from the stored payload, never the proposer's words.
  const change = changeOf(p, finding);
  const jobNumber = finding?.jobNumber ?? null;
  return {
    id: p.id,
    companyId: p.companyId,
    status: p.status,
    operation: p.operation,
    operationLabel: operationLabel(p.operation),
    target: { side: p.side, system: p.system },
    summary: change.summary,
    findingKey: p.findingKey,
    jobNumber,
    proposedBy: p.proposedBy,
    proposedAt: p.proposedAt,
    ageDays: ageDays(p, now),
    decidedBy: p.decidedBy,
    decidedAt: p.decidedAt,
    decisionNote: p.decisionNote,
    staleReason: p.staleReason,
    attempts: p.attempts,
    targetIds: p.targetIds ? (JSON.parse(p.targetIds) as string[]).map(String) : null,
    lastError: p.lastError,
    executedAt: p.executedAt,
    payload: JSON.parse(p.payload) as unknown,
    diff: change.diff,
  };
}

const itemView = (item: QueueItem) => approvalView(item.proposal, item.finding);

export function detailView(c: Context<ApiEnv>, item: QueueItem) {
  const db = c.get('runtime').store.db;
  const f = item.finding;
  return {
    ...itemView(item),
    finding: f
      ? {
          key: f.key,
          check: f.check,
          severity: f.severity,
          message: f.message,
          pmAmount: f.pmAmount,
          erpAmount: f.erpAmount,
          difference: f.difference,
        }
      : null,
    executions: executions(db, item.proposal.id),
    history: history(db, item.proposal.id),
  };
}

/** The actor for an engine call, after checking the caller may see the proposal at all. */
function actorFor(c: Context<ApiEnv>, approvalId?: string) {
  if (approvalId) queueItem(c.get('runtime').store.db, viewerOf(c), approvalId);
  return { actor: actorOf(principal(c).user), store: c.get('runtime').store };
}

export function registerApprovals(app: OpenAPIHono<ApiEnv>, cache: SnapshotCache): void {
  app.openapi(listApprovalsRoute, (c) => {
    const q = c.req.valid('query');
    if (q.company) companyFor(c, q.company);
    const statuses = q.status ? (q.status.split(',') as ProposalStatus[]) : DEFAULT_STATUSES;
    const items = listQueue(c.get('runtime').store.db, viewerOf(c), { companyId: q.company, statuses });
    // Keys sort like the list (proposed time, then id), so the cursor pages in queue order.
    const page = paginate(items, (i) => `${i.proposal.proposedAt}\u0000${i.proposal.id}`, q.cursor, q.limit);
    return c.json({ items: page.items.map(itemView), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getApprovalRoute, (c) => {
    const item = queueItem(c.get('runtime').store.db, viewerOf(c), c.req.valid('param').approvalId);
    return c.json(detailView(c, item), 200);
  });

  app.openapi(proposeRoute, async (c) => {
    const body = c.req.valid('json');
    const company = companyFor(c, body.companyId);
    const viewer = viewerOf(c);
    if (viewer.jobsOf && body.findingKey) {
      const job = jobOfFinding(c.get('runtime').store.db, company.id, body.findingKey);
      if (job === null || !viewer.jobsOf(company.id).has(job)) {
        throw new ApiError(
          'forbidden',
          'not_your_job',
          `finding ${body.findingKey} is not on a job assigned to you; ask its PM or an approver to propose`,
        );
      }
    }
    const { proposal, created } = await proposeAsPerson({
      ctx: { ...actorFor(c), readSnapshot: (snapshot, fn) => cache.withConnection(snapshot, fn) },
      input: { ...body, companyId: company.id, findingKey: body.findingKey ?? null },
    });
    const item = queueItem(c.get('runtime').store.db, viewer, proposal.id);
    return created ? c.json(itemView(item), 201) : c.json(itemView(item), 200);
  });

  for (const [route, decision] of [
    [approveRoute, 'approve'],
    [rejectRoute, 'reject'],
  ] as const) {
    app.openapi(route, async (c) => {
      const { approvalId } = c.req.valid('param');
      const note = (await c.req.json().catch(() => ({}))) as { note?: string };
      const ctx = actorFor(c, approvalId);
      decide({ ctx, input: { proposalId: approvalId, decision, note: note.note } });
      return c.json(itemView(queueItem(ctx.store.db, viewerOf(c), approvalId)), 200);
    });
  }

  app.openapi(bulkApproveRoute, (c) => {
    const { ids, note } = c.req.valid('json');
    const viewer = viewerOf(c);
    const db = c.get('runtime').store.db;
    // A proposal the caller may not see is refused like an unknown one, before the engine decides the rest.
    const seen = ids.filter((id) => {
      try {
        queueItem(db, viewer, id);
        return true;
      } catch {
        return false;
      }
    });
    const decided = new Map(
      bulkApprove({ ctx: actorFor(c), input: { proposalIds: seen, note } }).map((o) => [o.proposalId, o]),
    );
    const results = ids.map((id) => {
      const o = decided.get(id);
      if (!o) return { id, ok: false, code: 'proposal_not_found', message: `no proposal ${id}` };
      if (!o.ok) return { id, ok: false, code: o.code, message: o.message };
      return { id, ok: true, approval: itemView(queueItem(db, viewer, id)) };
    });
    return c.json({ results }, 200);
  });

  app.openapi(executeRoute, async (c) => {
    const { approvalId } = c.req.valid('param');
    const ctx = actorFor(c, approvalId);
    const runtime = c.get('runtime');
    const outcomes = await executeApproved({
      ctx,
      input: { proposalId: approvalId },
      deps: { writerFor: connectorWriters(runtime), log: c.get('log') },
    });
    const item = queueItem(runtime.store.db, viewerOf(c), approvalId);
    const status = outcomes[0]?.status ?? (item.proposal.status === 'executed' ? 'executed' : 'failed');
    return c.json({ approval: detailView(c, item), outcome: status }, 200);
  });
}
