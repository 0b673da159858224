/**
 * Soak: the job cost API under a paced load (autocannon) while a snapshot of the demo company runs and
 * publishes in the same process, as in `tieout serve`. Every answer must be a 2xx (no socket errors, no
 * timeouts), and answers switch to the new snapshot once it is published and never go back. Latency is
 * printed, never asserted. Short form ~20 s at 200 req/s; long form 10 minutes at 500 req/s.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { createLimits } from '../../src/api/limits.ts';
import { serverSettings } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log.ts';
import { registerReconciliation } from '../../src/recon/after-snapshot.ts';
import { openRuntime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { getRun } from '../../src/store/runs.ts';
import { addUser, hashPassword } from '../../src/store/users.ts';
import { listen } from '../api/support.ts';
import { tempDir } from '../support/tmp.ts';
import { LONG } from './fault-cases.ts';

const SECONDS = LONG ? 600 : 20;
const RATE = LONG ? 500 : 200;
/** When, into the load, the snapshot starts. */
const SNAPSHOT_AT_MS = LONG ? 60_000 : 3_000;

interface Histogram {
  p50: number;
  p99: number;
  max: number;
  average: number;
}
interface LoadResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface LoadInstance extends PromiseLike<LoadResult> {
  stop(): void;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  overallRate: number;
  timeout: number;
  requests: {
    method: string;
    headers: Record<string, string>;
    onResponse: (status: number, body: string) => void;
  }[];
}) => LoadInstance;
// autocannon ships no types; this is the part of its API the soak uses.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

describe('soak: the API under load while a snapshot publishes', () => {
  it(
    `${SECONDS} s at ${RATE} req/s: no errors, answers switch to the new snapshot`,
    async () => {
      const dataDir = path.join(tempDir(), 'data');
      registerReconciliation();
      const runtime = await openRuntime({
        command: 'test',
        writes: true,
        log: silentLogger,
        env: { ...process.env, TIEOUT_DATA_DIR: dataDir, TIEOUT_CONFIG: '' },
      });
      expect(
        runtime.config.isDemo,
        'no tieout.config.json in the working folder: the soak runs the demo',
      ).toBe(true);
      const demo = runtime.config.companies[0]!;
      const first = await runSnapshotForCompany(runtime, demo, 'test');
      if (!first.ok) throw new Error(first.message);
      const { token } = addUser(runtime.store, {
        email: 'soak@acme.test',
        role: 'admin',
        passwordHash: await hashPassword('correct horse battery staple'),
        by: 'test',
      });
      // A load test with one token: the per-credential request limit is out of the way here.
      const limits = createLimits({ ...serverSettings(runtime.config), requestsPerMinute: 1_000_000 });
      const { server, url } = await listen(createApp({ runtime, limits }).fetch);
      try {
        const auth = { authorization: `Bearer ${token}` };
        const jobs = await (
          await fetch(`${url}/api/companies/${demo.id}/jobs?limit=5`, { headers: auth })
        ).json();
        const job = jobs.items[0].number as string;
        const target = `${url}/api/companies/${demo.id}/jobs/${encodeURIComponent(job)}/job-cost`;

        const seen: { at: number; snapshot: string }[] = [];
        const started = Date.now();
        const load = autocannon({
          url: target,
          connections: 20,
          duration: SECONDS * 3, // stopped below, once the snapshot has published and the time is up
          overallRate: RATE,
          timeout: 30,
          requests: [
            {
              method: 'GET',
              headers: auth,
              onResponse: (status, body) => {
                if (status === 200) seen.push({ at: Date.now(), snapshot: JSON.parse(body).snapshot.id });
              },
            },
          ],
        });
        await new Promise((r) => setTimeout(r, SNAPSHOT_AT_MS));
        const snapshotStarted = Date.now();
        const second = await runSnapshotForCompany(runtime, demo, 'soak');
        // The run is registered (and so current) before reconciliation finishes and the call returns.
        const publishedAt =
          Date.parse(getRun(runtime.store.db, second.runId)?.finishedAt ?? '') || Date.now();
        const remaining = Math.max(started + SECONDS * 1000 - Date.now(), 3_000);
        await new Promise((r) => setTimeout(r, remaining));
        load.stop();
        const result = await load;

        expect(second.ok, second.ok ? '' : second.message).toBe(true);
        if (!second.ok) return;
        const ids = seen.map((s) => s.snapshot);
        const firstNew = ids.indexOf(second.snapshot.id);
        expect(firstNew, 'answers from the new snapshot').toBeGreaterThanOrEqual(0);
        expect(new Set(ids.slice(0, firstNew)), 'before the switch').toEqual(new Set([first.snapshot.id]));
        expect(new Set(ids.slice(firstNew)), 'after the switch, never back').toEqual(
          new Set([second.snapshot.id]),
        );
        expect(result.errors, 'socket errors').toBe(0);
        expect(result.timeouts, 'timeouts').toBe(0);
        expect(result.non2xx, 'non-2xx answers').toBe(0);

        const seconds = (Date.now() - started) / 1000;
        console.log(
          `soak: ${result.requests.total} job-cost requests in ${seconds.toFixed(0)} s paced at ${RATE} req/s ` +
            `(${(result.requests.total / seconds).toFixed(0)} served/s), 20 connections, while a demo snapshot ran ` +
            `${((publishedAt - snapshotStarted) / 1000).toFixed(1)} s to publish (then reconciled) in the same process: ` +
            `0 errors, 0 non-2xx; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
            `max ${result.latency.max} ms; first answer from the new snapshot ` +
            `${seen[firstNew]!.at - publishedAt} ms after publish; load average ${loadavg()[0]!.toFixed(1)} on 2 cores`,
        );
      } finally {
        server.close();
        runtime.close();
      }
    },
    SECONDS * 3_000 + 300_000,
  );
});
