/**
 * GET /metrics: the operator's numbers in Prometheus' text format (src/metrics). Readable by an admin
 * (token or session: an admin route in access.ts), or by a scraper presenting the configured
 * TIEOUT_METRICS_TOKEN as its bearer token (no user; `scrapeToken` answers it before the user gates).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { sameSecret } from '../../connectors/secrets.ts';
import { METRICS_CONTENT_TYPE } from '../metrics/metrics.ts';
import { matchedHandler } from './access.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';

const serve = async (c: Context<ApiEnv>) =>
  c.body(await c.get('runtime').metrics.text(), 200, { 'content-type': METRICS_CONTENT_TYPE });

/**
 * The scraper's way in, mounted before the user gates: a bearer token equal to TIEOUT_METRICS_TOKEN is
 * answered here; anything else goes on to the gates, where /metrics is an admin route (access.ts).
 */
export function scrapeToken(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const expected = c.get('runtime').config.metricsToken;
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (
      c.req.method === 'GET' &&
      expected !== undefined &&
      bearer !== undefined &&
      sameSecret(bearer, expected)
    ) {
      return serve(c);
    }
    return next();
  };
}

export function registerMetrics(app: Hono<ApiEnv>): void {
  app.get('/metrics', (c) => {
    // The numbers span every company: an admin tied to one company does not read the others'.
    const limitedTo = c.get('principal')?.user.companyId ?? null;
    if (limitedTo !== null) {
      throw new ApiError(
        'forbidden',
        'forbidden',
        `metrics cover every company; this admin is limited to ${limitedTo} (use TIEOUT_METRICS_TOKEN for a scraper)`,
      );
    }
    return serve(c);
  });
}

/** Times every request by the route it matched (unmatched ones as "unmatched", so paths cannot explode labels). */
export function timeRequests(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const metrics = c.get('runtime').metrics;
      metrics?.http.observe(
        {
          method: c.req.method,
          route: matchedHandler(c)?.split(' ')[1] ?? 'unmatched',
          status: String(c.res.status),
        },
        (performance.now() - started) / 1000,
      );
    }
  };
}
