/** Owner pay applications, and the PM's forecast to complete. */

import { periodEnds } from './build-invoices.ts';
import type { BuildContext } from './build-scope.ts';
import { pad } from './build-scope.ts';
import { addDays, daysBetween, progressAt } from './calendar.ts';
import { type Cents, percentOf, roundTo, scale, sum } from './cents.ts';
import { pmJobToDate, revisedByLine } from './derive.ts';
import type { ChangeOrderFact, JobFacts } from './facts.ts';
import type { JobPlan } from './plan.ts';
import type { Rng } from './random.ts';

export function buildBillings(
  plan: JobPlan,
  rng: Rng,
  changeOrders: ChangeOrderFact[],
  ctx: BuildContext,
): JobFacts['billings'] {
  if (plan.phase === 'signed') return [];
  // Some jobs bill ahead of cost (over-billed), some behind (under-billed).
  const factor = rng.between(0.88, 1.1);
  const end = plan.completionDate ?? plan.plannedCompletion;
  const ends = periodEnds(plan, plan.startDate, ctx.asOf);
  let cumulative = 0n;
  return ends.flatMap((periodEnd, i) => {
    const contract =
      plan.contractOriginal +
      sum(
        changeOrders
          .filter((co) => co.kind === 'prime' && co.status === 'approved' && co.approvedDate! <= periodEnd)
          .map((co) => co.contractAmount ?? 0n),
      );
    const final = plan.completionDate !== null && i === ends.length - 1;
    // Pay applications follow cost as booked, which lags the field by the AP cycle (about three weeks).
    const booked = progressAt(plan.startDate, end, addDays(periodEnd, -22)) * 0.93;
    const target = final ? contract : scale(contract, Math.min(1, booked * factor));
    const billed = target - cumulative;
    if (billed <= 0n) return [];
    cumulative += billed;
    return [
      {
        ids: ctx.ids.both('billing', 'billing'),
        number: `PA-${pad(i + 1, 2)}`,
        periodEnd,
        billed,
        retainage: percentOf(billed, '10'),
        status: daysBetween(periodEnd, ctx.asOf) >= 45 ? ('paid' as const) : ('approved' as const),
      },
    ];
  });
}

/** The PM's forecast to complete: what is left of the revised budget, a little less where the PM sees savings. */
export function buildForecast(plan: JobPlan, rng: Rng, facts: JobFacts): Map<string, Cents> {
  const revised = revisedByLine(facts.budget, facts.changeOrders);
  const jtd = pmJobToDate(facts);
  const forecast = new Map<string, Cents>();
  for (const [key, amount] of revised) {
    const left = amount - (jtd.get(key) ?? 0n);
    const ftc =
      plan.status !== 'open' || left <= 0n ? 0n : rng.chance(0.3) ? roundTo(scale(left, 0.97), 100n) : left;
    forecast.set(key, ftc);
  }
  return forecast;
}
