/** The sandbox's records: collections of Procore-shaped items, each with updated/deleted instants. */
export interface SandboxRecord {
  /** The collection it belongs to, e.g. "work_order_contracts:562949953421312". */
  key: string;
  id: string;
  updatedAt: string;
  deletedAt: string | null;
  body: Record<string, unknown>;
}

export class SandboxData {
  readonly collections = new Map<string, SandboxRecord[]>();
  readonly warnings: string[] = [];
  /** Told of every change made after seeding (edits, deletions, records created through /sync). */
  readonly listeners: ((rec: SandboxRecord, change: 'create' | 'update' | 'delete') => void)[] = [];

  constructor(
    readonly companyId: string,
    readonly companyName: string,
  ) {}

  add(key: string, id: string, body: Record<string, unknown>, at: string): SandboxRecord {
    const rec: SandboxRecord = {
      key,
      id,
      updatedAt: at,
      deletedAt: null,
      body: { id: asNumber(id), ...body },
    };
    const list = this.collections.get(key) ?? [];
    list.push(rec);
    this.collections.set(key, list);
    return rec;
  }

  list(key: string): SandboxRecord[] {
    return this.collections.get(key) ?? [];
  }

  find(key: string, id: string): SandboxRecord | undefined {
    return this.list(key).find((r) => r.id === id);
  }

  /** Test hook: changes a record's fields now (updated_at moves), as an edit in Procore would. */
  update(key: string, id: string, changes: Record<string, unknown>, at = new Date().toISOString()) {
    const rec = this.find(key, id);
    if (!rec) throw new Error(`sandbox has no ${key} record ${id}`);
    Object.assign(rec.body, changes);
    rec.updatedAt = at;
    this.changed(rec, 'update');
  }

  /** Tells the listeners (the webhook dispatcher) of a change. */
  changed(rec: SandboxRecord, change: 'create' | 'update' | 'delete'): void {
    for (const l of this.listeners) l(rec, change);
  }

  /** Test hook: deletes a record now (soft delete: it shows with include_deleted). */
  remove(key: string, id: string, at = new Date().toISOString()) {
    const rec = this.find(key, id);
    if (!rec) throw new Error(`sandbox has no ${key} record ${id}`);
    rec.deletedAt = at;
    rec.updatedAt = at;
    this.changed(rec, 'delete');
  }

  /**
   * The item as served: body plus the instants its endpoint's response schema documents. Every record keeps
   * both instants for the sandbox's own filters; Procore only shows them where its schema lists them.
   */
  render(rec: SandboxRecord): Record<string, unknown> {
    const collection = rec.key.split(':')[0]!;
    const out: Record<string, unknown> = { ...rec.body };
    if (STRING_IDS.has(collection)) out.id = rec.id;
    if (!WITHOUT_UPDATED_AT.has(collection)) out.updated_at = rec.updatedAt;
    if (!WITHOUT_DELETED_AT.has(collection)) out.deleted_at = rec.deletedAt;
    return out;
  }
}

/**
 * Collections whose items Procore's schema shows without `updated_at` / `deleted_at`
 * (shared/reference/procore/openapi-derived: line item types, standard cost code lists and codes, budget
 * view detail rows, the v2 budget adjustment and change order line items; budget views, owner payment
 * applications, requisitions and direct cost line items document `updated_at` only).
 */
const WITHOUT_UPDATED_AT = new Set([
  'line_item_types',
  'standard_cost_code_lists',
  'standard_cost_codes',
  'detail_rows',
  'budget_adjustments',
  'prime_change_orders_lines',
  'commitment_change_orders_lines',
]);
const WITHOUT_DELETED_AT = new Set([
  ...WITHOUT_UPDATED_AT,
  'budget_views',
  'payment_applications',
  'requisitions',
  'direct_cost_lines',
]);
/** v2 change order line items document their id as a string. */
const STRING_IDS = new Set(['prime_change_orders_lines', 'commitment_change_orders_lines']);

/** Ids are integers in Procore's JSON; ids beyond 2^53 stay strings so they are not corrupted. */
export function asNumber(id: string): number | string {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}
