/**
 * `tieout findings [--company] [--check] [--status] [--format table|json|csv]` lists findings with their
 * status and drift; `tieout finding acknowledge|ignore <key>` acts on one (recorded in the audit log).
 */
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../../../reports/shared/csv.ts';
import { isCheckId } from '../../recon/catalogue.ts';
import type { ListedFinding } from '../../store/findings.ts';
import { FINDING_STATUSES, type FindingStatus } from '../../store/schema/enums.ts';
import { CliError } from '../errors.ts';

/** The JSON shape of a listed finding (also the CSV columns, documents as JSON text). */
export function findingRecord(l: ListedFinding) {
  const f = l.finding;
  return {
    company: f.companyId,
    key: f.key,
    check: f.check,
    severity: f.severity,
    status: l.status,
    drift: l.drift,
    job_number: f.jobNumber,
    job_name: f.pmJobName ?? f.erpJobName,
    cost_code: f.costCode,
    cost_type: f.costType,
    document: f.document,
    vendor: f.vendor,
    pm_amount: f.pmAmount,
    erp_amount: f.erpAmount,
    difference: f.difference,
    tolerance: f.tolerance,
    message: f.message,
    documents: f.documents,
    snapshot: f.snapshotId,
    first_seen_at: l.firstSeenAt,
    note: l.note,
    acted_by: l.actedBy,
  };
}

function parseStatuses(value: string): FindingStatus[] {
  if (value === 'all') return [...FINDING_STATUSES];
  const statuses = value.split(',').map((s) => s.trim());
  for (const s of statuses) {
    if (!(FINDING_STATUSES as readonly string[]).includes(s)) {
      throw new CliError(
        `unknown status "${s}"; use ${FINDING_STATUSES.join(', ')} or all (comma-separated)`,
      );
    }
  }
  return statuses as FindingStatus[];
}

export function renderFindings(listed: ListedFinding[], format: string): string {
  const records = listed.map(findingRecord);
  if (format === 'json') return `${JSON.stringify(records, null, 2)}\n`;
  if (format === 'csv') {
    return stringify(
      records.map((r) =>
        Object.fromEntries(
          Object.entries({
            ...r,
            tolerance: r.tolerance ? JSON.stringify(r.tolerance) : '',
            documents: JSON.stringify(r.documents),
          }).map(([k, v]) => [k, spreadsheetSafe(v)]),
        ),
      ),
      { header: true },
    );
  }
  if (format !== 'table') throw new CliError(`unknown format "${format}"; use table, json or csv`);
  if (records.length === 0) return 'no findings\n';
  return `${records
    .map(
      (r) =>
        `${r.severity.padEnd(8)} ${r.status.padEnd(12)} ${r.drift.padEnd(9)} ${r.check.padEnd(30)} ${(r.job_number ?? '').padEnd(10)} ${r.message}`,
    )
    .join('\n')}\n${records.length} finding(s)\n`;
}

export function registerFindingsCommands(program: Command): void {
  program
    .command('findings')
    .description('list reconciliation findings with their status and drift')
    .option('--company <id>', 'only this company')
    .option('--check <id>', 'only this check, e.g. invoice.missing')
    .option(
      '--status <list>',
      'open, acknowledged, resolved, ignored (comma-separated) or all',
      'open,acknowledged',
    )
    .option('--format <format>', 'table, json or csv', 'table')
    .action(
      async (opts: { company?: string; check?: string; status: string; format: string }, cmd: Command) => {
        if (opts.check && !isCheckId(opts.check)) throw new CliError(`unknown check "${opts.check}"`);
        const { openRuntime } = await import('../../runtime.ts');
        const { listFindings } = await import('../../store/findings.ts');
        const runtime = await openRuntime({
          configPath: cmd.optsWithGlobals().config,
          command: 'findings',
          writes: false,
        });
        try {
          if (opts.company) runtime.company(opts.company);
          const listed = listFindings(runtime.store.db, {
            companyId: opts.company,
            check: opts.check,
            statuses: parseStatuses(opts.status),
          });
          process.stdout.write(renderFindings(listed, opts.format));
        } finally {
          runtime.close();
        }
      },
    );

  const finding = program.command('finding').description('act on one finding (by its key)');
  for (const verb of ['acknowledge', 'ignore'] as const) {
    finding
      .command(`${verb} <key>`)
      .description(
        verb === 'ignore' ? 'ignore until its numbers change (reason required)' : 'acknowledge with a note',
      )
      .requiredOption('--company <id>', 'company of the finding')
      .requiredOption(verb === 'ignore' ? '--reason <text>' : '--note <text>', 'why')
      .action(
        async (key: string, opts: { company: string; note?: string; reason?: string }, cmd: Command) => {
          const { openRuntime } = await import('../../runtime.ts');
          const { acknowledgeFinding } = await import('../../findings/acknowledge.ts');
          const { ignoreFinding } = await import('../../findings/ignore.ts');
          const { cliActor } = await import('../credential.ts');
          const runtime = await openRuntime({
            configPath: cmd.optsWithGlobals().config,
            command: `finding ${verb}`,
            writes: true,
          });
          try {
            // The person whose token is in TIEOUT_TOKEN, with their role, as in the API.
            const actor = cliActor(runtime.store, `finding ${verb}`);
            const act = verb === 'ignore' ? ignoreFinding : acknowledgeFinding;
            const row = act({
              ctx: { actor, store: runtime.store },
              input: { companyId: opts.company, key, note: opts.note ?? opts.reason ?? '' },
            });
            process.stdout.write(`${row.key}: ${row.status}\n`);
          } finally {
            runtime.close();
          }
        },
      );
  }
}
