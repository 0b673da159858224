/**
 * A job's scope: its cost codes, original budget, commitments (subcontracts and POs) and change orders.
 * Invoices, job cost and billings follow in build-invoices.ts, build-costs.ts and build-billing.ts.
 */

import { addDays, daysBetween, minDate } from './calendar.ts';
import {
  type CostCodeEntry,
  GENERAL_CONDITIONS,
  TRADE_CODES,
  UNLINKED_VENDOR_NAME,
  VENDORS,
} from './catalog.ts';
import { type Cents, roundTo, scale, splitByWeights } from './cents.ts';
import type { BudgetLineFact, ChangeOrderFact, CommitmentFact, LineAmount } from './facts.ts';
import type { IdAllocator } from './ids.ts';
import type { DemoScale } from './options.ts';
import type { JobPlan } from './plan.ts';
import type { Rng } from './random.ts';

export interface BuildContext {
  seed: number;
  asOf: string;
  scale: DemoScale;
  ids: IdAllocator;
}

const TYPE_WEIGHT: Record<string, number> = {
  subcontract: 3,
  material: 1.5,
  labor: 1.2,
  equipment: 0.5,
  other: 0.4,
  permits: 0.15,
};

/** Trade codes every building carries (concrete, plumbing, HVAC, electrical), plus what a case needs. */
const ALWAYS = ['03-300', '22-000', '23-000', '26-000'];

export function codesForJob(plan: JobPlan, rng: Rng, scaleCodes: number | undefined, required: string[]) {
  const millions = Number(plan.contractOriginal / 100_000_000n);
  const wanted =
    scaleCodes ?? Math.min(20, 8 + Math.round(Math.log10(Math.max(1, millions * 4)) * 5) + rng.int(0, 2));
  const tradeCount = Math.max(0, wanted - GENERAL_CONDITIONS.length);
  const must = new Set([...ALWAYS, ...required]);
  const mandatory = TRADE_CODES.filter((c) => must.has(c.code));
  const others = rng.sample(
    TRADE_CODES.filter((c) => !must.has(c.code)),
    Math.max(0, Math.min(TRADE_CODES.length, tradeCount) - mandatory.length),
  );
  const trades = [...mandatory, ...others].sort((a, b) => (a.code < b.code ? -1 : 1));
  // Benchmarks may ask for more codes than the catalog holds: add area sub-codes (03-301, 03-302…).
  for (let k = 0; trades.length < tradeCount; k++) {
    const base = TRADE_CODES[k % TRADE_CODES.length]!;
    const area = Math.floor(k / TRADE_CODES.length) + 1;
    const code = `${base.code.slice(0, 3)}${String(Number(base.code.slice(3)) + area).padStart(3, '0')}`;
    trades.push({ code, description: `${base.description} - Area ${area}`, types: base.types });
  }
  return [...GENERAL_CONDITIONS, ...trades];
}

export function buildBudget(plan: JobPlan, rng: Rng, codes: CostCodeEntry[]): BudgetLineFact[] {
  const margin = rng.between(0.06, 0.13);
  const total = scale(plan.contractOriginal, 1 - margin);
  const lines = codes.flatMap((c) => c.types.map((type) => ({ code: c.code, type })));
  const weights = lines.map((l) =>
    BigInt(Math.round((TYPE_WEIGHT[l.type] ?? 0.3) * rng.between(0.5, 1.5) * 1000)),
  );
  const amounts = splitByWeights(total, weights);
  return lines.map((l, i) => ({ ...l, original: roundTo(amounts[i]!, 1000n) }));
}

const baseCode = (code: string) =>
  TRADE_CODES.find((t) => t.code.slice(0, 4) === code.slice(0, 4))?.code ?? code;

function vendorFor(code: string, role: 'subcontractor' | 'supplier', rng: Rng): number {
  const base = baseCode(code);
  const usable = VENDORS.map((v, i) => ({ v, i })).filter(
    ({ v }) => v.role === role && v.name !== UNLINKED_VENDOR_NAME,
  );
  const trade = usable.find(({ v }) => v.codes.includes(code) || v.codes.includes(base));
  return (trade ?? rng.pick(usable)).i;
}

