/**
 * What a proposal will change, derived on the server from the stored payload (the exact thing the writer is
 * handed) and what tieout knows now (the finding it fixes, from the latest snapshot). The approver reads
 * this; the proposer's own words are shown apart, labelled as theirs, and never as the change.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { Finding } from '../recon/types.ts';
import { WRITE_OPERATIONS } from './operations.ts';

export interface DiffEntry {
  field: string;
  before: string | null;
  after: string | null;
}

export interface Change {
  summary: string;
  diff: DiffEntry[];
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

const RESOURCE = {
  projects: 'project',
  vendors: 'vendor',
  work_order_contracts: 'subcontract',
  purchase_order_contracts: 'purchase order',
} as Record<string, string>;

function link(p: Json): Change {
  const what = `Procore ${RESOURCE[String(p.resource)] ?? String(p.resource)} ${String(p.id)}`;
  const diff: DiffEntry[] = [{ field: `${what} · origin_id`, before: null, after: str(p.origin_id) }];
  if (p.origin_code !== undefined)
    diff.push({ field: `${what} · origin_code`, before: null, after: str(p.origin_code) });
  return { summary: `Set origin_id of ${what} to "${String(p.origin_id)}"`, diff };
}

function directCost(p: Json, finding: Finding | null): Change {
  const dc = (p.direct_cost ?? {}) as Json;
  const lines = (dc.line_items ?? []) as Json[];
  const total = lines.reduce((sum, l) => sum.plus(new Dec(String(l.amount))), new Dec(0));
  const project = `Procore project ${String(p.projectId)}`;
  const diff: DiffEntry[] = lines.map((l, i) => ({
    field: `${project} · line ${i + 1} · ${str(l.cost_code) ?? `cost code id ${str(l.cost_code_id)}`} ${
      str(l.line_item_type) ?? `type id ${str(l.line_item_type_id)}`
    } · amount`,
    before: null,
    after: new Dec(String(l.amount)).toFixed(2),
  }));
  // The finding's PM job-to-date on that code, as of the latest snapshot, and what it becomes.
  if (finding?.pmAmount !== undefined && finding?.costCode) {
    const before = new Dec(finding.pmAmount ?? '0');
    diff.push({
      field:
        `job ${finding.jobNumber ?? String(p.projectId)} · ${finding.costCode} ${finding.costType ?? ''} · Procore job-to-date cost`.replace(
          '  ',
          ' ',
        ),
      before: before.toFixed(2),
      after: before.plus(total).toFixed(2),
    });
  }
  return {
    summary: `Create a direct cost (${str(dc.direct_cost_type)}, ${str(dc.status) ?? 'approved'}) of ${total.toFixed(2)} dated ${str(dc.direct_cost_date)} in ${project} (${lines.length} line${lines.length === 1 ? '' : 's'})`,
    diff,
  };
}

function costCode(p: Json): Change {
  const project = `Procore project ${String(p.projectId)}`;
  return {
    summary: `Add cost code ${String(p.full_code)} "${String(p.name)}" to ${project}`,
    diff: [{ field: `${project} · cost code ${String(p.full_code)}`, before: null, after: str(p.name) }],
  };
}

/** Every leaf of a payload as `path: value`, for an operation without its own description. */
function leaves(value: unknown, prefix: string, out: DiffEntry[]): DiffEntry[] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.push({ field: prefix || '(payload)', before: null, after: str(value) });
  }
  return out;
}

/** The change a stored proposal makes, from its stored payload and its finding as last recorded. */
export function changeOf(p: { operation: string; payload: string }, finding: Finding | null): Change {
  return describeChange(p.operation, JSON.parse(p.payload) as unknown, finding);
}

/** The change a payload makes, described from the payload itself and the finding it fixes. */
export function describeChange(operation: string, payload: unknown, finding: Finding | null = null): Change {
  const p = (payload ?? {}) as Json;
  switch (operation) {
    case 'procore.link':
      return link(p);
    case 'procore.direct_cost.create':
      return directCost(p, finding);
    case 'procore.cost_code.create':
      return costCode(p);
    default:
      return {
        summary: WRITE_OPERATIONS[operation]?.label ?? operation,
        diff: leaves(payload, '', []),
      };
  }
}
