/**
 * A deterministic sample company for rendering and benchmarks: N jobs with the situations a real WIP holds
 * (profitable, loss, over- and under-billed, change orders pending and approved, a few completed this year),
 * generated from a seeded PRNG so every run is identical.
 */
import type { GoldenJob } from './wip-job.ts';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer cents → decimal string (exact). */
function cents(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(Math.round(n));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const NAMES = [
  'Riverside Medical Office',
  'Lincoln Elementary Addition',
  'Harbor Point Parking Deck',
  'County Road 12 Bridge',
  'Oakwood Senior Living',
  'Tech Park Building C',
  'Fire Station No. 4',
  'Main Street Streetscape',
  'Water Treatment Upgrade',
  'Maple Grove Library',
  'Airport Hangar 7',
  'Summit Ridge Apartments',
];

export function sampleJobs(count: number, asOf = '2026-10-31', seed = 17): GoldenJob[] {
  const rnd = mulberry32(seed);
  const jobs: GoldenJob[] = [];
  for (let i = 0; i < count; i++) {
    const number = `26-${String(101 + i).padStart(3, '0')}`;
    const contract = Math.round((200_000 + rnd() * 9_800_000) * 100);
    const margin = rnd() < 0.12 ? -(0.01 + rnd() * 0.06) : 0.05 + rnd() * 0.17;
    // The bid margin differs from today's estimate: most jobs fade a little, some gain, a few fade hard.
    const bidMargin =
      margin + (rnd() < 0.2 ? -0.03 * rnd() : rnd() < 0.85 ? 0.02 * rnd() : 0.05 + 0.08 * rnd());
    const originalBudget = Math.round(contract * (1 - bidMargin));
    const approvedCo = rnd() < 0.5 ? Math.round(contract * rnd() * 0.08) : 0;
    const eac = Math.round((contract + approvedCo) * (1 - margin));
    const completed = rnd() < 0.08;
    const pct = completed ? 1 : 0.05 + rnd() * 0.9;
    const cost = Math.round(eac * pct * (completed ? 1 + (rnd() - 0.6) * 0.05 : 1));
    const billed = Math.round((contract + approvedCo) * pct * (0.85 + rnd() * 0.3));
    const changeOrders: GoldenJob['changeOrders'] = [];
    if (approvedCo)
      changeOrders.push({ amount: cents(approvedCo), status: 'approved', approvedDate: '2026-06-15' });
    if (rnd() < 0.3) changeOrders.push({ amount: cents(Math.round(contract * 0.02)), status: 'pending' });
    jobs.push({
      number,
      name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}`,
      status: completed ? 'completed' : 'open',
      startDate: '2025-03-01',
      completionDate: completed ? '2026-09-30' : undefined,
      originalContract: cents(contract),
      changeOrders,
      pmEstimate: cents(eac),
      pmOriginalBudget: cents(originalBudget),
      erpBudget: cents(Math.round(originalBudget + approvedCo * (1 - margin))),
      erpOriginalBudget: cents(originalBudget),
      costs: [
        { date: '2025-12-15', amount: cents(Math.round(cost * 0.4)) },
        { date: asOf, amount: cents(cost - Math.round(cost * 0.4)) },
      ],
      billings: [
        {
          periodEnd: '2025-12-31',
          amount: cents(Math.round(billed * 0.4)),
          retainage: cents(Math.round(billed * 0.04)),
        },
        {
          periodEnd: asOf,
          amount: cents(billed - Math.round(billed * 0.4)),
          retainage: cents(Math.round(billed * 0.06)),
        },
      ],
    });
  }
  return jobs;
}
