/**
 * Builds the canonical rows of one job for WIP golden cases: an ERP job with its contract, change orders,
 * posted cost, billings and budget, and the linked PM job with its estimate at completion.
 */
import type { SideRows } from '../../support/fixture-snapshot.ts';

export interface GoldenJob {
  number: string;
  name?: string;
  status?: 'open' | 'completed' | 'closed';
  startDate?: string;
  completionDate?: string;
  originalContract: string;
  changeOrders?: {
    amount: string;
    status: 'approved' | 'pending' | 'rejected' | 'void';
    approvedDate?: string;
  }[];
  /** PM estimate at completion (one budget line); omitted = no PM estimate. */
  pmEstimate?: string;
  pmOriginalBudget?: string;
  /** ERP revised budget (one budget line); omitted = no ERP budget. */
  erpBudget?: string;
  erpOriginalBudget?: string;
  costs?: { date: string; amount: string; status?: 'posted' | 'approved' | 'pending' | 'void' }[];
  billings?: {
    periodEnd: string;
    amount: string;
    retainage?: string;
    status?: 'posted' | 'draft' | 'void';
  }[];
}

/** `pmJobId` names each job's Procore-side id (default `P-<number>`; a Procore project id is digits). */
export function goldenRows(
  jobs: GoldenJob[],
  pmJobId: (jobNumber: string) => string = (n) => `P-${n}`,
): { pm: SideRows; erp: SideRows } {
  const pm: Required<Pick<SideRows, 'jobs' | 'budget_lines'>> = { jobs: [], budget_lines: [] };
  const erp: Required<
    Pick<
      SideRows,
      'jobs' | 'prime_contracts' | 'change_orders' | 'budget_lines' | 'cost_transactions' | 'billings'
    >
  > = {
    jobs: [],
    prime_contracts: [],
    change_orders: [],
    budget_lines: [],
    cost_transactions: [],
    billings: [],
  };
  for (const j of jobs) {
    const erpId = `E-${j.number}`;
    const pmId = pmJobId(j.number);
    const job = {
      number: j.number,
      name: j.name ?? `Job ${j.number}`,
      status: j.status ?? 'open',
      start_date: j.startDate ?? '2010-01-01',
      completion_date: j.completionDate,
    };
    erp.jobs.push({ ...job, job_id: erpId });
    pm.jobs.push({ ...job, job_id: pmId, linked_id: erpId });
    erp.prime_contracts.push({
      contract_id: `K-${j.number}`,
      job_id: erpId,
      number: '1',
      status: 'approved',
      original_amount: j.originalContract,
    });
    (j.changeOrders ?? []).forEach((co, i) => {
      erp.change_orders.push({
        change_order_id: `CO-${j.number}-${i + 1}`,
        job_id: erpId,
        number: `PCCO-${i + 1}`,
        kind: 'prime',
        status: co.status,
        approved_date: co.approvedDate,
        contract_amount: co.amount,
      });
    });
    if (j.pmEstimate !== undefined) {
      pm.budget_lines.push({
        job_id: pmId,
        cost_code: '01-000',
        cost_type: 'other',
        original_budget: j.pmOriginalBudget ?? j.pmEstimate,
        revised_budget: j.pmEstimate,
        estimated_cost_at_completion: j.pmEstimate,
      });
    }
    if (j.erpBudget !== undefined) {
      erp.budget_lines.push({
        job_id: erpId,
        cost_code: '01-000',
        cost_type: 'other',
        original_budget: j.erpOriginalBudget ?? j.erpBudget,
        revised_budget: j.erpBudget,
      });
    }
    (j.costs ?? []).forEach((c, i) => {
      erp.cost_transactions.push({
        transaction_id: `T-${j.number}-${i + 1}`,
        job_id: erpId,
        date: c.date,
        cost_code: '01-000',
        cost_type: 'other',
        amount: c.amount,
        source: 'ap',
        status: c.status ?? 'posted',
      });
    });
    (j.billings ?? []).forEach((b, i) => {
      erp.billings.push({
        billing_id: `B-${j.number}-${i + 1}`,
        job_id: erpId,
        number: String(i + 1),
        period_end: b.periodEnd,
        billed_amount: b.amount,
        retainage_held: b.retainage,
        status: b.status ?? 'posted',
      });
    });
  }
  return { pm, erp };
}
