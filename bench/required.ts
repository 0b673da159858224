/**
 * The names issue 9 asks every full run to report, with their goals and the suite that owns each. Suites
 * are worked on independently, so the runner maps tolerantly: if the owner already emits the required name
 * it is kept (with the goal below); otherwise the first alias the owner emits is renamed to it. A required
 * name emitted by a suite that does not own it is renamed (see RENAMES) so the file never holds two rows
 * of one name.
 */
import type { BenchResult } from './result.ts';

export interface RequiredName {
  name: string;
  owner: string;
  goal?: string;
  /** Names the owner suite has used for the same number. */
  aliases: string[];
}

export const REQUIRED: RequiredName[] = [
  { name: 'ingest_rows_per_s', owner: 'large', goal: '>= 500000', aliases: [] },
  // bench/recon.ts measures it on 10M synthetic rows (best of 3); the large suite measures the same ratio on the
  // generated company, reported as large_recon_vs_scan_ratio.
  {
    name: 'recon_vs_scan_ratio',
    owner: 'recon',
    goal: '<= 2.0',
    aliases: ['recon_checks_vs_group_by'],
  },
  // bench/reports.ts times them on fixture snapshots (median of warm runs); the large suite times the same
  // reports through renderReport on the generated companies, reported as large_wip_*.
  { name: 'wip_json_2000_jobs_ms', owner: 'reports', aliases: [] },
  { name: 'wip_pdf_500_jobs_ms', owner: 'reports', goal: '<= 1000', aliases: [] },
  { name: 'snapshot_peak_rss_mb', owner: 'large', goal: '<= 1024', aliases: [] },
  {
    name: 'procore_calls_500_projects_incremental',
    owner: 'procore',
    goal: '<= 3000',
    aliases: ['procore_calls_incremental_all_active'],
  },
  {
    name: 'job_cost_api_p99_ms',
    owner: 'api',
    goal: '<= 20',
    aliases: ['api_job_cost_1000rps_p99_ms'],
  },
  {
    name: 'ingest_record_path_rows_per_s',
    owner: 'ingest',
    aliases: ['ingest_rows_per_s_record_path'],
  },
  // Issue 15: a 2,000-job QuickBooks company with a million transaction lines through one Web Connector session.
  { name: 'qbd_session_rows_per_s', owner: 'qbd', aliases: [] },
  { name: 'qbd_session_peak_rss_mb', owner: 'qbd', aliases: [] },
];

/**
 * Names a suite emits that belong to another suite's required name, and what they are called instead
 * (otherwise `<suite>_<name>`, e.g. the large suite's own WIP timings become large_wip_json_2000_jobs_ms).
 */
const RENAMES: Record<string, Record<string, string>> = {
  ingest: { ingest_rows_per_s: 'ingest_one_table_rows_per_s' },
};

/** One suite's results with the required names applied. */
export function applyRequiredNames(suite: string, results: BenchResult[]): BenchResult[] {
  const out = results.map((r) => {
    const owned = REQUIRED.find((q) => q.name === r.name);
    if (owned && owned.owner !== suite) {
      const to = RENAMES[suite]?.[r.name] ?? `${suite}_${r.name}`;
      return { ...r, name: to };
    }
    return { ...r };
  });
  for (const required of REQUIRED.filter((q) => q.owner === suite)) {
    let row = out.find((r) => r.name === required.name);
    if (!row) {
      row = out.find((r) => required.aliases.includes(r.name));
      if (row) {
        row.note = [row.note, `reported by the ${suite} suite as ${row.name}`].filter(Boolean).join('; ');
        row.name = required.name;
      }
    }
    if (row && required.goal) row.goal = required.goal;
  }
  return out;
}

/** Required names of the suites that ran which no result carries (a suite failed or changed its names). */
export function missingRequired(suitesRun: string[], results: BenchResult[]): string[] {
  return REQUIRED.filter((q) => suitesRun.includes(q.owner) && !results.some((r) => r.name === q.name)).map(
    (q) => q.name,
  );
}
