/**
 * GET /api/health (public): up, and the version — nothing about companies, runs or files, so a monitor can
 * poll it without a token and a stranger learns nothing. GET /api/status (signed in): per company the caller
 * may see, its last run, current snapshot and next run. A failed run's error is shown only to roles that read
 * the company's books (it can name a database host or a login); snapshot files are named by id, never by path.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../roles.ts';
import type { Runtime } from '../runtime.ts';
import { currentSnapshot, lastRun } from '../store/runs.ts';
import { TIEOUT_VERSION } from '../version.ts';
import type { ApiEnv } from './context.ts';
import { bearer, json, protectedErrors } from './schemas.ts';
import { principal, visibleCompanies } from './scope.ts';

const companyStatus = z
  .object({
    id: z.string(),
    name: z.string(),
    lastRun: z
      .object({
        id: z.string(),
        status: z.enum(['running', 'succeeded', 'failed']),
        trigger: z.string(),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        error: z.string().nullable(),
        failedSide: z.string().nullable(),
      })
      .nullable(),
    currentSnapshot: z.object({ id: z.string(), takenAt: z.string() }).nullable(),
    nextRun: z.string().nullable(),
  })
  .openapi('CompanyStatus');

export const healthSchema = z.object({ status: z.literal('ok'), version: z.string() }).openapi('Health');
export const statusSchema = z
  .object({ status: z.literal('ok'), version: z.string(), companies: z.array(companyStatus) })
  .openapi('Status');

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['health'],
  summary: 'Whether tieout is up, and its version (public)',
  responses: {
    200: { description: 'Service health', content: { 'application/json': { schema: healthSchema } } },
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/api/status',
  tags: ['health'],
  summary: 'Per company the caller may see: the last run, the current snapshot and the next run',
  security: bearer,
  responses: { 200: json(statusSchema, 'Runs and snapshots'), ...protectedErrors },
});

export function registerHealth(
  app: OpenAPIHono<ApiEnv>,
  runtime: Runtime,
  nextRun: (companyId: string) => Date | null,
) {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const, version: TIEOUT_VERSION }, 200));

  app.openapi(statusRoute, (c) => {
    const showErrors = can(principal(c).user.role, 'company.books.read');
    const companies = visibleCompanies(c).map((company) => {
      const run = lastRun(runtime.store.db, company.id);
      const snap = currentSnapshot(runtime.store.db, company.id);
      return {
        id: company.id,
        name: company.name,
        lastRun: run
          ? {
              id: run.id,
              status: run.status,
              trigger: run.trigger,
              startedAt: run.startedAt,
              finishedAt: run.finishedAt,
              error: showErrors ? run.error : run.error ? 'the run failed; an admin can see why' : null,
              failedSide: run.failedSide,
            }
          : null,
        currentSnapshot: snap ? { id: snap.id, takenAt: snap.takenAt } : null,
        nextRun: nextRun(company.id)?.toISOString() ?? null,
      };
    });
    return c.json({ status: 'ok' as const, version: TIEOUT_VERSION, companies }, 200);
  });
}
