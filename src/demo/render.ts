/**
 * Writes one side's copy of a job as canonical rows, the way that system would show it: Procore numeric
 * ids and origin ids on the PM side; Sage job and record numbers, Sage-style cost codes on some jobs and
 * the company-mapped code on the ERP side. Derived columns (revised, committed, net, EAC) are computed here
 * from the facts, so a planted edit to one side's facts shows up everywhere it would in that system.
 */
import type { Side } from '../../connectors/canonical/tables.ts';
import { ERP_ONLY_CODE, GENERAL_CONDITIONS, MAPPED_CODE, TRADE_CODES } from './catalog.ts';
import { type Cents, formatCents, percentOf, sum } from './cents.ts';
import { pmJobToDate, revisedByLine, revisedCommitmentLines } from './derive.ts';
import { type JobFacts, lineKey } from './facts.ts';
import { sageCostCode, vendorIds } from './ids.ts';
import { erpJobCost, erpSupplierBillLines, erpSupplierBills, pmDirectCosts } from './render-cost.ts';
import type { Row, SideRows } from './rows.ts';

const money = (v: Cents | null | undefined) => (v === null || v === undefined ? null : formatCents(v));

export function erpCode(code: string, sageCodes: boolean): string {
  if (code === MAPPED_CODE.pmCode) return MAPPED_CODE.erpCode;
  return sageCodes ? sageCostCode(code) : code;
}

export function codeDescription(code: string): string {
  if (code === ERP_ONLY_CODE.code) return ERP_ONLY_CODE.description;
  const all = [...GENERAL_CONDITIONS, ...TRADE_CODES];
  const exact = all.find((c) => c.code === code);
  if (exact) return exact.description;
  const base = all.find((c) => c.code.slice(0, 4) === code.slice(0, 4));
  return base ? `${base.description} - Area ${Number(code.slice(3)) - Number(base.code.slice(3))}` : code;
}

export function renderJob(side: Side, f: JobFacts): SideRows {
  const pm = side === 'pm';
  const id = (ids: { pm: string; erp: string }) => (pm ? ids.pm : ids.erp);
  const other = (ids: { pm: string; erp: string }, linked: boolean) =>
    linked ? (pm ? ids.erp : ids.pm) : null;
  const code = (c: string) => (pm ? c : erpCode(c, f.sageCodes));
  const vendor = (i: number | null) => (i === null ? null : id(vendorIds(i)));
  const jobId = id(f.ids);
  const rows: SideRows = {};

  rows.jobs = [
    {
      job_id: jobId,
      linked_id: other(f.ids, f.linked),
      number: f.number,
      name: f.name,
      status: f.status,
      start_date: f.startDate,
      completion_date: f.completionDate,
    },
  ];

  const used = new Set<string>();
  for (const b of f.budget) used.add(b.code);
  for (const c of f.directCosts) used.add(c.code);
  rows.cost_codes = [...used]
    .sort()
    .map((c) => ({ job_id: jobId, code: code(c), linked_id: null, description: codeDescription(c) }));

  rows.budget_lines = budgetRows(side, f, jobId, code);

  rows.prime_contracts = [
    {
      contract_id: id(f.contract.ids),
      linked_id: other(f.contract.ids, f.linked),
      job_id: jobId,
      number: f.contract.number,
      status: f.status === 'open' ? 'approved' : 'complete',
      original_amount: money(f.contract.original),
      executed_date: f.contract.executedDate,
    },
  ];

  const commitmentId = new Map(f.commitments.map((c) => [c.number, id(c.ids)]));
  rows.change_orders = f.changeOrders.map((co) => ({
    change_order_id: id(co.ids),
    linked_id: other(co.ids, co.linked),
    job_id: jobId,
    number: co.number,
    kind: co.kind,
    commitment_id: co.commitmentNumber ? (commitmentId.get(co.commitmentNumber) ?? null) : null,
    status: co.status,
    approved_date: co.approvedDate,
    contract_amount: money(co.contractAmount),
    cost_amount: money(sum(co.lines.map((l) => l.amount))),
    description: co.description,
  }));
  rows.change_order_lines = f.changeOrders.flatMap((co) =>
    co.lines.map((l, i) => ({
      change_order_id: id(co.ids),
      line_id: String(i + 1),
      cost_code: code(l.code),
      cost_type: l.type,
      amount: money(l.amount),
    })),
  );

  rows.commitments = f.commitments.map((c) => {
    const original = sum(c.lines.map((l) => l.amount));
    const revised = sum(revisedCommitmentLines(c, f.changeOrders).map((l) => l.amount));
    return {
      commitment_id: id(c.ids),
      linked_id: other(c.ids, c.linked),
      job_id: jobId,
      number: c.number,
      kind: c.kind,
      vendor_id: vendor(c.vendor),
      status: c.status,
      original_amount: money(original),
      approved_changes: money(revised - original),
      revised_amount: money(revised),
      retainage_percent: c.retainagePercent,
      executed_date: c.executedDate,
    };
  });
  rows.commitment_lines = f.commitments.flatMap((c) =>
    revisedCommitmentLines(c, f.changeOrders).map((l, i) => ({
      commitment_id: id(c.ids),
      line_id: String(i + 1),
      cost_code: code(l.code),
      cost_type: l.type,
      amount: money(l.amount),
    })),
  );

  // The ERP holds only invoices the accounting approver accepted; Procore also shows those still in review.
  const invoices = f.invoices.filter((inv) => pm || inv.status === 'approved');
  rows.payables = invoices.map((inv) => {
    const gross = sum(inv.lines.map((l) => l.amount));
    const held = sum(inv.lines.map((l) => percentOf(l.amount, inv.retainagePercent)));
    const status = pm ? inv.status : inv.paid ? 'paid' : 'posted';
    return {
      invoice_id: id(inv.ids),
      linked_id: other(inv.ids, inv.linked),
      job_id: jobId,
      number: inv.number,
      vendor_id: vendor(inv.vendor),
      commitment_id: commitmentId.get(inv.commitmentNumber) ?? null,
      invoice_date: inv.invoiceDate,
      period_end: inv.periodEnd,
      status,
      gross_amount: money(gross),
      retainage_held: money(held),
      retainage_released: money(inv.retainageReleased),
      net_amount: money(gross - held + inv.retainageReleased),
    };
  });
  rows.payable_lines = invoices.flatMap((inv) =>
    inv.lines.map((l, i) => ({
      invoice_id: id(inv.ids),
      line_id: String(i + 1),
      cost_code: code(l.code),
      cost_type: l.type,
      amount: money(l.amount),
      retainage_held: money(percentOf(l.amount, inv.retainagePercent)),
    })),
  );

  rows.cost_transactions = pm ? pmDirectCosts(f, jobId) : erpJobCost(f, jobId, invoices, code);
  if (!pm) rows.payables.push(...erpSupplierBills(f, jobId));
  if (!pm) rows.payable_lines.push(...erpSupplierBillLines(f, code));

  rows.billings = f.billings.map((b) => ({
    billing_id: id(b.ids),
    linked_id: other(b.ids, f.linked),
    job_id: jobId,
    number: b.number,
    period_end: b.periodEnd,
    billed_amount: money(b.billed),
    retainage_held: money(b.retainage),
    retainage_released: money(b.retainageReleased),
    status: pm || b.status === 'paid' ? b.status : 'posted',
  }));

  if (pm)
    rows.sync_queue = f.sync.map((s) => ({
      item_id: s.id,
      job_id: jobId,
      item_type: s.itemType,
      record_id: s.recordId,
      item_number: s.itemNumber,
      submitted_date: s.submittedDate,
      status: s.status,
      approver: s.approver,
      message: s.message,
    }));
  return rows;
}

