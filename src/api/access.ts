/**
 * The gate every route passes: the action src/roles.ts names for the matched route, asked of the caller's role.
 * A route missing there is refused for everyone (and test/security/roles-coverage.test.ts fails), so adding a
 * route forces a decision. Company and job scoping is applied by the handlers and verbs on top.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { ACTIONS, can, peopleFor, ROUTE_ACTIONS } from '../roles.ts';
import type { Role } from '../store/users.ts';
import type { ApiEnv } from './context.ts';
import { ApiError, errorResponse, isPage } from './errors.ts';

export type Decision = 'public' | readonly Role[];

/** The route table as roles, derived from src/roles.ts (the one place that decides). */
export const ACCESS: Record<string, Decision> = Object.fromEntries(
  Object.entries(ROUTE_ACTIONS).map(([route, action]) => [route, peopleFor(action)]),
);

/** The handler route (not a middleware) the request matched, as registered: `GET /api/companies/:companyId`. */
export function matchedHandler(c: Context): string | null {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const route = matchedRoutes(c)
    .filter((r) => r.method === method)
    .at(-1);
  return route ? `${method} ${route.path}` : null;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Compares secrets in constant time (no early exit an attacker could time). */
function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function authorize(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const key = matchedHandler(c);
    if (key === null) return next(); // no route: the 404 handler answers
    const action = ROUTE_ACTIONS[key];
    if (action === undefined) {
      c.get('log').error({ route: key }, 'route has no authorisation decision; refused');
      return errorResponse(
        c,
        new ApiError('forbidden', 'no_authorisation_decision', `${key} has no authorisation decision`),
      );
    }
    if (ACTIONS[action].who === 'public') return next();
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
    if (!can(principal.user.role, action)) {
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
      if (!sent || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
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