export function buildCommitments(
  plan: JobPlan,
  rng: Rng,
  budget: BudgetLineFact[],
  ctx: BuildContext,
): CommitmentFact[] {
  const groups = new Map<
    string,
    { kind: CommitmentFact['kind']; vendor: number; percent: string; lines: LineAmount[] }
  >();
  for (const line of budget) {
    if (line.type === 'subcontract') {
      const vendor = vendorFor(line.code, 'subcontractor', rng);
      const group = groups.get(`sc:${vendor}`) ?? { kind: 'subcontract', vendor, percent: '10', lines: [] };
      group.lines.push({
        code: line.code,
        type: line.type,
        amount: roundTo(scale(line.original, rng.between(0.86, 0.95)), 100n),
      });
      groups.set(`sc:${vendor}`, group);
    } else if (line.type === 'material' && rng.chance(0.6)) {
      const vendor = vendorFor(line.code, 'supplier', rng);
      const percent = rng.chance(0.5) ? '5' : '0';
      const group = groups.get(`po:${vendor}`) ?? { kind: 'purchase_order', vendor, percent, lines: [] };
      group.lines.push({
        code: line.code,
        type: line.type,
        amount: roundTo(scale(line.original, rng.between(0.5, 0.75)), 100n),
      });
      groups.set(`po:${vendor}`, group);
    }
  }
  let list = [...groups.values()];
  const wanted =
    plan.phase === 'signed' ? Math.min(1, list.length) : (ctx.scale.commitmentsPerJob ?? list.length);
  if (wanted > list.length) list = splitGroups(list, wanted);
  list = list.slice(0, wanted);
  let sc = 0;
  let po = 0;
  const lastDay = minDate(ctx.asOf, plan.plannedCompletion);
  return list.map((g) => {
    const number = g.kind === 'subcontract' ? `SC-${pad(++sc)}` : `PO-${pad(++po)}`;
    const earliest = plan.phase === 'signed' ? plan.executedDate : addDays(plan.startDate, -rng.int(0, 20));
    const executedDate = minDate(addDays(earliest, rng.int(0, 45)), lastDay < earliest ? ctx.asOf : lastDay);
    return {
      ids: ctx.ids.both('commitment', 'commitment'),
      number,
      kind: g.kind,
      vendor: g.vendor,
      status: plan.status === 'open' ? 'approved' : 'complete',
      retainagePercent: g.percent,
      executedDate: minDate(executedDate, ctx.asOf),
      lines: g.lines,
      linked: rng.chance(0.9),
    } satisfies CommitmentFact;
  });
}

/** More commitments than trades: split line lists round-robin (each line still in exactly one commitment). */
function splitGroups<G extends { lines: LineAmount[] }>(groups: G[], wanted: number): G[] {
  const out: G[] = [];
  for (const g of groups) {
    const share = Math.max(
      1,
      Math.round((wanted * g.lines.length) / groups.reduce((n, x) => n + x.lines.length, 0)),
    );
    const parts = Math.min(g.lines.length, share);
    for (let p = 0; p < parts; p++) out.push({ ...g, lines: g.lines.filter((_, i) => i % parts === p) });
  }
  return out;
}

const SELF_PERFORMED = new Set(['labor', 'equipment', 'other']);

export const pad = (n: number, width = 3) => String(n).padStart(width, '0');

