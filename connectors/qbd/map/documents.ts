/**
 * QuickBooks documents → canonical rows. A document whose lines charge several jobs becomes one canonical
 * document per job (`<TxnID>@<job ListID>`): canonical documents belong to one job.
 *
 * - Estimates (active only) → budget lines per job × cost-code item × class, cost = amount − markup; lines
 *   marked `CO` in Other1 are approved changes. The active estimates' subtotal is the job's contract.
 * - Purchase orders → commitments (subcontract by vendor type or vendor) and commitment lines.
 * - Bills → payables: gross = job-cost lines, retainage held = negative retainage lines, released = positive.
 * - Invoices and credit memos → billings, before retainage (the Retainage item lines), excluding sales tax.
 */
import { Dec } from '../../canonical/money.ts';
import type { SourceRecord } from '../../contract.ts';
import { children, type QbNode, ref, text } from '../qbxml/xml.ts';
import { isVoid, linkedTxnIds, refId, type TxnLine, txnLines } from './lines.ts';
import type { Lookups } from './lookups.ts';
import type { MirrorRecord } from './mirror.ts';

const money = (d: Dec) => d.toFixed(2);
export const record = (values: Record<string, unknown>, sourceRef: string, raw?: unknown): SourceRecord => ({
  ok: true,
  values,
  sourceRef,
  raw,
});

/** Lines grouped by job, in first-seen order. */
export function byJob(lines: TxnLine[]): Map<string, TxnLine[]> {
  const out = new Map<string, TxnLine[]>();
  for (const l of lines) {
    if (!l.jobId) continue;
    out.set(l.jobId, [...(out.get(l.jobId) ?? []), l]);
  }
  return out;
}

export const docId = (txnId: string, jobId: string, jobs: number) => (jobs > 1 ? `${txnId}@${jobId}` : txnId);

export function estimates(
  records: Iterable<MirrorRecord>,
  lookups: Lookups,
): { budget: SourceRecord[]; contracts: SourceRecord[] } {
  const budget = new Map<
    string,
    { job: string; code: string; type: string; original: Dec; changes: Dec; refs: string[] }
  >();
  const contracts = new Map<string, { amount: Dec; number?: string; date?: string; refs: string[] }>();
  for (const e of records) {
    if (text(e.node, 'IsActive') === 'false') continue;
    const job = lookups.jobOf(ref(e.node, 'CustomerRef')?.listId);
    if (!job) continue;
    const c = contracts.get(job) ?? { amount: new Dec(0), refs: [] };
    c.amount = c.amount.plus(text(e.node, 'Subtotal') ?? text(e.node, 'TotalAmount') ?? 0);
    c.number ??= text(e.node, 'RefNumber');
    const date = text(e.node, 'TxnDate');
    if (date && (!c.date || date < c.date)) c.date = date;
    c.refs.push(`QuickBooks Estimate ${e.id}`);
    contracts.set(job, c);
    for (const line of children(e.node, 'EstimateLineRet')) {
      const item = ref(line, 'ItemRef')?.listId;
      const code = item ? lookups.costCodeItems.get(item)?.code : undefined;
      if (!code) continue;
      const type = lookups.costType(ref(line, 'ClassRef')?.listId);
      const cost = estimateLineCost(line);
      const key = `${job}|${code}|${type}`;
      const b = budget.get(key) ?? { job, code, type, original: new Dec(0), changes: new Dec(0), refs: [] };
      if (/^CO\b/i.test(text(line, 'Other1') ?? '')) b.changes = b.changes.plus(cost);
      else b.original = b.original.plus(cost);
      b.refs.push(text(line, 'TxnLineID') ?? '');
      budget.set(key, b);
    }
  }
  return {
    budget: [...budget.values()].map((b) =>
      record(
        {
          job_id: b.job,
          cost_code: b.code,
          cost_type: b.type,
          original_budget: money(b.original),
          approved_changes: money(b.changes),
          revised_budget: money(b.original.plus(b.changes)),
        },
        `QuickBooks active estimate of job ${b.job}, lines ${b.refs.join(', ')}`,
      ),
    ),
    contracts: [...contracts].map(([job, c]) =>
      record(
        {
          contract_id: job,
          job_id: job,
          number: c.number ?? null,
          status: 'approved',
          original_amount: money(c.amount),
          executed_date: c.date ?? null,
        },
        c.refs.join(', '),
      ),
    ),
  };
}

/**
 * An estimate line's cost. QuickBooks gives the sales amount and the markup: `MarkupRate` (an amount per
 * unit) or `MarkupRatePercent` (a percentage of cost); with neither, the line's amount is its cost.
 */
export function estimateLineCost(line: QbNode): Dec {
  const amount = new Dec(text(line, 'Amount') ?? 0);
  const quantity = new Dec(text(line, 'Quantity') ?? 1);
  const markup = text(line, 'MarkupRate');
  if (markup !== undefined) return amount.minus(quantity.times(markup)).toDecimalPlaces(2);
  const percent = text(line, 'MarkupRatePercent');
  if (percent !== undefined) return amount.div(new Dec(percent).div(100).plus(1)).toDecimalPlaces(2);
  return amount;
}

