/**
 * What a job has cost and billed so far: subcontractor and supplier invoices against commitments, the
 * ERP's own job cost (payroll, equipment, journal entries, supplier bills, with a voided entry and a
 * reversed reclass), owner pay applications, and the PM's forecast.
 */

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
import { VENDORS } from './catalog.ts';
import { type Cents, percentOf, roundTo, scale, splitByWeights, sum } from './cents.ts';
import type {
  BudgetLineFact,
  ChangeOrderFact,
  CommitmentFact,
  DirectCostFact,
  InvoiceFact,
  JobFacts,
  LineAmount,
} from './facts.ts';
import { lineKey } from './facts.ts';
import type { JobPlan } from './plan.ts';
import type { Rng } from './random.ts';

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

/** Period ends the job reports on: month ends through the last one before as-of (and completion). */
function periodEnds(plan: JobPlan, from: string, asOf: string, count?: number): string[] {
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

export { percentOf };
