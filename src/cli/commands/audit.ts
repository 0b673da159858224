/** `tieout audit verify`: recomputes the audit hash chain; exits non-zero naming the first broken entry. */
import type { Command } from 'commander';
import { openRuntime } from '../../runtime.ts';
import { verifyAudit } from '../../store/audit.ts';
import { CliError } from '../errors.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the append-only, hash-chained audit log');
  audit
    .command('verify')
    .description('recompute the hash chain; exit 10 and name the first broken entry if any was changed')
    .action(async (_opts: unknown, cmd: Command) => {
      const runtime = await openRuntime({
        configPath: cmd.optsWithGlobals().config,
        command: 'audit verify',
        writes: false,
      });
      try {
        const result = verifyAudit(runtime.store.db);
        if (!result.ok) {
          throw new CliError(
            `audit chain broken at entry ${result.brokenSeq}: ${result.reason} (${result.entries} entries checked); restore the store from a backup taken before that entry`,
            'integrity',
            'audit_chain_broken',
          );
        }
        process.stdout.write(`audit chain intact: ${result.entries} entries\n`);
      } finally {
        runtime.close();
      }
    });
}
