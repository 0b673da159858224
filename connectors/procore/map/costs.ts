/**
 * Direct costs → cost_transactions, one per direct cost line item (a cost transaction has one cost code and
 * cost type; a direct cost has many lines). Date, status, vendor and invoice come from the direct cost.
 * direct_cost_type: invoice → ap, payroll → payroll, expense → direct.
 */
import type { SourceRecord } from '../../contract.ts';
import type { ListedItem } from '../paginate.ts';
import { directCostLinePayload, directCostPayload } from '../payloads.ts';
import { mapped, parseItem } from './emit.ts';
import { money, text } from './fields.ts';
import type { Lookups } from './lookups.ts';
import { directCostStatus } from './status.ts';

const SOURCE: Record<string, string> = { invoice: 'ap', payroll: 'payroll', expense: 'direct' };

export function mapDirectCosts(
  headers: ListedItem[],
  lineItems: ListedItem[],
  jobId: string,
  lookups: Lookups,
): SourceRecord[] {
  const out: SourceRecord[] = [];
  const byId = new Map<string, ReturnType<typeof directCostPayload.parse>>();
  for (const h of headers) {
    const p = parseItem(directCostPayload, h);
    if (p.ok) {
      if (!p.data.deleted_at) byId.set(p.data.id, p.data);
    } else out.push(p.failure);
  }
  for (const l of lineItems) {
    const p = parseItem(directCostLinePayload, l);
    if (!p.ok) {
      out.push(p.failure);
      continue;
    }
    const line = p.data;
    if (line.deleted_at) continue;
    const headerId = line.direct_cost_id ?? line.holder?.id;
    const header = headerId ? byId.get(headerId) : undefined;
    if (!header) continue; // its direct cost was deleted (or is not visible): the line does not count
    out.push(
      mapped(p.ref, l.item, () => ({
        transaction_id: line.id,
        job_id: jobId,
        date: header.direct_cost_date ?? null,
        cost_code: lookups.costCode(line.cost_code),
        cost_type: lookups.costType(line.line_item_type),
        amount: money(line.amount, 'amount'),
        source: SOURCE[(header.direct_cost_type ?? '').toLowerCase()] ?? 'direct',
        vendor_id: header.vendor_id ?? null,
        invoice_id: text(header.invoice_number),
        status: directCostStatus(header.status),
        description: text(line.description) ?? text(header.description),
      })),
    );
  }
  return out;
}
