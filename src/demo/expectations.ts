/**
 * What each planted case is expected to produce, in one place. A case declares the finding it plants (the
 * missing change order, the duplicate invoice…); the consequences DESIGN §5 implies are derived here from
 * the two sides' rows of that job, so the truth cannot drift from the data: a change order missing from
 * the ERP leaves its budget lines short (budget.mismatch), an invoice missing from AP leaves job cost and
 * retainage short (jobcost.mismatch, retainage.mismatch), and an EAC above the revised budget is a
 * forecast.overrun per line and for the job. When check semantics are settled differently, change the
 * switches below.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { SideRows } from './render.ts';
import { type CodeMapEntry, jobTotals, lineDifferences } from './tie.ts';
import type { ExpectedFinding } from './truth.ts';

export const CONSEQUENCES = {
  /** Revised budget per line differs → budget.mismatch. */
  budget: true,
  /** Job-to-date cost per line differs → jobcost.mismatch. */
  jobCost: true,
  /** Retainage still held per commitment differs → retainage.mismatch (per commitment; not per vendor). */
  retainage: true,
  /** PM estimate at completion above revised budget → forecast.overrun per line and per job. */
  forecast: true,
} as const;

export interface ConsequenceInput {
  jobNumber: string;
  pm: SideRows | null;
  erp: SideRows | null;
  codeMap: readonly CodeMapEntry[];
  tolerance: Dec;
}

const money = (d: Dec) => d.toFixed(2);

export function derivedFindings(input: ConsequenceInput): ExpectedFinding[] {
  const { jobNumber, codeMap, tolerance } = input;
  const out: ExpectedFinding[] = [];
  const pm = input.pm ? jobTotals('pm', input.pm, codeMap) : null;
  const erp = input.erp ? jobTotals('erp', input.erp, codeMap) : null;
  if (pm && erp) {
    if (CONSEQUENCES.budget)
      for (const d of lineDifferences(pm.revisedBudget, erp.revisedBudget, tolerance))
        out.push({
          check: 'budget.mismatch',
          job_number: jobNumber,
          cost_code: d.code,
          cost_type: d.type,
          pm_amount: money(d.pm),
          erp_amount: money(d.erp),
        });
    if (CONSEQUENCES.jobCost)
      for (const d of lineDifferences(pm.jobToDate, erp.jobToDate, tolerance))
        out.push({
          check: 'jobcost.mismatch',
          job_number: jobNumber,
          cost_code: d.code,
          cost_type: d.type,
          pm_amount: money(d.pm),
          erp_amount: money(d.erp),
        });
    if (CONSEQUENCES.retainage) {
      const numbers = [...new Set([...pm.retainageHeld.keys(), ...erp.retainageHeld.keys()])].sort();
      for (const n of numbers) {
        const a = pm.retainageHeld.get(n) ?? new Dec(0);
        const b = erp.retainageHeld.get(n) ?? new Dec(0);
        if (a.minus(b).abs().gt(tolerance))
          out.push({
            check: 'retainage.mismatch',
            job_number: jobNumber,
            document: n,
            pm_amount: money(a),
            erp_amount: money(b),
          });
      }
    }
  }
  if (pm && CONSEQUENCES.forecast) {
    let eac = new Dec(0);
    let budget = new Dec(0);
    for (const [k, line] of [...pm.estimateAtCompletion].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const revised = pm.revisedBudget.get(k)?.amount ?? new Dec(0);
      eac = eac.plus(line.amount);
      budget = budget.plus(revised);
      if (line.amount.minus(revised).gt(tolerance))
        out.push({
          check: 'forecast.overrun',
          job_number: jobNumber,
          cost_code: line.code,
          cost_type: line.type,
          pm_amount: money(line.amount),
          erp_amount: undefined,
        });
    }
    if (eac.minus(budget).gt(tolerance))
      out.push({ check: 'forecast.overrun', job_number: jobNumber, pm_amount: money(eac) });
  }
  return out.map(withoutUndefined);
}

function withoutUndefined(f: ExpectedFinding): ExpectedFinding {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined),
  ) as unknown as ExpectedFinding;
}

const identity = (f: ExpectedFinding) =>
  [f.check, f.cost_code ?? '', f.cost_type ?? '', f.document ?? ''].join('|');

/** The declared findings first, then derived ones not already declared. */
export function mergeFindings(declared: ExpectedFinding[], derived: ExpectedFinding[]): ExpectedFinding[] {
  const seen = new Set(declared.map(identity));
  return [...declared.map(withoutUndefined), ...derived.filter((f) => !seen.has(identity(f)))];
}
