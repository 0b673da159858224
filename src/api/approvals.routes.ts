/**
 * The approvals queue: proposed writes to Procore or the books that wait for an accounting approver. Reading
 * is for every role (a PM sees the proposals on their jobs and their own); proposing for pm, approver and
 * admin; deciding for approvers (the engine refuses admins and the proposer); executing for approver/admin.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { PROPOSAL_STATUSES } from '../store/schema/approvals.ts';
import { pageQuery } from './paging.ts';
import { bearer, json, noteBody, protectedErrors } from './schemas.ts';

const diffEntry = z
  .object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })
  .openapi('DiffEntry');

export const approvalSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    operation: z.string(),
    operationLabel: z.string(),
    target: z.object({ side: z.enum(['pm', 'erp']), system: z.string() }),
    summary: z.string(),
    findingKey: z.string().nullable(),
    jobNumber: z.string().nullable().openapi({ description: "the finding's job, when there is one" }),
    proposedBy: z.string(),
    proposedAt: z.string(),
    ageDays: z.number().int().openapi({ description: 'whole days since it was proposed' }),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    staleReason: z.string().nullable(),
    attempts: z.number().int(),
    targetIds: z.array(z.string()).nullable(),
    lastError: z.string().nullable(),
    executedAt: z.string().nullable(),
    payload: z.unknown().openapi({ description: 'the exact payload the writer sends' }),
    diff: z.array(diffEntry),
  })
  .openapi('Approval');

export const executionSchema = z
  .object({
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    outcome: z
      .string()
      .nullable()
      .openapi({ description: 'applied, already_applied, failed; null if cut off' }),
    transient: z.boolean().nullable(),
    error: z.string().nullable(),
  })
  .openapi('Execution');

export const historySchema = z
  .object({ at: z.string(), actor: z.string(), action: z.string(), note: z.string().nullable() })
  .openapi('ApprovalEvent');

export const approvalDetailSchema = approvalSchema
  .extend({
    finding: z
      .object({
        key: z.string(),
        check: z.string(),
        severity: z.string(),
        message: z.string(),
        pmAmount: z.string().nullable(),
        erpAmount: z.string().nullable(),
        difference: z.string().nullable(),
      })
      .nullable(),
    executions: z.array(executionSchema),
    history: z
      .array(historySchema)
      .openapi({ description: 'proposal, decisions and executions, oldest first' }),
  })
  .openapi('ApprovalDetail');

const idParams = z.object({
  approvalId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'approvalId', in: 'path' } }),
});

const STATUS_LIST = new RegExp(`^(${PROPOSAL_STATUSES.join('|')})(,(${PROPOSAL_STATUSES.join('|')}))*$`);

export const listApprovalsRoute = createRoute({
  method: 'get',
  path: '/api/approvals',
  tags: ['approvals'],
  summary: 'Proposed writes, oldest first; by default those waiting for a decision or execution',
  security: bearer,
  request: {
    query: pageQuery.extend({
      company: z.string().optional().openapi({ description: 'company id' }),
      status: z
        .string()
        .regex(STATUS_LIST, `comma-separated statuses: ${PROPOSAL_STATUSES.join(', ')}`)
        .optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(approvalSchema), nextCursor: z.string().nullable() }).openapi('ApprovalPage'),
      'The queue',
    ),
    ...protectedErrors,
  },
});

export const getApprovalRoute = createRoute({
  method: 'get',
  path: '/api/approvals/{approvalId}',
  tags: ['approvals'],
  summary: 'One proposal: payload, diff, finding, decisions and executions',
  security: bearer,
  request: { params: idParams },
  responses: { 200: json(approvalDetailSchema, 'The proposal'), ...protectedErrors },
});

export const proposeBody = z
  .object({
    companyId: z.string().min(1),
    operation: z.string().min(1).openapi({ example: 'procore.link' }),
    payload: z.unknown().openapi({ description: "validated against the operation's schema" }),
    diff: z
      .array(diffEntry)
      .optional()
      .openapi({ description: 'ignored: the diff shown to the approver is derived from the payload' }),
    summary: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: "the proposer's note on why, kept in the audit log as theirs" }),
    findingKey: z.string().min(1).nullable().optional(),
  })
  .openapi('ProposeWrite');

export const proposeRoute = createRoute({
  method: 'post',
  path: '/api/approvals',
  tags: ['approvals'],
  summary: 'Propose a write; it waits for an approver other than you',
  security: bearer,
  request: { body: { content: { 'application/json': { schema: proposeBody } }, required: true } },
  responses: {
    201: json(approvalSchema, 'The new proposal'),
    200: json(approvalSchema, 'An open proposal for the same finding and operation already existed'),
    ...protectedErrors,
  },
});

const optionalNote = z.object({ note: z.string().trim().max(2000).optional() }).openapi('OptionalNote');

export const approveRoute = createRoute({
  method: 'post',
  path: '/api/approvals/{approvalId}/approve',
  tags: ['approvals'],
  summary: 'Approve a proposed write (an approver who did not propose it)',
  security: bearer,
  request: {
    params: idParams,
    body: { content: { 'application/json': { schema: optionalNote } }, required: false },
  },
  responses: { 200: json(approvalSchema, 'The proposal after the decision'), ...protectedErrors },
});

export const rejectRoute = createRoute({
  method: 'post',
  path: '/api/approvals/{approvalId}/reject',
  tags: ['approvals'],
  summary: 'Reject a proposed write, saying why',
  security: bearer,
  request: {
    params: idParams,
    body: { content: { 'application/json': { schema: noteBody } }, required: true },
  },
  responses: { 200: json(approvalSchema, 'The proposal after the decision'), ...protectedErrors },
});

export const bulkApproveRoute = createRoute({
  method: 'post',
  path: '/api/approvals/bulk-approve',
  tags: ['approvals'],
  summary: 'Approve several proposals; each is decided or refused on its own, with the reason',
  security: bearer,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              ids: z.array(z.string().min(1)).min(1).max(500),
              note: z.string().trim().max(2000).optional(),
            })
            .openapi('BulkApprove'),
        },
      },
      required: true,
    },
  },
  responses: {
    200: json(
      z
        .object({
          results: z.array(
            z.object({
              id: z.string(),
              ok: z.boolean(),
              code: z.string().optional(),
              message: z.string().optional(),
              approval: approvalSchema.optional(),
            }),
          ),
        })
        .openapi('BulkApproveResult'),
      'One result per id, in the order sent',
    ),
    ...protectedErrors,
  },
});

export const executeRoute = createRoute({
  method: 'post',
  path: '/api/approvals/{approvalId}/execute',
  tags: ['approvals'],
  summary: 'Write an approved proposal now instead of waiting for the scheduler',
  security: bearer,
  request: { params: idParams },
  responses: {
    200: json(
      z
        .object({ approval: approvalDetailSchema, outcome: z.enum(['executed', 'failed', 'queued']) })
        .openapi('Executed'),
      'The proposal after the write (a failure carries the target’s error)',
    ),
    ...protectedErrors,
  },
});
