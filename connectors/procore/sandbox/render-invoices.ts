/**
 * Owner invoices (payment applications of the job's first prime contract), subcontractor invoices
 * (requisitions with items and cumulative G702 totals) and direct costs (one per cost transaction, with one
 * line item).
 */
import { Dec } from '../../canonical/money.ts';
import type { JobKit, Row } from './render-kit.ts';

const byPeriod = (a: Row, b: Row) =>
  (a.period_end ?? '') < (b.period_end ?? '') ? -1 : a.period_end === b.period_end ? 0 : 1;

export function renderOwnerInvoices(j: JobKit) {
  const { kit, pid } = j;
  const m = kit.m;
  const billings = j.of('billings');
  if (billings.length === 0) return;
  if (!j.primeId) {
    kit.warn(`project ${pid}: billings without a prime contract are not served`);
    return;
  }
  let done = new Dec(0);
  let retained = new Dec(0);
  [...billings].sort(byPeriod).forEach((b, i) => {
    done = done.plus(b.billed_amount!);
    // The G702 total retainage is what is still held: retainage held less retainage released so far.
    const carriesRetainage = b.retainage_held != null || b.retainage_released != null;
    retained = retained.plus(b.retainage_held ?? 0).minus(b.retainage_released ?? 0);
    if (new Dec(b.retainage_held ?? 0).gt(0) && new Dec(b.retainage_released ?? 0).gt(0)) {
      kit.warn(
        `billing ${b.billing_id}: holds and releases retainage in one period; the G702 totals carry only the net`,
      );
    }
    if (b.status === 'posted' || b.status === 'void') {
      kit.warn(`billing ${b.billing_id}: owner invoices have no ${b.status} status; served as approved`);
    }
    kit.data.add(
      `payment_applications:${j.primeId}`,
      kit.num(b.billing_id!),
      {
        number: i + 1,
        invoice_number: b.number,
        origin_id: b.linked_id,
        period_end: b.period_end,
        billing_date: b.period_end,
        status: b.status === 'draft' ? 'draft' : b.status === 'pending' ? 'under_review' : 'approved',
        total_amount_accrued_this_period: m.render(b.billed_amount),
        total_amount_paid:
          b.status === 'paid'
            ? m.render(
                new Dec(b.billed_amount!)
                  .minus(b.retainage_held ?? 0)
                  .plus(b.retainage_released ?? 0)
                  .toFixed(2),
              )
            : '0.00',
        g702: {
          total_completed_and_stored_to_date: m.render(done.toFixed(2)),
          total_retainage: carriesRetainage ? m.render(retained.toFixed(2)) : null,
        },
        contract: { id: Number(j.primeId), type: 'PrimeContract' },
      },
      kit.at,
    );
  });
}

export function renderRequisitions(j: JobKit) {
  const { kit, pid } = j;
  const m = kit.m;
  const byCommitment = new Map<string, Row[]>();
  for (const p of j.of('payables')) {
    const k = p.commitment_id ?? '';
    byCommitment.set(k, [...(byCommitment.get(k) ?? []), p]);
  }
  for (const [commitmentId, list] of byCommitment) {
    let done = new Dec(0);
    let retained = new Dec(0);
    list.sort(byPeriod).forEach((p, i) => {
      if (p.status === 'void')
        kit.warn(`payable ${p.invoice_id}: Procore invoices cannot be void; served as approved`);
      if (p.status === 'posted')
        kit.warn(`payable ${p.invoice_id}: Procore invoices have no posted status; served as approved`);
      done = done.plus(p.gross_amount!);
      retained = retained.plus(p.retainage_held ?? 0).minus(p.retainage_released ?? 0);
      const lines = kit.rows('payable_lines').filter((l) => l.invoice_id === p.invoice_id);
      const items = lines.map((l, n) => {
        // An invoice item points at the commitment line it bills; that line carries the cost type.
        const match = j.commitmentLines
          .get(commitmentId)
          ?.find((c) => c.code === l.cost_code && c.type === l.cost_type);
        if (!match)
          kit.warn(
            `payable line ${p.invoice_id}/${l.line_id}: no commitment line with its cost code and type; its cost type is not served`,
          );
        const codeId = l.cost_code ? j.codeIds.get(l.cost_code) : undefined;
        return {
          id: Number(kit.num(l.line_id!)),
          item_type: 'contract_item',
          cost_code_id: codeId ? Number(codeId) : null,
          line_item_id: match ? Number(match.id) : null,
          work_completed_this_period: m.render(l.amount),
          materials_presently_stored: '0.00',
          work_completed_retainage_retained_this_period: m.render(l.retainage_held ?? '0.00'),
          work_completed_retainage_released_this_period:
            n === 0 ? m.render(p.retainage_released ?? '0.00') : '0.00',
          materials_stored_retainage_released_this_period: '0.00',
        };
      });
      kit.data.add(
        `requisitions:${pid}`,
        kit.num(p.invoice_id!),
        {
          number: i + 1,
          invoice_number: p.number,
          origin_id: p.linked_id,
          project_id: Number(pid),
          commitment_id: p.commitment_id ? Number(kit.num(p.commitment_id)) : null,
          vendor_id: p.vendor_id ? Number(kit.num(p.vendor_id)) : null,
          billing_date: p.invoice_date,
          requisition_start: null,
          requisition_end: p.period_end,
          payment_date: p.status === 'paid' ? p.period_end : null,
          status: p.status === 'pending' ? 'under_review' : 'approved',
          summary: {
            total_completed_and_stored_to_date: m.render(done.toFixed(2)),
            total_retainage: p.retainage_held ? m.render(retained.toFixed(2)) : null,
            current_payment_due: m.render(p.net_amount),
          },
          items,
        },
        kit.at,
      );
    });
  }
}

export function renderDirectCosts(j: JobKit) {
  const { kit, pid } = j;
  const m = kit.m;
  for (const t of j.of('cost_transactions')) {
    if (t.status === 'posted' || t.status === 'void') {
      kit.warn(
        `cost transaction ${t.transaction_id}: Procore direct costs have no ${t.status} status; served as approved`,
      );
    }
    if (t.source === 'equipment' || t.source === 'journal') {
      kit.warn(
        `cost transaction ${t.transaction_id}: Procore direct costs have no ${t.source} type; served as an expense`,
      );
    }
    const id = kit.num(t.transaction_id!);
    kit.data.add(
      `direct_costs:${pid}`,
      id,
      {
        direct_cost_type: t.source === 'ap' ? 'invoice' : t.source === 'payroll' ? 'payroll' : 'expense',
        direct_cost_date: t.date,
        invoice_number: t.invoice_id,
        vendor_id: t.vendor_id ? Number(kit.num(t.vendor_id)) : null,
        status: t.status === 'pending' ? 'pending' : 'approved',
        description: t.description,
        grand_total: m.render(t.amount),
      },
      kit.at,
    );
    kit.data.add(
      `direct_cost_lines:${pid}`,
      id,
      {
        amount: m.render(t.amount),
        description: t.description,
        holder: { id: Number(id), holder_type: 'DirectCost' },
        // Direct cost line items document cost_code as id, full_code, name and origin_id (no `code`).
        cost_code: withoutCode(j.codeRef(t.cost_code)),
        line_item_type: kit.typeRef(t.cost_type),
      },
      kit.at,
    );
  }
}

function withoutCode<T extends { code?: unknown }>(ref: T | null): Omit<T, 'code'> | null {
  if (!ref) return null;
  const { code: _code, ...rest } = ref;
  return rest;
}