export function buildChangeOrders(
  plan: JobPlan,
  rng: Rng,
  budget: BudgetLineFact[],
  commitments: CommitmentFact[],
  ctx: BuildContext,
): ChangeOrderFact[] {
  if (plan.phase === 'signed') return [];
  const open = plan.status === 'open';
  const end = minDate(ctx.asOf, plan.completionDate ?? plan.plannedCompletion);
  const span = Math.max(1, daysBetween(plan.startDate, end));
  const dateAt = (lo: number, hi: number) => addDays(plan.startDate, Math.round(rng.between(lo, hi) * span));
  const drafts: Omit<ChangeOrderFact, 'ids' | 'number'>[] = [];
  const primeLines = () =>
    rng.sample(budget, rng.int(1, 3)).map((b) => {
      const amount = roundTo(scale(b.original, rng.between(0.015, 0.06)), 1000n);
      // Credits only on self-performed lines, so a credit never leaves a line below what is committed on it.
      const credit = SELF_PERFORMED.has(b.type) && rng.chance(0.25);
      return { code: b.code, type: b.type, amount: credit ? -amount : amount };
    });
  const prime = (status: ChangeOrderFact['status'], date: string | null, description: string) => {
    const lines = primeLines();
    const cost = lines.reduce((s, l) => s + l.amount, 0n);
    drafts.push({
      kind: 'prime',
      status,
      approvedDate: date,
      contractAmount: scale(cost, 1.1),
      lines,
      description,
      linked: rng.chance(0.9),
      budgetApplied: true,
    });
  };
  const scopes = [
    'Owner-requested scope addition',
    'Unforeseen site condition',
    'Design revision per ASI',
    'Allowance reconciliation',
    'Value engineering credit',
  ];
  for (let i = rng.int(1, 4); i > 0; i--) prime('approved', dateAt(0.1, 0.95), rng.pick(scopes));
  if (open) for (let i = rng.int(0, 2); i > 0; i--) prime('pending', null, rng.pick(scopes));
  if (rng.chance(0.5)) prime('rejected', null, 'Owner declined: acceleration premium');
  if (rng.chance(0.4)) prime('void', null, 'Superseded by a revised proposal');
  const donors = budget.filter((b) => SELF_PERFORMED.has(b.type));
  if (rng.chance(0.5) && donors.length > 1) {
    const from = rng.pick(donors);
    const to = rng.pick(budget.filter((b) => b !== from));
    const amount = roundTo(scale(from.original, 0.03), 1000n);
    drafts.push({
      kind: 'budget',
      status: 'approved',
      approvedDate: dateAt(0.2, 0.8),
      contractAmount: null,
      lines: [
        { code: to.code, type: to.type, amount },
        { code: from.code, type: from.type, amount: -amount },
      ],
      description: 'Budget transfer between cost codes',
      linked: rng.chance(0.9),
      budgetApplied: true,
    });
  }
  // Owner changes on subcontracted work flow down to the sub as commitment change orders.
  for (const co of drafts.filter((d) => d.kind === 'prime' && d.status === 'approved')) {
    for (const c of commitments) {
      const lines = co.lines
        .filter(
          (l) => c.kind === 'subcontract' && c.lines.some((cl) => cl.code === l.code && cl.type === l.type),
        )
        .map((l) => ({ ...l, amount: roundTo(scale(l.amount, 0.9), 100n) }));
      if (lines.length === 0) continue;
      const date = minDate(addDays(co.approvedDate!, rng.int(3, 20)), ctx.asOf);
      drafts.push({
        kind: 'commitment',
        status: 'approved',
        approvedDate: date,
        contractAmount: null,
        lines,
        commitmentNumber: c.number,
        description: `Flow-down of owner change to ${c.number}`,
        linked: rng.chance(0.9),
        budgetApplied: true,
      });
    }
  }
  const recent = (d: (typeof drafts)[number]) => d.approvedDate ?? addDays(ctx.asOf, -rng.int(3, 40));
  const dated = drafts
    .map((d) => ({ d, when: recent(d) }))
    .sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : 0));
  const seq = { prime: 0, commitment: 0, budget: 0 };
  const prefix = { prime: 'PCCO', commitment: 'CCO', budget: 'BM' };
  return dated.map(({ d }) => ({
    ...d,
    ids: ctx.ids.both('change_order', 'change_order'),
    number: `${prefix[d.kind]}-${pad(++seq[d.kind])}`,
  }));
}

export type { Cents };
