/**
 * The approvals queue: proposed writes to Procore or the books that wait for an accounting approver. The
 * route group and its role decisions (approver, admin) are fixed here; the approval engine fills the
 * handlers in approvals.handlers.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, json, noteBody, protectedErrors } from './schemas.ts';

export const approvalSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    status: z.string(),
    summary: z.string(),
    proposedAt: z.string(),
  })
  .openapi('Approval');

const idParams = z.object({
  approvalId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'approvalId', in: 'path' } }),
});

export const listApprovalsRoute = createRoute({
  method: 'get',
  path: '/api/approvals',
  tags: ['approvals'],
  summary: 'Proposed writes waiting for an approver',
  security: bearer,
  responses: { 200: json(z.object({ items: z.array(approvalSchema) }), 'The queue'), ...protectedErrors },
});

const decide = (verb: 'approve' | 'reject') =>
  createRoute({
    method: 'post',
    path: `/api/approvals/{approvalId}/${verb}`,
    tags: ['approvals'],
    summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a proposed write, with a note`,
    security: bearer,
    request: {
      params: idParams,
      body: { content: { 'application/json': { schema: noteBody } }, required: true },
    },
    responses: { 200: json(approvalSchema, 'The approval after the decision'), ...protectedErrors },
  });

export const approveRoute = decide('approve');
export const rejectRoute = decide('reject');
