/**
 * Writes that deal in cost codes: pushing ERP job cost as a direct cost (its lines may name cost codes and
 * line item types by code, resolved here against what Procore holds), and adding a cost code to a project.
 * Both are upserts by `origin_id` = the proposal's idempotency key, and both look for an earlier attempt first.
 */
import type { WriteResult } from '../contract.ts';
import {
  normCode,
  type ProcoreCostCodePayload,
  type ProcoreDirectCostPayload,
  SYNC_MAX_ITEMS,
} from './write-payloads.ts';

export type Item = Record<string, unknown>;
export interface SyncAnswer {
  entities: Item[];
  errors: Item[];
}

/** What these writes need of the writer: paged GETs and one `/sync` call, no retries of their own. */
export interface ProcoreWriteClient {
  companyId: string;
  getAll(path: string, tool: string): Promise<Item[]>;
  sync(path: string, body: unknown): Promise<SyncAnswer>;
  raw(digits: string): unknown;
}

/** A refusal no retry can fix (a code Procore does not have, an error in a sync answer). */
export function refused(error: string, detail?: unknown): WriteResult {
  return { status: 'failed', transient: false, error, ...(detail === undefined ? {} : { detail }) };
}

const codeOf = (c: Item) => String(c.full_code ?? c.code ?? '');

function findCode(codes: Item[], code: string): Item[] {
  const exact = codes.filter((c) => codeOf(c) === code);
  return exact.length > 0 ? exact : codes.filter((c) => normCode(codeOf(c)) === normCode(code));
}

async function resolveLines(
  client: ProcoreWriteClient,
  p: ProcoreDirectCostPayload,
): Promise<
  | { lines: { cost_code_id: string; line_item_type_id: string; amount: string; description?: string }[] }
  | { error: string }
> {
  const byCode = p.direct_cost.line_items.some((l) => l.cost_code !== undefined);
  const byType = p.direct_cost.line_items.some((l) => l.line_item_type !== undefined);
  const codes = byCode ? await client.getAll(`/rest/v1.0/cost_codes?project_id=${p.projectId}`, 'Admin') : [];
  const types = byType
    ? await client.getAll(`/rest/v1.0/line_item_types?company_id=${client.companyId}`, 'Admin')
    : [];
  const lines = [];
  for (const l of p.direct_cost.line_items) {
    let costCodeId = l.cost_code_id;
    if (costCodeId === undefined) {
      const found = findCode(codes, l.cost_code!);
      if (found.length !== 1)
        return {
          error: `Procore project ${p.projectId} has ${found.length === 0 ? 'no' : `${found.length}`} cost code${found.length > 1 ? 's' : ''} matching "${l.cost_code}"; ${found.length === 0 ? 'add the code to the project first' : 'name it by cost_code_id'}`,
        };
      costCodeId = String(found[0]!.id);
    }
    let typeId = l.line_item_type_id;
    if (typeId === undefined) {
      const found = types.filter(
        (t) => String(t.code ?? '').toLowerCase() === l.line_item_type!.toLowerCase(),
      );
      if (found.length !== 1)
        return {
          error: `Procore has ${found.length === 0 ? 'no' : `${found.length}`} line item type${found.length > 1 ? 's' : ''} with code "${l.line_item_type}"; check the company's cost types`,
        };
      typeId = String(found[0]!.id);
    }
    lines.push({
      cost_code_id: costCodeId,
      line_item_type_id: typeId,
      amount: l.amount,
      ...(l.description ? { description: l.description } : {}),
    });
  }
  return { lines };
}

