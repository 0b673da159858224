/** The `tieout` command line. Each command group lives in its own module under commands/. */
import { Command } from 'commander';
import { registerAlertSteps } from '../alerts/after-snapshot.ts';
import { registerApprovalSteps } from '../approvals/after-snapshot.ts';
import { registerReconciliation } from '../recon/after-snapshot.ts';
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
  registerReconciliation();
  registerApprovalSteps();
  registerAlertSteps();
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
