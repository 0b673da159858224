/** WIP periods (close / reopen) and the controller's WIP overrides of a period. */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, companyParams, json, period, protectedErrors } from './schemas.ts';

const periodParams = companyParams.extend({
  period: period.openapi({ param: { name: 'period', in: 'path' }, example: '2026-10' }),
});

export const closedPeriodSchema = z
  .object({
    period: z.string(),
    asOf: z.string(),
    snapshotId: z.string(),
    resultSha256: z.string(),
    closedBy: z.string(),
    closedAt: z.string(),
    /** The audit chain head (SEQ:HASH) the close recorded: `tieout audit verify --head` checks the log against it. */
    auditHead: z.string().nullable(),
  })
  .openapi('ClosedPeriod');

const money = z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'a decimal amount such as 1250000.00');

export const overrideSchema = z
  .object({
    jobNumber: z.string(),
    period: z.string(),
    estimatedTotalCost: z.string().nullable().optional(),
    contractAmount: z.string().nullable().optional(),
    uninstalledMaterials: z.string().nullable().optional(),
    note: z.string(),
  })
  .openapi('WipOverride');

export const listPeriodsRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/periods',
  tags: ['periods'],
  summary: 'Closed WIP periods, newest first',
  security: bearer,
  request: { params: companyParams },
  responses: {
    200: json(z.object({ items: z.array(closedPeriodSchema) }), 'Closed periods'),
    ...protectedErrors,
  },
});

export const closePeriodRoute = createRoute({
  method: 'post',
  path: '/api/companies/{companyId}/periods/{period}/close',
  tags: ['periods'],
  summary: 'Close a period: freeze its WIP and pin the snapshot it came from',
  security: bearer,
  request: { params: periodParams },
  responses: { 200: json(closedPeriodSchema, 'The closed period'), ...protectedErrors },
});

export const reopenPeriodRoute = createRoute({
  method: 'post',
  path: '/api/companies/{companyId}/periods/{period}/reopen',
  tags: ['periods'],
  summary: 'Reopen a closed period (admin, with a reason; audited)',
  security: bearer,
  request: {
    params: periodParams,
    body: {
      content: { 'application/json': { schema: z.object({ reason: z.string().trim().min(1).max(2000) }) } },
      required: true,
    },
  },
  responses: {
    200: json(z.object({ period: z.string(), reopenedAt: z.string() }), 'Reopened'),
    ...protectedErrors,
  },
});

export const listOverridesRoute = createRoute({
  method: 'get',
  path: '/api/companies/{companyId}/periods/{period}/overrides',
  tags: ['periods'],
  summary: 'The WIP overrides in force for a period',
  security: bearer,
  request: { params: periodParams },
  responses: { 200: json(z.object({ items: z.array(overrideSchema) }), 'Overrides'), ...protectedErrors },
});

export const addOverrideRoute = createRoute({
  method: 'post',
  path: '/api/companies/{companyId}/periods/{period}/overrides',
  tags: ['periods'],
  summary: "Adjust one job's WIP for a period (estimate, contract, uninstalled materials) with a note",
  security: bearer,
  request: {
    params: periodParams,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            jobNumber: z.string().min(1),
            estimatedTotalCost: money.optional(),
            contractAmount: money.optional(),
            uninstalledMaterials: money.optional(),
            note: z.string().trim().min(1).max(2000),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 201: json(overrideSchema, 'The override'), ...protectedErrors },
});
