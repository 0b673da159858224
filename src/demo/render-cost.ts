/**
 * Job cost as each system holds it: Procore direct costs (what the ERP → Procore sync delivered), and the
 * ERP's job cost ledger with the AP invoices of supplier bills outside commitments.
 */
import { VENDORS } from './catalog.ts';
import { formatCents, sum } from './cents.ts';
import type { JobFacts } from './facts.ts';
import { vendorIds } from './ids.ts';
import type { Row } from './rows.ts';

/** Procore direct costs: the ERP's non-commitment cost as the ERP → Procore sync delivered it. */
export function pmDirectCosts(f: JobFacts, jobId: string): Row[] {
  return f.directCosts
    .filter((c) => c.syncedToPm && c.status === 'posted')
    .map((c) => ({
      transaction_id: c.ids.pm,
      job_id: jobId,
      date: c.date,
      cost_code: c.code,
      cost_type: c.type,
      amount: formatCents(c.amount),
      source: 'direct',
      vendor_id: c.vendor === null ? null : vendorIds(c.vendor).pm,
      invoice_id: null,
      status: 'approved',
      description: c.description,
    }));
}

/** ERP job cost: AP distributions of accepted subcontractor invoices, then payroll, equipment, journals and supplier bills. */
export function erpJobCost(
  f: JobFacts,
  jobId: string,
  invoices: JobFacts['invoices'],
  code: (c: string) => string,
): Row[] {
  const rows: Row[] = [];
  for (const inv of invoices) {
    inv.lines.forEach((l, i) => {
      rows.push({
        // Sage job cost records are numbered: the AP invoice record number, then the distribution line.
        transaction_id: `${inv.ids.erp}${String(i + 1).padStart(4, '0')}`,
        job_id: jobId,
        date: inv.invoiceDate,
        cost_code: code(l.code),
        cost_type: l.type,
        amount: formatCents(l.amount),
        source: 'ap',
        vendor_id: vendorIds(inv.vendor).erp,
        invoice_id: inv.ids.erp,
        status: 'posted',
        description: `AP ${inv.number} ${VENDORS[inv.vendor]?.name ?? ''}`.trim(),
      });
    });
  }
  for (const c of f.directCosts) {
    rows.push({
      transaction_id: c.ids.erp,
      job_id: jobId,
      date: c.date,
      cost_code: code(c.code),
      cost_type: c.type,
      amount: formatCents(c.amount),
      source: c.source,
      vendor_id: c.vendor === null ? null : vendorIds(c.vendor).erp,
      invoice_id: c.bill?.ids.erp ?? null,
      status: c.status,
      description: c.description,
    });
  }
  return rows;
}

function groupBills(f: JobFacts) {
  const bills = new Map<
    string,
    { bill: NonNullable<JobFacts['directCosts'][number]['bill']>; costs: JobFacts['directCosts'] }
  >();
  for (const c of f.directCosts) {
    if (!c.bill) continue;
    const entry = bills.get(c.bill.ids.erp) ?? { bill: c.bill, costs: [] };
    entry.costs.push(c);
    bills.set(c.bill.ids.erp, entry);
  }
  return [...bills.values()];
}

export function erpSupplierBills(f: JobFacts, jobId: string): Row[] {
  return groupBills(f).map(({ bill, costs }) => {
    const first = costs[0]!;
    const gross = formatCents(sum(costs.map((c) => c.amount)));
    return {
      invoice_id: bill.ids.erp,
      linked_id: null,
      job_id: jobId,
      number: bill.number,
      vendor_id: first.vendor === null ? null : vendorIds(first.vendor).erp,
      commitment_id: null,
      invoice_date: first.date,
      period_end: first.date,
      status: first.status === 'void' ? 'void' : 'posted',
      gross_amount: gross,
      retainage_held: '0.00',
      retainage_released: '0.00',
      net_amount: gross,
    };
  });
}

export function erpSupplierBillLines(f: JobFacts, code: (c: string) => string): Row[] {
  return groupBills(f).flatMap(({ bill, costs }) =>
    costs.map((c, i) => ({
      invoice_id: bill.ids.erp,
      line_id: String(i + 1),
      cost_code: code(c.code),
      cost_type: c.type,
      amount: formatCents(c.amount),
      retainage_held: '0.00',
    })),
  );
}
