/** Differences that must not become findings. */
import { amount, approvedPrimeCo, find, latestApprovedInvoice, PlantError, usd } from './helpers.ts';
import type { Plant } from './types.ts';

export const withinTolerance: Plant = ({ pm, erp }) => {
  if (!erp) throw new PlantError('within-tolerance', pm.number, 'no ERP copy');
  const inv = latestApprovedInvoice(pm, 'within-tolerance');
  const erpLine = find(erp.invoices, (i) => i.number === inv.number).lines[0]!;
  erpLine.amount += 40n;
  const budgetLine = erp.budget.find((b) => b.type === 'labor') ?? erp.budget[0]!;
  budgetLine.original -= 40n;
  return {
    story: `Rounding-size differences within the $1.00 tolerance on ${pm.number}: invoice ${inv.number} keyed $0.40 higher in AP (retainage $0.04 higher), and the ERP budget for ${budgetLine.code} ${budgetLine.type} $0.40 lower. None of these may be findings.`,
    findings: [],
    notFindings: [
      {
        check: 'invoice.mismatch',
        document: inv.number,
        erp_amount: '0.40',
        story: 'AP invoice keyed $0.40 higher than approved in Procore',
      },
      {
        check: 'jobcost.mismatch',
        cost_code: erpLine.code,
        cost_type: erpLine.type,
        story: 'job cost $0.40 higher in the ERP from the same invoice',
      },
      {
        check: 'retainage.mismatch',
        document: inv.commitmentNumber,
        story: 'retainage $0.04 higher in the ERP from the same invoice',
      },
      {
        check: 'budget.mismatch',
        cost_code: budgetLine.code,
        cost_type: budgetLine.type,
        story: 'ERP budget $0.40 lower',
      },
    ],
  };
};

export const coEditsMerged: Plant = (sides, ctx) => {
  const { pm, erp } = sides;
  if (!erp) throw new PlantError('co-edits-merged', pm.number, 'no ERP copy');
  const co = approvedPrimeCo(sides, ctx, true);
  const line = co.lines[0]!;
  const first = (line.amount * 5n) / 10n;
  const second = (line.amount * 3n) / 10n;
  // Three edits in Procore, each its own line on the same cost code and type; the ERP merged them.
  co.lines.splice(
    0,
    1,
    { ...line, amount: first },
    { ...line, amount: second },
    { ...line, amount: line.amount - first - second },
  );
  return {
    story: `${co.number} on ${pm.number} was edited three times in Procore (three lines on ${line.code} ${line.type}: ${usd(first)}, ${usd(second)}, ${usd(line.amount - first - second)}); the ERP merged them into one line of ${usd(line.amount)}. Same total, same budget: not a mismatch.`,
    findings: [],
    notFindings: [
      {
        check: 'changeorder.mismatch',
        document: co.number,
        cost_code: line.code,
        cost_type: line.type,
        pm_amount: amount(line.amount),
        erp_amount: amount(line.amount),
        story: 'three Procore lines vs one merged ERP line with the same total',
      },
    ],
  };
};
