/**
 * Report speed: the WIP schedule as JSON for 2,000 jobs and the surety WIP PDF for 500 jobs (goal ≤ 1 s),
 * each over a snapshot file built from a generated company (the time to build the snapshot is not counted).
 * Timed end to end as a user waits for it: opening the snapshot, SQL, formulas, rendering; the median of a few
 * runs after one warm-up run (a running server has compiled the path; the machine is shared and noisy).
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
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

/** The median of `runs` timed runs, after one untimed run (a running server has JIT-compiled the path). */
async function medianOf(runs: number, fn: () => Promise<number>) {
  await fn();
  const all: Awaited<ReturnType<typeof timed<number>>>[] = [];
  for (let i = 0; i < runs; i++) all.push(await timed(fn));
  all.sort((a, b) => a.ms - b.ms);
  return all[Math.floor(runs / 2)]!;
}

export async function benchReports(work: string, quick: boolean): Promise<BenchResult[]> {
  const jsonJobs = quick ? 500 : 2000;
  const pdfJobs = 500;
  const runs = quick ? 3 : 5;
  const jsonFile = await snapshotFile(work, jsonJobs);
  const pdfFile = jsonJobs === pdfJobs ? jsonFile : await snapshotFile(work, pdfJobs);
  const json = await medianOf(runs, () => runWip(jsonFile, 'json'));
  const pdf = await medianOf(runs, () => runWip(pdfFile, 'pdf'));
  const how = `median of ${runs} after a warm-up; load ${os.loadavg()[0]!.toFixed(1)}`;
  return [
    {
      name: `wip_json_${jsonJobs}_jobs_ms`,
      value: json.ms,
      unit: 'ms',
      note: `cpu ${json.cpuMs} ms, ${json.value} bytes; ${how}`,
    },
    {
      name: `wip_pdf_${pdfJobs}_jobs_ms`,
      value: pdf.ms,
      unit: 'ms',
      goal: '≤ 1000',
      note: `cpu ${pdf.cpuMs} ms, ${pdf.value} bytes; ${how}`,
    },
  ];
}
