import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoOptionsError, generateDemo } from '../../src/demo/index.ts';
import { loadSide } from './load-side.ts';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tieout-demo-scale-'));
  dirs.push(dir);
  return dir;
};

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('scaling the demo for benchmarks', () => {
  it('honours jobs, cost codes, transactions, commitments and invoices per job', async () => {
    const dir = await tempDir();
    const result = await generateDemo({
      outDir: dir,
      plant: false,
      scale: {
        jobs: 14,
        costCodesPerJob: 60,
        transactionsPerJob: 3000,
        commitmentsPerJob: 30,
        invoicesPerCommitment: 4,
      },
    });
    const erp = await loadSide(path.join(dir, 'erp'));
    expect(erp.invalid).toEqual([]);
    expect(result.jobs).toBe(14);
    expect(result.truth.planted).toEqual([]);
    const perJob = <T>(rows: T[], key: (r: T) => string) => {
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
      return counts;
    };
    const codes = perJob(erp.tables.cost_codes!, (r) => r.job_id!);
    for (const n of codes.values()) expect(n).toBeGreaterThanOrEqual(60);
    const costs = [...perJob(erp.tables.cost_transactions!, (r) => r.job_id!).values()];
    expect(Math.max(...costs)).toBeGreaterThanOrEqual(3000);
    const commitments = [...perJob(erp.tables.commitments!, (r) => r.job_id!).values()];
    expect(Math.max(...commitments)).toBe(30);
    const invoices = perJob(
      erp.tables.payables!.filter((p) => p.commitment_id),
      (r) => `${r.job_id}|${r.commitment_id}`,
    );
    for (const n of invoices.values()) expect(n).toBeLessThanOrEqual(4 + 1); // plus a retainage release
  });

  it('refuses to plant on fewer jobs than the planted cases need, and says what to do', async () => {
    const dir = await tempDir();
    await expect(generateDemo({ outDir: dir, scale: { jobs: 10 } })).rejects.toThrow(DemoOptionsError);
    await expect(generateDemo({ outDir: dir, scale: { jobs: 10 } })).rejects.toThrow(/plant: false/);
  });

  it('names the bad option when as-of is not a calendar date', async () => {
    const dir = await tempDir();
    await expect(generateDemo({ outDir: dir, asOf: '2026-02-30' })).rejects.toThrow(/asOf/);
  });
});
