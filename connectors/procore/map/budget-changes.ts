/**
 * Budget changes → change_orders (kind budget) + change_order_lines, from the v2 adjustment line items of a
 * project (one call; each line carries its budget change's number, status and name). Lines of change
 * events (`type: change_event`) are not budget changes and are left out. Procore gives no approval date
 * here, so approved_date stays blank; a budget change without lines does not appear in this list.
 */
import { Dec } from '../../canonical/money.ts';
import type { SourceRecord } from '../../contract.ts';
import type { ListedItem } from '../paginate.ts';
import { adjustmentLinePayload } from '../payloads.ts';
import { mapped, parseItem } from './emit.ts';
import { FieldError, money, text } from './fields.ts';
import type { Lookups } from './lookups.ts';

const STATUS: Record<string, string> = {
  approved: 'approved',
  draft: 'pending',
  under_review: 'pending',
  void: 'void',
};

export function mapBudgetChanges(
  listed: ListedItem[],
  jobId: string,
  lookups: Lookups,
): { changeOrders: SourceRecord[]; lines: SourceRecord[] } {
  const changeOrders: SourceRecord[] = [];
  const lines: SourceRecord[] = [];
  const groups = new Map<
    string,
    { ref: string; raw: unknown[]; items: ReturnType<typeof adjustmentLinePayload.parse>[] }
  >();
  for (const l of listed) {
    const p = parseItem(adjustmentLinePayload, l);
    if (!p.ok) {
      changeOrders.push(p.failure);
      continue;
    }
    if (p.data.type && p.data.type !== 'budget_change') continue;
    const g = groups.get(p.data.budget_change_id) ?? {
      ref: `GET ${l.call}#budget_change_id=${p.data.budget_change_id}`,
      raw: [],
      items: [],
    };
    g.items.push(p.data);
    g.raw.push(l.item);
    groups.set(p.data.budget_change_id, g);
    lines.push(
      mapped(p.ref, l.item, () => ({
        change_order_id: p.data.budget_change_id,
        line_id: p.data.id,
        ...lookups.fromWbs(p.data.wbs_code),
        amount: money(p.data.amount, 'amount'),
      })),
    );
  }
  for (const [id, g] of groups) {
    const head = g.items[0]!;
    changeOrders.push(
      mapped(g.ref, g.raw, () => {
        const raw = head.budget_change_status ?? '';
        const status = STATUS[raw.toLowerCase()];
        if (!status)
          throw new FieldError(
            'budget_change_status',
            raw,
            `unknown status; known: ${Object.keys(STATUS).join(', ')}`,
          );
        let total = new Dec(0);
        g.items.forEach((i, n) => {
          total = total.plus(money(i.amount, `data.${n}.amount`) ?? 0);
        });
        return {
          change_order_id: id,
          linked_id: null,
          job_id: jobId,
          number: text(head.budget_change_number),
          kind: 'budget',
          commitment_id: null,
          status,
          approved_date: null,
          contract_amount: null,
          cost_amount: total.toFixed(2),
          description: text(head.budget_change_name),
        };
      }),
    );
  }
  return { changeOrders, lines };
}
