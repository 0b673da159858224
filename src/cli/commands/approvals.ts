/**
 * `tieout approvals list|show|propose|approve|reject|execute`: the approval queue from the command line.
 * The acting user is whoever's API token is in TIEOUT_TOKEN (their role comes from the store; revoked tokens
 * and disabled users are refused); every decision is checked for segregation of duties and recorded in the
 * audit log under the user's email and the token used, as the API and pages record it.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Actor } from '../../approvals/actor.ts';
import type { Runtime } from '../../runtime.ts';
import type { ProposalRow } from '../../store/approvals.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../store/schema/enums.ts';
import { CliError } from '../errors.ts';

/** The person in TIEOUT_TOKEN, for `tieout approvals <verb>`. */
async function actorOf(r: Runtime, verb: string): Promise<Actor> {
  const { cliActor } = await import('../credential.ts');
  return cliActor(r.store, `approvals ${verb}`);
}

async function withRuntime<T>(
  cmd: Command,
  command: string,
  writes: boolean,
  fn: (r: Runtime) => Promise<T> | T,
) {
  const { openRuntime } = await import('../../runtime.ts');
  const { ApprovalError } = await import('../../approvals/errors.ts');
  const runtime = await openRuntime({ configPath: cmd.optsWithGlobals().config, command, writes });
  try {
    return await fn(runtime);
  } catch (e) {
    if (e instanceof ApprovalError) throw new CliError(`${e.message} [${e.code}]`, e.kind, e.code);
    throw e;
  } finally {
    runtime.close();
  }
}

export function proposalRecord(p: ProposalRow) {
  return {
    id: p.id,
    company: p.companyId,
    status: p.status,
    operation: p.operation,
    target: `${p.system} (${p.side})`,
    summary: p.summary,
    finding: p.findingKey,
    proposed_by: p.proposedBy,
    proposed_at: p.proposedAt,
    decided_by: p.decidedBy,
    decided_at: p.decidedAt,
    note: p.decisionNote ?? p.staleReason,
    attempts: p.attempts,
    target_ids: p.targetIds ? JSON.parse(p.targetIds) : null,
    error: p.lastError,
    payload: JSON.parse(p.payload),
    diff: JSON.parse(p.diff),
  };
}

function renderTable(rows: ProposalRow[]): string {
  if (rows.length === 0) return 'no proposals\n';
  const lines = rows.map(
    (p) =>
      `${p.id}  ${p.status.padEnd(9)} ${p.companyId.padEnd(10)} ${p.operation.padEnd(27)} ${p.proposedBy.padEnd(12)} ${p.summary}`,
  );
  return `${lines.join('\n')}\n${rows.length} proposal(s)\n`;
}

/** Commands that act as a person: the person is whoever's token is in TIEOUT_TOKEN. */
const actorOptions = (c: Command) =>
  c.addHelpText('after', '\nActs as the user whose API token is in TIEOUT_TOKEN (their role applies).');

