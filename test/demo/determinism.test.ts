import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.ts';

const dirs: string[] = [];
async function generate(seed?: number, asOf?: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tieout-demo-det-'));
  dirs.push(dir);
  await generateDemo({ outDir: dir, seed, asOf });
  return dir;
}

async function fingerprints(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
  const out: Record<string, string> = {};
  for (const f of files) {
    const full = path.join(f.parentPath, f.name);
    out[path.relative(dir, full)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex');
  }
  return out;
}

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('demo determinism', () => {
  it('writes byte-identical files for the same seed and as-of date', async () => {
    const [a, b] = [await generate(), await generate()];
    const [fa, fb] = [await fingerprints(a), await fingerprints(b)];
    expect(Object.keys(fa)).toHaveLength(14 + 14 + 2); // pm has no gl_balances, erp no sync_queue
    expect(fb).toEqual(fa);
  });

  it('writes a different company for another seed, and moves the dates with as-of', async () => {
    const base = await fingerprints(await generate());
    const otherSeed = await fingerprints(await generate(7));
    expect(otherSeed['pm/jobs.csv']).not.toBe(base['pm/jobs.csv']);
    const later = await generate(undefined, '2027-03-15');
    const truth = JSON.parse(await readFile(path.join(later, 'truth.json'), 'utf8'));
    expect(truth.as_of).toBe('2027-03-15');
    const gl = await readFile(path.join(later, 'erp', 'gl_balances.csv'), 'utf8');
    expect(gl).toContain('2027-02-28');
  });
});