function budgetRows(side: Side, f: JobFacts, jobId: string, code: (c: string) => string): Row[] {
  const pm = side === 'pm';
  const approved = new Map<string, Cents>();
  const pending = new Map<string, Cents>();
  const add = (m: Map<string, Cents>, k: string, v: Cents) => m.set(k, (m.get(k) ?? 0n) + v);
  for (const co of f.changeOrders) {
    if (co.kind === 'commitment') continue;
    for (const l of co.lines) {
      if (co.status === 'approved' && co.budgetApplied) add(approved, lineKey(l.code, l.type), l.amount);
      if (co.status === 'pending' && co.kind === 'prime') add(pending, lineKey(l.code, l.type), l.amount);
    }
  }
  const committed = new Map<string, Cents>();
  for (const c of f.commitments)
    for (const l of revisedCommitmentLines(c, f.changeOrders))
      add(committed, lineKey(l.code, l.type), l.amount);
  const jtd = pmJobToDate(f);
  const revised = revisedByLine(f.budget, f.changeOrders);
  const keys = new Map(f.budget.map((b) => [lineKey(b.code, b.type), b.original]));
  for (const k of [...approved.keys(), ...(pm ? [...pending.keys(), ...committed.keys()] : [])])
    if (!keys.has(k)) keys.set(k, 0n);
  return [...keys].map(([key, original]) => {
    const [c = '', type = ''] = key.split('|');
    const rev = revised.get(key) ?? original;
    const ftc = f.forecastToComplete.get(key) ?? 0n;
    return {
      job_id: jobId,
      cost_code: code(c),
      cost_type: type,
      original_budget: formatCents(original),
      approved_changes: formatCents(approved.get(key) ?? 0n),
      revised_budget: formatCents(rev),
      pending_changes: pm ? formatCents(pending.get(key) ?? 0n) : null,
      committed_cost: pm ? formatCents(committed.get(key) ?? 0n) : null,
      forecast_to_complete: pm ? formatCents(ftc) : null,
      estimated_cost_at_completion: pm ? formatCents((jtd.get(key) ?? 0n) + ftc) : null,
    };
  });
}
