/**
 * The sentence a bookkeeper reads for each finding: what differs, on which job and line, by how much, and on
 * which side to go and fix it. Amounts are decimal strings printed with a thousands separator, never floats.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { CheckId } from './catalogue.ts';

const SYSTEM_NAMES: Record<string, string> = {
  procore: 'Procore',
  sage100c: 'Sage 100 Contractor',
  qbd: 'QuickBooks Desktop',
  quickbooks: 'QuickBooks Desktop',
  sage300cre: 'Sage 300 CRE',
  vista: 'Viewpoint Vista',
  acumatica: 'Acumatica',
};

export function systemName(side: 'pm' | 'erp', system: string | null | undefined): string {
  if (system && SYSTEM_NAMES[system]) return SYSTEM_NAMES[system];
  return side === 'pm' ? 'the PM system' : 'the ERP';
}

/** "$48,200.00", "-$1,050.10". */
export function usd(value: string | null | undefined): string {
  const d = new Dec(value ?? 0);
  const [whole, cents] = d.abs().toFixed(2).split('.') as [string, string];
  return `${d.isNegative() && !d.isZero() ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

export interface MessageInput {
  check: CheckId;
  pm: string;
  erp: string;
  job: string;
  line: string;
  document: string | null;
  vendor: string | null;
  pmAmount: string | null;
  erpAmount: string | null;
  difference: string | null;
  facts: Record<string, unknown>;
}

const fact = (m: MessageInput, name: string): string => String(m.facts[name] ?? '');
const sideName = (m: MessageInput, side: unknown): string => (side === 'erp' ? m.erp : m.pm);
const otherName = (m: MessageInput, side: unknown): string => (side === 'erp' ? m.pm : m.erp);
const amounts = (m: MessageInput) =>
  `${m.pm} ${usd(m.pmAmount)}, ${m.erp} ${usd(m.erpAmount)} (difference ${usd(m.difference)})`;

const BUILDERS: Record<Exclude<CheckId, 'source.stale'>, (m: MessageInput) => string> = {
  'job.unlinked': (m) =>
    `Job ${m.job} exists in ${sideName(m, m.facts.side)} but is not linked to any job in ${otherName(m, m.facts.side)}; create it there from ${sideName(m, m.facts.side)} or link the two, or its costs will not reconcile.`,
  'job.duplicate': (m) =>
    `Job ${fact(m, 'pm_number')} "${fact(m, 'pm_name')}" in ${m.pm} and job ${fact(m, 'erp_number')} "${fact(m, 'erp_name')}" in ${m.erp} look like the same job (${fact(m, 'why')}) but are not linked; link them (or delete the duplicate) instead of keeping two.`,
  'costcode.unmapped': (m) =>
    `Cost code ${m.line} is used on job ${m.job} in ${sideName(m, m.facts.side)} but maps to nothing in ${otherName(m, m.facts.side)}; add it there or map it in the company's cost-code map.`,
  'vendor.unlinked': (m) =>
    `Vendor ${m.vendor} is used on ${fact(m, 'used_on')} in ${m.pm} but has no ${m.erp} vendor id; assign the ERP vendor before these export.`,
  'budget.mismatch': (m) => `Revised budget for job ${m.job}, ${m.line} differs: ${amounts(m)}.`,
  'changeorder.missing': (m) =>
    `Change order ${m.document} for ${usd(m.facts.side === 'erp' ? m.erpAmount : m.pmAmount)}, approved ${fact(m, 'approved_date') || '(no date)'} in ${sideName(m, m.facts.side)} on job ${m.job}, has no approved counterpart in ${otherName(m, m.facts.side)}${m.facts.other_status ? ` (it is ${fact(m, 'other_status')} there)` : ''}.`,
  'changeorder.mismatch': (m) =>
    `Change order ${m.document} on job ${m.job}${m.line ? `, ${m.line}` : ''}: the ${m.facts.measure === 'contract' ? 'contract (revenue)' : 'cost'} change differs: ${amounts(m)}.`,
  'changeorder.budget_not_updated': (m) =>
    m.document === null
      ? `The job ${m.job} budget in ${m.erp} holds ${usd(m.erpAmount)} of approved changes on cost code ${fact(m, 'cost_codes')} where the ${m.pm} budget holds ${usd(m.pmAmount)}: ${usd(fact(m, 'missed'))} of approved change orders did not reach the ${m.erp} budget (it may be locked).`
      : `Change order ${m.document} (${usd(m.pmAmount)}, approved ${fact(m, 'approved_date')}) is in ${m.erp} but the job ${m.job} budget did not take ${usd(fact(m, 'missed'))} of it on cost code(s) ${fact(m, 'cost_codes')}; post the change to the ${m.erp} budget (it may be locked).`,
  'commitment.missing': (m) =>
    `${fact(m, 'kind_label')} ${m.document}${m.vendor ? ` with ${m.vendor}` : ''} for ${usd(m.facts.side === 'erp' ? m.erpAmount : m.pmAmount)} on job ${m.job} is ${fact(m, 'status')} in ${sideName(m, m.facts.side)} but has no counterpart in ${otherName(m, m.facts.side)}.`,
  'commitment.mismatch': (m) =>
    `${fact(m, 'kind_label')} ${m.document}${m.vendor ? ` with ${m.vendor}` : ''} on job ${m.job}${m.line ? `, ${m.line}` : ''} differs: ${amounts(m)}.`,
  'invoice.missing': (m) =>
    m.facts.side === 'erp'
      ? `AP invoice ${m.document}${m.vendor ? ` from ${m.vendor}` : ''} for ${usd(m.erpAmount)} is posted in ${m.erp} on job ${m.job} against ${fact(m, 'commitment')} but has no invoice in ${m.pm}.`
      : `Invoice ${m.document}${m.vendor ? ` from ${m.vendor}` : ''} for ${usd(m.pmAmount)}, ${fact(m, 'status')} in ${m.pm} on job ${m.job}, has no posted AP invoice in ${m.erp}${m.facts.other_status ? ` (it is ${fact(m, 'other_status')} there)` : ''}.`,
  'invoice.mismatch': (m) =>
    `Invoice ${m.document}${m.vendor ? ` from ${m.vendor}` : ''} on job ${m.job} differs: ${amounts(m)}.`,
  'invoice.duplicate': (m) =>
    `Invoice ${m.document}${m.vendor ? ` from ${m.vendor}` : ''} on job ${m.job} is entered ${fact(m, 'copies')} times in ${sideName(m, m.facts.side)} (${usd(m.facts.side === 'erp' ? m.erpAmount : m.pmAmount)} in total); void the extra copies.`,
  'retainage.mismatch': (m) =>
    `Retainage held on ${m.document ? `${m.document}` : 'invoices'}${m.vendor ? ` with ${m.vendor}` : ''}, job ${m.job}, differs: ${amounts(m)}.`,
  'jobcost.mismatch': (m) => `Job-to-date cost for job ${m.job}, ${m.line} differs: ${amounts(m)}.`,
  'approval.no_approver': (m) =>
    `${fact(m, 'item_label')} ${m.document ?? ''} on job ${m.job} has waited since ${fact(m, 'submitted_date')} with no accounting approver assigned, so it will never export; assign an approver in ${m.pm}.`,
  'approval.stale': (m) =>
    `${fact(m, 'item_label')} ${m.document ?? ''} on job ${m.job} has waited ${fact(m, 'days_waiting')} days (since ${fact(m, 'submitted_date')}) for ${fact(m, 'approver')} to accept it.`,
  'forecast.overrun': (m) =>
    `Estimated cost at completion for job ${m.job}${m.line ? `, ${m.line}` : ' as a whole'} is ${usd(fact(m, 'estimated_cost_at_completion'))} in ${sideName(m, m.facts.side)}, above the revised budget of ${usd(fact(m, 'revised_budget'))} by ${usd(fact(m, 'overrun'))}.`,
  'source.report_mismatch': (m) =>
    `${m.erp}'s own job report (${fact(m, 'report').replaceAll('_', ' ')}, as of ${fact(m, 'as_of')}) gives job ${m.job} a cost to date of ${usd(fact(m, 'reported_cost'))}, but the ${m.erp} transactions tieout read add up to ${usd(m.erpAmount)} (difference ${usd(m.difference)}); every figure for this job is suspect until the two agree — look for transactions tieout does not read or reads on another job.`,
  'forecast.below_committed': (m) =>
    `The WIP estimate at completion for job ${m.job} is ${usd(fact(m, 'estimated_cost_at_completion'))}, below what is already committed in ${m.erp} (${usd(fact(m, 'committed'))} on ${fact(m, 'commitments')} subcontract(s) and purchase order(s)) plus ${usd(fact(m, 'uncommitted_cost_to_date'))} of cost to date outside them: ${usd(m.difference)} short. Raise the estimate, or the job's gross profit will fade later.`,
  'forecast.trend': (m) =>
    `Job ${m.job} has cost ${usd(fact(m, 'cost_per_percent'))} per percent of progress since ${fact(m, 'since')}; at that rate it finishes at ${usd(fact(m, 'projected_cost_at_completion'))}, ${usd(m.difference)} past its estimate of ${usd(fact(m, 'estimated_cost_at_completion'))}.`,
  'fade.period': (m) =>
    `The estimated gross profit of job ${m.job} fell from ${usd(fact(m, 'previous_gross_profit'))} at the ${fact(m, 'previous_as_of')} close to ${usd(fact(m, 'gross_profit_now'))} (${usd(fact(m, 'fall'))}${m.facts.relative_fall ? `, ${new Dec(String(m.facts.relative_fall)).times(100).toFixed(1)} %` : ''}), a fade of ${new Dec(String(m.facts.threshold)).times(100).toFixed(0)} % or more.`,
};

export function findingMessage(m: MessageInput): string {
  if (m.check === 'source.stale') return 'A side is stale.';
  return BUILDERS[m.check](m).replace(/\s+/g, ' ');
}
