/** Findings: list with filters, one finding with the documents on both sides, acknowledge / ignore. */
import { createRoute, z } from '@hono/zod-openapi';
import { pageQuery } from './paging.ts';
import { bearer, companyParams, json, noteBody, protectedErrors } from './schemas.ts';

const STATUSES = ['open', 'acknowledged', 'ignored', 'resolved'] as const;

const documentSchema = z.record(z.string(), z.string().nullable().optional()).openapi('SourceDocument');

export const findingSchema = z
  .object({
    key: z.string(),
    check: z.string(),
    severity: z.string(),
    status: z.enum(STATUSES),
    drift: z.string(),
    firstSeenAt: z.string(),
    note: z.string().nullable(),
    actedBy: z.string().nullable(),
    jobNumber: z.string().nullable(),
    costCode: z.string().nullable(),
    costType: z.string().nullable(),
    document: z.string().nullable(),
    vendor: z.string().nullable(),
    pmAmount: z.string().nullable().openapi({ description: 'decimal string' }),
    erpAmount: z.string().nullable(),
    difference: z.string().nullable().openapi({ description: 'pm − erp, decimal string' }),
    message: z.string(),
    snapshotId: z.string(),
    takenAt: z.string(),
  })
  .openapi('Finding');

export const findingDetailSchema = findingSchema
  .extend({
    documents: z.object({ pm: z.array(documentSchema), erp: z.array(documentSchema) }),
    facts: z.record(z.string(), z.unknown()),
  })
  .openapi('FindingDetail');

const keyParams = companyParams.extend({
  key: z
    .string()
    .min(1)
    .openapi({ param: { name: 'key', in: 'path' } }),
});

export const listFindingsRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/findings',
  tags: ['findings'],
  summary: 'Findings still needing attention by default; filter by check, status, job',
  security: bearer,
  request: {
    params: companyParams,
    query: pageQuery.extend({
      check: z.string().optional(),
      status: z
        .string()
        .regex(
          /^(open|acknowledged|ignored|resolved)(,(open|acknowledged|ignored|resolved))*$/,
          'comma-separated statuses: open, acknowledged, ignored, resolved',
        )
        .optional(),
      job: z.string().optional().openapi({ description: 'job number' }),
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(findingSchema), nextCursor: z.string().nullable() }).openapi('FindingPage'),
      'Findings',
    ),
    ...protectedErrors,
  },
});

export const getFindingRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/findings/{key}',
  tags: ['findings'],
  summary: 'One finding with its source documents on both sides',
  security: bearer,
  request: { params: keyParams },
  responses: { 200: json(findingDetailSchema, 'The finding'), ...protectedErrors },
});

const actRoute = (verb: 'acknowledge' | 'ignore', summary: string) =>
  createRoute({
    method: 'post',
    path: `/api/companies/{companyId}/findings/{key}/${verb}`,
    tags: ['findings'],
    summary,
    security: bearer,
    request: {
      params: keyParams,
      body: { content: { 'application/json': { schema: noteBody } }, required: true },
    },
    responses: { 200: json(findingSchema, 'The finding after the action'), ...protectedErrors },
  });

export const acknowledgeRoute = actRoute('acknowledge', 'Acknowledge with a note: someone is on it');
export const ignoreRoute = actRoute('ignore', 'Ignore with a reason: quiet until the amount changes');
