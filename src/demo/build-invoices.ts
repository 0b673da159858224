/** Subcontractor and supplier invoices against commitments: monthly requisitions, retainage, release. */

import type { BuildContext } from './build-scope.ts';
import { pad } from './build-scope.ts';
import {
  addDays,
  daysBetween,
  lastMonthEnd,
  maxDate,
  minDate,
  monthEnd,
  monthEndsBetween,
  progressAt,
} from './calendar.ts';
import { percentOf, scale, splitByWeights, sum } from './cents.ts';
import { revisedCommitmentLines } from './derive.ts';
import type { ChangeOrderFact, CommitmentFact, InvoiceFact } from './facts.ts';
import type { JobPlan } from './plan.ts';
import type { Rng } from './random.ts';

/** Period ends the job reports on: month ends through the last one before as-of (and completion). */
export function periodEnds(plan: JobPlan, from: string, asOf: string, count?: number): string[] {
  const last = minDate(lastMonthEnd(asOf), monthEnd(plan.completionDate ?? asOf));
  if (count === undefined) return monthEndsBetween(from, last);
  const span = Math.max(1, daysBetween(from, last));
  return Array.from({ length: count }, (_, i) => addDays(from, Math.round(((i + 1) * span) / count)));
}

export function buildInvoices(
  plan: JobPlan,
  rng: Rng,
  commitments: CommitmentFact[],
  changeOrders: ChangeOrderFact[],
  ctx: BuildContext,
): InvoiceFact[] {
  if (plan.phase === 'signed') return [];
  const invoices: InvoiceFact[] = [];
  const end = plan.completionDate ?? plan.plannedCompletion;
  for (const c of commitments) {
    const lines = revisedCommitmentLines(c, changeOrders);
    const total = sum(lines.map((l) => l.amount));
    const factor = plan.status === 'open' ? rng.between(0.96, 0.995) : 1;
    let billed = 0n;
    let k = 0;
    let held = 0n;
    for (const periodEnd of periodEnds(
      plan,
      maxDate(c.executedDate, plan.startDate),
      ctx.asOf,
      ctx.scale.invoicesPerCommitment,
    )) {
      const target = scale(total, Math.min(1, progressAt(plan.startDate, end, periodEnd) * factor));
      const gross = target - billed;
      if (gross <= 0n) continue;
      billed = target;
      const invoiceDate = minDate(addDays(periodEnd, rng.int(2, 8)), ctx.asOf);
      const age = daysBetween(invoiceDate, ctx.asOf);
      const parts = splitByWeights(
        gross,
        lines.map((l) => l.amount),
      );
      const invoice: InvoiceFact = {
        ids: ctx.ids.both('invoice', 'invoice'),
        number: `${c.number}-${pad(++k, 2)}`,
        commitmentNumber: c.number,
        vendor: c.vendor,
        invoiceDate,
        periodEnd,
        status: age >= 14 ? 'approved' : 'pending', // the latest requisitions are still in review,
        paid: age >= 35,
        lines: lines
          .map((l, i) => ({ code: l.code, type: l.type, amount: parts[i]! }))
          .filter((l) => l.amount !== 0n),
        retainagePercent: c.retainagePercent,
        retainageReleased: 0n,
        linked: rng.chance(0.92),
      };
      if (invoice.status === 'approved')
        held += sum(invoice.lines.map((l) => percentOf(l.amount, c.retainagePercent)));
      invoices.push(invoice);
    }
    const releaseDate = plan.completionDate ? addDays(plan.completionDate, 40) : null;
    if (releaseDate && releaseDate <= addDays(ctx.asOf, -7) && held > 0n) {
      invoices.push({
        ids: ctx.ids.both('invoice', 'invoice'),
        number: `${c.number}-RET`,
        commitmentNumber: c.number,
        vendor: c.vendor,
        invoiceDate: releaseDate,
        periodEnd: monthEnd(releaseDate),
        status: 'approved',
        paid: daysBetween(releaseDate, ctx.asOf) >= 35,
        lines: [],
        retainagePercent: c.retainagePercent,
        retainageReleased: held,
        linked: rng.chance(0.92),
      });
    }
  }
  return invoices;
}
