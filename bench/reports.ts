/**
 * Report speed: the WIP schedule as JSON for 2,000 jobs and the surety WIP PDF for 500 jobs (goal ≤ 1 s),
 * each over a snapshot file built from a generated company (the time to build the snapshot is not counted).
 * Timed end to end as a user waits for it: SQL over the snapshot, formulas, rendering.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openDuckDb } from '../connectors/canonical/duckdb.ts';
import { fadeReport } from '../reports/fade/fade.ts';
import { suretyPdf } from '../reports/surety/pdf.ts';
import { wipJson } from '../reports/wip/json.ts';
import { buildWipSchedule } from '../reports/wip/schedule.ts';
import { sampleJobs } from '../test/reports/support/sample-company.ts';
import { goldenRows } from '../test/reports/support/wip-job.ts';
import { fixtureSnapshot } from '../test/support/fixture-snapshot.ts';
import type { BenchResult } from './result.ts';

const AS_OF = '2026-10-31';

async function snapshotFile(work: string, jobs: number): Promise<string> {
  const file = path.join(work, `wip-${jobs}.duckdb`);
  rmSync(file, { force: true });
  const snap = await fixtureSnapshot(goldenRows(sampleJobs(jobs, AS_OF)), file);
  snap.close();
  return file;
}

/** Wall time, and the process's CPU time beside it (less sensitive to a busy shared machine). */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await fn();
  const cpu = process.cpuUsage(c0);
  return { ms: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000), value };
}

async function runWip(file: string, render: 'json' | 'pdf'): Promise<number> {
  const instance = await openDuckDb(file, { readOnly: true });
  const con = await instance.connect();
  try {
    const schedule = await buildWipSchedule(con, {
      asOf: AS_OF,
      company: { id: 'bench', name: 'Bench Builders, Inc.' },
      estimateSource: 'pm',
      fiscalYearStartMonth: 1,
      preparedBy: 'Controller',
    });
    if (render === 'json') return JSON.stringify(wipJson(schedule)).length;
    return (await suretyPdf({ wip: schedule, fade: fadeReport(schedule, null) })).length;
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

export async function benchReports(work: string, quick: boolean): Promise<BenchResult[]> {
  const jsonJobs = quick ? 500 : 2000;
  const pdfJobs = 500;
  const jsonFile = await snapshotFile(work, jsonJobs);
  const pdfFile = jsonJobs === pdfJobs ? jsonFile : await snapshotFile(work, pdfJobs);
  await runWip(pdfFile, 'json'); // warm the SQL and module caches once, as a running server would be
  const json = await timed(() => runWip(jsonFile, 'json'));
  const pdf = await timed(() => runWip(pdfFile, 'pdf'));
  return [
    {
      name: `wip_json_${jsonJobs}_jobs`,
      value: json.ms,
      unit: 'ms',
      note: `cpu ${json.cpuMs} ms, ${json.value} bytes`,
    },
    {
      name: `wip_pdf_${pdfJobs}_jobs`,
      value: pdf.ms,
      unit: 'ms',
      goal: '≤ 1000',
      note: `cpu ${pdf.cpuMs} ms, ${pdf.value} bytes`,
    },
  ];
}
