/** Small edits the planted cases share: picking documents and mistyping amounts the way people do. */
import { addDays } from '../calendar.ts';
import { type Cents, formatCents, roundTo, scale, sum } from '../cents.ts';
import type { ChangeOrderFact, CommitmentFact, InvoiceFact, JobFacts } from '../facts.ts';
import type { IdAllocator } from '../ids.ts';

/** A planted case found nothing to plant on its job: a generator bug for that seed, never bad input. */
export class PlantError extends Error {
  readonly code = 'demo_plant_impossible';
  constructor(plant: string, job: string, what: string) {
    super(
      `cannot plant "${plant}" on job ${job}: ${what}; try another seed, and report this one with its as-of date`,
    );
    this.name = 'PlantError';
  }
}

export const usd = (v: Cents) => {
  const [whole = '0', cents = '00'] = formatCents(v < 0n ? -v : v).split('.');
  return `${v < 0n ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
};
export const amount = (v: Cents) => formatCents(v);

/** Swaps the first pair of adjacent, different digits in the whole-dollar part (18,750 → 17,850). */
export function transposeDigits(value: Cents): Cents {
  const dollars = (value / 100n).toString();
  for (let i = dollars.length - 3; i >= 0; i--) {
    if (dollars[i] !== dollars[i + 1]) {
      const swapped = dollars.slice(0, i) + dollars[i + 1] + dollars[i] + dollars.slice(i + 2);
      if (swapped.startsWith('0')) continue;
      return BigInt(swapped) * 100n + (value % 100n);
    }
  }
  return value + 90_000n;
}

export function coAmount(co: ChangeOrderFact): Cents {
  return sum(co.lines.map((l) => l.amount));
}

/**
 * An approved prime change order with a positive amount (one line when asked). Jobs whose owner changes so
 * far were all credits get one more, approved three weeks ago, on both sides.
 */
export function approvedPrimeCo(
  sides: { pm: JobFacts; erp: JobFacts | null },
  ctx: { asOf: string; ids: IdAllocator },
  preferSingleLine = false,
): ChangeOrderFact {
  const f = sides.pm;
  const approved = f.changeOrders.filter(
    (c) => c.kind === 'prime' && c.status === 'approved' && coAmount(c) > 0n,
  );
  const pick = (preferSingleLine ? approved.find((c) => c.lines.length === 1) : undefined) ?? approved.at(-1);
  if (pick) return pick;
  const line = f.budget.find((b) => b.type === 'material') ?? f.budget[0]!;
  const amount = roundTo(scale(line.original, 0.04), 1000n) || 100_000n;
  const count = f.changeOrders.filter((c) => c.kind === 'prime').length;
  const co: ChangeOrderFact = {
    ids: ctx.ids.both('change_order', 'change_order'),
    number: `PCCO-${String(count + 1).padStart(3, '0')}`,
    kind: 'prime',
    status: 'approved',
    approvedDate: addDays(ctx.asOf, -21),
    contractAmount: scale(amount, 1.1),
    lines: [{ code: line.code, type: line.type, amount }],
    description: 'Owner-requested scope addition',
    linked: true,
    budgetApplied: true,
  };
  for (const side of [sides.pm, sides.erp]) side?.changeOrders.push(structuredClone(co));
  return f.changeOrders.at(-1)!;
}

export function subcontractWithInvoices(f: JobFacts, plant: string, percent?: string): CommitmentFact {
  const pick = f.commitments.find(
    (c) =>
      c.kind === 'subcontract' &&
      (percent === undefined || c.retainagePercent === percent) &&
      f.invoices.some(
        (i) => i.commitmentNumber === c.number && i.status === 'approved' && i.lines.length > 0,
      ),
  );
  if (!pick) throw new PlantError(plant, f.number, 'no subcontract with approved invoices');
  return pick;
}

export function latestApprovedInvoice(f: JobFacts, plant: string): InvoiceFact {
  const approved = f.invoices.filter(
    (i) => i.status === 'approved' && i.lines.length > 0 && i.retainagePercent === '10',
  );
  const pick = approved
    .sort((a, b) => (a.invoiceDate < b.invoiceDate ? -1 : a.invoiceDate > b.invoiceDate ? 1 : 0))
    .at(-1);
  if (!pick) throw new PlantError(plant, f.number, 'no approved subcontractor invoice');
  return pick;
}

export function invoiceGross(i: InvoiceFact): Cents {
  return sum(i.lines.map((l) => l.amount));
}

export function find<T>(items: T[], match: (t: T) => boolean): T {
  const found = items.find(match);
  if (!found) throw new Error('planted edit refers to a record the other side does not have');
  return found;
}

/** A commitment that was just signed: nothing billed or changed on it yet, on either side. */
export function makeJustExecuted(
  sides: { pm: JobFacts; erp: JobFacts | null },
  c: CommitmentFact,
  executedDate: string,
) {
  for (const f of [sides.pm, sides.erp]) {
    if (!f) continue;
    const copy = find(f.commitments, (x) => x.number === c.number);
    copy.executedDate = executedDate;
    f.invoices = f.invoices.filter((i) => i.commitmentNumber !== c.number);
    f.changeOrders = f.changeOrders.filter((co) => co.commitmentNumber !== c.number);
    f.sync = f.sync.filter((s) => s.itemNumber !== c.number);
  }
}
