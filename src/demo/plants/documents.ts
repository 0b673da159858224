/** Cases about documents that cross from Procore to the ERP: change orders, commitments, invoices. */

import { percentOf, sum } from '../cents.ts';
import { revisedCommitmentLines } from '../derive.ts';
import type { JobFacts } from '../facts.ts';
import {
  amount,
  approvedPrimeCo,
  coAmount,
  find,
  invoiceGross,
  latestApprovedInvoice,
  PlantError,
  subcontractWithInvoices,
  transposeDigits,
  usd,
} from './helpers.ts';
import type { Plant } from './types.ts';

const needErp = (erp: JobFacts | null, plant: string, job: string): JobFacts => {
  if (!erp) throw new PlantError(plant, job, 'no ERP copy');
  return erp;
};

export const coNeverExported: Plant = (sides, ctx) => {
  const { pm, erp } = sides;
  const e = needErp(erp, 'co-never-exported', pm.number);
  const co = approvedPrimeCo(sides, ctx);
  e.changeOrders = e.changeOrders.filter((c) => c.number !== co.number);
  return {
    story: `Prime change order ${co.number} (${usd(coAmount(co))} cost, ${usd(co.contractAmount ?? 0n)} contract) was approved in Procore on ${co.approvedDate} and shows as accepted in the integration queue, but never reached the ERP. Expect changeorder.missing, and budget.mismatch on each of its ${co.lines.length} budget line(s): the ERP budget never took the change.`,
    findings: [{ check: 'changeorder.missing', document: co.number, pm_amount: amount(coAmount(co)) }],
    explains: ['budget'],
  };
};

export const coAmountTransposed: Plant = (sides, ctx) => {
  const { pm, erp } = sides;
  const e = needErp(erp, 'co-amount-transposed', pm.number);
  const co = approvedPrimeCo(sides, ctx, true);
  const line = co.lines[0]!;
  const mistyped = transposeDigits(line.amount);
  const copy = find(e.changeOrders, (c) => c.number === co.number);
  copy.lines[0]!.amount = mistyped;
  copy.contractAmount = transposeDigits(co.contractAmount ?? 0n);
  return {
    story: `Change order ${co.number} was re-keyed in the ERP with two digits swapped: contract ${usd(co.contractAmount ?? 0n)} became ${usd(copy.contractAmount)}, and its ${line.code} ${line.type} line ${usd(line.amount)} became ${usd(mistyped)}, which the ERP budget took. Expect changeorder.mismatch on the change order (contract amounts) and on its line (cost), and budget.mismatch on that line.`,
    findings: [
      {
        check: 'changeorder.mismatch',
        document: co.number,
        pm_amount: amount(co.contractAmount ?? 0n),
        erp_amount: amount(copy.contractAmount),
      },
      {
        check: 'changeorder.mismatch',
        document: co.number,
        cost_code: line.code,
        cost_type: line.type,
        pm_amount: amount(line.amount),
        erp_amount: amount(mistyped),
      },
    ],
    explains: ['budget'],
  };
};

export const budgetLockedAfterExport: Plant = (sides, ctx) => {
  const { pm, erp } = sides;
  const e = needErp(erp, 'budget-locked-after-export', pm.number);
  const co = approvedPrimeCo(sides, ctx);
  find(e.changeOrders, (c) => c.number === co.number).budgetApplied = false;
  return {
    story: `${co.number} (${usd(coAmount(co))}) reached the ERP with the same amount, but the job's ERP budget had been locked after the original export, so the change never updated it. Expect changeorder.budget_not_updated on the change order, and budget.mismatch on each of its lines.`,
    findings: [
      {
        check: 'changeorder.budget_not_updated',
        document: co.number,
        pm_amount: amount(coAmount(co)),
        erp_amount: '0.00',
      },
    ],
    explains: ['budget'],
  };
};

export const subcontractKeyedWrong: Plant = ({ pm, erp }) => {
  const e = needErp(erp, 'subcontract-keyed-wrong', pm.number);
  const c = pm.commitments.find((x) => x.kind === 'subcontract' && x.lines[0]!.amount >= 1_000_000n);
  if (!c) throw new PlantError('subcontract-keyed-wrong', pm.number, 'no subcontract above $10,000');
  const line = c.lines[0]!;
  const mistyped = transposeDigits(line.amount);
  find(e.commitments, (x) => x.number === c.number).lines[0]!.amount = mistyped;
  const pmRevised = sum(revisedCommitmentLines(c, pm.changeOrders).map((l) => l.amount));
  return {
    story: `Subcontract ${c.number} line ${line.code} ${line.type} was keyed into the ERP as ${usd(mistyped)} instead of ${usd(line.amount)}. Expect commitment.mismatch (revised amount and that line); invoices and cost agree, so nothing else.`,
    findings: [
      {
        check: 'commitment.mismatch',
        document: c.number,
        cost_code: line.code,
        cost_type: line.type,
        pm_amount: amount(pmRevised),
        erp_amount: amount(pmRevised - line.amount + mistyped),
      },
    ],
  };
};

