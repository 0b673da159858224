/**
 * The approvals pages: the queue with each proposal's age (checkboxes for bulk approve), one proposal with
 * the diff it would make, its exact payload, the decisions and the executions with Procore's ids or error;
 * approve / reject with a note and execute-now as forms carrying the session’s CSRF token. Their posts are in
 * approvals-actions.tsx and go through the approval engine with the signed-in user as the actor, like the API.
 */

import type { Context } from 'hono';
import { viewerOf } from '../api/approvals.handlers.ts';
import type { ApiEnv } from '../api/context.ts';
import { principal } from '../api/scope.ts';
import { changeOf } from '../approvals/change.ts';
import type { BulkOutcome } from '../approvals/decide.ts';
import { actorOf } from '../approvals/people.ts';
import {
  ageDays,
  executions,
  history,
  listQueue,
  operationLabel,
  type QueueItem,
  queueItem,
} from '../approvals/queue.ts';
import { can } from '../roles.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../store/schema/approvals.ts';
import { Csrf, Layout } from './layout.tsx';

const WAITING: ProposalStatus[] = ['pending', 'approved', 'executing', 'failed'];
export const url = (id: string) => `/approvals/${encodeURIComponent(id)}`;

function StatusBadge(props: { status: string }) {
  const tone: Record<string, string> = {
    pending: 'warning',
    executing: 'warning',
    approved: 'ok',
    executed: 'ok',
    rejected: 'failed',
    stale: 'stale',
    failed: 'failed',
  };
  return <span class={`badge ${tone[props.status] ?? ''}`}>{props.status}</span>;
}

const age = (days: number) => (days === 0 ? 'today' : days === 1 ? '1 day' : `${days} days`);

