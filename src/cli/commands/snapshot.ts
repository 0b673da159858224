/** `tieout snapshot [--company ID]` and `tieout snapshots list`. */
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { registerSnapshotSteps } from '../snapshot-steps.ts';

export function registerSnapshotCommands(program: Command): void {
  program
    .command('snapshot')
    .description('snapshot both sides of each company (or one) into a new DuckDB file, then reconcile')
    .option('--company <id>', 'only this company')
    .action(async (opts: { company?: string }, cmd: Command) => {
      const { openRuntime } = await import('../../runtime.ts');
      const { runSnapshotForCompany } = await import('../../snapshot/run.ts');
      const { snapshotProgress } = await import('../progress.ts');
      await registerSnapshotSteps();
      const runtime = await openRuntime({
        configPath: cmd.optsWithGlobals().config,
        command: 'snapshot',
        writes: true,
      });
      try {
        const companies = opts.company ? [runtime.company(opts.company)] : runtime.config.companies;
        let failed = 0;
        for (const company of companies) {
          const progress = snapshotProgress();
          const outcome = await runSnapshotForCompany(runtime, company, 'cli', progress.onProgress);
          progress.stop();
          if (outcome.ok) {
            process.stdout.write(`${outcome.absolutePath}\n`);
          } else {
            failed++;
            process.stderr.write(
              `tieout: ${company.id}: snapshot failed (${outcome.code}): ${outcome.message}\n`,
            );
            process.stderr.write(
              `tieout: ${company.id}: nothing was published; the previous snapshot stays current\n`,
            );
          }
        }
        if (failed)
          throw new CliError(
            `${failed} of ${companies.length} snapshot(s) failed`,
            'upstream',
            'snapshot_failed',
          );
      } finally {
        runtime.close();
      }
    });

  program
    .command('snapshots')
    .description('snapshot files')
    .command('list')
    .description('list the published snapshots (newest first)')
    .option('--company <id>', 'only this company')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { company?: string; format: string }, cmd: Command) => {
      const { openRuntime } = await import('../../runtime.ts');
      const { listSnapshots } = await import('../../store/runs.ts');
      const runtime = await openRuntime({
        configPath: cmd.optsWithGlobals().config,
        command: 'snapshots list',
        writes: false,
      });
      try {
        const rows = listSnapshots(runtime.store.db, opts.company);
        if (opts.format === 'json') {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) {
          process.stdout.write('no snapshots yet: run `tieout snapshot`\n');
          return;
        }
        for (const r of rows) {
          const size = `${(r.sizeBytes / 1024 / 1024).toFixed(1)} MB`;
          process.stdout.write(
            `${r.companyId.padEnd(12)} ${r.takenAt}  ${size.padStart(9)}  ${r.pinnedReason ? `pinned: ${r.pinnedReason}  ` : ''}${r.path}\n`,
          );
        }
      } finally {
        runtime.close();
      }
    });
}
