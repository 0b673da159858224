/** GET /api/health: version, and per company its last run and current snapshot. Public (no token). */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Runtime } from '../runtime.ts';
import { currentSnapshot, lastRun } from '../store/runs.ts';
import { TIEOUT_VERSION } from '../version.ts';

const companyHealth = z
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
    currentSnapshot: z.object({ id: z.string(), takenAt: z.string(), path: z.string() }).nullable(),
    nextRun: z.string().nullable(),
  })
  .openapi('CompanyHealth');

export const healthSchema = z
  .object({ status: z.literal('ok'), version: z.string(), companies: z.array(companyHealth) })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['health'],
  summary: 'Version, and per company the last run and the current snapshot',
  responses: {
    200: { description: 'Service health', content: { 'application/json': { schema: healthSchema } } },
  },
});

export function registerHealth(
  app: OpenAPIHono,
  runtime: Runtime,
  nextRun: (companyId: string) => Date | null,
) {
  app.openapi(route, (c) => {
    const companies = runtime.config.companies.map((company) => {
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
              error: run.error,
              failedSide: run.failedSide,
            }
          : null,
        currentSnapshot: snap ? { id: snap.id, takenAt: snap.takenAt, path: snap.path } : null,
        nextRun: nextRun(company.id)?.toISOString() ?? null,
      };
    });
    return c.json({ status: 'ok' as const, version: TIEOUT_VERSION, companies }, 200);
  });
}
