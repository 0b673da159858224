/**
 * The README's benchmark table, generated from the committed results file so the two cannot disagree
 * (test/docs/bench-readme.test.ts checks it). `npx tsx bench/readme.ts` rewrites the text between
 * `<!-- bench-results:start -->` and `<!-- bench-results:end -->` from bench/results/latest.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BenchReport, judge } from './result.ts';

export const BENCH_START = '<!-- bench-results:start -->';
export const BENCH_END = '<!-- bench-results:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function formatValue(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
}

/** The markdown between the markers, from a results file. */
export function benchResultsMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `Full run finished ${report.takenAt.slice(0, 16).replace('T', ' ')} UTC` +
      (report.seconds ? ` after ${Math.round(report.seconds / 60)} min` : '') +
      `: ${m.cores} cores, ${m.memory}, Node ${m.node}, load average ${m.load} at the start` +
      ' (a shared machine is noisy: compare runs on a quiet one).',
    '',
    '| name | value | previous | unit | goal | met? | note |',
    '| --- | ---: | ---: | --- | --- | --- | --- |',
  ];
  for (const r of report.results) {
    const verdict = judge(r);
    lines.push(
      `| \`${r.name}\` | ${formatValue(r.value)} | ${r.previous === undefined ? '' : formatValue(r.previous)} | ${cell(r.unit)} | ${cell(r.goal ?? '')} | ${verdict} | ${cell(r.note ?? '')} |`,
    );
  }
  return lines.join('\n');
}

/** The README with its benchmark section replaced; throws if the markers are missing. */
export function withBenchSection(readme: string, report: BenchReport): string {
  const start = readme.indexOf(BENCH_START);
  const end = readme.indexOf(BENCH_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${BENCH_START} … ${BENCH_END} section to write the results into`);
  }
  return `${readme.slice(0, start + BENCH_START.length)}\n${benchResultsMarkdown(report)}\n${readme.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const readmeUrl = new URL('../README.md', import.meta.url);
  const resultsUrl = new URL('./results/latest.json', import.meta.url);
  const report = JSON.parse(readFileSync(resultsUrl, 'utf8')) as BenchReport;
  writeFileSync(readmeUrl, withBenchSection(readFileSync(readmeUrl, 'utf8'), report));
  process.stdout.write(`README.md: benchmark section rewritten from ${fileURLToPath(resultsUrl)}\n`);
}
