/**
 * Subcontractor invoices (requisitions v1.1) → payables + payable_lines (owner invoices are in
 * owner-invoices.ts).
 *
 * Amounts per invoice come from its items when Procore sends them: work completed this period plus new
 * stored materials; retainage retained this period on work completed plus the change in retainage on stored
 * materials; retainage released this period on both. Without items, the G702 totals (`summary` on v1.1,
 * `g702` on v1.0; both accepted) are cumulative, so an invoice's amounts are the difference from the
 * previous invoice on the same contract. The amount payable now is the G702 current payment due.
 */
import { Dec } from '../../canonical/money.ts';
import type { SourceRecord } from '../../contract.ts';
import type { ListedItem } from '../paginate.ts';
import { requisitionItemPayload, requisitionPayload } from '../payloads.ts';
import { mapped, parseItem } from './emit.ts';
import { money, moneyOrZero, text } from './fields.ts';
import type { Lookups } from './lookups.ts';
import { requisitionStatus } from './status.ts';

type Requisition = ReturnType<typeof requisitionPayload.parse>;

export function mapRequisitions(
  listed: ListedItem[],
  jobId: string,
  lookups: Lookups,
): { payables: SourceRecord[]; lines: SourceRecord[] } {
  const payables: SourceRecord[] = [];
  const lines: SourceRecord[] = [];
  const parsed: { data: Requisition; ref: string; raw: unknown }[] = [];
  for (const l of listed) {
    const p = parseItem(requisitionPayload, l);
    if (p.ok) parsed.push({ data: p.data, ref: p.ref, raw: l.item });
    else payables.push(p.failure);
  }
  const byId = new Map(parsed.map((r) => [r.data.id, r.data]));
  for (const r of parsed) {
    const d = r.data;
    const items = (d.items ?? []).map((item) => requisitionItemPayload.safeParse(item));
    const bad = items.findIndex((i) => !i.success);
    if (bad >= 0) {
      const issue = items[bad]!.error!.issues[0]!;
      payables.push({
        ok: false,
        sourceRef: r.ref,
        reason: `${r.ref}: field items.${bad}.${issue.path.join('.')}: ${issue.message}`,
        raw: r.raw,
      });
      continue;
    }
    const okItems = items.map((i) => i.data!);
    payables.push(
      mapped(r.ref, r.raw, () => {
        const totals = okItems.length > 0 ? fromItems(okItems) : fromSummary(d, previousOf(d, parsed, byId));
        let status = requisitionStatus(d.status);
        if (status === 'approved' && d.payment_date) status = 'paid';
        const g = d.summary ?? d.g702;
        return {
          invoice_id: d.id,
          linked_id: d.origin_id ?? null,
          job_id: jobId,
          number: text(d.invoice_number) ?? text(d.number),
          vendor_id: d.vendor_id ?? null,
          commitment_id: d.commitment_id ?? null,
          invoice_date: d.billing_date ?? null,
          period_end: d.requisition_end ?? null,
          status,
          ...totals,
          net_amount: money(g?.current_payment_due, 'summary.current_payment_due'),
        };
      }),
    );
    okItems.forEach((item, i) => {
      const commitmentLine = lookups.commitmentLines.get(d.commitment_id ?? '')?.get(item.line_item_id ?? '');
      lines.push(
        mapped(`${r.ref}&item=${item.id}`, r.raw, () => ({
          invoice_id: d.id,
          line_id: item.id,
          cost_code: commitmentLine?.cost_code ?? lookups.costCodeById(item.cost_code_id),
          cost_type: commitmentLine?.cost_type ?? null,
          amount: fromItems([item], `items.${i}.`).gross_amount,
          retainage_held: fromItems([item], `items.${i}.`).retainage_held,
        })),
      );
    });
  }
  return { payables, lines };
}

type Item = ReturnType<typeof requisitionItemPayload.parse>;

function fromItems(items: Item[], at = 'items.') {
  let gross = new Dec(0);
  let held = new Dec(0);
  let released = new Dec(0);
  for (const it of items) {
    gross = gross
      .plus(moneyOrZero(it.work_completed_this_period, `${at}work_completed_this_period`))
      .plus(moneyOrZero(it.materials_presently_stored, `${at}materials_presently_stored`))
      .minus(
        moneyOrZero(
          it.materials_presently_stored_from_previous_progress,
          `${at}materials_presently_stored_from_previous_progress`,
        ),
      );
    held = held
      .plus(
        moneyOrZero(
          it.work_completed_retainage_retained_this_period,
          `${at}work_completed_retainage_retained_this_period`,
        ),
      )
      .plus(
        moneyOrZero(
          it.materials_stored_retainage_currently_retained,
          `${at}materials_stored_retainage_currently_retained`,
        ),
      )
      .minus(
        moneyOrZero(
          it.materials_stored_retainage_from_previous_application,
          `${at}materials_stored_retainage_from_previous_application`,
        ),
      );
    released = released
      .plus(
        moneyOrZero(
          it.work_completed_retainage_released_this_period,
          `${at}work_completed_retainage_released_this_period`,
        ),
      )
      .plus(
        moneyOrZero(
          it.materials_stored_retainage_released_this_period,
          `${at}materials_stored_retainage_released_this_period`,
        ),
      );
  }
  return {
    gross_amount: gross.toFixed(2),
    retainage_held: held.toFixed(2),
    retainage_released: released.toFixed(2),
  };
}

function fromSummary(d: Requisition, previous: Requisition | undefined) {
  const g = d.summary ?? d.g702;
  const pg = previous?.summary ?? previous?.g702;
  const done = moneyOrZero(
    g?.total_completed_and_stored_to_date,
    'summary.total_completed_and_stored_to_date',
  );
  const doneBefore = moneyOrZero(
    pg?.total_completed_and_stored_to_date,
    'previous summary.total_completed_and_stored_to_date',
  );
  const ret = moneyOrZero(g?.total_retainage, 'summary.total_retainage');
  const retBefore = moneyOrZero(pg?.total_retainage, 'previous summary.total_retainage');
  if (g?.total_retainage == null) {
    return {
      gross_amount: done.minus(doneBefore).toFixed(2),
      retainage_held: null,
      retainage_released: null,
    };
  }
  return { gross_amount: done.minus(doneBefore).toFixed(2), ...retainageMovement(ret.minus(retBefore)) };
}

/**
 * The G702 nets releases into total retainage, so from totals alone only the movement is known: a growing
 * total is read as retainage held, a shrinking one (a retainage release) as retainage released. A period
 * that both held and released shows as its net; held − released, all that the WIP and the retainage
 * checks use, is exact either way.
 */
export function retainageMovement(movement: Dec): { retainage_held: string; retainage_released: string } {
  return {
    retainage_held: movement.isNegative() ? '0.00' : movement.toFixed(2),
    retainage_released: movement.isNegative() ? movement.neg().toFixed(2) : '0.00',
  };
}

function previousOf(d: Requisition, all: { data: Requisition }[], byId: Map<string, Requisition>) {
  if (d.previous_requisition_id) return byId.get(d.previous_requisition_id);
  const mine = all
    .map((r) => r.data)
    .filter((r) => r.commitment_id === d.commitment_id && Number(r.number) < Number(d.number))
    .sort((a, b) => Number(b.number) - Number(a.number));
  return mine[0];
}
