/**
 * Owner invoices (payment applications of a prime contract) → billings.
 *
 * The billed amount of an invoice is the difference of the cumulative G702 "total completed and stored to
 * date" from the previous invoice on the contract (the invoice's own accrued amount when there are no
 * totals). Retainage comes from the line items when Procore sends them (retained and released this period,
 * each on its own), otherwise from the movement of the G702 total retainage, which nets a release into
 * what is still held (see `retainageMovement`). `g702` (REST list) and `summary` (the ERP integration's
 * payment application) are both read. An invoice that is approved and whose `total_amount_paid` covers
 * what it asked for (billed less retainage held plus retainage released) counts as paid.
 */
import { Dec } from '../../canonical/money.ts';
import type { SourceRecord } from '../../contract.ts';
import type { ListedItem } from '../paginate.ts';
import { paymentApplicationItemPayload, paymentApplicationPayload } from '../payloads.ts';
import { mapped, parseItem } from './emit.ts';
import { money, moneyOrZero, text } from './fields.ts';
import { retainageMovement } from './invoices.ts';
import { ownerInvoiceStatus } from './status.ts';

type OwnerInvoice = ReturnType<typeof paymentApplicationPayload.parse>;
type Item = ReturnType<typeof paymentApplicationItemPayload.parse>;
interface Retainage {
  retainage_held: string | null;
  retainage_released: string | null;
}

/** Owner invoices of one prime contract, read in full. */
export function mapOwnerInvoices(listed: ListedItem[], jobId: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  const parsed: { data: OwnerInvoice; ref: string; raw: unknown }[] = [];
  for (const l of listed) {
    const p = parseItem(paymentApplicationPayload, l);
    if (p.ok) parsed.push({ data: p.data, ref: p.ref, raw: l.item });
    else out.push(p.failure);
  }
  parsed.sort((a, b) => Number(a.data.number) - Number(b.data.number));
  let previous: OwnerInvoice | undefined;
  for (const r of parsed) {
    const d = r.data;
    const before = previous;
    previous = d;
    const items = (d.items ?? []).map((item) => paymentApplicationItemPayload.safeParse(item));
    const bad = items.findIndex((i) => !i.success);
    if (bad >= 0) {
      const issue = items[bad]!.error!.issues[0]!;
      out.push({
        ok: false,
        sourceRef: r.ref,
        reason: `${r.ref}: field items.${bad}.${issue.path.join('.')}: ${issue.message}`,
        raw: r.raw,
      });
      continue;
    }
    out.push(
      mapped(r.ref, r.raw, () => {
        const totals = d.g702 ?? d.summary;
        const totalsBefore = before?.g702 ?? before?.summary;
        const done = money(
          totals?.total_completed_and_stored_to_date,
          'g702.total_completed_and_stored_to_date',
        );
        const billed =
          done === null
            ? money(d.total_amount_accrued_this_period, 'total_amount_accrued_this_period')
            : new Dec(done)
                .minus(moneyOrZero(totalsBefore?.total_completed_and_stored_to_date, 'g702'))
                .toFixed(2);
        const retainage =
          items.length > 0
            ? fromItems(items.map((i) => i.data!))
            : fromTotals(totals?.total_retainage, totalsBefore?.total_retainage);
        return {
          billing_id: d.id,
          linked_id: d.origin_id ?? null,
          job_id: jobId,
          number: text(d.invoice_number) ?? text(d.number),
          period_end: d.period_end ?? d.billing_date ?? null,
          billed_amount: billed,
          ...retainage,
          status: paidInFull(d, billed, retainage) ? 'paid' : ownerInvoiceStatus(d.status),
        };
      }),
    );
  }
  return out;
}

function fromItems(items: Item[]): Retainage {
  let held = new Dec(0);
  let released = new Dec(0);
  items.forEach((it, i) => {
    const at = `items.${i}.`;
    held = held
      .plus(
        moneyOrZero(
          it.work_completed_retainage_retained_this_period,
          `${at}work_completed_retainage_retained_this_period`,
        ),
      )
      .plus(
        moneyOrZero(
          it.materials_stored_retainage_retained_this_period,
          `${at}materials_stored_retainage_retained_this_period`,
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
  });
  return { retainage_held: held.toFixed(2), retainage_released: released.toFixed(2) };
}

function fromTotals(total: unknown, totalBefore: unknown): Retainage {
  const ret = money(total, 'g702.total_retainage');
  if (ret === null) return { retainage_held: null, retainage_released: null };
  return retainageMovement(new Dec(ret).minus(moneyOrZero(totalBefore, 'previous g702.total_retainage')));
}

function paidInFull(d: OwnerInvoice, billed: string | null, retainage: Retainage): boolean {
  if (ownerInvoiceStatus(d.status) !== 'approved') return false;
  const paid = money(d.total_amount_paid, 'total_amount_paid');
  if (paid === null || billed === null) return false;
  const due = new Dec(billed).minus(retainage.retainage_held ?? 0).plus(retainage.retainage_released ?? 0);
  return new Dec(paid).gte(due) && new Dec(paid).gt(0);
}
