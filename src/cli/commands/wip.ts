/**
 * `tieout wip adjust …` (controller overrides), `tieout close-period …` and `tieout reopen-period …`.
 * Each acts as the person whose token is in TIEOUT_TOKEN and writes to the store with an audit entry in the
 * same transaction.
 */
import type { Command } from 'commander';
import { isPeriod, periodEnd } from '../../../reports/shared/period.ts';
import { CliError } from '../errors.ts';

function checkPeriod(period: string): void {
  if (!isPeriod(period))
    throw new CliError(`--period "${period}" is not a period; write YYYY-MM, e.g. 2026-10`);
}

export function registerWipCommands(program: Command): void {
  const wip = program.command('wip').description('controller adjustments to the WIP schedule');
  wip
    .command('adjust')
    .description('override a job for a period: estimated cost, contract, uninstalled materials (audited)')
    .requiredOption('--company <id>', 'company')
    .requiredOption('--job <number>', 'job number')
    .requiredOption('--period <YYYY-MM>', 'period the adjustment applies to')
    .option('--eac <amount>', 'estimated total cost at completion')
    .option('--contract <amount>', 'contract amount (revised)')
    .option('--uninstalled-materials <amount>', 'cost of materials on site, excluded from progress')
    .requiredOption('--note <text>', 'why (printed on the schedule and kept in the audit log)')
    .action(
      async (
        opts: {
          company: string;
          job: string;
          period: string;
          eac?: string;
          contract?: string;
          uninstalledMaterials?: string;
          note: string;
        },
        cmd: Command,
      ) => {
        checkPeriod(opts.period);
        const { adjustWip } = await import('../../wip/adjust.ts');
        const { cliActor } = await import('../credential.ts');
        const { openRuntime } = await import('../../runtime.ts');
        const runtime = await openRuntime({
          configPath: cmd.optsWithGlobals().config,
          command: 'wip adjust',
          writes: true,
        });
        try {
          const actor = cliActor(runtime.store, 'wip adjust');
          const company = runtime.company(opts.company);
          const saved = adjustWip({
            ctx: { actor, store: runtime.store },
            input: {
              companyId: company.id,
              jobNumber: opts.job,
              period: opts.period,
              estimatedTotalCost: opts.eac,
              contractAmount: opts.contract,
              uninstalledMaterials: opts.uninstalledMaterials,
              note: opts.note,
            },
          });
          process.stdout.write(`${JSON.stringify(saved, null, 2)}\n`);
        } finally {
          runtime.close();
        }
      },
    );

  program
    .command('close-period')
    .description("freeze a period's WIP: pin its snapshot and keep the result; it never changes after")
    .requiredOption('--company <id>', 'company')
    .requiredOption('--period <YYYY-MM>', 'period to close')
    .action(async (opts: { company: string; period: string }, cmd: Command) => {
      checkPeriod(opts.period);
      const { cliActor } = await import('../credential.ts');
      const { closePeriod } = await import('../../periods/close.ts');
      const { closedAuditHead } = await import('../../periods/audit-head.ts');
      const { openRuntime } = await import('../../runtime.ts');
      const runtime = await openRuntime({
        configPath: cmd.optsWithGlobals().config,
        command: 'close-period',
        writes: true,
      });
      try {
        // The WIP says who prepared it: the signed-in person, never a name typed in.
        const actor = cliActor(runtime.store, 'close-period');
        const company = runtime.company(opts.company);
        const asOf = periodEnd(opts.period);
        const { row, schedule, snapshot } = await closePeriod({
          ctx: { actor, store: runtime.store, runtime },
          input: { companyId: company.id, period: opts.period },
        });
        if (snapshot.takenAt.slice(0, 10) <= asOf) {
          process.stderr.write(
            `tieout: warning: the snapshot was taken ${snapshot.takenAt}, not after ${asOf}; late postings for the period are not in it\n`,
          );
        }
        process.stdout.write(
          `closed ${opts.period} for ${company.id}: ${schedule.jobs.length} open jobs, snapshot ${row.snapshotPath} pinned, sha256 ${row.resultSha256}, audit head ${closedAuditHead(row) ?? 'none (empty log)'}\n`,
        );
      } finally {
        runtime.close();
      }
    });

  program
    .command('reopen-period')
    .description('reopen a closed period (admin only, audited)')
    .requiredOption('--company <id>', 'company')
    .requiredOption('--period <YYYY-MM>', 'period to reopen')
    .requiredOption('--reason <text>', 'why it is reopened')
    .action(async (opts: { company: string; period: string; reason: string }, cmd: Command) => {
      checkPeriod(opts.period);
      const { cliActor } = await import('../credential.ts');
      const { openRuntime } = await import('../../runtime.ts');
      const { reopenPeriod } = await import('../../periods/reopen.ts');
      const runtime = await openRuntime({
        configPath: cmd.optsWithGlobals().config,
        command: 'reopen-period',
        writes: true,
      });
      try {
        const actor = cliActor(runtime.store, 'reopen-period');
        const company = runtime.company(opts.company);
        reopenPeriod({
          ctx: { actor, store: runtime.store },
          input: { companyId: company.id, period: opts.period, reason: opts.reason },
        });
        process.stdout.write(`reopened ${opts.period} for ${company.id}\n`);
      } finally {
        runtime.close();
      }
    });
}