function Results(props: { results: BulkOutcome[] }) {
  const refused = props.results.filter((r) => !r.ok);
  const approved = props.results.length - refused.length;
  return (
    <div class={refused.length ? 'error' : 'muted'} id="bulk-results">
      <p>{`${approved} approved${refused.length ? `, ${refused.length} refused:` : '.'}`}</p>
      {refused.length ? (
        <ul>
          {refused.map((r) => (
            <li>{`${r.proposalId}: ${r.ok ? '' : r.message}`}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function approvalsPage(c: Context<ApiEnv>, results?: BulkOutcome[]) {
  const p = principal(c);
  const company = c.req.query('company') || undefined;
  const status = c.req.query('status');
  const statuses = PROPOSAL_STATUSES.includes(status as ProposalStatus)
    ? [status as ProposalStatus]
    : WAITING;
  const items = listQueue(c.get('runtime').store.db, viewerOf(c), { companyId: company, statuses });
  const canDecide = can(p.user.role, 'approval.decide');
  const me = actorOf(p.user).id;
  return c.html(
    <Layout title="Approvals" principal={p}>
      <h1>Approvals</h1>
      <p class="muted">
        Writes tieout would make into Procore or the books. Nothing is written until an approver other than
        the proposer approves it.
      </p>
      {results ? <Results results={results} /> : null}
      <form method="get" class="inline">
        <select name="status" aria-label="status">
          <option value="">waiting (pending, approved, failed)</option>
          {PROPOSAL_STATUSES.map((s) => (
            <option value={s} selected={s === status}>
              {s}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </form>
      <form method="post" action="/approvals/bulk-approve" id="bulk">
        <Csrf principal={p} />
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{canDecide ? 'Pick' : ''}</th>
                <th>Status</th>
                <th class="num">Age</th>
                <th>Company</th>
                <th>Job</th>
                <th>Write</th>
                <th>Proposed by</th>
                <th>Target ids / error</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ proposal: a, finding }) => (
                <tr>
                  <td>
                    {canDecide && a.status === 'pending' && a.proposedBy !== me ? (
                      <input
                        type="checkbox"
                        name="ids"
                        value={a.id}
                        aria-label={`pick ${changeOf(a, finding).summary}`}
                      />
                    ) : null}
                  </td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td class="num">{age(ageDays(a))}</td>
                  <td>{a.companyId}</td>
                  <td>{finding?.jobNumber ?? ''}</td>
                  <td style="white-space:normal;min-width:20rem">
                    <a href={url(a.id)}>{changeOf(a, finding).summary}</a>
                    <div class="muted">{operationLabel(a.operation)}</div>
                    <details>
                      <summary>Exact payload</summary>
                      <pre>{JSON.stringify(JSON.parse(a.payload), null, 2)}</pre>
                    </details>
                  </td>
                  <td>{a.proposedBy}</td>
                  <td style="white-space:normal">
                    {a.targetIds ? (JSON.parse(a.targetIds) as string[]).join(', ') : (a.lastError ?? '')}
                  </td>
                </tr>
              ))}
              {items.length === 0 ? (
                <tr>
                  <td colspan={8} class="muted">
                    No proposed write waits here.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        {canDecide && items.some((i) => i.proposal.status === 'pending') ? (
          <p class="inline">
            <input name="note" placeholder="note (optional)" aria-label="bulk note" />{' '}
            <button type="submit">Approve selected</button>
          </p>
        ) : null}
      </form>
    </Layout>,
  );
}

function DecisionForms(props: { c: Context<ApiEnv>; item: QueueItem }) {
  const p = principal(props.c);
  const a = props.item.proposal;
  const forms = [];
  const mine = a.proposedBy === actorOf(p.user).id;
  if (a.status === 'pending' && mine) {
    forms.push(<span class="muted">You proposed this; another approver must decide it.</span>);
  } else if (a.status === 'pending' && can(p.user.role, 'approval.decide')) {
    forms.push(
      <form method="post" action={`${url(a.id)}/approve`} class="inline">
        <Csrf principal={p} />
        <input name="note" placeholder="note" aria-label="approve note" />
        <button type="submit">Approve</button>
      </form>,
      <form method="post" action={`${url(a.id)}/reject`} class="inline">
        <Csrf principal={p} />
        <input name="note" placeholder="why not" required aria-label="reject note" />
        <button type="submit" class="secondary">
          Reject
        </button>
      </form>,
    );
  }
  if ((a.status === 'approved' || a.status === 'failed') && can(p.user.role, 'approval.execute')) {
    forms.push(
      <form method="post" action={`${url(a.id)}/execute`} class="inline">
        <Csrf principal={p} />
        <button type="submit">{a.status === 'failed' ? 'Try the write again' : 'Write it now'}</button>
      </form>,
    );
  }
  return <p>{forms}</p>;
}

export function approvalPage(c: Context<ApiEnv>) {
  const db = c.get('runtime').store.db;
  const item = queueItem(db, viewerOf(c), c.req.param('approvalId')!);
  const a = item.proposal;
  const f = item.finding;
  // What the write changes, derived from its stored payload (never the proposer's words).
  const { summary, diff } = changeOf(a, f);
  const runs = executions(db, a.id);
  return c.html(
    <Layout title="Approval" principal={principal(c)}>
      <h1>{summary}</h1>
      <p class="muted">
        <StatusBadge status={a.status} /> · {operationLabel(a.operation)} · {a.system} ({a.side}) · proposed
        by {a.proposedBy} {age(ageDays(a))} ago
        {a.decidedBy ? ` · ${a.status === 'rejected' ? 'rejected' : 'approved'} by ${a.decidedBy}` : ''}
        {a.decisionNote ? `: “${a.decisionNote}”` : ''}
      </p>
      {a.staleReason ? <p class="error">Stale: {a.staleReason}</p> : null}
      {a.lastError ? (
        <p class="error">
          Last error from {a.system}: {a.lastError}
        </p>
      ) : null}
      {f ? (
        <p>
          Because of{' '}
          <a href={`/companies/${encodeURIComponent(a.companyId)}/findings/${encodeURIComponent(f.key)}`}>
            {f.check}
          </a>
          : {f.message}
        </p>
      ) : null}
      <DecisionForms c={c} item={item} />
      <h2>What it changes</h2>
      <table id="diff">
        <thead>
          <tr>
            <th>Field</th>
            <th>Now</th>
            <th>After the write</th>
          </tr>
        </thead>
        <tbody>
          {diff.map((d) => (
            <tr>
              <td>{d.field}</td>
              <td>{d.before ?? '—'}</td>
              <td>{d.after ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Exact payload</h2>
      <pre>{JSON.stringify(JSON.parse(a.payload), null, 2)}</pre>
      <h2>Executions</h2>
      {runs.length === 0 ? (
        <p class="muted">Not written yet.</p>
      ) : (
        <table id="executions">
          <thead>
            <tr>
              <th>Started</th>
              <th>Finished</th>
              <th>Outcome</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr>
                <td>{r.startedAt}</td>
                <td>{r.finishedAt ?? 'cut off (checked before the next write)'}</td>
                <td>{r.outcome ?? ''}</td>
                <td style="white-space:normal">{r.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {a.targetIds ? <p>Target ids: {(JSON.parse(a.targetIds) as string[]).join(', ')}</p> : null}
      <h2>History</h2>
      <ul>
        {history(db, a.id).map((h) => (
          <li>{`${h.at} · ${h.actor} · ${h.action}${h.note ? ` · ${h.note}` : ''}`}</li>
        ))}
      </ul>
    </Layout>,
  );
}
