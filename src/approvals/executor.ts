/**
 * executeApproved: performs approved proposals through the target connector's writer, exactly once.
 *
 * Each writer call is an attempt recorded before it starts and closed when it ends. A proposal whose last
 * attempt was never closed (the process died between the write and the record) is taken up again like an
 * approved one: the writer first asks the target for the idempotency key and answers `already_applied`
 * instead of writing twice. Transient failures (network, 5xx, timeouts) are retried with backoff; the rest
 * are recorded as failed with the target's error. Only approved (or interrupted) proposals ever reach a writer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectorLogger, WriteRequest, WriteResult } from '../../connectors/contract.ts';
import {
  closeAttempt,
  getProposal,
  listProposals,
  openAttempt,
  type ProposalRow,
  updateProposal,
} from '../store/approvals.ts';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import type { ApprovalCtx } from './actor.ts';
import { auditView, proposalEntity } from './audit-entity.ts';
import { ApprovalError, requireRole } from './errors.ts';

/** What the executor needs of a connector: its `write` (see connectors/contract.ts). */
export interface ProposalWriter {
  write(request: WriteRequest, ctx: { signal: AbortSignal; log: ConnectorLogger }): Promise<WriteResult>;
  close?(): Promise<void>;
}

export interface ExecutorDeps {
  /** The writer for one side of a company (created from its connector config in production). */
  writerFor(companyId: string, side: 'pm' | 'erp', system: string): Promise<ProposalWriter>;
  log: ConnectorLogger;
  signal?: AbortSignal;
  /** Attempts per proposal per run, and the first backoff (doubled each time). */
  maxAttempts?: number;
  baseDelayMs?: number;
}

export interface ExecutionOutcome {
  proposalId: string;
  status: 'executed' | 'failed';
  result: WriteResult;
  attempts: number;
}

const inFlight = new Set<string>();

/** Executes every approved (or interrupted) proposal of a company, or the one named. */
export async function executeApproved({
  ctx,
  input,
  deps,
}: {
  ctx: ApprovalCtx;
  input: { companyId?: string; proposalId?: string };
  deps: ExecutorDeps;
}): Promise<ExecutionOutcome[]> {
  requireRole(ctx.actor, 'approval.execute');
  let queue: ProposalRow[];
  if (input.proposalId) {
    const p = getProposal(ctx.store.db, input.proposalId);
    if (!p) throw new ApprovalError('proposal_not_found', `no proposal ${input.proposalId}`);
    assertExecutable(p);
    queue = [p];
  } else {
    queue = listProposals(ctx.store.db, { companyId: input.companyId, statuses: ['approved', 'executing'] });
  }
  const writers = new Map<string, ProposalWriter>();
  const outcomes: ExecutionOutcome[] = [];
  try {
    for (const p of queue) {
      if (inFlight.has(p.id)) continue;
      if (!input.proposalId && !executable(p, deps.log)) continue;
      const key = `${p.companyId}/${p.side}`;
      let writer = writers.get(key);
      if (!writer) {
        writer = await deps.writerFor(p.companyId, p.side, p.system);
        writers.set(key, writer);
      }
      inFlight.add(p.id);
      try {
        outcomes.push(await executeOne(ctx, p, writer, deps));
      } finally {
        inFlight.delete(p.id);
      }
    }
  } finally {
    for (const w of writers.values()) await w.close?.();
  }
  return outcomes;
}

/** In a queue run, a proposal that fails the gate (an edited row) is skipped and logged, not written. */
function executable(p: ProposalRow, log: ConnectorLogger): boolean {
  try {
    assertExecutable(p);
    return true;
  } catch (e) {
    log.error({ proposal: p.id, reason: (e as Error).message }, 'proposal skipped: not executable');
    return false;
  }
}

/** The gate: nothing reaches a writer unless an approver other than the proposer approved it. */
function assertExecutable(p: ProposalRow): void {
  if (p.status !== 'approved' && p.status !== 'executing') {
    throw new ApprovalError(
      'not_approved',
      `proposal ${p.id} is ${p.status}; only approved proposals are written (tieout approvals approve ${p.id})`,
    );
  }
  if (!p.decidedBy || p.decidedBy === p.proposedBy) {
    throw new ApprovalError(
      'not_approved',
      `proposal ${p.id} has no approval by someone other than its proposer`,
    );
  }
}

async function executeOne(
  ctx: ApprovalCtx,
  proposal: ProposalRow,
  writer: ProposalWriter,
  deps: ExecutorDeps,
): Promise<ExecutionOutcome> {
  const now = () => (ctx.now?.() ?? new Date()).toISOString();
  const maxAttempts = deps.maxAttempts ?? 4;
  const request: WriteRequest = {
    proposalId: proposal.id,
    idempotencyKey: proposal.idempotencyKey,
    operation: proposal.operation,
    payload: JSON.parse(proposal.payload),
  };
  let result: WriteResult = { status: 'failed', transient: true, error: 'not attempted' };
  let attempts = 0;
  for (; attempts < maxAttempts; ) {
    const attemptId = withTransaction(ctx.store, (db) => {
      const current = getProposal(db, proposal.id)!;
      assertExecutable(current);
      const at = now();
      const id = openAttempt(db, proposal.id, at);
      const after = updateProposal(db, proposal.id, { status: 'executing', attempts: current.attempts + 1 });
      appendAudit(db, {
        actor: ctx.actor.id,
        action: 'proposal.execution_started',
        entity: proposalEntity(proposal.id),
        companyId: proposal.companyId,
        before: { status: current.status, attempts: current.attempts },
        after: { status: after.status, attempts: after.attempts, idempotencyKey: proposal.idempotencyKey },
        at,
      });
      return id;
    });
    attempts++;
    try {
      result = await writer.write(request, {
        signal: deps.signal ?? new AbortController().signal,
        log: deps.log,
      });
    } catch (e) {
      result = { status: 'failed', transient: true, error: e instanceof Error ? e.message : String(e) };
    }
    const last = result.status !== 'failed' || !result.transient || attempts >= maxAttempts;
    if (!last) {
      withTransaction(ctx.store, (db) =>
        closeAttempt(db, attemptId, {
          at: now(),
          outcome: 'failed',
          transient: true,
          error: result.status === 'failed' ? result.error : null,
        }),
      );
      deps.log.warn({ proposal: proposal.id, attempt: attempts }, 'write failed, retrying');
      await sleep((deps.baseDelayMs ?? 500) * 2 ** (attempts - 1));
      continue;
    }
    const final = result;
    return withTransaction(ctx.store, (db) => {
      const result = final;
      const at = now();
      const before = getProposal(db, proposal.id)!;
      closeAttempt(db, attemptId, {
        at,
        outcome: result.status,
        transient: result.status === 'failed' ? result.transient : undefined,
        error: result.status === 'failed' ? result.error : null,
      });
      const ok = result.status !== 'failed';
      const after = updateProposal(db, proposal.id, {
        status: ok ? 'executed' : 'failed',
        targetIds: ok ? JSON.stringify(result.targetIds) : null,
        lastError: result.status === 'failed' ? result.error : null,
        executedAt: ok ? at : null,
      });
      appendAudit(db, {
        actor: ctx.actor.id,
        action: ok ? 'proposal.executed' : 'proposal.execution_failed',
        entity: proposalEntity(proposal.id),
        companyId: proposal.companyId,
        before: auditView(before),
        after: { ...auditView(after), result: result.status },
        at,
      });
      return { proposalId: proposal.id, status: ok ? 'executed' : 'failed', result, attempts } as const;
    });
  }
  throw new Error('unreachable');
}
