/**
 * Figures both systems derive from the same facts: revised budget per line, commitment lines with their
 * approved changes, and job-to-date cost as Procore counts it.
 */
import type { Cents } from './cents.ts';
import type { BudgetLineFact, ChangeOrderFact, CommitmentFact, JobFacts, LineAmount } from './facts.ts';
import { lineKey } from './facts.ts';

/** Revised budget per line: original plus approved prime and budget change orders. */
export function revisedByLine(budget: BudgetLineFact[], changeOrders: ChangeOrderFact[]): Map<string, Cents> {
  const revised = new Map(budget.map((b) => [lineKey(b.code, b.type), b.original]));
  for (const co of changeOrders) {
    if (co.status !== 'approved' || co.kind === 'commitment' || !co.budgetApplied) continue;
    for (const l of co.lines)
      revised.set(lineKey(l.code, l.type), (revised.get(lineKey(l.code, l.type)) ?? 0n) + l.amount);
  }
  return revised;
}

/** Commitment lines including approved commitment change orders. */
export function revisedCommitmentLines(c: CommitmentFact, changeOrders: ChangeOrderFact[]): LineAmount[] {
  const lines = c.lines.map((l) => ({ ...l }));
  for (const co of changeOrders) {
    if (co.kind !== 'commitment' || co.status !== 'approved' || co.commitmentNumber !== c.number) continue;
    for (const l of co.lines) {
      const target = lines.find((x) => x.code === l.code && x.type === l.type);
      if (target) target.amount += l.amount;
      else lines.push({ ...l });
    }
  }
  return lines;
}

/** PM job-to-date cost per line as Procore counts it: approved invoices plus synced direct costs. */
export function pmJobToDate(facts: Pick<JobFacts, 'invoices' | 'directCosts'>): Map<string, Cents> {
  const jtd = new Map<string, Cents>();
  const add = (code: string, type: string, amount: Cents) =>
    jtd.set(lineKey(code, type), (jtd.get(lineKey(code, type)) ?? 0n) + amount);
  for (const inv of facts.invoices)
    if (inv.status === 'approved') for (const l of inv.lines) add(l.code, l.type, l.amount);
  for (const c of facts.directCosts) if (c.syncedToPm && c.status === 'posted') add(c.code, c.type, c.amount);
  return jtd;
}
