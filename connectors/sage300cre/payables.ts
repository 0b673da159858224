/**
 * AP invoices and owner billings. An AP invoice (Vendor, Invoice) is reported once per job its
 * distributions charge, with the amounts of those distributions; a distribution with no amount and no
 * retainage carries no cost and is not a line, but still says whose invoice it is (a retainage-release
 * invoice of 0.00). Retainage held = the distributions' Retainage; released = their Retainage_Paid.
 */
import type { Dec } from '../canonical/money.ts';
import type { SourceRecord } from '../contract.ts';
import type { SqlRow } from '../sage100c/sql-client.ts';
import { record } from '../sql/streams.ts';
import type { CostTypeOf } from './map.ts';
import { addMoney, invoiceStatus, money, s300Date, s300Money, s300Text } from './values.ts';

export function payableRecords(
  invoices: SqlRow[],
  distributions: SqlRow[],
  costType: CostTypeOf,
): { invoices: SourceRecord[]; lines: SourceRecord[] } {
  const headers = new Map(invoices.map((i) => [`${s300Text(i.vendor)}|${s300Text(i.invoice)}`, i]));
  type Payable = {
    header: SqlRow | undefined;
    first: SqlRow;
    gross: Dec | null;
    held: Dec | null;
    paid: Dec | null;
    commitment: string | null;
  };
  const payables = new Map<string, Payable>();
  const lines: SourceRecord[] = [];
  for (const d of distributions) {
    const vendor = s300Text(d.vendor);
    const invoice = s300Text(d.invoice);
    const job = s300Text(d.job);
    const id = `${vendor}/${job}/${invoice}`;
    const p = payables.get(id) ?? {
      header: headers.get(`${vendor}|${invoice}`),
      first: d,
      gross: null,
      held: null,
      paid: null,
      commitment: null,
    };
    p.gross = addMoney(p.gross, d.amount) ?? p.gross;
    p.held = addMoney(p.held, d.retainage);
    p.paid = addMoney(p.paid, d.retainage_paid);
    if (!p.commitment && s300Text(d.commitment)) p.commitment = `${job}/${s300Text(d.commitment)}`;
    payables.set(id, p);
    const amount = s300Money(d.amount);
    const held = s300Money(d.retainage);
    if ((amount === null || amount.isZero()) && (held === null || held.isZero())) continue;
    lines.push(
      record(
        {
          invoice_id: id,
          line_id: s300Text(d.dist_seq),
          cost_code: s300Text(d.cost_code),
          cost_type: costType(d.category),
          amount: money(amount) ?? '0.00',
          retainage_held: money(held),
        },
        `APM_MASTER__DISTRIBUTION Vendor ${vendor} Invoice ${invoice} Dist_Seq ${d.dist_seq}`,
        d,
      ),
    );
  }
  const records = [...payables].map(([id, p]) => {
    const h = p.header;
    return record(
      {
        invoice_id: id,
        linked_id: null,
        job_id: s300Text(p.first.job),
        number: s300Text(p.first.invoice),
        vendor_id: s300Text(p.first.vendor),
        commitment_id: p.commitment,
        invoice_date: s300Date(h?.invoice_date),
        period_end: s300Date(h?.accounting_date),
        status: invoiceStatus(h?.status),
        gross_amount: money(p.gross) ?? '0.00',
        retainage_held: money(p.held),
        retainage_released: money(p.paid),
        net_amount: null,
      },
      `APM_MASTER__INVOICE Vendor ${s300Text(p.first.vendor)} Invoice ${s300Text(p.first.invoice)} (Job ${s300Text(p.first.job)})`,
      h ?? p.first,
    );
  });
  return { invoices: records, lines };
}

/** AR progress billings, summed per job and invoice (one row per contract item or cost code in Sage). */
export function billingRecords(rows: SqlRow[]): SourceRecord[] {
  type Billing = { first: SqlRow; amount: Dec | null; retainage: Dec | null; date: string | null };
  const billings = new Map<string, Billing>();
  for (const r of rows) {
    const id = `${s300Text(r.job)}/${s300Text(r.invoice)}`;
    const b = billings.get(id) ?? { first: r, amount: null, retainage: null, date: null };
    b.amount = addMoney(b.amount, r.amount);
    b.retainage = addMoney(b.retainage, r.retainage);
    const date = s300Date(r.accounting_date);
    if (date && (!b.date || date > b.date)) b.date = date;
    billings.set(id, b);
  }
  return [...billings].map(([id, b]) =>
    record(
      {
        billing_id: id,
        linked_id: null,
        job_id: s300Text(b.first.job),
        number: s300Text(b.first.invoice),
        period_end: b.date,
        billed_amount: money(b.amount) ?? '0.00',
        retainage_held: money(b.retainage),
        retainage_released: null,
        status: 'posted',
      },
      `ART_CURRENT__TRANSACTION Job ${s300Text(b.first.job)} Invoice ${s300Text(b.first.invoice)}`,
      b.first,
    ),
  );
}