export function registerApprovalsCommands(program: Command): void {
  const approvals = program
    .command('approvals')
    .description('proposed writes to Procore and the books, waiting for an approver');

  approvals
    .command('list')
    .description('list proposals (default: pending and approved)')
    .option('--company <id>', 'only this company')
    .option('--status <list>', `${PROPOSAL_STATUSES.join(', ')} (comma-separated) or all`, 'pending,approved')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { company?: string; status: string; format: string }, cmd: Command) => {
      const statuses =
        opts.status === 'all' ? [...PROPOSAL_STATUSES] : opts.status.split(',').map((s) => s.trim());
      for (const s of statuses)
        if (!(PROPOSAL_STATUSES as readonly string[]).includes(s))
          throw new CliError(`unknown status "${s}"`);
      const { listProposals } = await import('../../store/approvals.ts');
      await withRuntime(cmd, 'approvals list', false, (r) => {
        if (opts.company) r.company(opts.company);
        const rows = listProposals(r.store.db, {
          companyId: opts.company,
          statuses: statuses as ProposalStatus[],
        });
        process.stdout.write(
          opts.format === 'json'
            ? `${JSON.stringify(rows.map(proposalRecord), null, 2)}\n`
            : renderTable(rows),
        );
      });
    });

  approvals
    .command('show <id>')
    .description('one proposal with its exact payload and diff')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const { getProposal } = await import('../../store/approvals.ts');
      await withRuntime(cmd, 'approvals show', false, (r) => {
        const p = getProposal(r.store.db, id);
        if (!p) throw new CliError(`no proposal ${id}`, 'not_found', 'proposal_not_found');
        process.stdout.write(`${JSON.stringify(proposalRecord(p), null, 2)}\n`);
      });
    });

  actorOptions(
    approvals
      .command('propose')
      .description('propose a write (payload from a JSON file: {operation, payload, diff, summary})')
      .requiredOption('--company <id>', 'company')
      .requiredOption('--file <json>', 'the proposal as JSON'),
  ).action(async (opts: { company: string; file: string }, cmd: Command) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(readFileSync(opts.file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new CliError(`${opts.file}: not a readable JSON proposal (${(e as Error).message})`);
    }
    const { proposeAsPerson } = await import('../../approvals/propose.ts');
    const { withSnapshot } = await import('../../reports/wip-inputs.ts');
    await withRuntime(cmd, 'approvals propose', true, async (r) => {
      r.company(opts.company);
      const { proposal } = await proposeAsPerson({
        ctx: {
          actor: await actorOf(r, 'propose'),
          store: r.store,
          readSnapshot: (snapshot, fn) => withSnapshot(r, snapshot, fn),
        },
        input: { ...body, companyId: opts.company } as never,
      });
      process.stdout.write(`${proposal.id}: ${proposal.status}\n`);
    });
  });

  actorOptions(
    approvals
      .command('approve <ids...>')
      .description('approve one or more pending proposals')
      .option('--note <text>', 'note'),
  ).action(async (ids: string[], opts: { note?: string }, cmd: Command) => {
    const { bulkApprove } = await import('../../approvals/decide.ts');
    await withRuntime(cmd, 'approvals approve', true, async (r) => {
      const results = bulkApprove({
        ctx: { actor: await actorOf(r, 'approve'), store: r.store },
        input: { proposalIds: ids, note: opts.note },
      });
      for (const o of results)
        process.stdout.write(
          o.ok ? `${o.proposalId}: approved\n` : `${o.proposalId}: refused: ${o.message}\n`,
        );
      if (results.some((o) => !o.ok))
        throw new CliError(`${results.filter((o) => !o.ok).length} proposal(s) not approved`, 'conflict');
    });
  });

  actorOptions(
    approvals
      .command('reject <id>')
      .description('reject a pending proposal')
      .requiredOption('--note <text>', 'why'),
  ).action(async (id: string, opts: { note: string }, cmd: Command) => {
    const { decide } = await import('../../approvals/decide.ts');
    await withRuntime(cmd, 'approvals reject', true, async (r) => {
      const p = decide({
        ctx: { actor: await actorOf(r, 'reject'), store: r.store },
        input: { proposalId: id, decision: 'reject', note: opts.note },
      });
      process.stdout.write(`${p.id}: ${p.status}\n`);
    });
  });

  actorOptions(
    approvals
      .command('execute')
      .description('write every approved proposal (or one) through its connector, exactly once')
      .option('--company <id>', 'only this company')
      .option('--id <proposal>', 'only this proposal'),
  ).action(async (opts: { company?: string; id?: string }, cmd: Command) => {
    const { executeApproved } = await import('../../approvals/executor.ts');
    const { connectorWriters } = await import('../../approvals/writers.ts');
    await withRuntime(cmd, 'approvals execute', true, async (r) => {
      const outcomes = await executeApproved({
        ctx: { actor: await actorOf(r, 'execute'), store: r.store },
        input: { companyId: opts.company, proposalId: opts.id },
        deps: { writerFor: connectorWriters(r), log: r.log },
      });
      for (const o of outcomes)
        process.stdout.write(
          `${o.proposalId}: ${o.status} (${o.result.status}${o.result.status === 'failed' ? `: ${o.result.error}` : ''})\n`,
        );
      if (outcomes.some((o) => o.status === 'failed'))
        throw new CliError(
          'some approved writes failed; see tieout approvals list --status failed',
          'upstream',
        );
    });
  });
}
