/**
 * Renders the documents of a canonical dataset (ERP side) into sandbox transactions the way a contractor keeps
 * them in QuickBooks: one active estimate per job (cost per cost-code item and class, marked up to the
 * contract), purchase orders for commitments, bills with their job-cost item lines and retainage as a negative
 * line to Retainage Payable, payroll as checks to the payroll service, equipment and journal cost as journal
 * entries (the cost code leads the line memo: journal lines carry no item), other direct cost as credit-card
 * charges, owner billings as invoices with a negative Retainage line. Voids are voided transactions (amounts 0,
 * memo "VOID:"), as QuickBooks keeps them.
 */

import { Dec } from '../../canonical/money.ts';
import type { Dataset } from '../../sage100c/sandbox/dataset.ts';
import type { QbNode } from '../qbxml/xml.ts';
import type { QbCompany, StoredRecord } from './company.ts';
import { type Lists, refTo } from './render-lists.ts';

type CostRow = Dataset['cost_transactions'][number];
type Stamp = { id: string; created: string; modified: string; editSequence: string };
const head = (s: Stamp): QbNode => ({
  TxnID: s.id,
  TimeCreated: s.created,
  TimeModified: s.modified,
  EditSequence: s.editSequence,
});
const money = (d: Dec) => d.toFixed(2);

export function renderTxns(company: QbCompany, data: Dataset, lists: Lists): void {
  const jobRef = (jobId: string, alt = false) => {
    const sub = lists.subJobOf.get(jobId);
    return refTo(alt && sub ? sub : lists.jobOf.get(jobId)!);
  };
  const itemRef = (code: string) => refTo(lists.itemOf.get(code)!);
  const classRef = (type: string) => refTo(lists.classOf.get(type)!);
  const po = new Map<string, StoredRecord>();

  renderEstimates(company, data, lists);

  const linesOf = new Map<string, Dataset['commitment_lines']>();
  for (const l of data.commitment_lines)
    linesOf.set(l.commitment_id, [...(linesOf.get(l.commitment_id) ?? []), l]);
  for (const c of data.commitments) {
    const lines = linesOf.get(c.commitment_id) ?? [];
    const total = lines.reduce((s, l) => s.plus(l.amount), new Dec(0));
    const r = company.create('txn', 'PurchaseOrderRet', (s) => ({
      ...head(s),
      ...(c.vendor_id && lists.vendorOf.has(c.vendor_id)
        ? { VendorRef: refTo(lists.vendorOf.get(c.vendor_id)!) }
        : {}),
      TxnDate: c.executed_date ?? '2000-01-01',
      RefNumber: c.number,
      TotalAmount: money(total),
      IsManuallyClosed: c.status === 'complete' || c.status === 'void' ? 'true' : 'false',
      IsFullyReceived: 'false',
      ...(c.status === 'void' ? { Memo: `VOID: ${c.number}` } : {}),
      PurchaseOrderLineRet: lines.map((l) => ({
        TxnLineID: company.newLineId(),
        ...(l.cost_code ? { ItemRef: itemRef(l.cost_code) } : {}),
        Quantity: '1',
        Rate: money(new Dec(l.amount)),
        ...(l.cost_type ? { ClassRef: classRef(l.cost_type) } : {}),
        Amount: money(new Dec(l.amount)),
        CustomerRef: jobRef(c.job_id),
      })),
    }));
    po.set(c.commitment_id, r);
  }

  const apRows = new Map<string, CostRow[]>();
  const otherRows: CostRow[] = [];
  for (const t of data.cost_transactions) {
    if (t.source === 'ap' && t.invoice_id) apRows.set(t.invoice_id, [...(apRows.get(t.invoice_id) ?? []), t]);
    else otherRows.push(t);
  }
  for (const p of data.payables) {
    const voided = p.status === 'void';
    const rows = apRows.get(p.invoice_id) ?? [];
    const held = new Dec(p.retainage_held ?? 0);
    const released = new Dec(p.retainage_released ?? 0);
    const expense: QbNode[] = [];
    const retainageAccount = refTo(lists.account.get('retainagePayable')!);
    if (!held.isZero())
      expense.push({
        TxnLineID: company.newLineId(),
        AccountRef: retainageAccount,
        Amount: money(voided ? new Dec(0) : held.neg()),
        Memo: 'Retainage withheld',
        CustomerRef: jobRef(p.job_id),
        BillableStatus: 'NotBillable',
      });
    if (!released.isZero())
      expense.push({
        TxnLineID: company.newLineId(),
        AccountRef: retainageAccount,
        Amount: money(voided ? new Dec(0) : released),
        Memo: 'Retainage released',
        CustomerRef: jobRef(p.job_id),
        BillableStatus: 'NotBillable',
      });
    const items = rows.map((t, i) => ({
      TxnLineID: company.newLineId(),
      ItemRef: itemRef(t.cost_code),
      ...(t.description ? { Desc: t.description } : {}),
      Quantity: '1',
      Cost: money(voided ? new Dec(0) : new Dec(t.amount)),
      Amount: money(voided ? new Dec(0) : new Dec(t.amount)),
      CustomerRef: jobRef(t.job_id, i % 2 === 1),
      ClassRef: classRef(t.cost_type),
      BillableStatus: 'NotBillable',
    }));
    const due = voided ? new Dec(0) : new Dec(p.gross_amount).minus(held).plus(released);
    const order = p.commitment_id ? po.get(p.commitment_id) : undefined;
    company.create('txn', 'BillRet', (s) => ({
      ...head(s),
      ...(p.vendor_id && lists.vendorOf.has(p.vendor_id)
        ? { VendorRef: refTo(lists.vendorOf.get(p.vendor_id)!) }
        : {}),
      APAccountRef: refTo(lists.account.get('ap')!),
      TxnDate: p.invoice_date ?? p.period_end ?? '2000-01-01',
      AmountDue: money(due),
      RefNumber: p.number,
      ...(voided ? { Memo: `VOID: ${p.number}` } : {}),
      IsPaid: p.status === 'paid' || voided ? 'true' : 'false',
      ...(order
        ? {
            LinkedTxn: [
              {
                TxnID: order.id,
                TxnType: 'PurchaseOrder',
                TxnDate: String(order.node.TxnDate),
                RefNumber: String(order.node.RefNumber),
                LinkType: 'AMTTYPE',
                Amount: money(new Dec(p.gross_amount)),
              },
            ],
          }
        : {}),
      ...(expense.length ? { ExpenseLineRet: expense } : {}),
      ...(items.length ? { ItemLineRet: items } : {}),
      OpenAmount: money(p.status === 'paid' ? new Dec(0) : due),
    }));
  }
  renderOtherCost(company, otherRows, lists, jobRef, itemRef, classRef);
  renderBillings(company, data, lists, jobRef);
}

