/**
 * `npm run bench [-- --quick] [-- --only large,api]`: tieout's speed and memory goals, printed as a table
 * and written to bench/results/latest.json (full run of every suite) or quick.json, as
 * { machine: {cores, memory, node, load}, results: [{ name, value, unit, goal, met }] }. Numbers, never
 * assertions: machines are shared and noisy, so compare runs on a quiet machine (the load is in the file).
 * `npx tsx bench/readme.ts` then rewrites the README's benchmark section from latest.json.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchApi } from './api.ts';
import { benchDemo } from './demo.ts';
import { benchIngest } from './ingest.ts';
import { benchLarge } from './large.ts';
import { benchProcore } from './procore.ts';
import { benchQbd } from './qbd.ts';
import { benchRecon } from './recon.ts';
import { benchReports } from './reports.ts';
import { applyRequiredNames, missingRequired } from './required.ts';
import { type BenchReport, type BenchResult, judge } from './result.ts';
import { benchSage100c } from './sage100c.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only=')) ?? args[args.indexOf('--only') + 1];
const only = args.some((a) => a === '--only' || a.startsWith('--only='))
  ? (onlyArg ?? '')
      .replace(/^--only=/, '')
      .split(',')
      .filter(Boolean)
  : undefined;

const here = path.dirname(fileURLToPath(import.meta.url));
const work = path.join(here, 'work');

// The large company first: it is the longest and the most likely to fail on a new machine.
const suites: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'large', run: () => benchLarge(work, quick) },
  { name: 'ingest', run: () => benchIngest(work, quick ? 100_000 : 1_000_000) },
  { name: 'procore', run: () => benchProcore(work, quick ? 100 : 500) },
  { name: 'demo', run: () => benchDemo(work, quick) },
  { name: 'recon', run: () => benchRecon(work, quick ? 1_000_000 : 10_000_000) },
  { name: 'reports', run: () => benchReports(work, quick) },
  { name: 'sage100c', run: () => benchSage100c(quick ? 100_000 : 1_000_000) },
  { name: 'qbd', run: () => benchQbd(work, quick ? 200 : 2_000, quick ? 100_000 : 1_000_000) },
  { name: 'api', run: () => benchApi(work, quick) },
];

const unknown = (only ?? []).filter((n) => !suites.some((s) => s.name === n));
if (only && (only.length === 0 || unknown.length > 0)) {
  process.stderr.write(
    `bench: --only takes suite names separated by commas (${suites.map((s) => s.name).join(', ')})` +
      (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') +
      '\n',
  );
  process.exit(2);
}
const chosen = suites.filter((s) => !only || only.includes(s.name));

const loadNow = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const machine = {
  cores: os.cpus().length,
  memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
  node: process.version,
  load: loadNow(),
};

// The committed record, read before this run replaces it: each measure is printed beside its previous value.
const recordFile = path.join(here, 'results', 'latest.json');
const previous = new Map<string, number>(
  existsSync(recordFile)
    ? (JSON.parse(readFileSync(recordFile, 'utf8')) as BenchReport).results.map((r) => [r.name, r.value])
    : [],
);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const started = performance.now();
const results: BenchResult[] = [];
for (const suite of chosen) {
  const suiteStarted = performance.now();
  process.stderr.write(`bench: ${suite.name}… (load ${loadNow()})\n`);
  try {
    results.push(...applyRequiredNames(suite.name, await suite.run()));
  } catch (e) {
    process.stderr.write(`bench: ${suite.name} failed: ${(e as Error).stack ?? (e as Error).message}\n`);
    results.push({ name: `${suite.name}_failed`, value: 1, unit: 'error', note: (e as Error).message });
  }
  process.stderr.write(
    `bench: ${suite.name} took ${((performance.now() - suiteStarted) / 1000).toFixed(0)} s\n`,
  );
}
results.push({
  name: 'bench_peak_rss_mb',
  value: Math.round(process.resourceUsage().maxRSS / 1024),
  unit: 'MB',
  note: 'whole bench process (children measured apart)',
});
// A quick run names its numbers by the sizes it ran (wip_json_50_jobs_ms), so only a full run is checked.
const missing = quick
  ? []
  : missingRequired(
      chosen.map((s) => s.name),
      results,
    );
for (const name of missing) process.stderr.write(`bench: no result named ${name} (see bench/required.ts)\n`);

const seconds = Math.round((performance.now() - started) / 1000);
const report: BenchReport & { only?: string[]; loadAtEnd: string } = {
  machine,
  mode: quick ? 'quick' : 'full',
  takenAt: new Date().toISOString(),
  seconds,
  loadAtEnd: loadNow(),
  ...(only ? { only } : {}),
  results: results.map((r) => ({
    ...r,
    met: judge(r),
    ...(previous.has(r.name) ? { previous: previous.get(r.name) } : {}),
  })),
};
// Only a full run of every suite is the record; a partial or quick run goes to quick.json / only.json.
const file = quick ? 'quick.json' : only ? 'only.json' : 'latest.json';
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results', file), `${JSON.stringify(report, null, 2)}\n`);

const width = Math.max(...report.results.map((r) => r.name.length));
const out = process.stdout;
out.write(
  `\n${'name'.padEnd(width)}  ${'value'.padStart(12)}  ${'previous'.padStart(12)}  unit        goal        met     note\n`,
);
for (const r of report.results) {
  out.write(
    `${r.name.padEnd(width)}  ${String(r.value).padStart(12)}  ${String(r.previous ?? '—').padStart(12)}  ${r.unit.padEnd(10)}  ${(r.goal ?? '').padEnd(10)}  ${(r.met ?? '').padEnd(6)}  ${r.note ?? ''}\n`,
  );
}
out.write(
  `\n${seconds} s on ${machine.cores} cores, load ${machine.load} → ${report.loadAtEnd}; wrote bench/results/${file}\n`,
);
rmSync(work, { recursive: true, force: true });
