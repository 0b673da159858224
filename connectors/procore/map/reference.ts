/** Projects → jobs, vendors → vendors, cost codes (project and company standard list) → cost_codes. */
import type { SourceRecord } from '../../contract.ts';
import type { ListedItem } from '../paginate.ts';
import { costCodePayload, projectPayload, vendorPayload } from '../payloads.ts';
import { mapped, parseItem } from './emit.ts';
import { projectStatus } from './status.ts';

export function mapProject(listed: ListedItem): SourceRecord {
  const p = parseItem(projectPayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  return mapped(p.ref, listed.item, () => ({
    job_id: d.id,
    linked_id: d.origin_id ?? null,
    number: d.project_number ?? null,
    name: d.name,
    status: projectStatus(d.active, d.project_stage?.name ?? d.stage_name),
    start_date: d.start_date ?? null,
    completion_date: d.completion_date ?? null,
  }));
}

export function mapVendor(listed: ListedItem, active: boolean): SourceRecord {
  const p = parseItem(vendorPayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  return mapped(p.ref, listed.item, () => ({
    vendor_id: d.id,
    // origin_id is the ERP's id of the vendor; origin_code its vendor number, used when no id is stored.
    linked_id: d.origin_id ?? d.origin_code ?? null,
    name: d.name,
    status: active && d.is_active !== false ? 'active' : 'inactive',
  }));
}

export function mapCostCode(
  listed: ListedItem,
  jobId: string | null,
  remember: (id: string, code: string) => void,
): SourceRecord | null {
  const p = parseItem(costCodePayload, listed);
  if (!p.ok) return p.failure;
  const d = p.data;
  if (d.deleted_at) return null;
  const code = d.full_code ?? d.code ?? null;
  if (code) remember(d.id, code);
  return mapped(p.ref, listed.item, () => ({
    job_id: jobId,
    code,
    linked_id: d.origin_id ?? null,
    description: d.name ?? null,
  }));
}
