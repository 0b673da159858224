/**
 * The job cost API for one job under load: the server runs in its own process (bench/api-server.ts, the
 * demo company), autocannon loads it from this one. Two runs: as fast as it goes (50 connections), and a
 * fixed 1,000 req/s (the goal: p99 ≤ 20 ms at 1,000 req/s). Both processes share the machine's cores.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchResult } from './result.ts';

interface Target {
  url: string;
  token: string;
  company: string;
  job: string;
  jobs: number;
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; target: Target }> {
  const script = fileURLToPath(new URL('./api-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before serving`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve({ child, target: JSON.parse(line) }),
    );
  });
}

function load(
  url: string,
  token: string,
  options: { connections: number; duration: number; overallRate?: number },
) {
  return autocannon({ url, headers: { authorization: `Bearer ${token}` }, ...options });
}

export async function benchApi(work: string, quick: boolean): Promise<BenchResult[]> {
  const { child, target } = await startServer(path.join(work, 'api-data'));
  try {
    const url = `${target.url}/api/companies/${target.company}/jobs/${encodeURIComponent(target.job)}/job-cost?asOf=2026-10-31`;
    const duration = quick ? 3 : 10;
    await load(url, target.token, { connections: 10, duration: 3 }); // warm the snapshot cache and the JIT
    const max = await load(url, target.token, { connections: 50, duration });
    const paced = await load(url, target.token, { connections: 20, duration, overallRate: 1000 });
    const load1 = (await import('node:os')).loadavg()[0]!.toFixed(1);
    const note = `job ${target.job} of the demo company (${target.jobs} jobs), server in its own process, load ${load1}`;
    const errors = max.non2xx + max.errors + paced.non2xx + paced.errors;
    return [
      {
        name: 'api_job_cost_max_req_s',
        value: Math.round(max.requests.average),
        unit: 'req/s',
        note: `50 connections; ${note}`,
      },
      { name: 'api_job_cost_max_p50_ms', value: max.latency.p50, unit: 'ms' },
      { name: 'api_job_cost_max_p99_ms', value: max.latency.p99, unit: 'ms' },
      {
        name: 'api_job_cost_1000rps_req_s',
        value: Math.round(paced.requests.average),
        unit: 'req/s',
        goal: '1000',
      },
      { name: 'api_job_cost_1000rps_p50_ms', value: paced.latency.p50, unit: 'ms' },
      { name: 'api_job_cost_1000rps_p99_ms', value: paced.latency.p99, unit: 'ms', goal: '<= 20' },
      { name: 'api_job_cost_errors', value: errors, unit: 'responses', goal: '0', note: 'non-2xx or failed' },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
