/**
 * The HTTP application: JSON API under /api with its OpenAPI document (/openapi.json, docs at /docs served
 * from local files), and the pages people use under /. Every route passes the same two gates: who is calling
 * (auth.ts) and whether their role may call it (access.ts).
 */
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Clock } from '../../connectors/clock.ts';
import { serverSettings } from '../config/schema.ts';
import type { Runtime } from '../runtime.ts';
import { registerPages } from '../web/pages.tsx';
import { authorize } from './access.ts';
import { registerApprovals } from './approvals.handlers.ts';
import { adminOnly, registerOutbox } from './approvals.outbox.ts';
import { authenticate } from './auth.ts';
import { registerCompanies } from './companies.handlers.ts';
import type { ApiEnv } from './context.ts';
import { inlineScriptsByHash, PAGE_CSP } from './csp.ts';
import { ApiError, errorResponse, onApiError, validationHook } from './errors.ts';
import { registerFindings } from './findings.handlers.ts';
import { registerHealth } from './health.ts';
import { createLimits, type Limits, limitRequests } from './limits.ts';
import { registerMetrics, scrapeToken, timeRequests } from './metrics.ts';
import { registerPeriods } from './periods.handlers.ts';
import { registerReports } from './reports.handlers.ts';
import { companyFor } from './scope.ts';
import { SnapshotCache } from './snapshots.ts';
import { registerUsers } from './users.handlers.ts';
import { procoreWebhooks } from './webhooks.ts';

export interface AppOptions {
  runtime: Runtime;
  /** Where configured secrets are read (the webhook receivers' expected headers); the process's by default. */
  env?: NodeJS.ProcessEnv;
  /** When webhook deliveries count as received (the system's time; tests share a virtual one). */
  clock?: Clock;
  nextRun?: (companyId: string) => Date | null;
  /** The snapshot cache to serve from (a caller that loads snapshots' figures ahead passes its own). */
  cache?: SnapshotCache;
  /** Sign-in delays, request and render limits (made from the config's `server` settings on `clock` if absent). */
  limits?: Limits;
}

export const MAX_BODY_BYTES = 256 * 1024;
const SWAGGER_DIST = fileURLToPath(new URL('../../node_modules/swagger-ui-dist', import.meta.url));

export function createApp(options: AppOptions): OpenAPIHono<ApiEnv> {
  const { runtime } = options;
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const cache = options.cache ?? new SnapshotCache(runtime);
  const limits = options.limits ?? createLimits(serverSettings(runtime.config), options.clock);

  app.use('*', requestId(), async (c, next) => {
    const started = performance.now();
    c.set('runtime', runtime);
    c.set('limits', limits);
    c.set('log', runtime.log.child({ requestId: c.get('requestId') }));
    await next();
    c.get('log').info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: c.get('principal')?.user.id,
      },
      'request',
    );
  });
  app.use('*', timeRequests());
  app.use(
    '*',
    secureHeaders({
      crossOriginEmbedderPolicy: false,
      contentSecurityPolicy: PAGE_CSP,
      // a route that sets its own policy (/docs: the page policy plus its inline script's hash) keeps it
      overwrite: false,
    }),
  );
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      errorResponse(
        c,
        new ApiError(
          'payload_too_large',
          'payload_too_large',
          `the request body is over ${MAX_BODY_BYTES} bytes`,
        ),
      ),
  });
  // Only a request that declares a body is read for one: looking for a body makes @hono/node-server build a
  // full Request, a measurable share of a small GET.
  app.use('*', (c, next) =>
    c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined
      ? limitBody(c, next)
      : next(),
  );
  app.use('/metrics', scrapeToken());
  // A route (declared in src/roles.ts), answered before the session gates: it checks its own header.
  app.post('/webhooks/procore', procoreWebhooks(options.env, options.clock));
  app.use('*', authenticate(), limitRequests(), authorize());
  // Company scoping, once for every company route (API and pages), before any input is read: another
  // company's resource is a 403 whatever the body or query says.
  for (const pattern of [
    '/api/companies/:companyId',
    '/api/companies/:companyId/*',
    '/companies/:companyId/*',
  ]) {
    app.use(pattern, async (c, next) => {
      if (c.get('principal')) companyFor(c, c.req.param('companyId') ?? '');
      await next();
    });
  }

  registerHealth(app, runtime, options.nextRun ?? (() => null));
  registerCompanies(app, cache);
  registerFindings(app);
  registerReports(app, cache, runtime.store);
  registerPeriods(app);
  registerApprovals(app, cache);
  registerUsers(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'tieout',
      version: '1',
      description: 'Reconciliation, job cost and WIP from nightly snapshots.',
    },
  });
  app.get(
    '/vendor/swagger-ui-dist/*',
    serveStatic({
      root: SWAGGER_DIST,
      rewriteRequestPath: (p) => p.replace(/^\/vendor\/swagger-ui-dist/, ''),
    }),
  );
  app.get(
    '/docs',
    inlineScriptsByHash(),
    swaggerUI({ url: '/openapi.json', baseUrl: '/vendor' } as Parameters<typeof swaggerUI>[0]),
  );

  registerPages(app, cache);
  registerOutbox(app, runtime, adminOnly);
  registerMetrics(app);

  app.notFound((c) =>
    errorResponse(
      c,
      new ApiError('not_found', 'not_found', `no route ${c.req.method} ${c.req.path}; see /docs`),
    ),
  );
  app.onError(onApiError);
  return app;
}
