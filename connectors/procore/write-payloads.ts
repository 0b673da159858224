/**
 * The writes tieout may make into Procore, each an upsert through a documented `/sync` action
 * (official-docs/tutorials/using_sync_actions.md: HTTP 200 with `entities`/`errors`, at most 1,000 items,
 * matched by `id` or `origin_id`):
 * - `procore.link`: set `origin_id` (and `origin_code`) on an existing project, vendor or commitment, so the
 *   ERP record and the Procore record are known to be the same (`{id, origin_id}` is the only way to update
 *   an origin_id);
 * - `procore.direct_cost.create`: push ERP job cost into Procore as a direct cost with its line items; the
 *   proposal's idempotency key is the direct cost's `origin_id`, so a retry updates instead of duplicating;
 * - `procore.cost_code.create`: add a cost code the books use to a Procore project (origin_id = the key).
 */
import { z } from 'zod';

const id = z.string().regex(/^\d+$/, 'a Procore id is digits');
const amount = z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'an amount is a decimal string, e.g. "1250.00"');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

export const LINKABLE_RESOURCES = [
  'projects',
  'vendors',
  'work_order_contracts',
  'purchase_order_contracts',
] as const;

export const procoreLinkPayload = z
  .object({
    resource: z.enum(LINKABLE_RESOURCES),
    id,
    /** Required for commitments (their sync is per project). */
    projectId: id.optional(),
    origin_id: z.string().min(1).max(255),
    origin_code: z.string().min(1).max(255).optional(),
  })
  .strict()
  .refine(
    (p) =>
      p.projectId !== undefined ||
      (p.resource !== 'work_order_contracts' && p.resource !== 'purchase_order_contracts'),
    {
      message: 'a commitment link names its projectId',
      path: ['projectId'],
    },
  );

/**
 * A direct cost line names its cost code and line item type either by Procore id or by code (`cost_code`
 * as Procore shows it, e.g. "03-300"; `line_item_type` code, e.g. "M"). Codes are what a finding knows; the
 * writer resolves them against the project's cost codes and the company's line item types just before
 * writing, and refuses (permanently, with the reason) a code that matches none or several.
 */
const directCostLine = z
  .object({
    cost_code_id: id.optional(),
    cost_code: z.string().min(1).max(100).optional(),
    line_item_type_id: id.optional(),
    line_item_type: z.string().min(1).max(100).optional(),
    amount,
    description: z.string().max(255).optional(),
  })
  .strict()
  .refine((l) => (l.cost_code_id === undefined) !== (l.cost_code === undefined), {
    message: 'name the cost code by cost_code_id or by cost_code, not both',
    path: ['cost_code'],
  })
  .refine((l) => (l.line_item_type_id === undefined) !== (l.line_item_type === undefined), {
    message: 'name the cost type by line_item_type_id or by line_item_type, not both',
    path: ['line_item_type'],
  });

export const procoreDirectCostPayload = z
  .object({
    projectId: id,
    direct_cost: z
      .object({
        direct_cost_type: z.enum(['invoice', 'expense', 'payroll']),
        direct_cost_date: date,
        description: z.string().min(1).max(255),
        status: z.enum(['draft', 'pending', 'revise_and_resubmit', 'approved']).default('approved'),
        vendor_id: id.optional(),
        invoice_number: z.string().min(1).optional(),
        line_items: z.array(directCostLine).min(1, 'a direct cost has at least one line item'),
      })
      .strict(),
  })
  .strict();

/**
 * `procore.cost_code.create`: add a cost code to a project through `PATCH /rest/v1.0/cost_codes/sync`
 * (openapi-derived/endpoint-details/RestV10CostCodesSyncPatch.json). Procore stores a code without its parent
 * prefix plus `parent_id`: "03-300" is code "300" under the project's "03"; the writer finds the parent.
 */
export const procoreCostCodePayload = z
  .object({
    projectId: id,
    full_code: z
      .string()
      .regex(/^[A-Za-z0-9]+([-.][A-Za-z0-9]+)*$/, 'a cost code such as "03-300" or "3300"'),
    name: z.string().min(1).max(255),
  })
  .strict();

export const PROCORE_WRITE_OPERATIONS = {
  'procore.link': procoreLinkPayload,
  'procore.direct_cost.create': procoreDirectCostPayload,
  'procore.cost_code.create': procoreCostCodePayload,
} as const;

export type ProcoreWriteOperation = keyof typeof PROCORE_WRITE_OPERATIONS;
export type ProcoreLinkPayload = z.infer<typeof procoreLinkPayload>;
export type ProcoreDirectCostPayload = z.infer<typeof procoreDirectCostPayload>;
export type ProcoreCostCodePayload = z.infer<typeof procoreCostCodePayload>;

/** Cost codes compare as the reconciliation compares them: lower case, punctuation and leading zeros dropped. */
export function normCode(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/(^|[a-z])0+([0-9])/g, '$1$2');
}

/** The most items one `/sync` call may carry. */
export const SYNC_MAX_ITEMS = 1000;
