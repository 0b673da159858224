/**
 * AP invoices: header (APTH), lines (APTL) and what the pay detail (APTD) says, as canonical payables and
 * payable lines. The job and the subcontract or PO of an invoice are on its lines (APTH has no job); a line
 * with no amount and no retainage carries no cost and is not reported as a line, but still says whose
 * invoice it is (a retainage-release invoice of 0.00).
 */
import { Dec } from '../canonical/money.ts';
import type { SourceRecord } from '../contract.ts';
import type { SqlRow } from '../sage100c/sql-client.ts';
import { record } from '../sql/streams.ts';
import type { TransactionKey } from './keys.ts';
import { type CostTypes, monthEnd, vistaDate, vistaMoney, vistaText } from './values.ts';

export function payableRecords(
  headers: SqlRow[],
  lines: SqlRow[],
  types: CostTypes,
  invoiceKey: TransactionKey,
): { invoices: SourceRecord[]; lines: SourceRecord[] } {
  const byInvoice = new Map<string, SqlRow[]>();
  for (const l of lines) {
    const k = `${vistaDate(l.mth)}|${l.ap_trans}`;
    const list = byInvoice.get(k);
    if (list) list.push(l);
    else byInvoice.set(k, [l]);
  }
  const invoices: SourceRecord[] = [];
  const lineRecords: SourceRecord[] = [];
  for (const h of headers) {
    const id = invoiceKey(h.mth, h.ap_trans);
    const own = byInvoice.get(`${vistaDate(h.mth)}|${h.ap_trans}`) ?? [];
    const job = own.map((l) => vistaText(l.job)).find((j) => j !== null) ?? null;
    const committed = own.find((l) => vistaText(l.sl) ?? vistaText(l.po));
    let retainage = new Dec(0);
    for (const l of own) {
      const amount = vistaMoney(l.gross_amt) ?? '0.00';
      const held = vistaMoney(l.retainage) ?? '0.00';
      retainage = retainage.plus(held);
      if (amount === '0.00' && held === '0.00') continue;
      lineRecords.push(
        record(
          {
            invoice_id: id,
            line_id: vistaText(l.ap_line),
            cost_code: vistaText(l.phase),
            cost_type: types.of(l.phase_group, l.cost_type),
            amount,
            retainage_held: held,
          },
          `APTL Mth ${vistaDate(l.mth)} APTrans ${l.ap_trans} APLine ${l.ap_line}`,
          l,
        ),
      );
    }
    const paySeqs = Number(h.pay_seqs ?? 0);
    invoices.push(
      record(
        {
          invoice_id: id,
          linked_id: vistaText(h.linked_id),
          job_id: job,
          number: vistaText(h.ap_ref),
          vendor_id: vistaText(h.vendor),
          commitment_id: committed
            ? `${vistaText(committed.job)}/${vistaText(committed.sl) ?? vistaText(committed.po)}`
            : null,
          invoice_date: vistaDate(h.inv_date),
          period_end: monthEnd(h.mth),
          status: paySeqs > 0 && Number(h.paid_seqs ?? 0) === paySeqs ? 'paid' : 'posted',
          gross_amount: vistaMoney(h.inv_total) ?? '0.00',
          retainage_held: retainage.toFixed(2),
          retainage_released: vistaMoney(h.retainage_paid),
          net_amount: null,
        },
        `APTH Mth ${vistaDate(h.mth)} APTrans ${h.ap_trans}`,
        h,
      ),
    );
  }
  return { invoices, lines: lineRecords };
}
