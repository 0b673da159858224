/**
 * executeApproved: performs approved proposals through the target connector's writer, exactly once.
 *
 * Each writer call is an attempt recorded before it starts and closed when it ends. A proposal whose last
 * attempt was never closed (the process died between the write and the record) is taken up again like an
 * approved one: the writer first asks the target for the idempotency key and answers `already_applied`
 * instead of writing twice. Transient failures (network, 5xx, timeouts) are retried with backoff; the rest
 * are recorded as failed with the target's error. Only approved (or interrupted) proposals ever reach a writer.
 * A polled target (QuickBooks Desktop) may answer `queued`: the proposal stays executing, and every later run
 * asks the writer again with the same request until it says how the write ended.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectorLogger, WriteRequest, WriteResult } from '../../connectors/contract.ts';
import {
  claimProposal,
  closeAttempt,
  getProposal,
  lastAttemptOutcome,
  listProposals,
  openAttempt,
  type ProposalRow,
  updateProposal,
} from '../store/approvals.ts';
import { appendAudit, hasApprovalEntry } from '../store/audit.ts';
import { type StoreDb, withTransaction } from '../store/db.ts';
import type { ProposalStatus } from '../store/schema/approvals.ts';
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
  status: 'executed' | 'failed' | 'queued';
  result: WriteResult;
  attempts: number;
}

/**
 * Executes every approved proposal of a company, or the one named. Each is first claimed with a conditional
 * `approved → executing` update in one transaction, before any await: of two runs racing for one proposal (a
 * double click, the API and the scheduler) exactly one wins and writes; the other skips it (queue) or is told
 * it is already being written (one named). Only start-up recovery (`resume`) takes up a proposal left
 * `executing` by a process that died mid-write.
 */
export async function executeApproved({
  ctx,
  input,
  deps,
}: {
  ctx: ApprovalCtx;
  input: { companyId?: string; proposalId?: string; resume?: boolean };
  deps: ExecutorDeps;
}): Promise<ExecutionOutcome[]> {
  requireRole(ctx.actor, 'approval.execute');
  const claimable: ProposalStatus[] = input.resume ? ['approved', 'executing'] : ['approved'];
  // A write a polled system holds in its queue is asked after again on every run.
  const queued = (p: ProposalRow) =>
    p.status === 'executing' && lastAttemptOutcome(ctx.store.db, p.id) === 'queued';
  const claimableNow = (p: ProposalRow): ProposalStatus[] => (queued(p) ? ['executing'] : claimable);
  let queue: ProposalRow[];
  if (input.proposalId) {
    const p = getProposal(ctx.store.db, input.proposalId);
    if (!p) throw new ApprovalError('proposal_not_found', `no proposal ${input.proposalId}`);
    assertExecutable(ctx.store.db, p);
    if (!claimableNow(p).includes(p.status)) throw beingWritten(p);
    queue = [p];
  } else {
    queue = listProposals(ctx.store.db, { companyId: input.companyId, statuses: claimable });
    if (!input.resume)
      queue.push(
        ...listProposals(ctx.store.db, { companyId: input.companyId, statuses: ['executing'] }).filter(
          queued,
        ),
      );
  }
  const writers = new Map<string, ProposalWriter>();
  const outcomes: ExecutionOutcome[] = [];
  try {
    for (const p of queue) {
      if (!input.proposalId && !executable(ctx.store.db, p, deps.log)) continue;
      const key = `${p.companyId}/${p.side}`;
      let writer = writers.get(key);
      if (!writer) {
        writer = await deps.writerFor(p.companyId, p.side, p.system);
        writers.set(key, writer);
      }
      if (!claim(ctx, p, claimableNow(p))) {
        if (input.proposalId) throw beingWritten(p);
        continue;
      }
      outcomes.push(await executeOne(ctx, p, writer, deps));
    }
  } finally {
    for (const w of writers.values()) await w.close?.();
  }
  return outcomes;
}

function beingWritten(p: ProposalRow): ApprovalError {
  return new ApprovalError(
    'not_approved',
    `proposal ${p.id} is already being written by another run; it shows executed or failed when that run ends`,
  );
}

/**
 * Takes the proposal for this run: one conditional update, in one transaction with its audit entry, with no
 * await between the check and the write. False when another run took it first.
 */
function claim(ctx: ApprovalCtx, p: ProposalRow, from: ProposalStatus[]): boolean {
  return withTransaction(ctx.store, (db) => {
    const at = (ctx.now?.() ?? new Date()).toISOString();
    const taken = claimProposal(db, p.id, from);
    if (!taken) return false;
    assertExecutable(db, taken.before);
    appendAudit(db, {
      actor: ctx.actor.id,
      action: 'proposal.execution_claimed',
      entity: proposalEntity(p.id),
      companyId: p.companyId,
      before: { status: taken.before.status },
      after: { status: 'executing' },
      at,
    });
    return true;
  });
}

/** In a queue run, a proposal that fails the gate (an edited row) is skipped and logged, not written. */
function executable(db: StoreDb, p: ProposalRow, log: ConnectorLogger): boolean {
  try {
    assertExecutable(db, p);
    return true;
  } catch (e) {
    log.error({ proposal: p.id, reason: (e as Error).message }, 'proposal skipped: not executable');
    return false;
  }
}

/**
 * The gate: nothing reaches a writer unless an approver other than the proposer approved it — on the row and
 * in the audit log (an approval entry by that approver), so an edited row alone does not open the gate.
 */
function assertExecutable(db: StoreDb, p: ProposalRow): void {
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
  if (!hasApprovalEntry(db, proposalEntity(p.id), p.decidedBy, p.proposedBy)) {
    throw new ApprovalError(
      'not_approved',
      `proposal ${p.id} has no approval entry by ${p.decidedBy} in the audit log; it is not written`,
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
      if (current.status !== 'executing') throw beingWritten(current);
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
    if (result.status === 'queued') {
      const detail = result.detail ?? null;
      return withTransaction(ctx.store, (db) => {
        const at = now();
        closeAttempt(db, attemptId, { at, outcome: 'queued', error: detail });
        appendAudit(db, {
          actor: ctx.actor.id,
          action: 'proposal.execution_queued',
          entity: proposalEntity(proposal.id),
          companyId: proposal.companyId,
          before: { status: 'executing' },
          after: { status: 'executing', queued: detail },
          at,
        });
        return {
          proposalId: proposal.id,
          status: 'queued',
          result: { status: 'queued', detail: detail ?? undefined },
          attempts,
        } as const;
      });
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