export function purchaseOrders(
  records: Iterable<MirrorRecord>,
  lookups: Lookups,
): { commitments: SourceRecord[]; lines: SourceRecord[]; idOf: Map<string, string> } {
  const commitments: SourceRecord[] = [];
  const lines: SourceRecord[] = [];
  const idOf = new Map<string, string>();
  for (const po of records) {
    const all = children(po.node, 'PurchaseOrderLineRet').flatMap((l) =>
      txnLines({ ItemLineRet: [l] }, lookups),
    );
    for (const g of children(po.node, 'PurchaseOrderLineGroupRet'))
      all.push(
        ...children(g, 'PurchaseOrderLineRet').flatMap((l) => txnLines({ ItemLineRet: [l] }, lookups)),
      );
    const jobs = byJob(all);
    const vendor = refId(po.node, 'VendorRef');
    const voided = isVoid(po.node);
    const closed =
      text(po.node, 'IsManuallyClosed') === 'true' || text(po.node, 'IsFullyReceived') === 'true';
    for (const [job, jl] of jobs) {
      const id = docId(po.id, job, jobs.size);
      idOf.set(`${po.id}|${job}`, id);
      const amount = jl.reduce((s, l) => s.plus(l.amount), new Dec(0));
      commitments.push(
        record(
          {
            commitment_id: id,
            job_id: job,
            number: text(po.node, 'RefNumber') ?? text(po.node, 'TxnNumber') ?? po.id,
            kind: lookups.isSubcontractVendor(vendor) ? 'subcontract' : 'purchase_order',
            vendor_id: vendor ?? null,
            status: voided ? 'void' : closed ? 'complete' : 'approved',
            original_amount: money(amount),
            approved_changes: '0.00',
            revised_amount: money(amount),
            executed_date: text(po.node, 'TxnDate') ?? null,
          },
          `QuickBooks PurchaseOrder ${po.id}`,
          po.node,
        ),
      );
      for (const l of jl)
        lines.push(
          record(
            {
              commitment_id: id,
              line_id: l.lineId,
              cost_code: l.costCode ?? null,
              cost_type: l.costType,
              amount: money(l.amount),
            },
            `QuickBooks PurchaseOrder ${po.id} line ${l.lineId}`,
          ),
        );
    }
  }
  return { commitments, lines, idOf };
}

export function bills(
  records: Iterable<MirrorRecord>,
  lookups: Lookups,
  commitmentOf: Map<string, string>,
): { payables: SourceRecord[]; lines: SourceRecord[] } {
  const payables: SourceRecord[] = [];
  const lines: SourceRecord[] = [];
  for (const bill of records) {
    const jobs = byJob(txnLines(bill.node, lookups));
    const voided = isVoid(bill.node);
    const orders = linkedTxnIds(bill.node, 'PurchaseOrder');
    for (const [job, jl] of jobs) {
      const cost = jl.filter((l) => l.kind === 'cost');
      if (cost.length === 0 && !jl.some((l) => l.kind === 'retainage')) continue;
      const id = docId(bill.id, job, jobs.size);
      const gross = cost.reduce((s, l) => s.plus(l.amount), new Dec(0));
      const retainage = jl.filter((l) => l.kind === 'retainage');
      const held = retainage
        .filter((l) => l.amount.isNegative())
        .reduce((s, l) => s.minus(l.amount), new Dec(0));
      const released = retainage
        .filter((l) => !l.amount.isNegative())
        .reduce((s, l) => s.plus(l.amount), new Dec(0));
      const order = orders.map((o) => commitmentOf.get(`${o}|${job}`)).find(Boolean);
      payables.push(
        record(
          {
            invoice_id: id,
            job_id: job,
            number: text(bill.node, 'RefNumber') ?? text(bill.node, 'TxnNumber') ?? bill.id,
            vendor_id: refId(bill.node, 'VendorRef') ?? null,
            commitment_id: order ?? null,
            invoice_date: text(bill.node, 'TxnDate') ?? null,
            status: voided ? 'void' : text(bill.node, 'IsPaid') === 'true' ? 'paid' : 'posted',
            gross_amount: money(gross),
            retainage_held: money(held),
            retainage_released: money(released),
            net_amount: money(gross.minus(held).plus(released)),
          },
          `QuickBooks Bill ${bill.id}`,
          bill.node,
        ),
      );
      for (const l of cost)
        lines.push(
          record(
            {
              invoice_id: id,
              line_id: l.lineId,
              cost_code: l.costCode ?? null,
              cost_type: l.costType,
              amount: money(l.amount),
            },
            `QuickBooks Bill ${bill.id} line ${l.lineId}`,
          ),
        );
    }
  }
  return { payables, lines };
}

export function invoices(records: Iterable<MirrorRecord>, lookups: Lookups, credit: boolean): SourceRecord[] {
  const out: SourceRecord[] = [];
  const sign = credit ? -1 : 1;
  for (const inv of records) {
    const job = lookups.jobOf(ref(inv.node, 'CustomerRef')?.listId);
    if (!job) continue;
    let billed = new Dec(0);
    let held = new Dec(0);
    for (const line of children(inv.node, credit ? 'CreditMemoLineRet' : 'InvoiceLineRet')) {
      const amount = new Dec(text(line, 'Amount') ?? 0).times(sign);
      const item = ref(line, 'ItemRef')?.listId;
      if (item && lookups.retainageItems.has(item)) held = held.minus(amount);
      else billed = billed.plus(amount);
    }
    out.push(
      record(
        {
          billing_id: inv.id,
          job_id: job,
          number: text(inv.node, 'RefNumber') ?? text(inv.node, 'TxnNumber') ?? inv.id,
          period_end: text(inv.node, 'TxnDate'),
          billed_amount: money(billed),
          retainage_held: money(held),
          status: isVoid(inv.node) ? 'void' : text(inv.node, 'IsPaid') === 'true' ? 'paid' : 'posted',
        },
        `QuickBooks ${credit ? 'CreditMemo' : 'Invoice'} ${inv.id}`,
        inv.node,
      ),
    );
  }
  return out;
}
