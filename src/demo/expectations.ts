/**
 * A test oracle: it restates rules of the ledger (reports/ledger) on purpose, apart from it, so the demo's
 * planted truth and tieout's findings can be held to each other; independent golden cases pin each rule.
 *
 * What each planted case is expected to produce, in one place. A case declares the finding it plants (the
 * missing change order, the duplicate invoice…); the consequences DESIGN §5 implies are derived here from
 * the two sides' rows of that job, so the truth cannot drift from the data: an invoice missing from AP
 * leaves job cost short (jobcost.mismatch), a mistyped budget is a budget.mismatch, an EAC above the revised
 * budget is a forecast.overrun per line and for the job.
 *
 * Reconciliation (src/recon) reports every consequence on its own line, and so does the truth. The
 * switches below give the other readings: one finding per cause (a case's `explains` names what its own
 * finding already explains), retainage over paired invoices only, no mismatch on codes the other side lacks.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { SideRows } from './rows.ts';
import { type CodeMapEntry, jobTotals, type LineTotal, lineDifferences } from './tie.ts';
import type { ExpectedFinding } from './truth.ts';

export const CONSEQUENCES = {
  /** Revised budget per line differs → budget.mismatch. */
  budget: true,
  /** Job-to-date cost per line differs → jobcost.mismatch. */
  jobCost: true,
  /** Retainage still held per commitment differs (paired invoices) → retainage.mismatch (not per vendor). */
  retainage: true,
  /** PM estimate at completion above revised budget → forecast.overrun per line and per job. */
  forecast: true,
} as const;

/**
 * How reconciliation reports consequences (settled in src/recon): every consequence on its own line (true),
 * or one finding per cause (false).
 */
export const LIST_ECHOES = true;
/** Retainage over every counted invoice (true), or only over invoices present on both sides (false). */
export const RETAINAGE_OVER_ALL_INVOICES = true;
/** Cost and budget on a code the other side does not know are also mismatches on that line (true). */
export const MISMATCH_ON_UNMAPPED_CODES = true;

export type Consequence = keyof typeof CONSEQUENCES;

export const CONSEQUENCE_CHECK = {
  budget: 'budget.mismatch',
  jobCost: 'jobcost.mismatch',
  retainage: 'retainage.mismatch',
  forecast: 'forecast.overrun',
} as const satisfies Record<Consequence, string>;

export interface ConsequenceInput {
  jobNumber: string;
  pm: SideRows | null;
  erp: SideRows | null;
  codeMap: readonly CodeMapEntry[];
  tolerance: Dec;
  /** Consequences the planted finding already explains (not listed unless LIST_ECHOES). */
  explains?: readonly Consequence[];
}

const money = (d: Dec) => d.toFixed(2);

export function derivedFindings(input: ConsequenceInput): ExpectedFinding[] {
  const { jobNumber, codeMap, tolerance } = input;
  const out: ExpectedFinding[] = [];
  const pm = input.pm ? jobTotals('pm', input.pm, codeMap) : null;
  const erp = input.erp ? jobTotals('erp', input.erp, codeMap) : null;
  const wanted = (c: Consequence) => CONSEQUENCES[c] && (LIST_ECHOES || !input.explains?.includes(c));
  if (pm && erp) {
    // A line on a code the other side does not know is costcode.unmapped, not a mismatch.
    const known = (m: Map<string, LineTotal>, other: Set<string>) =>
      MISMATCH_ON_UNMAPPED_CODES ? m : new Map([...m].filter(([k]) => other.has(k.split('|')[0]!)));
    const lines = (a: Map<string, LineTotal>, b: Map<string, LineTotal>) =>
      lineDifferences(known(a, erp.knownCodes), known(b, pm.knownCodes), tolerance);
    if (wanted('budget'))
      for (const d of lines(pm.revisedBudget, erp.revisedBudget))
        out.push({
          check: 'budget.mismatch',
          job_number: jobNumber,
          cost_code: d.code,
          cost_type: d.type,
          pm_amount: money(d.pm),
          erp_amount: money(d.erp),
        });
    if (wanted('jobCost'))
      for (const d of lines(pm.jobToDate, erp.jobToDate))
        out.push({
          check: 'jobcost.mismatch',
          job_number: jobNumber,
          cost_code: d.code,
          cost_type: d.type,
          pm_amount: money(d.pm),
          erp_amount: money(d.erp),
        });
    if (wanted('retainage')) {
      const held = new Map<string, { pm: Dec; erp: Dec }>();
      if (RETAINAGE_OVER_ALL_INVOICES) {
        for (const [n, t] of [
          ['pm', pm.retainageByCommitment],
          ['erp', erp.retainageByCommitment],
        ] as const)
          for (const [c, v] of t) {
            const cur = held.get(c) ?? { pm: new Dec(0), erp: new Dec(0) };
            held.set(c, n === 'pm' ? { ...cur, pm: cur.pm.plus(v) } : { ...cur, erp: cur.erp.plus(v) });
          }
      } else {
        for (const [number, a] of pm.retainageByInvoice) {
          const b = erp.retainageByInvoice.get(number);
          if (!b) continue; // only invoices on both sides: a missing one is invoice.missing
          const t = held.get(a.commitment) ?? { pm: new Dec(0), erp: new Dec(0) };
          held.set(a.commitment, { pm: t.pm.plus(a.held), erp: t.erp.plus(b.held) });
        }
      }
      for (const [n, t] of [...held].sort(([x], [y]) => (x < y ? -1 : 1)))
        if (t.pm.minus(t.erp).abs().gt(tolerance))
          out.push({
            check: 'retainage.mismatch',
            job_number: jobNumber,
            document: n,
            pm_amount: money(t.pm),
            erp_amount: money(t.erp),
          });
    }
  }
  if (pm && wanted('forecast')) {
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
