/**
 * The writes tieout may make into Procore, each an upsert through a documented `/sync` action
 * (official-docs/tutorials/using_sync_actions.md: HTTP 200 with `entities`/`errors`, at most 1,000 items,
 * matched by `id` or `origin_id`):
 * - `procore.link`: set `origin_id` (and `origin_code`) on an existing project, vendor or commitment, so the
 *   ERP record and the Procore record are known to be the same (`{id, origin_id}` is the only way to update
 *   an origin_id);
 * - `procore.direct_cost.create`: push ERP job cost into Procore as a direct cost with its line items; the
 *   proposal's idempotency key is the direct cost's `origin_id`, so a retry updates instead of duplicating.
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
        line_items: z
          .array(
            z
              .object({
                cost_code_id: id,
                line_item_type_id: id,
                amount,
                description: z.string().max(255).optional(),
              })
              .strict(),
          )
          .min(1, 'a direct cost has at least one line item'),
      })
      .strict(),
  })
  .strict();

export const PROCORE_WRITE_OPERATIONS = {
  'procore.link': procoreLinkPayload,
  'procore.direct_cost.create': procoreDirectCostPayload,
} as const;

export type ProcoreWriteOperation = keyof typeof PROCORE_WRITE_OPERATIONS;
export type ProcoreLinkPayload = z.infer<typeof procoreLinkPayload>;
export type ProcoreDirectCostPayload = z.infer<typeof procoreDirectCostPayload>;

/** The most items one `/sync` call may carry. */
export const SYNC_MAX_ITEMS = 1000;
