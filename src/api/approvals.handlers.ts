/** Approvals handlers: an empty queue until the approval engine plugs its store functions in here. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { approveRoute, listApprovalsRoute, rejectRoute } from './approvals.routes.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';

export function registerApprovals(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listApprovalsRoute, (c) => c.json({ items: [] }, 200));
  for (const route of [approveRoute, rejectRoute]) {
    app.openapi(route, (c) => {
      throw new ApiError(
        'not_found',
        'approval_not_found',
        `no approval "${c.req.valid('param').approvalId}" waits`,
      );
    });
  }
}
