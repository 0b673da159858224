/**
 * The not-findings clean jobs demonstrate (each told once, on the first clean job that shows it), and the
 * check no dataset can plant.
 */
import { MAPPED_CODE, VENDORS } from './catalog.ts';
import { formatCents } from './cents.ts';
import type { JobPlan } from './plan.ts';
import type { PlantSides } from './plants/types.ts';
import { erpCode } from './render.ts';
import type { CheckId, NotFinding } from './truth.ts';

export const NOT_PLANTABLE: { check: CheckId; story: string }[] = [
  {
    check: 'source.stale',
    story:
      'Cannot be planted in data: it is raised when a side fails to read or its snapshot is older than staleAfterHours (36). Reproduce it by pointing one side at a missing folder or by snapshotting with an old previous run; no other finding may appear for that run.',
  },
  {
    check: 'source.report_mismatch',
    story:
      'Not planted: the generated books are detail only, with no job report of their own (reported_job_totals). Through QuickBooks Desktop the sandbox computes its Job Estimates vs Actuals Summary from the same records, so the report agrees with the detail; the golden case test/recon/golden-report.test.ts gives a report that does not.',
  },
];

export class NotFindingNotes {
  private readonly told = new Set<string>();

  about(plan: JobPlan, sides: PlantSides, note?: string): NotFinding[] {
    const out: NotFinding[] = [];
    const tell = (kind: string, nf: Omit<NotFinding, 'job_number'>) => {
      if (this.told.has(kind)) return;
      this.told.add(kind);
      out.push({ ...nf, job_number: plan.number });
    };
    const { pm, erp } = sides;
    if (!erp) return out;
    if (note === 'job-map')
      tell('job-map', {
        check: 'job.unlinked',
        document: erp.number,
        story: `ERP job ${erp.number} carries no Procore link and a different number; the company job map links it to ${pm.number}. Not unlinked, not a duplicate.`,
      });
    if (pm.sageCodes && pm.budget.length > 0)
      tell('sage-codes', {
        check: 'costcode.unmapped',
        cost_code: erpCode('03-300', true),
        story: `The ERP writes this job's cost codes Sage style (${erpCode('03-300', true)} for 03-300); normalised, every code links.`,
      });
    if (pm.budget.some((b) => b.code === MAPPED_CODE.pmCode))
      tell('mapped-code', {
        check: 'costcode.unmapped',
        cost_code: MAPPED_CODE.erpCode,
        story: `${MAPPED_CODE.pmCode} is ${MAPPED_CODE.erpCode} in the ERP and links only through the company cost-code map.`,
      });
    const voided = erp.directCosts.find((c) => c.status === 'void' && c.source === 'payroll');
    const reversal = erp.directCosts.find((c) => c.source === 'journal' && c.amount < 0n);
    if (voided && reversal)
      tell('void-reversal', {
        check: 'jobcost.mismatch',
        cost_code: reversal.code,
        cost_type: reversal.type,
        story: `A voided payroll entry (${formatCents(voided.amount)}, ERP only) and a reclass journal entry with its reversal (${formatCents(-reversal.amount)} and ${formatCents(reversal.amount)}, both on both sides) net out: job cost ties.`,
      });
    const voidBill = erp.directCosts.find((c) => c.status === 'void' && c.bill);
    if (voidBill?.bill)
      tell('void-bill', {
        check: 'invoice.duplicate',
        document: voidBill.bill.number,
        story: `Supplier invoice ${voidBill.bill.number} from ${VENDORS[voidBill.vendor ?? 0]?.name} was keyed, voided and keyed again under the same number: one void and one posted, not a duplicate.`,
      });
    if (erp.directCosts.some((c) => c.bill && c.status === 'posted'))
      tell('supplier-bills', {
        check: 'invoice.missing',
        story:
          'Supplier bills without a commitment are ERP AP invoices with no Procore invoice: they reach Procore as direct costs, so they are not invoice.missing (compare only invoices against commitments).',
      });
    const pending = pm.invoices.find((i) => i.status === 'pending');
    if (pending)
      tell('pending-invoice', {
        check: 'invoice.missing',
        document: pending.number,
        story: `Invoice ${pending.number} is still in review in Procore (pending): only approved invoices are expected in the ERP.`,
      });
    const pendingCo = pm.changeOrders.find((c) => c.status !== 'approved');
    if (pendingCo)
      tell('open-co', {
        check: 'changeorder.missing',
        document: pendingCo.number,
        story: `Change orders that are pending, rejected or void (${pendingCo.number} is ${pendingCo.status}) count on neither side.`,
      });
    return out;
  }
}
