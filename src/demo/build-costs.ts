/**
 * The ERP's own job cost on a job: payroll, company equipment, journal entries and supplier bills outside
 * commitments, with a voided entry and a reversed reclass on every job that has cost.
 */

import { periodEnds } from './build-invoices.ts';
import type { BuildContext } from './build-scope.ts';
import { addDays, daysBetween, maxDate, minDate, progressAt } from './calendar.ts';
import { VENDORS } from './catalog.ts';
import { type Cents, scale, splitByWeights } from './cents.ts';
import { revisedByLine, revisedCommitmentLines } from './derive.ts';
import type { DirectCostFact, JobFacts } from './facts.ts';
import { lineKey } from './facts.ts';
import type { JobPlan } from './plan.ts';
import type { Rng } from './random.ts';

const SOURCE_BY_TYPE: Record<string, DirectCostFact['source']> = {
  labor: 'payroll',
  equipment: 'equipment',
  other: 'journal',
};

const vendorIndex = (name: string) => VENDORS.findIndex((v) => v.name === name);

export function buildDirectCosts(
  plan: JobPlan,
  rng: Rng,
  facts: Pick<JobFacts, 'budget' | 'changeOrders' | 'commitments'>,
  ctx: BuildContext,
): DirectCostFact[] {
  if (plan.phase === 'signed') return [];
  const revised = revisedByLine(facts.budget, facts.changeOrders);
  const committed = new Map<string, Cents>();
  for (const c of facts.commitments)
    for (const l of revisedCommitmentLines(c, facts.changeOrders))
      committed.set(lineKey(l.code, l.type), (committed.get(lineKey(l.code, l.type)) ?? 0n) + l.amount);
  const end = plan.completionDate ?? plan.plannedCompletion;
  const points = periodEnds(plan, plan.startDate, ctx.asOf);
  if (plan.status === 'open' && (points.at(-1) ?? '') < ctx.asOf) points.push(ctx.asOf);
  const plans = facts.budget.flatMap((b) => {
    const key = lineKey(b.code, b.type);
    const isCommitted = committed.has(key);
    if (b.type === 'subcontract' && isCommitted) return [];
    const final = scale(revised.get(key) ?? 0n, rng.between(0.9, 0.98)) - (committed.get(key) ?? 0n);
    if (final <= 0n) return [];
    const source = SOURCE_BY_TYPE[b.type] ?? 'ap';
    const vendor = source === 'ap' ? supplierFor(b.code, b.type, rng) : null;
    return [{ b, final, source, vendor, perPeriod: source === 'payroll' ? 2 : 1 }];
  });
  const base = plans.reduce((n, p) => n + p.perPeriod, 0) * Math.max(1, points.length);
  const split = Math.max(1, Math.ceil((ctx.scale.transactionsPerJob ?? base) / Math.max(1, base)));
  const costs: DirectCostFact[] = [];
  for (const p of plans) {
    let booked = 0n;
    let prev = plan.startDate;
    for (const point of points) {
      const target = scale(p.final, progressAt(plan.startDate, end, point));
      const amount = target - booked;
      const from = prev;
      prev = addDays(point, 1);
      if (amount <= 0n) continue;
      booked = target;
      const entries = p.perPeriod * split;
      const parts = splitByWeights(
        amount,
        Array.from({ length: entries }, () => BigInt(rng.int(4, 9))),
      );
      const bill = p.source === 'ap' ? { ids: ctx.ids.both('invoice', 'invoice'), number: '' } : undefined;
      if (bill) bill.number = `INV-${bill.ids.erp}`;
      parts.forEach((part, i) => {
        if (part === 0n) return;
        const date = minDate(
          addDays(from, Math.round(((i + 1) * daysBetween(from, point)) / entries)),
          ctx.asOf,
        );
        costs.push({
          ids: ctx.ids.both('direct_cost', 'cost'),
          date: maxDate(date, from),
          code: p.b.code,
          type: p.b.type,
          amount: part,
          source: p.source,
          status: 'posted',
          vendor: p.vendor,
          bill,
          description: describe(p.source, p.b.code),
          syncedToPm: true,
        });
      });
    }
  }
  addVoidAndReversal(costs, rng, ctx);
  return costs;
}

function supplierFor(code: string, type: string, rng: Rng): number {
  if (type === 'permits') return vendorIndex('City Building Department');
  const fits = VENDORS.map((v, i) => ({ v, i })).filter(
    ({ v }) => v.role === 'supplier' && v.codes.includes(code),
  );
  return (
    fits.length > 0
      ? rng.pick(fits)
      : rng.pick(VENDORS.map((v, i) => ({ v, i })).filter(({ v }) => v.role === 'supplier'))
  ).i;
}

function describe(source: DirectCostFact['source'], code: string): string {
  switch (source) {
    case 'payroll':
      return `Payroll, field labor ${code}`;
    case 'equipment':
      return `Company equipment usage ${code}`;
    case 'journal':
      return `General conditions allocation ${code}`;
    default:
      return `Supplier invoice ${code}`;
  }
}

/**
 * Every job with cost carries entries that must net out: a payroll entry voided in the ERP (never synced to
 * Procore) and a reclass journal entry reversed a few days later (both synced).
 */
function addVoidAndReversal(costs: DirectCostFact[], rng: Rng, ctx: BuildContext) {
  const payrolls = costs.filter((c) => c.source === 'payroll');
  const payroll = payrolls.reduce<DirectCostFact | undefined>(
    (big, c) => (big && big.amount >= c.amount ? big : c),
    undefined,
  );
  if (payroll) {
    costs.push({
      ...payroll,
      ids: ctx.ids.both('direct_cost', 'cost'),
      status: 'void',
      syncedToPm: false,
      description: 'Payroll check voided (duplicate run)',
    });
  }
  // A supplier bill keyed, voided, and keyed again under the same invoice number.
  const billed = costs.find((c) => c.bill);
  if (billed?.bill) {
    const ids = ctx.ids.both('invoice', 'invoice');
    costs.push({
      ...billed,
      ids: ctx.ids.both('direct_cost', 'cost'),
      bill: { ids, number: billed.bill.number },
      status: 'void',
      syncedToPm: false,
      description: 'Supplier invoice voided: keyed to the wrong job',
    });
  }
  const anchor = costs.find((c) => c.source === 'journal') ?? costs[0];
  if (!anchor) return;
  const amount = BigInt(rng.int(45_000, 480_000));
  const reversalDate = minDate(addDays(anchor.date, rng.int(3, 12)), ctx.asOf);
  const reclass = {
    ...anchor,
    source: 'journal' as const,
    vendor: null,
    bill: undefined,
    syncedToPm: true,
    status: 'posted' as const,
  };
  costs.push({
    ...reclass,
    ids: ctx.ids.both('direct_cost', 'cost'),
    amount,
    description: 'JE reclass: small tools to job',
  });
  costs.push({
    ...reclass,
    ids: ctx.ids.both('direct_cost', 'cost'),
    date: reversalDate,
    amount: -amount,
    description: 'JE reversal: reclass posted to wrong job',
  });
}
