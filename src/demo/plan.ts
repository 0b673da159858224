/**
 * The company's job list: for each job its part (roles.ts), phase, dates, contract size, name and number.
 * Light enough to hold for a million jobs; the heavy content is built job by job later.
 */

import { addDays, daysBetween } from './calendar.ts';
import { BUILDING_TYPES, PLACES } from './catalog.ts';
import { type Cents, dollars } from './cents.ts';
import type { JobPhase } from './facts.ts';
import { createRng } from './random.ts';
import { type JobRole, roleOf } from './roles.ts';

export interface JobPlan {
  index: number;
  role: JobRole;
  phase: JobPhase;
  number: string;
  name: string;
  executedDate: string;
  startDate: string;
  plannedCompletion: string;
  completionDate: string | null;
  status: 'open' | 'completed' | 'closed';
  contractOriginal: Cents;
  /** The ERP writes this job's cost codes Sage style (3300 for 03-300). */
  sageCodes: boolean;
}

const ELAPSED: Partial<Record<JobPhase, [number, number]>> = {
  early: [0.14, 0.3],
  midway: [0.38, 0.6],
  late: [0.72, 0.9],
};

export function planJobs(seed: number, asOf: string, jobCount: number, plant: boolean): JobPlan[] {
  const names = jobNames(seed, jobCount);
  const plans = Array.from({ length: jobCount }, (_, index) => {
    const rng = createRng(seed, `plan:${index}`);
    const role = roleOf(index, plant);
    const phase = role.phase;
    const note = role.kind === 'clean' ? role.note : undefined;
    let contract =
      note === 'largest'
        ? rng.int(17_200_000, 17_900_000)
        : note === 'smallest'
          ? rng.int(250_000, 290_000)
          : Math.round(Math.exp(rng.between(Math.log(400_000), Math.log(12_000_000))));
    contract = Math.round(contract / 50) * 50;
    const months = Math.max(4, Math.round(4 + Math.log10(contract / 250_000) * 7 + rng.between(-1.5, 1.5)));
    const durationDays = months * 30 + rng.int(-10, 10);
    const year = Number(asOf.slice(0, 4));
    let startDate: string;
    let completionDate: string | null = null;
    let executedDate: string;
    if (phase === 'signed') {
      executedDate = addDays(asOf, -rng.int(3, 25));
      startDate = addDays(asOf, rng.int(5, 40));
    } else if (phase === 'completed' || phase === 'closed') {
      const from = phase === 'completed' ? `${year}-01-20` : `${year - 1}-03-01`;
      const to = phase === 'completed' ? addDays(asOf, -30) : `${year - 1}-11-30`;
      completionDate = addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
      startDate = addDays(completionDate, -durationDays);
      executedDate = addDays(startDate, -rng.int(10, 45));
    } else {
      const [lo, hi] = ELAPSED[phase]!;
      startDate = addDays(asOf, -Math.round(rng.between(lo, hi) * durationDays));
      executedDate = addDays(startDate, -rng.int(10, 45));
    }
    const plannedCompletion = completionDate ?? addDays(startDate, durationDays);
    return {
      index,
      role,
      phase,
      number: '',
      name: names[index]!,
      executedDate,
      startDate,
      plannedCompletion,
      completionDate,
      status: phase === 'closed' ? 'closed' : phase === 'completed' ? 'completed' : 'open',
      contractOriginal: dollars(contract),
      sageCodes: index % 5 === 3,
    } satisfies JobPlan;
  });
  assignJobNumbers(seed, plans);
  return plans;
}

/** Job numbers as a contractor hands them out: year of the contract, then a sequence with gaps (lost bids). */
function assignJobNumbers(seed: number, plans: JobPlan[]) {
  const rng = createRng(seed, 'job-numbers');
  const order = [...plans].sort((a, b) =>
    a.executedDate === b.executedDate ? a.index - b.index : a.executedDate < b.executedDate ? -1 : 1,
  );
  const sequence = new Map<string, number>();
  for (const plan of order) {
    const year = plan.executedDate.slice(0, 4);
    const next = (sequence.get(year) ?? rng.int(1, 4)) + rng.int(1, 3);
    sequence.set(year, next);
    plan.number = `${year}-${String(next).padStart(3, '0')}`;
  }
}

function jobNames(seed: number, count: number): string[] {
  const rng = createRng(seed, 'job-names');
  const combos: string[] = [];
  for (const place of PLACES) for (const type of BUILDING_TYPES) combos.push(`${place} ${type}`);
  for (let i = combos.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [combos[i], combos[j]] = [combos[j]!, combos[i]!];
  }
  return Array.from({ length: count }, (_, i) => {
    const base = combos[i % combos.length]!;
    const round = Math.floor(i / combos.length);
    return round === 0 ? base : `${base} Phase ${round + 1}`;
  });
}