function renderEstimates(company: QbCompany, data: Dataset, lists: Lists) {
  const budget = new Map<string, Dataset['budget_lines']>();
  for (const b of data.budget_lines) budget.set(b.job_id, [...(budget.get(b.job_id) ?? []), b]);
  const revenue = new Map<string, Dec>();
  for (const c of data.prime_contracts)
    if (c.status !== 'void')
      revenue.set(c.job_id, (revenue.get(c.job_id) ?? new Dec(0)).plus(c.original_amount));
  for (const c of data.change_orders)
    if (c.kind === 'prime' && c.status === 'approved' && c.contract_amount)
      revenue.set(c.job_id, (revenue.get(c.job_id) ?? new Dec(0)).plus(c.contract_amount));
  data.jobs.forEach((job, i) => {
    const parts: { code: string; type: string; cost: Dec; change: boolean }[] = [];
    for (const b of budget.get(job.job_id) ?? []) {
      const original =
        b.original_budget !== null ? new Dec(b.original_budget) : new Dec(b.revised_budget ?? 0);
      const revised =
        b.revised_budget !== null ? new Dec(b.revised_budget) : original.plus(b.approved_changes ?? 0);
      if (!original.isZero())
        parts.push({ code: b.cost_code, type: b.cost_type, cost: original, change: false });
      if (!revised.minus(original).isZero())
        parts.push({ code: b.cost_code, type: b.cost_type, cost: revised.minus(original), change: true });
    }
    const contract = revenue.get(job.job_id) ?? new Dec(0);
    if (parts.length === 0 && contract.isZero()) return;
    const amounts = spread(
      contract,
      parts.map((p) => p.cost),
    );
    const lines: QbNode[] = parts.map((p, k) => ({
      TxnLineID: company.newLineId(),
      ItemRef: refTo(lists.itemOf.get(p.code)!),
      Quantity: '1',
      Rate: money(amounts[k]!),
      ClassRef: refTo(lists.classOf.get(p.type)!),
      Amount: money(amounts[k]!),
      MarkupRate: money(amounts[k]!.minus(p.cost)),
      ...(p.change ? { Other1: 'CO' } : {}),
    }));
    if (parts.length === 0)
      lines.push({
        TxnLineID: company.newLineId(),
        ItemRef: refTo(lists.revenueItem),
        Quantity: '1',
        Rate: money(contract),
        Amount: money(contract),
        MarkupRate: money(contract),
      });
    const estimate = (active: boolean, scale: Dec) =>
      company.create('txn', 'EstimateRet', (s) => ({
        ...head(s),
        CustomerRef: refTo(lists.jobOf.get(job.job_id)!),
        TxnDate: job.start_date ?? '2000-01-01',
        RefNumber: `E-${job.number}`.slice(0, 11),
        IsActive: active ? 'true' : 'false',
        Subtotal: money(contract.times(scale).toDecimalPlaces(2)),
        SalesTaxTotal: '0.00',
        TotalAmount: money(contract.times(scale).toDecimalPlaces(2)),
        ...(active ? {} : { Memo: 'Bid, superseded' }),
        EstimateLineRet: active ? lines : lines.map((l) => ({ ...l, TxnLineID: company.newLineId() })),
      }));
    if (i % 4 === 1) estimate(false, new Dec(1));
    estimate(true, new Dec(1));
  });
}

