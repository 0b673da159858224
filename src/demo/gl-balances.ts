/**
 * A test oracle as much as demo data: the demo's books carry these balances so the WIP's balance-sheet tie-out
 * has something true to tie to, and the rules below are restated here on purpose, apart from the ledger and
 * reports/wip, so the two can be held to each other. Independent golden cases pin each rule (test/ledger).
 *
 * The ERP's contract asset and liability accounts at the last month end, as the controller would have
 * booked them from that month's WIP (DESIGN §6, cost-to-cost): per job percent complete = cost to date ÷
 * estimate at completion (the PM's estimate, capped at 100 %), earned = percent × revised contract,
 * over/under = billed − earned; over-billed jobs sum into the liability, under-billed into the asset, never
 * netted. Retainage receivable (owner) and payable (subcontractors) as of the same date. Values are summed
 * unrounded and rounded once.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { Row, SideRows } from './rows.ts';

export interface JobWipInput {
  status: string;
  pm: SideRows | null;
  erp: SideRows;
}

export interface GlTotals {
  underBillings: Dec;
  overBillings: Dec;
  retainageReceivable: Dec;
  retainagePayable: Dec;
}

export const GL_ACCOUNTS = {
  under_billings: '1250',
  over_billings: '2350',
  retainage_receivable: '1220',
  retainage_payable: '2120',
} as const;

const total = (rows: Row[] | undefined, column: string, keep: (r: Row) => boolean) =>
  (rows ?? []).filter(keep).reduce((s, r) => s.plus(r[column] ?? 0), new Dec(0));

export function emptyGl(): GlTotals {
  return {
    underBillings: new Dec(0),
    overBillings: new Dec(0),
    retainageReceivable: new Dec(0),
    retainagePayable: new Dec(0),
  };
}

export function addJobToGl(gl: GlTotals, job: JobWipInput, periodEnd: string): void {
  const { erp } = job;
  const approvedCo = (r: Row) =>
    r.kind === 'prime' && r.status === 'approved' && (r.approved_date ?? '') <= periodEnd;
  const contract = total(erp.prime_contracts, 'original_amount', () => true).plus(
    total(erp.change_orders, 'contract_amount', approvedCo),
  );
  const costToDate = total(
    erp.cost_transactions,
    'amount',
    (r) => (r.status === 'posted' || r.status === 'approved') && r.date! <= periodEnd,
  );
  const billed = total(
    erp.billings,
    'billed_amount',
    (r) => r.status !== 'void' && r.period_end! <= periodEnd,
  );
  const estimate = job.pm
    ? total(job.pm.budget_lines, 'estimated_cost_at_completion', () => true)
    : total(erp.budget_lines, 'revised_budget', () => true);
  // A job completed by the period end has earned its contract, whatever its last estimate (DESIGN §6).
  const completion = erp.jobs?.[0]?.completion_date;
  const completed =
    job.status !== 'open' && completion !== undefined && completion !== null && completion <= periodEnd;
  const percent = completed ? new Dec(1) : estimate.gt(0) ? Dec.min(1, costToDate.div(estimate)) : new Dec(0);
  const overUnder = billed.minus(percent.times(contract));
  if (overUnder.gt(0)) gl.overBillings = gl.overBillings.plus(overUnder);
  else gl.underBillings = gl.underBillings.minus(overUnder);
  const billedBy = (r: Row) => r.status !== 'void' && r.period_end! <= periodEnd;
  if (job.status !== 'closed')
    gl.retainageReceivable = gl.retainageReceivable
      .plus(total(erp.billings, 'retainage_held', billedBy))
      .minus(total(erp.billings, 'retainage_released', billedBy));
  const payables = (r: Row) =>
    r.status !== 'void' && r.status !== 'pending' && (r.invoice_date ?? '') <= periodEnd;
  gl.retainagePayable = gl.retainagePayable
    .plus(total(erp.payables, 'retainage_held', payables))
    .minus(total(erp.payables, 'retainage_released', payables));
}

/** gl_balances rows, debit positive: assets positive, liabilities negative. */
export function glRows(gl: GlTotals, periodEnd: string): Row[] {
  const money = (d: Dec) => d.toFixed(2, Dec.ROUND_HALF_UP);
  return [
    {
      account: GL_ACCOUNTS.retainage_receivable,
      role: 'retainage_receivable',
      as_of: periodEnd,
      balance: money(gl.retainageReceivable),
    },
    {
      account: GL_ACCOUNTS.under_billings,
      role: 'under_billings',
      as_of: periodEnd,
      balance: money(gl.underBillings),
    },
    {
      account: GL_ACCOUNTS.retainage_payable,
      role: 'retainage_payable',
      as_of: periodEnd,
      balance: money(gl.retainagePayable.neg()),
    },
    {
      account: GL_ACCOUNTS.over_billings,
      role: 'over_billings',
      as_of: periodEnd,
      balance: money(gl.overBillings.neg()),
    },
  ];
}
