/**
 * `tieout audit verify [--head SEQ:HASH]`: recomputes the keyed audit chain and, given a head published
 * earlier (an alert digest, a closed period), checks the log still holds it; exits 10 naming the first broken
 * entry. `tieout audit head` prints the current head to publish.
 */
import type { Command } from 'commander';
import { CliError } from '../errors.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the append-only, keyed, hash-chained audit log');
  audit
    .command('verify')
    .description(
      'recompute the keyed chain (and check a published head); exit 10 naming the first broken entry',
    )
    .option(
      '--head <seq:hash>',
      'a head published earlier (tieout audit head, an alert digest, a closed period)',
    )
    .action(async (opts: { head?: string }, cmd: Command) => {
      const { openRuntime } = await import('../../runtime.ts');
      const { formatHead, parseHead, verifyAudit } = await import('../../store/audit.ts');
      const head = opts.head === undefined ? undefined : parseHead(opts.head);
      if (head === null) throw new CliError(`--head "${opts.head}" is not SEQ:HASH, e.g. 42:k1:3f…`);
      const runtime = await openRuntime({
        configPath: cmd.optsWithGlobals().config,
        command: 'audit verify',
        writes: false,
      });
      try {
        const result = verifyAudit(runtime.store.db, { head });
        if (!result.ok) {
          throw new CliError(
            `audit chain broken at entry ${result.brokenSeq}: ${result.reason} (${result.entries} entries checked); restore the store from a backup taken before that entry`,
            'integrity',
            'audit_chain_broken',
          );
        }
        process.stdout.write(
          `audit chain intact: ${result.entries} entries${head ? `, published head ${head.seq} present` : ''}${result.head ? `; head ${formatHead(result.head)}` : ''}\n`,
        );
      } finally {
        runtime.close();
      }
    });
  audit
    .command('head')
    .description('print the chain head (SEQ:HASH) to publish where the store cannot rewrite it')
    .action(async (_opts: unknown, cmd: Command) => {
      const { openRuntime } = await import('../../runtime.ts');
      const { auditHead, formatHead } = await import('../../store/audit.ts');
      const runtime = await openRuntime({
        configPath: cmd.optsWithGlobals().config,
        command: 'audit head',
        writes: false,
      });
      try {
        const head = auditHead(runtime.store.db);
        process.stdout.write(`${head ? formatHead(head) : '0:'}\n`);
      } finally {
        runtime.close();
      }
    });
}