/** Creates (or, on a retry, updates) a direct cost whose origin_id is the idempotency key, then its lines. */
export async function writeDirectCost(
  client: ProcoreWriteClient,
  key: string,
  p: ProcoreDirectCostPayload,
): Promise<WriteResult> {
  const base = `/rest/v1.0/projects/${p.projectId}/direct_costs`;
  const headers = await client.getAll(`/rest/v1.1/projects/${p.projectId}/direct_costs`, 'Direct Costs');
  const header = headers.find((h) => h.origin_id === key);
  const earlier = header
    ? (await client.getAll(`${base}/line_items`, 'Direct Costs')).filter(
        (l) => typeof l.origin_id === 'string' && l.origin_id.startsWith(`${key}:`),
      )
    : [];
  if (header && earlier.length === p.direct_cost.line_items.length) {
    return { status: 'already_applied', targetIds: [String(header.id), ...earlier.map((l) => String(l.id))] };
  }
  const resolved = await resolveLines(client, p);
  if ('error' in resolved) return refused(resolved.error);
  const { line_items: _lines, vendor_id, ...fields } = p.direct_cost;
  const headerItem: Item = { ...fields, origin_id: key };
  if (vendor_id) headerItem.vendor_id = client.raw(vendor_id);
  const answer = await client.sync(`${base}/sync`, { updates: [headerItem] });
  if (answer.errors.length > 0) return syncRefusal(answer.errors, `direct cost ${key}`);
  const directCostId = answer.entities[0] ? String(answer.entities[0].id) : null;
  if (!directCostId)
    return {
      status: 'failed',
      transient: true,
      error: 'Procore answered the direct cost sync with no entity',
    };
  const lines = resolved.lines.map((l, i) => ({
    origin_id: `${key}:${i + 1}`,
    direct_cost_id: client.raw(directCostId),
    cost_code_id: client.raw(l.cost_code_id),
    line_item_type_id: client.raw(l.line_item_type_id),
    amount: client.raw(l.amount),
    ...(l.description ? { description: l.description } : {}),
  }));
  const ids = [directCostId];
  for (let i = 0; i < lines.length; i += SYNC_MAX_ITEMS) {
    const part = await client.sync(`${base}/line_items/sync`, {
      updates: lines.slice(i, i + SYNC_MAX_ITEMS),
    });
    if (part.errors.length > 0) return syncRefusal(part.errors, 'direct cost line items');
    for (const e of part.entities) ids.push(String(e.id));
  }
  return {
    status: header ? 'already_applied' : 'applied',
    targetIds: ids,
    detail: header ? { completedLines: true } : undefined,
  };
}

/** Adds a cost code under its parent ("03-300" → code "300" under "03"); done if the project has it already. */
export async function writeCostCode(
  client: ProcoreWriteClient,
  key: string,
  p: ProcoreCostCodePayload,
): Promise<WriteResult> {
  const codes = await client.getAll(`/rest/v1.0/cost_codes?project_id=${p.projectId}`, 'Admin');
  const existing = codes.find((c) => c.origin_id === key) ?? findCode(codes, p.full_code)[0];
  if (existing) return { status: 'already_applied', targetIds: [String(existing.id)] };
  const cut = Math.max(p.full_code.lastIndexOf('-'), p.full_code.lastIndexOf('.'));
  const item: Item = { code: p.full_code.slice(cut + 1), name: p.name, origin_id: key };
  if (cut > 0) {
    const parents = findCode(codes, p.full_code.slice(0, cut));
    if (parents.length !== 1)
      return refused(
        `Procore project ${p.projectId} has no single parent cost code "${p.full_code.slice(0, cut)}" for "${p.full_code}"; add the division first`,
      );
    item.parent_id = client.raw(String(parents[0]!.id));
  }
  const answer = await client.sync(`/rest/v1.0/cost_codes/sync?project_id=${p.projectId}`, {
    updates: [item],
  });
  if (answer.errors.length > 0) return syncRefusal(answer.errors, `cost code ${p.full_code}`);
  const entity = answer.entities[0];
  if (!entity)
    return { status: 'failed', transient: true, error: 'Procore answered the cost code sync with no entity' };
  return { status: 'applied', targetIds: [String(entity.id)] };
}

export function syncRefusal(errors: Item[], what: string): WriteResult {
  return refused(`Procore refused ${what}: ${JSON.stringify(errors[0]?.errors ?? errors[0])}`, errors);
}
