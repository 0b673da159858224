/** The sandbox's records: collections of Procore-shaped items, each with updated/deleted instants. */
export interface SandboxRecord {
  id: string;
  updatedAt: string;
  deletedAt: string | null;
  body: Record<string, unknown>;
}

export class SandboxData {
  readonly collections = new Map<string, SandboxRecord[]>();
  readonly warnings: string[] = [];

  constructor(
    readonly companyId: string,
    readonly companyName: string,
  ) {}

  add(key: string, id: string, body: Record<string, unknown>, at: string): SandboxRecord {
    const rec: SandboxRecord = { id, updatedAt: at, deletedAt: null, body: { id: asNumber(id), ...body } };
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
  }

  /** Test hook: deletes a record now (soft delete: it shows with include_deleted). */
  remove(key: string, id: string, at = new Date().toISOString()) {
    const rec = this.find(key, id);
    if (!rec) throw new Error(`sandbox has no ${key} record ${id}`);
    rec.deletedAt = at;
    rec.updatedAt = at;
  }

  /** The item as served: body plus the instants. */
  render(rec: SandboxRecord): Record<string, unknown> {
    return { ...rec.body, updated_at: rec.updatedAt, deleted_at: rec.deletedAt };
  }
}

/** Ids are integers in Procore's JSON; ids beyond 2^53 stay strings so they are not corrupted. */
export function asNumber(id: string): number | string {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}
