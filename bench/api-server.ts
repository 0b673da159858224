/**
 * The server side of the API benchmark, run as its own process: the demo company in a fresh data directory,
 * snapshotted, one viewer token, the app on 127.0.0.1. Prints one JSON line with what the load needs.
 */
import { serve } from '@hono/node-server';
import { createApp } from '../src/api/app.ts';
import { createLimits } from '../src/api/limits.ts';
import { loadJobs } from '../src/api/queries.ts';
import { SnapshotCache } from '../src/api/snapshots.ts';
import { serverSettings } from '../src/config/schema.ts';
import { silentLogger } from '../src/log.ts';
import { registerReconciliation } from '../src/recon/after-snapshot.ts';
import { openRuntime } from '../src/runtime.ts';
import { runSnapshotForCompany } from '../src/snapshot/run.ts';
import { addUser } from '../src/store/users.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: api-server.ts <data dir>');
registerReconciliation();
const runtime = await openRuntime({
  command: 'bench',
  writes: true,
  log: silentLogger,
  env: { ...process.env, TIEOUT_DATA_DIR: dataDir, TIEOUT_CONFIG: '' },
});
const company = runtime.config.companies[0]!;
const outcome = await runSnapshotForCompany(runtime, company, 'bench');
if (!outcome.ok) throw new Error(outcome.message);
const { token } = addUser(runtime.store, { email: 'bench@tieout.test', role: 'viewer', by: 'bench' });
const cache = new SnapshotCache(runtime);
const jobs = await loadJobs(cache, company.id, null);
// As a serving tieout does when a snapshot is published: every job's cost figures are loaded before a PM looks.
await cache.loadAllJobCostFigures(cache.current(company.id));
const job = jobs[Math.floor(jobs.length / 2)]!.number;
const numbers = jobs.map((j) => j.number);
// One token makes the whole load: the per-credential request limit is out of the way here.
const limits = createLimits({ ...serverSettings(runtime.config), requestsPerMinute: 1_000_000_000 });
const app = createApp({ runtime, cache, limits });
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${info.port}`, token, company: company.id, job, jobs: numbers })}\n`,
  );
});