export const invoiceNeverPosted: Plant = ({ pm, erp }) => {
  const e = needErp(erp, 'invoice-never-posted', pm.number);
  const inv = latestApprovedInvoice(pm, 'invoice-never-posted');
  e.invoices = e.invoices.filter((i) => i.number !== inv.number);
  return {
    story: `Subcontractor invoice ${inv.number} (${usd(invoiceGross(inv))}, period ${inv.periodEnd}) was approved in Procore but never posted to ERP accounts payable. Expect invoice.missing; jobcost.mismatch on its line(s) (Procore counts approved invoices as job cost); retainage.mismatch on ${inv.commitmentNumber} (the ERP holds less).`,
    findings: [{ check: 'invoice.missing', document: inv.number, pm_amount: amount(invoiceGross(inv)) }],
  };
};

export const invoiceKeyedWrong: Plant = ({ pm, erp }) => {
  const e = needErp(erp, 'invoice-keyed-wrong', pm.number);
  const inv = latestApprovedInvoice(pm, 'invoice-keyed-wrong');
  const copy = find(e.invoices, (i) => i.number === inv.number);
  const line = copy.lines[0]!;
  const mistyped = transposeDigits(line.amount);
  const erpGross = invoiceGross(copy) - line.amount + mistyped;
  line.amount = mistyped;
  return {
    story: `Invoice ${inv.number} was keyed in AP as ${usd(erpGross)} while Procore approved ${usd(invoiceGross(inv))} (digits swapped). Expect invoice.mismatch; jobcost.mismatch on the line; retainage.mismatch on ${inv.commitmentNumber} (10 % of the difference).`,
    findings: [
      {
        check: 'invoice.mismatch',
        document: inv.number,
        pm_amount: amount(invoiceGross(inv)),
        erp_amount: amount(erpGross),
      },
    ],
  };
};

export const invoiceEnteredTwice: Plant = ({ pm, erp }, ctx) => {
  const e = needErp(erp, 'invoice-entered-twice', pm.number);
  const inv = latestApprovedInvoice(pm, 'invoice-entered-twice');
  const original = find(e.invoices, (i) => i.number === inv.number);
  e.invoices.push({
    ...structuredClone(original),
    ids: { pm: original.ids.pm, erp: ctx.ids.erp('invoice') },
    linked: false,
    paid: false,
  });
  return {
    story: `Subcontractor invoice ${inv.number} (${usd(invoiceGross(inv))}) was entered twice in ERP accounts payable (second entry without the Procore link). Expect invoice.duplicate; jobcost.mismatch on its line(s) (ERP cost doubled); retainage.mismatch on ${inv.commitmentNumber} (ERP holds twice).`,
    findings: [
      { check: 'invoice.duplicate', document: inv.number, erp_amount: amount(invoiceGross(inv) * 2n) },
    ],
  };
};

export const retainageFiveOnTen: Plant = ({ pm, erp }) => {
  const e = needErp(erp, 'retainage-five-on-ten', pm.number);
  const c = subcontractWithInvoices(pm, 'retainage-five-on-ten', '10');
  find(e.commitments, (x) => x.number === c.number).retainagePercent = '5';
  for (const i of e.invoices) if (i.commitmentNumber === c.number) i.retainagePercent = '5';
  const held = (f: JobFacts, pct: string) =>
    sum(
      f.invoices
        .filter((i) => i.commitmentNumber === c.number && i.status === 'approved')
        .flatMap((i) => i.lines.map((l) => percentOf(l.amount, pct))),
    );
  return {
    story: `Subcontract ${c.number} carries 10 % retainage in Procore, but it was set up with 5 % in the ERP, so every posted invoice holds half the retainage (${usd(held(pm, '10'))} vs ${usd(held(e, '5'))}). Expect retainage.mismatch on ${c.number}; gross amounts agree, so no invoice.mismatch unless net amounts are compared.`,
    findings: [
      {
        check: 'retainage.mismatch',
        document: c.number,
        pm_amount: amount(held(pm, '10')),
        erp_amount: amount(held(e, '5')),
      },
    ],
  };
};
