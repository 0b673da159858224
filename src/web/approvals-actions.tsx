/**
 * The approvals page's form posts: approve / reject with a note, bulk approve, write now. Each goes through
 * the approval engine with the signed-in user as the actor (the CSRF token was checked by the route guard),
 * then redirects to the proposal, or shows the queue with the bulk results.
 */
import type { Context } from 'hono';
import { viewerOf } from '../api/approvals.handlers.ts';
import type { ApiEnv } from '../api/context.ts';
import { principal } from '../api/scope.ts';
import { bulkApprove, decide } from '../approvals/decide.ts';
import { executeApproved } from '../approvals/executor.ts';
import { actorOf } from '../approvals/people.ts';
import { queueItem } from '../approvals/queue.ts';
import { connectorWriters } from '../approvals/writers.ts';
import { approvalsPage, url } from './approvals-page.tsx';

async function note(c: Context<ApiEnv>): Promise<string | undefined> {
  const form = await c.req.parseBody();
  return typeof form.note === 'string' ? form.note : undefined;
}

export async function decideFromPage(c: Context<ApiEnv>, decision: 'approve' | 'reject') {
  const id = c.req.param('approvalId')!;
  const store = c.get('runtime').store;
  queueItem(store.db, viewerOf(c), id);
  const text = await note(c);
  decide({
    ctx: { actor: actorOf(principal(c).user), store },
    input: { proposalId: id, decision, note: text },
  });
  return c.redirect(url(id), 303);
}

export async function bulkApproveFromPage(c: Context<ApiEnv>) {
  const store = c.get('runtime').store;
  const form = await c.req.parseBody({ all: true });
  const ids = ([] as unknown[]).concat(form.ids ?? []).filter((v): v is string => typeof v === 'string');
  const viewer = viewerOf(c);
  const visible = ids.filter((id) => {
    try {
      queueItem(store.db, viewer, id);
      return true;
    } catch {
      return false;
    }
  });
  const results = bulkApprove({
    ctx: { actor: actorOf(principal(c).user), store },
    input: { proposalIds: visible, note: typeof form.note === 'string' ? form.note : undefined },
  });
  return approvalsPage(c, results);
}

export async function executeFromPage(c: Context<ApiEnv>) {
  const id = c.req.param('approvalId')!;
  const runtime = c.get('runtime');
  queueItem(runtime.store.db, viewerOf(c), id);
  await executeApproved({
    ctx: { actor: actorOf(principal(c).user), store: runtime.store },
    input: { proposalId: id },
    deps: { writerFor: connectorWriters(runtime), log: c.get('log') },
  });
  return c.redirect(url(id), 303);
}
