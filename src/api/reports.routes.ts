/**
 * Reports from the current snapshot (or a closed period's pinned one): the job cost report per job, WIP,
 * completed contracts, gain/fade, the surety package. JSON by default; CSV, XLSX or PDF by `?format=` or
 * `Accept`, with the matching content type and a file name.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, companyParams, isoDate, protectedErrors } from './schemas.ts';

export const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export const MEDIA = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

const reportQuery = z.object({
  asOf: isoDate.optional().openapi({ description: 'YYYY-MM-DD; default today (UTC)' }),
  format: z.enum(FORMATS).optional().openapi({ description: 'overrides the Accept header' }),
});

const binary = z.string().openapi({ format: 'binary' });
const reportContent = {
  'application/json': { schema: z.record(z.string(), z.unknown()).openapi('ReportJson') },
  'text/csv': { schema: binary },
  [MEDIA.xlsx]: { schema: binary },
  'application/pdf': { schema: binary },
};

export const jobCostRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/jobs/{jobNumber}/job-cost',
  tags: ['reports'],
  summary: 'The live job cost report of one job: cost code × cost type, PM vs ERP, overruns',
  security: bearer,
  request: {
    params: companyParams.extend({
      jobNumber: z
        .string()
        .min(1)
        .openapi({ param: { name: 'jobNumber', in: 'path' } }),
    }),
    query: reportQuery,
  },
  responses: { 200: { description: 'The report', content: reportContent }, ...protectedErrors },
});

export const companyReportRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/reports/{kind}',
  tags: ['reports'],
  summary: 'WIP schedule, completed contracts, gain/fade, bonding capacity or the surety package (PDF)',
  security: bearer,
  request: {
    params: companyParams.extend({
      kind: z
        .enum(['wip', 'completed', 'fade', 'surety', 'bonding'])
        .openapi({ param: { name: 'kind', in: 'path' } }),
    }),
    query: reportQuery,
  },
  responses: { 200: { description: 'The report', content: reportContent }, ...protectedErrors },
});

const lineageParams = companyParams.extend({
  jobNumber: z
    .string()
    .min(1)
    .openapi({ param: { name: 'jobNumber', in: 'path' } }),
  column: z
    .string()
    .min(1)
    .openapi({ param: { name: 'column', in: 'path' }, description: "a column key of the report's JSON" }),
});
const lineageContent = {
  'application/json': { schema: z.record(z.string(), z.unknown()).openapi('Lineage') },
};
const lineageQuery = z.object({
  asOf: isoDate.optional().openapi({ description: 'YYYY-MM-DD; default today (UTC)' }),
});

export const wipLinesRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/reports/wip/jobs/{jobNumber}/columns/{column}/lines',
  tags: ['reports'],
  summary:
    'The documents behind one WIP figure (job × column), both sides, from the snapshot the WIP is computed from; their total beside the figure',
  security: bearer,
  request: { params: lineageParams, query: lineageQuery },
  responses: { 200: { description: 'The lineage', content: lineageContent }, ...protectedErrors },
});

export const jobCostLinesRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/jobs/{jobNumber}/job-cost/columns/{column}/lines',
  tags: ['reports'],
  summary: "The documents behind one job cost report total (a column of the job's report), both sides",
  security: bearer,
  request: { params: lineageParams, query: lineageQuery },
  responses: { 200: { description: 'The lineage', content: lineageContent }, ...protectedErrors },
});
