/**
 * Approval-gated writes. A proposal is one write into Procore or an ERP, held until an approver decides:
 * - `proposals`: what would be written (target, operation, exact payload, the diff), why (usually a finding),
 *   who proposed it, the decision, and the outcome of its execution;
 * - `proposal_attempts`: every time the executor started a write, and how it ended. An attempt left open
 *   (no `finished_at`) is a crash between write and record: the next execution asks the target first.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { companies } from './core.ts';
import { PROPOSAL_STATUSES } from './enums.ts';

export { PROPOSAL_STATUSES, type ProposalStatus } from './enums.ts';

export const proposals = sqliteTable(
  'proposals',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    /** Which side is written: 'pm' (Procore) or 'erp' (the books). */
    side: text('side', { enum: ['pm', 'erp'] }).notNull(),
    /** The target system as the connector describes itself: procore, sage100c, qbd. */
    system: text('system').notNull(),
    operation: text('operation').notNull(),
    /** JSON: the exact payload handed to the connector's writer. */
    payload: text('payload').notNull(),
    /** JSON: what the write changes, field by field ({ field, before, after }[]). */
    diff: text('diff').notNull(),
    summary: text('summary').notNull(),
    findingKey: text('finding_key'),
    /** Stable across retries; the writer stores it in the target record (Procore origin_id, a memo key). */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: text('proposed_at').notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    /** Why a pending proposal went stale (its finding is gone from a newer snapshot). */
    staleReason: text('stale_reason'),
    attempts: integer('attempts').notNull().default(0),
    /** JSON array of the target's ids after a successful write. */
    targetIds: text('target_ids'),
    lastError: text('last_error'),
    executedAt: text('executed_at'),
  },
  (t) => [
    index('proposals_company_status').on(t.companyId, t.status),
    index('proposals_finding').on(t.companyId, t.findingKey),
  ],
);

export const proposalAttempts = sqliteTable(
  'proposal_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** applied, already_applied, failed; null while open (or after a crash). */
    outcome: text('outcome'),
    transient: integer('transient', { mode: 'boolean' }),
    error: text('error'),
    pid: integer('pid'),
  },
  (t) => [index('proposal_attempts_proposal').on(t.proposalId)],
);
