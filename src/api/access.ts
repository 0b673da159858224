/**
 * The authorisation table: every route of the app, API and pages alike, with the roles allowed to call it.
 * A route missing here is refused for everyone (and test/api/access-table.test.ts fails), so adding a route
 * forces a decision. Company and job scoping (a user tied to one company, a pm's own jobs) is applied by
 * the handlers on top of this table.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Role } from '../store/users.ts';
import type { ApiEnv } from './context.ts';
import { ApiError, errorResponse, isPage } from './errors.ts';

export type Decision = 'public' | readonly Role[];

const ANYONE: readonly Role[] = ['viewer', 'pm', 'approver', 'admin'];
const COMPANY_READERS: readonly Role[] = ['viewer', 'approver', 'admin'];
const APPROVERS: readonly Role[] = ['approver', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const C = '/api/companies/:companyId';

export const ACCESS: Record<string, Decision> = {
  'GET /api/health': 'public',
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'GET /vendor/swagger-ui-dist/*': 'public',
  'GET /static/*': 'public',
  'GET /api/me': ANYONE,
  'GET /api/companies': ANYONE,
  [`GET ${C}`]: ANYONE,
  [`GET ${C}/runs`]: COMPANY_READERS,
  [`GET ${C}/snapshots`]: COMPANY_READERS,
  [`POST ${C}/snapshots`]: ADMIN,
  [`GET ${C}/jobs`]: ANYONE,
  [`GET ${C}/jobs/:jobNumber/job-cost`]: ANYONE,
  [`GET ${C}/findings`]: ANYONE,
  [`GET ${C}/findings/:key`]: ANYONE,
  [`POST ${C}/findings/:key/acknowledge`]: ['pm', 'approver', 'admin'],
  [`POST ${C}/findings/:key/ignore`]: APPROVERS,
  [`GET ${C}/reports/:kind`]: COMPANY_READERS,
  [`GET ${C}/periods`]: COMPANY_READERS,
  [`POST ${C}/periods/:period/close`]: APPROVERS,
  [`POST ${C}/periods/:period/reopen`]: ADMIN,
  [`GET ${C}/periods/:period/overrides`]: COMPANY_READERS,
  [`POST ${C}/periods/:period/overrides`]: APPROVERS,
  // Approvals: the engine narrows further (only approvers decide, never their own proposal; a pm sees and
  // proposes on their jobs).
  'GET /api/approvals': ANYONE,
  'GET /api/approvals/:approvalId': ANYONE,
  'POST /api/approvals': ['pm', 'approver', 'admin'],
  'POST /api/approvals/:approvalId/approve': APPROVERS,
  'POST /api/approvals/:approvalId/reject': APPROVERS,
  'POST /api/approvals/bulk-approve': APPROVERS,
  'POST /api/approvals/:approvalId/execute': APPROVERS,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/:userId/tokens': ADMIN,
  'POST /api/users/:userId/tokens': ADMIN,
  'POST /api/users/:userId/jobs': ADMIN,
  'DELETE /api/tokens/:tokenId': ADMIN,
  // Pages
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': ANYONE,
  'GET /': ANYONE,
  'GET /companies/:companyId/jobs': ANYONE,
  'GET /companies/:companyId/jobs/:jobNumber': ANYONE,
  'GET /companies/:companyId/findings': ANYONE,
  'GET /companies/:companyId/findings/:key': ANYONE,
  'POST /companies/:companyId/findings/:key/acknowledge': ['pm', 'approver', 'admin'],
  'POST /companies/:companyId/findings/:key/ignore': APPROVERS,
  'GET /companies/:companyId/wip': COMPANY_READERS,
  'POST /companies/:companyId/wip/close': APPROVERS,
  'GET /approvals': APPROVERS,
  'GET /approvals/:approvalId': APPROVERS,
  'POST /approvals/bulk-approve': APPROVERS,
  'POST /approvals/:approvalId/approve': APPROVERS,
  'POST /approvals/:approvalId/reject': APPROVERS,
  'POST /approvals/:approvalId/execute': APPROVERS,
  'GET /outbox': ADMIN,
  'GET /outbox/:file': ADMIN,
  // Admins; the scraper's TIEOUT_METRICS_TOKEN (no user) is answered before the gates (src/api/metrics.ts).
  'GET /metrics': ADMIN,
};

/** The handler route (not a middleware) the request matched, as registered: `GET /api/companies/:companyId`. */
export function matchedHandler(c: Context): string | null {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const route = matchedRoutes(c)
    .filter((r) => r.method === method)
    .at(-1);
  return route ? `${method} ${route.path}` : null;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authorize(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const key = matchedHandler(c);
    if (key === null) return next(); // no route: the 404 handler answers
    const decision = ACCESS[key];
    if (decision === undefined) {
      c.get('log').error({ route: key }, 'route has no authorisation decision; refused');
      return errorResponse(
        c,
        new ApiError('forbidden', 'no_authorisation_decision', `${key} has no authorisation decision`),
      );
    }
    if (decision === 'public') return next();
    const principal = c.get('principal');
    if (!principal) {
      if (isPage(c.req.path) && SAFE.has(c.req.method)) {
        return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      }
      return errorResponse(
        c,
        new ApiError(
          'unauthorized',
          'unauthorized',
          'sign in: send "Authorization: Bearer <token>" (tieout users add prints one)',
        ),
      );
    }
    if (!decision.includes(principal.user.role)) {
      return errorResponse(
        c,
        new ApiError(
          'forbidden',
          'forbidden',
          `the ${principal.user.role} role cannot do this; ask an admin`,
        ),
      );
    }
    if (principal.via === 'session' && !SAFE.has(c.req.method)) {
      const sent = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
      if (!sent || sent !== principal.csrfToken) {
        return errorResponse(
          c,
          new ApiError(
            'forbidden',
            'csrf',
            'the form expired or did not come from tieout; reload the page and try again',
          ),
        );
      }
    }
    return next();
  };
}

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('form')) return undefined;
  const body = await c.req.parseBody();
  const v = body[name];
  return typeof v === 'string' ? v : undefined;
}
