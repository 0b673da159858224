/**
 * QuickBooks Desktop: one full Web Connector session of a 2,000-job company with a million transaction lines,
 * read by tieout's endpoint over SOAP on a loopback port. The QuickBooks side (company and Web Connector
 * imitation) runs in a child process, as it would run on another machine; this process is tieout.
 * - `qbd_session_rows_per_s`: transaction lines the session read into the company's copy per second of the
 *   session (SOAP, qbXML parsing, staging in SQLite, the commit) — wall time, which includes the QuickBooks
 *   side's own work on each request, as a real session's does (the Web Connector waits on QuickBooks);
 * - `qbd_session_peak_rss_mb`: tieout's resident memory at its peak during the session.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QbwcService } from '../connectors/qbd/qbwc/service.ts';
import { registerCompany } from '../connectors/qbd/qwc.ts';
import { startEndpoint } from '../connectors/qbd/sandbox/in-process.ts';
import { QbdStore } from '../connectors/qbd/store.ts';
import { loadNote, withPeakRss } from './ingest.ts';
import type { BenchResult } from './result.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function benchQbd(work: string, jobs: number, lines: number): Promise<BenchResult[]> {
  const dir = path.join(work, 'qbd');
  mkdirSync(dir, { recursive: true });
  const store = new QbdStore(path.join(dir, 'qbwc.sqlite'));
  const service = new QbwcService({ store, now: () => new Date(), serverVersion: 'bench' });
  const endpoint = await startEndpoint(service);
  const reg = await registerCompany(store, { companyId: 'bench', runEveryMinutes: 60, now: new Date() });
  try {
    const started = performance.now();
    const { value: transcript, peakRssMb } = await withPeakRss(
      () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              path.join(here, 'qbd-company.ts'),
              endpoint.url,
              reg.userName,
              reg.password,
              reg.ownerId,
              reg.fileId,
              String(jobs),
              String(lines),
            ],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          let out = '';
          child.stdout.on('data', (d) => {
            out += d;
          });
          child.on('error', reject);
          child.on('exit', (code) =>
            code === 0 ? resolve(out) : reject(new Error(`the QuickBooks side exited ${code}`)),
          );
        }),
    );
    const result = JSON.parse(transcript) as { outcome: string; lastError?: string; requests: number };
    if (result.outcome !== 'complete') throw new Error(`the session ${result.outcome}: ${result.lastError}`);
    const session = store.sessions('bench').at(-1)!;
    const ended = Date.parse(session.endedAt!);
    const seconds = (ended - Date.parse(session.startedAt)) / 1000;
    const lineCount = (
      store.db
        .prepare(
          "SELECT sum(json_array_length(node, '$.ItemLineRet')) AS n FROM qbwc_record WHERE company_id = 'bench' AND entity = 'Bill'",
        )
        .get() as { n: number }
    ).n;
    const note = `${jobs} jobs, ${lineCount} bill lines, ${result.requests} requests, ${Math.round(seconds)} s session (${Math.round((performance.now() - started) / 1000)} s with the QuickBooks side's set-up); ${loadNote()}`;
    return [
      { name: 'qbd_session_rows_per_s', value: Math.round(lineCount / seconds), unit: 'rows/s', note },
      {
        name: 'qbd_session_peak_rss_mb',
        value: peakRssMb,
        unit: 'MB',
        note: 'tieout process (the QuickBooks side apart)',
      },
    ];
  } finally {
    await endpoint.close();
    store.close();
  }
}
