/** Companies, their runs and snapshots, their jobs, and the caller (`/api/me`). */
import { createRoute, z } from '@hono/zod-openapi';
import { pageQuery } from './paging.ts';
import { bearer, companyParams, json, protectedErrors } from './schemas.ts';

export const companySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    currentSnapshot: z.object({ id: z.string(), takenAt: z.string() }).nullable(),
    lastRun: z
      .object({
        id: z.string(),
        status: z.string(),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('Company');

const runSchema = z
  .object({
    id: z.string(),
    status: z.string(),
    trigger: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    errorCode: z.string().nullable(),
    error: z.string().nullable(),
    failedSide: z.string().nullable(),
    snapshotId: z.string().nullable(),
    /**
     * What the run says about its sources: each side's data age, expected tables a side did not deliver, checks
     * skipped because a side does not export a table they need.
     */
    notes: z.array(z.string()),
  })
  .openapi('Run');

const snapshotSchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    takenAt: z.string(),
    sizeBytes: z.number(),
    pinnedReason: z.string().nullable(),
  })
  .openapi('Snapshot');

const jobSchema = z
  .object({
    jobId: z.string(),
    number: z.string(),
    name: z.string(),
    status: z.string().nullable(),
    pmJobId: z.string().nullable(),
  })
  .openapi('Job');

const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['users'],
  summary: 'The caller: email, role and company',
  security: bearer,
  responses: {
    200: json(
      z.object({ id: z.string(), email: z.string(), role: z.string(), companyId: z.string().nullable() }),
      'The caller',
    ),
    401: protectedErrors[401],
  },
});

export const listCompaniesRoute = createRoute({
  method: 'get',
  path: '/api/companies',
  tags: ['companies'],
  summary: 'Companies the caller may see, with their current snapshot and last run',
  security: bearer,
  responses: {
    200: json(z.object({ items: z.array(companySchema) }), 'Companies'),
    401: protectedErrors[401],
  },
});

export const getCompanyRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}',
  tags: ['companies'],
  summary: 'One company',
  security: bearer,
  request: { params: companyParams },
  responses: { 200: json(companySchema, 'The company'), ...protectedErrors },
});

export const listRunsRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/runs',
  tags: ['runs'],
  summary: 'Snapshot runs, newest first',
  security: bearer,
  request: { params: companyParams, query: pageQuery },
  responses: { 200: json(page(runSchema, 'RunPage'), 'Runs'), ...protectedErrors },
});

export const listSnapshotsRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/snapshots',
  tags: ['runs'],
  summary: 'Published snapshots, newest first',
  security: bearer,
  request: { params: companyParams, query: pageQuery },
  responses: { 200: json(page(snapshotSchema, 'SnapshotPage'), 'Snapshots'), ...protectedErrors },
});

export const triggerSnapshotRoute = createRoute({
  method: 'post',
  path: '/api/companies/{companyId}/snapshots',
  tags: ['runs'],
  summary: 'Take a snapshot now (admin); follow it in the runs list',
  security: bearer,
  request: { params: companyParams },
  responses: { 202: json(z.object({ status: z.literal('started') }), 'The run started'), ...protectedErrors },
});

export const listJobsRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/jobs',
  tags: ['jobs'],
  summary: 'Jobs in the current snapshot (a pm sees their own)',
  security: bearer,
  request: { params: companyParams, query: pageQuery },
  responses: { 200: json(page(jobSchema, 'JobPage'), 'Jobs'), ...protectedErrors },
});