/** Spreads a contract over lines in proportion to their cost, to the cent (largest remainder). */
function spread(total: Dec, weights: Dec[]): Dec[] {
  const sum = weights.reduce((s, w) => s.plus(w), new Dec(0));
  if (weights.length === 0) return [];
  if (sum.isZero()) return weights.map((_, i) => (i === 0 ? total : new Dec(0)));
  const raw = weights.map((w) => total.times(w).div(sum));
  const out = raw.map((r) => r.toDecimalPlaces(2, Dec.ROUND_DOWN));
  let rest = total
    .minus(out.reduce((s, v) => s.plus(v), new Dec(0)))
    .times(100)
    .toNumber();
  const order = raw.map((r, i) => [r.minus(out[i]!), i] as const).sort((a, b) => b[0].comparedTo(a[0]));
  for (let k = 0; rest !== 0 && k < order.length * 2; k++) {
    const i = order[k % order.length]![1];
    const step = rest > 0 ? 1 : -1;
    out[i] = out[i]!.plus(step / 100);
    rest -= step;
  }
  return out;
}

function renderOtherCost(
  company: QbCompany,
  rows: CostRow[],
  lists: Lists,
  jobRef: (job: string, alt?: boolean) => QbNode,
  itemRef: (code: string) => QbNode,
  classRef: (type: string) => QbNode,
) {
  const groups = new Map<string, CostRow[]>();
  for (const t of rows) {
    const key = `${t.source}|${t.date}|${t.job_id}|${t.status === 'void' ? t.transaction_id : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const voided = first.status === 'void';
    const amount = (t: CostRow) => (voided ? new Dec(0) : new Dec(t.amount));
    const total = group.reduce((s, t) => s.plus(amount(t)), new Dec(0));
    const memo = voided ? { Memo: `VOID: ${first.description ?? ''}`.trim() } : {};
    if (first.source === 'payroll' || first.source === 'direct' || first.source === 'ap') {
      const ret = first.source === 'direct' ? 'CreditCardChargeRet' : 'CheckRet';
      const itemLines = group.map((t, i) => ({
        TxnLineID: company.newLineId(),
        ItemRef: itemRef(t.cost_code),
        ...(t.description ? { Desc: t.description } : {}),
        Quantity: '1',
        Cost: money(amount(t)),
        Amount: money(amount(t)),
        CustomerRef: jobRef(t.job_id, i % 2 === 1),
        ClassRef: classRef(t.cost_type),
        BillableStatus: 'NotBillable',
      }));
      company.create('txn', ret, (s) =>
        ret === 'CheckRet'
          ? {
              ...head(s),
              AccountRef: refTo(lists.account.get('checking')!),
              PayeeEntityRef: refTo(lists.payroll),
              TxnDate: first.date,
              Amount: money(total),
              ...memo,
              ItemLineRet: itemLines,
            }
          : {
              ...head(s),
              AccountRef: refTo(lists.account.get('card')!),
              TxnDate: first.date,
              Amount: money(total),
              ...memo,
              ItemLineRet: itemLines,
            },
      );
      continue;
    }
    // Equipment and journal cost: a journal entry, the cost code leading each line's memo.
    const costAccount = refTo(lists.account.get(first.source === 'equipment' ? 'equipment' : 'jobCosts')!);
    const debit: QbNode[] = [];
    const credit: QbNode[] = [];
    for (const t of group) {
      const a = amount(t);
      const line = (amt: Dec): QbNode => ({
        TxnLineID: company.newLineId(),
        AccountRef: costAccount,
        Amount: money(amt.abs()),
        Memo: `${t.cost_code} ${t.description ?? ''}`.trim(),
        EntityRef: jobRef(t.job_id),
        ClassRef: classRef(t.cost_type),
        BillableStatus: 'NotBillable',
      });
      (a.isNegative() ? credit : debit).push(line(a));
    }
    const net = total;
    const balancing = {
      TxnLineID: company.newLineId(),
      AccountRef: refTo(lists.account.get('checking')!),
      Amount: money(net.abs()),
      Memo: 'Offset',
    };
    if (net.isNegative()) debit.push(balancing);
    else if (!net.isZero()) credit.push(balancing);
    company.create('txn', 'JournalEntryRet', (s) => ({
      ...head(s),
      TxnDate: first.date,
      ...memo,
      IsAdjustment: 'false',
      ...(debit.length ? { JournalDebitLine: debit } : {}),
      ...(credit.length ? { JournalCreditLine: credit } : {}),
    }));
  }
}

function renderBillings(company: QbCompany, data: Dataset, lists: Lists, jobRef: (job: string) => QbNode) {
  for (const b of data.billings) {
    const voided = b.status === 'void';
    const billed = voided ? new Dec(0) : new Dec(b.billed_amount);
    const held = voided ? new Dec(0) : new Dec(b.retainage_held ?? 0);
    const credit = billed.isNegative();
    const lines: QbNode[] = [
      {
        TxnLineID: company.newLineId(),
        ItemRef: refTo(lists.billingItem),
        Desc: 'Work completed this period',
        Amount: money(billed.abs()),
      },
    ];
    if (!held.isZero())
      lines.push({
        TxnLineID: company.newLineId(),
        ItemRef: refTo(lists.retainageItem),
        Desc: 'Retainage',
        Amount: money(credit ? held : held.neg()),
      });
    const subtotal = billed.abs().minus(credit ? held.neg() : held);
    company.create('txn', credit ? 'CreditMemoRet' : 'InvoiceRet', (s) =>
      credit
        ? {
            ...head(s),
            CustomerRef: jobRef(b.job_id),
            ARAccountRef: refTo(lists.account.get('ar')!),
            TxnDate: b.period_end,
            RefNumber: b.number,
            Subtotal: money(subtotal),
            SalesTaxTotal: '0.00',
            TotalAmount: money(subtotal),
            CreditRemaining: '0.00',
            CreditMemoLineRet: lines,
          }
        : {
            ...head(s),
            CustomerRef: jobRef(b.job_id),
            ARAccountRef: refTo(lists.account.get('ar')!),
            TxnDate: b.period_end,
            RefNumber: b.number,
            Subtotal: money(subtotal),
            SalesTaxTotal: '0.00',
            BalanceRemaining: money(b.status === 'paid' ? new Dec(0) : subtotal),
            ...(voided ? { Memo: `VOID: ${b.number}` } : {}),
            IsPaid: b.status === 'paid' || voided ? 'true' : 'false',
            InvoiceLineRet: lines,
          },
    );
  }
}
