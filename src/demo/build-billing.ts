/** Owner pay applications with their retainage and its release, and the PM's forecast to complete. */

import { periodEnds } from './build-invoices.ts';
import type { BuildContext } from './build-scope.ts';
import { pad } from './build-scope.ts';
import { addDays, daysBetween, lastMonthEnd, monthEnd, progressAt } from './calendar.ts';
import { type Cents, divideHalfUp, percentOf, roundTo, scale, sum } from './cents.ts';
import { pmJobToDate, revisedByLine } from './derive.ts';
import type { BillingFact, ChangeOrderFact, JobFacts } from './facts.ts';
import type { JobPlan } from './plan.ts';
import { createRng, type Rng } from './random.ts';

/**
 * Owner retainage: 10 % held on every pay application. About a third of the owners reduce it to 5 % once the
 * job is half billed, paying back half of what they hold on a retainage billing of its own. At substantial
 * completion the owner releases all but a holdback for the punch list (a fifth of what it holds), on the
 * first month end after completion; the holdback follows at final completion, about 75 days after. A release
 * is billed on its own (nothing billed, retainage released) once its month end has passed.
 */
const RETAINAGE = '10';
const REDUCED_RETAINAGE = '5';

export function buildBillings(
  plan: JobPlan,
  rng: Rng,
  changeOrders: ChangeOrderFact[],
  ctx: BuildContext,
): JobFacts['billings'] {
  if (plan.phase === 'signed') return [];
  // Some jobs bill ahead of cost (over-billed), some behind (under-billed).
  const factor = rng.between(0.88, 1.1);
  // The owner's retainage terms come from a stream of their own, so the job's other figures stay as they were.
  const reducesAtHalf = createRng(ctx.seed, `retainage:${plan.index}`).chance(0.35);
  const end = plan.completionDate ?? plan.plannedCompletion;
  const ends = periodEnds(plan, plan.startDate, ctx.asOf);
  const lastBillable = lastMonthEnd(ctx.asOf);
  const status = (periodEnd: string) =>
    daysBetween(periodEnd, ctx.asOf) >= 45 ? ('paid' as const) : ('approved' as const);
  const billings: BillingFact[] = [];
  let cumulative = 0n;
  let held = 0n;
  let rate = RETAINAGE;
  let releases = 0;
  const release = (periodEnd: string, amount: Cents) => {
    if (amount <= 0n || periodEnd > lastBillable) return;
    billings.push({
      ids: ctx.ids.both('billing', 'billing'),
      number: `RET-${pad(++releases, 2)}`,
      periodEnd,
      billed: 0n,
      retainage: 0n,
      retainageReleased: amount,
      status: status(periodEnd),
    });
    held -= amount;
  };
  ends.forEach((periodEnd, i) => {
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
    if (billed <= 0n) return;
    cumulative += billed;
    const retainage = percentOf(billed, rate);
    held += retainage;
    billings.push({
      ids: ctx.ids.both('billing', 'billing'),
      number: `PA-${pad(i + 1, 2)}`,
      periodEnd,
      billed,
      retainage,
      retainageReleased: 0n,
      status: status(periodEnd),
    });
    if (reducesAtHalf && rate === RETAINAGE && !final && cumulative * 2n >= contract) {
      rate = REDUCED_RETAINAGE;
      release(periodEnd, divideHalfUp(held, 2n));
    }
  });
  if (plan.completionDate) {
    const holdback = roundTo(scale(held, 0.2), 100n);
    release(monthEnd(addDays(plan.completionDate, 20)), held - holdback);
    release(monthEnd(addDays(plan.completionDate, 75)), held);
  }
  return billings;
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
