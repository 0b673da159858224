/**
 * zod schemas for the Procore payloads tieout reads (openapi-derived/FIELDS-key-endpoints.md, the
 * tutorials and examples). Objects are loose: unknown extra fields are accepted and kept in the raw JSON.
 * Money fields are left as received (string of any scale, number, or formatted text) and go through the one
 * money parser in map/money.ts, so a bad amount is quarantined naming the field and value.
 */
import { z } from 'zod';

export const procoreId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a Procore id (digits)')])
  .transform(String);
const optId = procoreId.nullish();
const text = z.string().nullish();
const money = z.unknown().optional();
/** Procore dates: `YYYY-MM-DD` or an ISO instant; the calendar day is kept. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date YYYY-MM-DD')
  .transform((s) => s.slice(0, 10))
  .nullish();
const ref = z.looseObject({ id: procoreId }).nullish();
const costCodeRef = z
  .looseObject({ id: optId, code: text, full_code: text, name: text, origin_id: text })
  .nullish();
const lineItemTypeRef = z.looseObject({ id: optId, code: text, name: text, base_type: text }).nullish();
const wbsRef = z.looseObject({ id: optId, flat_code: text, description: text }).nullish();

export const projectPayload = z.looseObject({
  id: procoreId,
  name: z.string(),
  project_number: text,
  display_name: text,
  origin_id: text,
  active: z.boolean().nullish(),
  start_date: day,
  completion_date: day,
  project_stage: z.looseObject({ name: text }).nullish(),
  stage_name: text,
  updated_at: text,
});

export const vendorPayload = z.looseObject({
  id: procoreId,
  name: z.string(),
  origin_id: text,
  origin_code: text,
  is_active: z.boolean().nullish(),
});

export const lineItemTypePayload = z.looseObject({ id: procoreId, code: text, name: text, base_type: text });

export const standardCostCodeListPayload = z.looseObject({ id: procoreId, name: text });

export const costCodePayload = z.looseObject({
  id: procoreId,
  code: text,
  full_code: text,
  name: text,
  origin_id: text,
  biller_type: text,
  deleted_at: text,
});

export const budgetViewPayload = z.looseObject({ id: procoreId, name: text });

/** A budget view detail row; its dynamic columns (named after the view's columns) arrive as extra keys. */
export const budgetDetailRowPayload = z.looseObject({
  id: z.union([procoreId, z.string()]),
  cost_code_id: optId,
  cost_code: text,
  category_id: optId,
  category: text,
  original_budget_amount: money,
  budget_modifications: money,
  budget_forecast: z.looseObject({ amount: money }).nullish(),
});

export const primeContractPayload = z.looseObject({
  id: procoreId,
  number: text,
  title: text,
  status: text,
  origin_id: text,
  grand_total: money,
  line_items_total: money,
  execution_date: day,
  deleted_at: text,
});

export const changeOrderPayload = z.looseObject({
  id: procoreId,
  number: text,
  title: text,
  status: text,
  contract_id: optId,
  origin_id: text,
  grand_total: money,
  reviewed_at: day,
  approved_date: day,
  deleted_at: text,
  updated_at: text,
});

/** v2 change order line items (prime and commitment), inside the `data` envelope. */
export const changeOrderLinePayload = z.looseObject({
  id: procoreId,
  amount: money,
  wbs_code: wbsRef,
  cost_code: costCodeRef,
  line_item_type: lineItemTypeRef,
});

export const commitmentPayload = z.looseObject({
  id: procoreId,
  number: text,
  title: text,
  status: text,
  origin_id: text,
  vendor: ref,
  grand_total: money,
  approved_change_orders: money,
  revised_contract: money,
  retainage_percent: z.union([z.string(), z.number()]).nullish(),
  execution_date: day,
  deleted_at: text,
  updated_at: text,
});

export const contractLinePayload = z.looseObject({
  id: procoreId,
  amount: money,
  cost_code: costCodeRef,
  line_item_type: lineItemTypeRef,
  wbs_code: wbsRef,
});

export const requisitionItemPayload = z.looseObject({
  id: procoreId,
  cost_code_id: optId,
  line_item_id: optId,
  work_completed_this_period: money,
  materials_presently_stored: money,
  materials_presently_stored_from_previous_progress: money,
  work_completed_retainage_retained_this_period: money,
  materials_stored_retainage_currently_retained: money,
  materials_stored_retainage_from_previous_application: money,
  work_completed_retainage_released_this_period: money,
  materials_stored_retainage_released_this_period: money,
});

/** G702 totals: `summary` on the v1.1 list, `g702` on v1.0 responses; both are accepted. */
const g702 = z
  .looseObject({
    total_completed_and_stored_to_date: money,
    total_retainage: money,
    current_payment_due: money,
    completed_work_retainage_amount: money,
    stored_materials_retainage_amount: money,
  })
  .nullish();

export const requisitionPayload = z.looseObject({
  id: procoreId,
  previous_requisition_id: optId,
  commitment_id: optId,
  vendor_id: optId,
  invoice_number: z.union([z.string(), z.number()]).nullish(),
  number: z.union([z.number(), z.string()]).nullish(),
  origin_id: text,
  billing_date: day,
  requisition_end: day,
  payment_date: day,
  status: text,
  summary: g702,
  g702,
  items: z.array(z.unknown()).nullish(),
  deleted_at: text,
});

/**
 * Owner invoices (payment applications). The REST list documents the cumulative `g702` totals; the ERP
 * integration's payment application carries `summary` and its line `items` (retainage retained and released
 * this period, as on the documented payment application line items). Both are accepted.
 */
export const paymentApplicationPayload = z.looseObject({
  id: procoreId,
  invoice_number: z.union([z.string(), z.number()]).nullish(),
  number: z.union([z.number(), z.string()]).nullish(),
  origin_id: text,
  period_end: day,
  billing_date: day,
  status: text,
  total_amount_accrued_this_period: money,
  total_amount_paid: money,
  g702,
  summary: g702,
  items: z.array(z.unknown()).nullish(),
});

export const paymentApplicationItemPayload = z.looseObject({
  id: procoreId.nullish(),
  work_completed_retainage_retained_this_period: money,
  materials_stored_retainage_retained_this_period: money,
  work_completed_retainage_released_this_period: money,
  materials_stored_retainage_released_this_period: money,
});

export const directCostPayload = z.looseObject({
  id: procoreId,
  status: text,
  direct_cost_type: text,
  direct_cost_date: day,
  invoice_number: text,
  vendor_id: optId,
  description: text,
  deleted_at: text,
});

export const directCostLinePayload = z.looseObject({
  id: procoreId,
  amount: money,
  description: text,
  holder: z.looseObject({ id: procoreId, holder_type: text }).nullish(),
  direct_cost_id: optId,
  cost_code: costCodeRef,
  line_item_type: lineItemTypeRef,
  deleted_at: text,
});

export type ProjectPayload = z.infer<typeof projectPayload>;
export type CostCodeRef = z.infer<typeof costCodeRef>;
export type LineItemTypeRef = z.infer<typeof lineItemTypeRef>;
export type WbsRef = z.infer<typeof wbsRef>;

/** v2 budget change adjustment line items (inside `data`); each carries its budget change's header fields. */
export const adjustmentLinePayload = z.looseObject({
  id: procoreId,
  amount: money,
  description: text,
  type: text,
  wbs_code: wbsRef,
  budget_change_id: procoreId,
  budget_change_number: z.union([z.string(), z.number()]).nullish(),
  budget_change_status: text,
  budget_change_name: text,
});
