/**
 * Child process of the large benchmark: one snapshot of a configured company through runSnapshotForCompany,
 * exactly as `tieout snapshot` takes it, in a process of its own so its peak memory is the snapshot's alone.
 * No after-publish steps are registered (the benchmark reconciles in the parent, timed apart).
 * Usage: node --import tsx bench/large-snapshot.ts <config file> <company id>  (TIEOUT_DATA_DIR set)
 * Prints one JSON line: { ok, ms, maxRssMb, absolutePath, rows } or { ok: false, code, message }.
 */
import { silentLogger } from '../src/log.ts';
import { openRuntime } from '../src/runtime.ts';
import { runSnapshotForCompany } from '../src/snapshot/run.ts';

const [configPath, companyId] = process.argv.slice(2);
if (!configPath || !companyId) {
  process.stderr.write('usage: large-snapshot.ts <config file> <company id>\n');
  process.exit(2);
}
const runtime = await openRuntime({ configPath, command: 'bench snapshot', writes: true, log: silentLogger });
try {
  const company = runtime.company(companyId);
  const started = performance.now();
  const outcome = await runSnapshotForCompany(runtime, company, 'bench');
  const ms = Math.round(performance.now() - started);
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (!outcome.ok) {
    process.stdout.write(`${JSON.stringify({ ok: false, code: outcome.code, message: outcome.message })}\n`);
    process.exitCode = 1;
  } else {
    let rows = 0;
    for (const side of Object.values(outcome.stats.sides))
      for (const t of Object.values(side.tables)) rows += t.loaded;
    process.stdout.write(
      `${JSON.stringify({ ok: true, ms, maxRssMb, absolutePath: outcome.absolutePath, rows })}\n`,
    );
  }
} finally {
  runtime.close();
}
