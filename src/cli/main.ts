/**
 * The `tieout` command line. Each command group lives in its own module under commands/, which declares its
 * commands cheaply and loads the work (runtime, store, DuckDB, connectors) inside the action, when it runs:
 * `--help` and usage mistakes load nothing heavy (test/architecture/cli-lazy.test.ts keeps it so).
 */
import { Command } from 'commander';
import { TIEOUT_VERSION } from '../version.ts';
import { registerApprovalsCommands } from './commands/approvals.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerDemoCommands } from './commands/demo.ts';
import { registerFindingsCommands } from './commands/findings.ts';
import { registerProfileCommands } from './commands/profile.ts';
import { registerQbdCommands } from './commands/qbd.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerSandboxCommands } from './commands/sandbox.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSnapshotCommands } from './commands/snapshot.ts';
import { registerUsersCommands } from './commands/users.ts';
import { registerWipCommands } from './commands/wip.ts';
import { reportFailure } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('tieout')
    .description('reconcile Procore with the books; job cost, WIP and alerts from nightly snapshots')
    .version(TIEOUT_VERSION)
    .option(
      '--config <file>',
      'configuration file (default: $TIEOUT_CONFIG or ./tieout.config.json; none = demo)',
    )
    .showHelpAfterError()
    // Usage mistakes come back here, so they end with the exit code of their kind (bad_request).
    .exitOverride();
  registerServeCommand(program);
  registerSnapshotCommands(program);
  registerFindingsCommands(program);
  registerApprovalsCommands(program);
  registerAuditCommands(program);
  registerReportCommand(program);
  registerWipCommands(program);
  registerSandboxCommands(program);
  registerQbdCommands(program);
  registerUsersCommands(program);
  registerDemoCommands(program);
  registerProfileCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    process.exitCode = reportFailure(e);
  }
}
