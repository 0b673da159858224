/**
 * The README's benchmark table is generated from the committed bench/results/latest.json (bench/readme.ts);
 * this fails when the two disagree, when the file is not in the format, or lacks a required name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_END, BENCH_START, benchResultsMarkdown, withBenchSection } from '../../bench/readme.ts';
import { applyRequiredNames, REQUIRED } from '../../bench/required.ts';
import { type BenchReport, judge, parseGoal } from '../../bench/result.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const latest = JSON.parse(
  readFileSync(new URL('../../bench/results/latest.json', import.meta.url), 'utf8'),
) as BenchReport;

describe('README benchmark section', () => {
  it('shows exactly the committed results file', () => {
    const section = readme.split(BENCH_START)[1]?.split(BENCH_END)[0];
    expect(section?.trim(), 'regenerate with: npx tsx bench/readme.ts').toBe(benchResultsMarkdown(latest));
  });

  it('is a full run in the issue format: machine, then name, value, unit and goal per result', () => {
    expect(latest.mode).toBe('full');
    expect(Object.keys(latest.machine).sort()).toEqual(['cores', 'load', 'memory', 'node']);
    for (const r of latest.results) {
      expect(typeof r.name).toBe('string');
      expect(Number.isFinite(r.value), r.name).toBe(true);
      expect(typeof r.unit).toBe('string');
      if (r.goal !== undefined) expect(parseGoal(r.goal), `${r.name} goal "${r.goal}"`).toBeDefined();
    }
    const names = latest.results.map((r) => r.name);
    expect(new Set(names).size, 'one row per name').toBe(names.length);
    for (const q of REQUIRED) expect(names, q.name).toContain(q.name);
  });

  it('refuses to write into a README without the markers', () => {
    expect(() => withBenchSection('# no section here\n', latest)).toThrow(/bench-results:start/);
  });
});

describe('goals', () => {
  it('reads at least, at most and exactly, in ASCII or as ≤ ≥', () => {
    expect(parseGoal('>= 500000')).toEqual({ op: '>=', target: 500000 });
    expect(parseGoal('≤ 3000')).toEqual({ op: '<=', target: 3000 });
    expect(parseGoal('<= 2.0')).toEqual({ op: '<=', target: 2 });
    expect(parseGoal('0')).toEqual({ op: '=', target: 0 });
    expect(parseGoal('fast')).toBeUndefined();
  });

  it('says met or missed, and nothing without a goal', () => {
    expect(judge({ value: 612_000, goal: '>= 500000' })).toBe('met');
    expect(judge({ value: 2.4, goal: '<= 2.0' })).toBe('missed');
    expect(judge({ value: 1000, goal: '≤ 1000' })).toBe('met');
    expect(judge({ value: 3, goal: '0' })).toBe('missed');
    expect(judge({ value: 3 })).toBe('');
  });
});

describe('required names', () => {
  it("maps a suite's own name to the required one, keeping a name the suite already uses", () => {
    const api = applyRequiredNames('api', [{ name: 'api_job_cost_1000rps_p99_ms', value: 12, unit: 'ms' }]);
    expect(api).toEqual([
      {
        name: 'job_cost_api_p99_ms',
        value: 12,
        unit: 'ms',
        goal: '<= 20',
        note: 'reported by the api suite as api_job_cost_1000rps_p99_ms',
      },
    ]);
    const already = applyRequiredNames('api', [
      { name: 'job_cost_api_p99_ms', value: 9, unit: 'ms' },
      { name: 'api_job_cost_1000rps_p99_ms', value: 9, unit: 'ms' },
    ]);
    expect(already.map((r) => r.name)).toEqual(['job_cost_api_p99_ms', 'api_job_cost_1000rps_p99_ms']);
  });

  it('renames a required name emitted by a suite that does not own it, so no name appears twice', () => {
    const ingest = applyRequiredNames('ingest', [{ name: 'ingest_rows_per_s', value: 1, unit: 'rows/s' }]);
    expect(ingest[0]!.name).toBe('ingest_one_table_rows_per_s');
    const other = applyRequiredNames('recon', [{ name: 'snapshot_peak_rss_mb', value: 1, unit: 'MB' }]);
    expect(other[0]!.name).toBe('recon_snapshot_peak_rss_mb');
    const large = applyRequiredNames('large', [{ name: 'wip_json_2000_jobs_ms', value: 1, unit: 'ms' }]);
    expect(large[0]!.name).toBe('large_wip_json_2000_jobs_ms');
  });
});
