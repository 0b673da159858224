/**
 * `npm run bench [-- --quick]`: tieout's speed and memory goals, printed as a table and written to
 * bench/results/latest.json as { machine, results: [{ name, value, unit, goal }] }. Numbers, never assertions:
 * machines are shared and noisy, so compare runs on a quiet machine.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchApi } from './api.ts';
import { benchDemo } from './demo.ts';
import { benchIngest } from './ingest.ts';
import { benchProcore } from './procore.ts';
import { benchRecon } from './recon.ts';
import { benchReports } from './reports.ts';
import type { BenchResult } from './result.ts';
import { benchSage100c } from './sage100c.ts';

const quick = process.argv.includes('--quick');
const here = path.dirname(fileURLToPath(import.meta.url));
const work = path.join(here, 'work');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const suites: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'ingest', run: () => benchIngest(work, quick ? 100_000 : 1_000_000) },
  { name: 'procore', run: () => benchProcore(work, quick ? 100 : 500) },
  { name: 'demo', run: () => benchDemo(work, quick) },
  { name: 'recon', run: () => benchRecon(work, quick ? 1_000_000 : 10_000_000) },
  { name: 'reports', run: () => benchReports(work, quick) },
  { name: 'sage100c', run: () => benchSage100c(quick ? 100_000 : 1_000_000) },
  { name: 'api', run: () => benchApi(work, quick) },
];

const results: BenchResult[] = [];
for (const suite of suites) {
  process.stderr.write(`bench: ${suite.name}…\n`);
  try {
    results.push(...(await suite.run()));
  } catch (e) {
    process.stderr.write(`bench: ${suite.name} failed: ${(e as Error).message}\n`);
    results.push({ name: `${suite.name}_failed`, value: 1, unit: 'error', note: (e as Error).message });
  }
}
results.push({
  name: 'bench_peak_rss_mb',
  value: Math.round(process.resourceUsage().maxRSS / 1024),
  unit: 'MB',
  note: 'whole bench process',
});

const report = {
  machine: {
    cores: os.cpus().length,
    memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
    node: process.version,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  },
  mode: quick ? 'quick' : 'full',
  takenAt: new Date().toISOString(),
  results,
};
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(
  path.join(here, 'results', quick ? 'quick.json' : 'latest.json'),
  `${JSON.stringify(report, null, 2)}\n`,
);

const width = Math.max(...results.map((r) => r.name.length));
process.stdout.write(`\n${'name'.padEnd(width)}  ${'value'.padStart(12)}  unit        goal        note\n`);
for (const r of results) {
  process.stdout.write(
    `${r.name.padEnd(width)}  ${String(r.value).padStart(12)}  ${r.unit.padEnd(10)}  ${(r.goal ?? '').padEnd(10)}  ${r.note ?? ''}\n`,
  );
}
rmSync(work, { recursive: true, force: true });
