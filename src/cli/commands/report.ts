/**
 * `tieout report wip|job-cost|completed|fade|surety --company C [--as-of D] [--job N] --format F [--out FILE]`.
 * Reads the current snapshot (or a closed period's pinned one); writes to --out, or to stdout.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isIsoDate } from '../../../connectors/canonical/dates.ts';
import { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from '../../reports/kinds.ts';
import { CliError } from '../errors.ts';

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The default as-of: the live job cost report is as of today; the WIP and its schedules are presented at a
 * month end, so they default to the last one (mid-month, the month's billings are not in yet).
 */
export function defaultAsOf(kind: string, today = todayUtc()): string {
  if (kind === 'job-cost') return today;
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('WIP schedule, job cost, completed jobs, gain/fade or the surety PDF, from the snapshots')
    .argument('<report>', REPORT_KINDS.join(' | '))
    .requiredOption('--company <id>', 'company')
    .option('--as-of <date>', 'YYYY-MM-DD (default: the last month end; today for job-cost)')
    .option('--job <number>', 'job number (job-cost)')
    .option('--format <format>', REPORT_FORMATS.join(' | '), 'json')
    .option('--out <file>', 'write here instead of stdout')
    .option('--prepared-by <name>', 'name printed on the WIP cover')
    .action(
      async (
        kind: string,
        opts: {
          company: string;
          asOf?: string;
          job?: string;
          format: string;
          out?: string;
          preparedBy?: string;
        },
        cmd: Command,
      ) => {
        if (!(REPORT_KINDS as readonly string[]).includes(kind)) {
          throw new CliError(`unknown report "${kind}"; choose one of ${REPORT_KINDS.join(', ')}`);
        }
        if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) {
          throw new CliError(`unknown format "${opts.format}"; choose one of ${REPORT_FORMATS.join(', ')}`);
        }
        const asOf = opts.asOf ?? defaultAsOf(kind);
        if (!isIsoDate(asOf))
          throw new CliError(`--as-of "${asOf}" is not a date; write YYYY-MM-DD, e.g. 2026-10-31`);
        if (kind === 'job-cost' && !opts.job) throw new CliError('job-cost needs --job NUMBER');
        const binary = opts.format === 'xlsx' || opts.format === 'pdf';
        if (binary && !opts.out && process.stdout.isTTY) {
          throw new CliError(`${opts.format} is binary: pass --out FILE (or redirect stdout)`);
        }
        const { openRuntime } = await import('../../runtime.ts');
        const { renderReport } = await import('../../reports/render.ts');
        const runtime = await openRuntime({
          configPath: cmd.optsWithGlobals().config,
          command: 'report',
          writes: false,
        });
        try {
          const company = runtime.company(opts.company);
          const rendered = await renderReport(runtime, company, {
            kind: kind as ReportKind,
            format: opts.format as ReportFormat,
            asOf,
            jobNumber: opts.job,
            preparedBy: opts.preparedBy,
          });
          if (opts.out) {
            writeFileSync(opts.out, rendered.body);
            process.stderr.write(`tieout: wrote ${opts.out}\n`);
          } else {
            process.stdout.write(rendered.body);
          }
        } finally {
          runtime.close();
        }
      },
    );
}
